/**
 * A level table's time_spent_seconds for summing, with the sync's rule (count values ≥ 0 that are
 * finite numbers) but without its numeric cast where the column is already an integer or numeric:
 * sum(int4) adds in int8, several times cheaper per row than numeric, and gives the same total.
 * NaN and ±Infinity only exist in numeric columns; they fail `<= max int8` and then the finite test.
 */
import type { NumericColumnKind } from "@/lib/db/levels/level-source";
import { quoteIdent } from "@/lib/db/quote-ident";
import { numericValue } from "../aggregate/source-expressions";

export function studySecondsColumn(
  alias: string,
  kind: NumericColumnKind | null,
): { value: string; isCounted: string } {
  if (kind === "numeric") {
    const column = `${alias}.${quoteIdent("time_spent_seconds")}`;
    return {
      value: column,
      isCounted: `${column} >= 0 and (${column} <= 9223372036854775807 or ${column}::numeric < 'Infinity'::numeric)`,
    };
  }
  const value = numericValue(alias, "time_spent_seconds", kind);
  return { value, isCounted: `${value} >= 0 and ${value} < 'Infinity'::numeric` };
}
