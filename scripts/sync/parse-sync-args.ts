/** `npm run sync -- …` flags (DESIGN §8), parsed with node:util and validated with zod. */
import { parseArgs } from "node:util";
import { z } from "zod";

export const SYNC_USAGE = `Usage: npm run sync -- [--dry-run] [--full] [--levels a1,b1] [--limit N] [--json] [--out FILE]

  --dry-run         plan only: print the exact HubSpot batches, write nothing
  --full            send every learner, even when nothing changed since the last sync
  --levels a1,b1    only these enabled levels' properties (globals still cover all enabled levels)
  --limit N         process at most N learners
  --json            print exactly one JSON document on stdout (dry run: the plan; live: a summary)
  --out FILE        also write that JSON document to FILE
  --batch-size N    learners per database batch (default 500)

Exit codes: 0 done, 2 done with failed rows, 3 another sync is running, 1 anything else.`;

const LEVEL = /^[a-z][a-z0-9_]{0,30}$/;

const argsSchema = z.object({
  "dry-run": z.boolean().default(false),
  full: z.boolean().default(false),
  levels: z
    .string()
    .transform((value) => value.split(",").map((level) => level.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(LEVEL, "level keys look like a1 or pre_a1")).min(1, "--levels needs at least one level"))
    .optional(),
  limit: z.coerce.number().int().positive("--limit must be a positive integer").optional(),
  json: z.boolean().default(false),
  out: z.string().min(1).optional(),
  "batch-size": z.coerce.number().int().min(1).max(5000).optional(),
});

export type SyncArgs = z.infer<typeof argsSchema>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseSyncArgs(argv: string[]): SyncArgs {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "dry-run": { type: "boolean" },
        full: { type: "boolean" },
        levels: { type: "string" },
        limit: { type: "string" },
        json: { type: "boolean" },
        out: { type: "string" },
        "batch-size": { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}
