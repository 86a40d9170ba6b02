/** The demo logins listed in the README. Only the demo seed creates them; never a real project. */
export const DEFAULT_DEMO_PASSWORD = "demo1234";

export const DEMO_LOGINS = [
  { email: "admin@demo.test", role: "admin", fullName: "Ada Admin" },
  { email: "operator@demo.test", role: "operator", fullName: "Otto Operator" },
  { email: "viewer@demo.test", role: "viewer", fullName: "Vera Viewer" },
  // A learner with progress rows who must NOT get into the dashboard.
  { email: "learner@demo.test", role: "learner", fullName: "Lena Learner" },
] as const;

export type DemoLogin = (typeof DEMO_LOGINS)[number];

/** DEMO_PASSWORD when set, else the documented default. */
export function demoPassword(env: Record<string, string | undefined> = process.env): string {
  return env.DEMO_PASSWORD?.trim() || DEFAULT_DEMO_PASSWORD;
}
