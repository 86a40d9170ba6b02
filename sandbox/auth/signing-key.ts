/**
 * The ES256 signing key of the stand-in: what Supabase calls an asymmetric "JWT signing key".
 * Persisted as JSON when a key file is given so cookies issued before a restart of the demo
 * still verify afterwards; otherwise ephemeral (tests).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { z } from "zod";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as served by /.well-known/jwks.json. */
  publicJwk: JWK;
}

const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const keyFileSchema = z.object({
  kid: z.string().min(1),
  alg: z.literal("ES256"),
  privateJwk: z.object({ kty: z.literal("EC"), crv: z.literal("P-256"), x: b64url, y: b64url, d: b64url }),
  createdAt: z.string(),
});
type KeyFile = z.infer<typeof keyFileSchema>;

export class SigningKeyFileError extends Error {
  constructor(keyFile: string, reason: string) {
    super(
      `Auth stand-in key file ${keyFile} is unusable (${reason}); delete it to generate a new key (signs everyone out).`,
    );
    this.name = "SigningKeyFileError";
  }
}

async function generateKeyFile(): Promise<KeyFile> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  return keyFileSchema.parse({
    kid: randomUUID(),
    alg: "ES256",
    privateJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d },
    createdAt: new Date().toISOString(),
  });
}

async function readKeyFile(keyFile: string): Promise<KeyFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(keyFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SigningKeyFileError(keyFile, "not JSON");
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success)
    throw new SigningKeyFileError(keyFile, parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}

/**
 * Two processes may start at once (demo + a test run sharing a key file): the key is written to
 * a temp file and hard-linked into place, which fails if another process won, whose key we read.
 */
async function persistKeyFile(keyFile: string, data: KeyFile): Promise<KeyFile> {
  await fs.mkdir(path.dirname(keyFile), { recursive: true });
  const temp = `${keyFile}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  try {
    await fs.link(temp, keyFile);
    return data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const winner = await readKeyFile(keyFile);
    if (!winner) throw new SigningKeyFileError(keyFile, "vanished while being created");
    return winner;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function toSigningKey(data: KeyFile): Promise<SigningKey> {
  const { d: _private, ...publicPart } = data.privateJwk;
  const publicJwk: JWK = { ...publicPart, kid: data.kid, alg: "ES256", use: "sig", key_ops: ["verify"], ext: true };
  const privateKey = (await importJWK(data.privateJwk, "ES256")) as CryptoKey;
  const publicKey = (await importJWK(publicPart, "ES256")) as CryptoKey;
  return { kid: data.kid, privateKey, publicKey, publicJwk };
}

export async function loadOrCreateSigningKey(keyFile?: string): Promise<SigningKey> {
  if (!keyFile) return toSigningKey(await generateKeyFile());
  const existing = await readKeyFile(keyFile);
  return toSigningKey(existing ?? (await persistKeyFile(keyFile, await generateKeyFile())));
}
