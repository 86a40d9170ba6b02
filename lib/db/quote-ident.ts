/**
 * The only way identifiers (schema, table, column names found by discovery) reach SQL text.
 * Values always travel as bind parameters; identifiers cannot, so they are validated and quoted here.
 */

export class UnsafeIdentifierError extends Error {
  constructor(
    readonly identifier: string,
    reason: string,
  ) {
    super(`Refusing to use ${JSON.stringify(identifier)} as an SQL identifier: ${reason}`);
    this.name = "UnsafeIdentifierError";
  }
}

// Postgres truncates identifiers to NAMEDATALEN - 1 = 63 bytes; a longer name would silently point elsewhere.
const MAX_IDENTIFIER_BYTES = 63;

export function quoteIdent(identifier: string): string {
  if (identifier.length === 0) throw new UnsafeIdentifierError(identifier, "it is empty");
  if (identifier.includes("\0")) throw new UnsafeIdentifierError(identifier, "it contains a NUL character");
  if (Buffer.byteLength(identifier, "utf8") > MAX_IDENTIFIER_BYTES) {
    throw new UnsafeIdentifierError(identifier, `it is longer than ${MAX_IDENTIFIER_BYTES} bytes`);
  }
  return `"${identifier.replaceAll('"', '""')}"`;
}

export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
