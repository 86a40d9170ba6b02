/** `npm run sync -- …` flags (docs/ARCHITECTURE.md, "Commands and the dry-run document"), parsed with node:util and validated with zod. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { levelNameSchema } from "@/lib/contracts/names";

export const SYNC_USAGE = `Usage: npm run sync -- [--dry-run] [--full] [--verify] [--levels a1,b1] [--limit N] [--json] [--out FILE]

  --dry-run         plan only: print the exact HubSpot batches, write nothing
  --full            send every learner, even when nothing changed since the last sync
  --verify          read the synced contacts back from HubSpot, list every difference from the
                    last confirmed values, and mark those learners for the next run (writes nothing to HubSpot)
  --levels a1,b1    only these enabled levels' properties (globals still cover all enabled levels)
  --limit N         process at most N learners
  --json            print exactly one JSON document on stdout (dry run: the plan; live: a summary)
  --out FILE        also write that JSON document to FILE
  --batch-size N    learners per database batch (default 500)

Exit codes: 0 done, 2 done with failed rows, 3 another sync is running, 1 anything else.`;

const argsSchema = z.object({
  "dry-run": z.boolean().default(false),
  full: z.boolean().default(false),
  verify: z.boolean().default(false),
  levels: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((level) => level.trim())
        .filter(Boolean),
    )
    .pipe(z.array(levelNameSchema).min(1, "--levels needs at least one level"))
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
        verify: { type: "boolean" },
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
  const { verify, levels, limit, full } = parsed.data;
  if (verify && (parsed.data["dry-run"] || full || levels || limit))
    throw new UsageError("--verify reads HubSpot back and takes only --json and --out");
  return parsed.data;
}
