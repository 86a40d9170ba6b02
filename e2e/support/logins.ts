import path from "node:path";
import { DEMO_LOGINS, demoPassword } from "../../sandbox/seed/demo-logins";

export type LoginName = "admin" | "operator" | "viewer" | "learner";

export function loginFor(name: LoginName): { email: string; password: string } {
  const login = DEMO_LOGINS.find((candidate) => candidate.email.startsWith(`${name}@`));
  if (!login) throw new Error(`No demo login for ${name}`);
  return { email: login.email, password: demoPassword() };
}

/** Storage state written by the setup project (gitignored). */
export function storageStateFor(name: LoginName): string {
  return path.join(import.meta.dirname, "..", ".auth", `${name}.json`);
}
