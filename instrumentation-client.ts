/**
 * Next runs this file in the browser before the app's code (hydration, client components): the place
 * for settings that must precede every module that builds a zod schema.
 */
import "@/lib/zod-client-config";
