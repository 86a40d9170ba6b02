/**
 * `npm run staff -- add EMAIL ROLE | remove EMAIL | list [--json]`: manage who may use the
 * dashboard. Works on DATABASE_URL, or the local embedded Postgres when it is unset.
 * Exit codes: 0 ok, 1 the change failed (one-line reason on stderr), 2 bad arguments (usage).
 */
import os from "node:os";
import pg from "pg";
import { addStaff, listStaff, removeStaff, STAFF_ROLES, type StaffActor, type StaffChange } from "@/lib/staff";
import { formatCliError } from "@/scripts/lib/format-cli-error";
import { resolveDatabaseUrl } from "@/scripts/lib/local-stack";

const USAGE = `Usage: npm run staff -- <command>

  add EMAIL ROLE   give an existing user (auth.users) a role: ${STAFF_ROLES.join(" | ")}
                   (changes the role if they are staff already)
  remove EMAIL     take away dashboard access (the user account stays)
  list [--json]    show all staff

The last admin cannot be removed or demoted. Uses DATABASE_URL, or the local demo database.`;

type Command =
  { kind: "add"; email: string; role: string } | { kind: "remove"; email: string } | { kind: "list"; isJson: boolean };

function parseArgs(args: string[]): Command | null {
  const [name, ...rest] = args;
  if (name === "add" && rest.length === 2) return { kind: "add", email: rest[0]!, role: rest[1]! };
  if (name === "remove" && rest.length === 1) return { kind: "remove", email: rest[0]! };
  if (name === "list" && (rest.length === 0 || (rest.length === 1 && rest[0] === "--json")))
    return { kind: "list", isJson: rest.length === 1 };
  return null;
}

function describeChange(result: StaffChange): string {
  const { member } = result;
  switch (result.change) {
    case "added":
      return `Added ${member.email} as ${member.role}.`;
    case "role_changed":
      return `Changed ${member.email} from ${result.previousRole} to ${member.role}.`;
    case "unchanged":
      return `${member.email} is already ${member.role}; nothing changed.`;
    case "removed":
      return `Removed ${member.email} (was ${result.previousRole}).`;
  }
}

async function run(command: Command): Promise<void> {
  const actor: StaffActor = { label: `cli:${os.userInfo().username}` };
  const database = await resolveDatabaseUrl();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  // A connection still closing when Postgres stops reports "terminating connection"; without a
  // listener that would crash the process after the work is done.
  pool.on("error", () => {});
  try {
    if (command.kind === "list") {
      const staff = await listStaff(pool);
      if (command.isJson) console.log(JSON.stringify(staff, null, 2));
      else if (staff.length === 0) console.log("No staff yet. Add the first admin: npm run staff -- add EMAIL admin");
      else for (const member of staff) console.log(`${member.role.padEnd(8)}  ${member.email}`);
    } else if (command.kind === "add") {
      console.log(describeChange(await addStaff(pool, actor, { email: command.email, role: command.role })));
    } else {
      console.log(describeChange(await removeStaff(pool, actor, command.email)));
    }
  } finally {
    await pool.end();
    await database.stop();
  }
}

const command = parseArgs(process.argv.slice(2));
if (!command) {
  console.error(USAGE);
  process.exit(2);
}
run(command).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`staff: ${formatCliError(error)}`);
    process.exit(1);
  },
);
