/** The "demo is ready" box: where to go and how to log in. */
import { DEMO_LOGINS } from "@/sandbox/seed/demo-logins";

export interface DemoBannerInput {
  appUrl: string;
  /** null: the database was not seeded by the demo, so the logins do not exist. */
  logins: { password: string; doesPasswordMatch: boolean } | null;
  services: { name: string; url: string; note: string }[];
}

const ROLE_NOTES: Record<string, string> = {
  admin: "admin: everything, incl. settings and staff",
  operator: "operator: preview and sync",
  viewer: "viewer: read and preview",
  learner: 'a learner: must see "no access"',
};

export function formatDemoBanner(input: DemoBannerInput): string {
  const lines = ["Level Progress CRM Sync demo is ready", "", `Open  ${input.appUrl}`, ""];
  if (input.logins === null) {
    lines.push("No demo logins: this database was not seeded by the demo.");
  } else {
    lines.push(
      input.logins.doesPasswordMatch
        ? `Log in with password ${input.logins.password}:`
        : `Log in with the password used when this data was seeded (not DEMO_PASSWORD=${input.logins.password}):`,
    );
    for (const login of DEMO_LOGINS) lines.push(`  ${login.email.padEnd(20)} ${ROLE_NOTES[login.role]}`);
  }
  lines.push("");
  for (const service of input.services) lines.push(`${service.name.padEnd(9)} ${service.url}  ${service.note}`);
  lines.push("", "Ctrl-C stops everything; data stays in .data/ for the next run.");
  const width = Math.max(...lines.map((line) => line.length));
  const border = "─".repeat(width + 2);
  return [`┌${border}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${border}┘`].join("\n");
}
