import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Calling a server action the way a hostile client would: a POST with the `Next-Action` header and
 * the id Next gave the action in this build (the id ships in the client bundle, so it is no secret).
 */

const MANIFEST_PATH = path.join(import.meta.dirname, "..", "..", ".next", "server", "server-reference-manifest.json");

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The action id of `exportedName` exported from a file whose path contains `fileHint`. */
export function serverActionId(exportedName: string, fileHint: string): string {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST_PATH, "utf8")) as { node: Record<string, ManifestEntry> };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === exportedName && action.filename?.includes(fileHint),
  );
  if (!entry) throw new Error(`${exportedName} (${fileHint}) is not in the server reference manifest`);
  return entry[0];
}

/** The headers and body the React client sends for `action(input)`. */
export function serverActionRequest(
  actionId: string,
  input: unknown,
): { headers: Record<string, string>; data: string } {
  return {
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify([input]),
  };
}

export interface ServerActionAnswer {
  status: number;
  location: string | undefined;
  text: string;
}

/** Posts the action to `pagePath` without following redirects (a redirect is an answer too). */
export async function callServerAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  input: unknown,
): Promise<ServerActionAnswer> {
  const response = await request.post(pagePath, { ...serverActionRequest(actionId, input), maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location, text: await response.text() };
}
