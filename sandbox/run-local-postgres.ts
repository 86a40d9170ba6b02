/**
 * Child-process entry that runs the local embedded Postgres (spawned by spawn-local-postgres.ts).
 * Why a separate process: it gets its own process group, so a Ctrl-C in the demo's terminal
 * does not reach Postgres and the demo can stop it last, after the app and the stand-ins.
 * Stops on SIGTERM/SIGINT, and when the parent dies (the IPC channel disconnects).
 */
import { z } from "zod";
import { startEmbeddedPostgres } from "./postgres";

const env = z
  .object({
    LOCAL_POSTGRES_PORT: z.coerce.number().int().min(1).max(65_535),
    LOCAL_POSTGRES_DATA_DIR: z.string().min(1),
  })
  .parse(process.env);

type HelperMessage = { type: "ready"; url: string } | { type: "failed"; message: string };
const send = (message: HelperMessage) => process.send?.(message);

try {
  const postgres = await startEmbeddedPostgres({
    dataDir: env.LOCAL_POSTGRES_DATA_DIR,
    port: env.LOCAL_POSTGRES_PORT,
    log: (line) => {
      if (line) console.log(line);
    },
  });
  let isStopping = false;
  const stop = () => {
    if (isStopping) return;
    isStopping = true;
    postgres.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`stopping Postgres failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.on("disconnect", stop);
  send({ type: "ready", url: postgres.url });
} catch (error) {
  send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
