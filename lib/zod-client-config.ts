/**
 * zod settings for code that runs in the browser. zod 4 compiles object parsers with `new Function`
 * and, the first time an object schema is built, probes whether that is allowed. The CSP forbids eval
 * (no 'unsafe-eval' in production), so the browser reports the probe as a violation even though zod
 * falls back quietly. `jitless` skips the probe and the compiler. It only affects schemas built after
 * it runs, which is why instrumentation-client.ts (run by Next before the app's own client code)
 * imports this module instead of a component.
 */
import { z } from "zod";

z.config({ jitless: true });
