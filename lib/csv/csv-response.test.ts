import { describe, expect, it } from "vitest";
import { csvFileName, csvResponse } from "./csv-response";

async function* rowsOf(rows: (string | number)[][]) {
  for (const row of rows) yield row;
}

describe("csvResponse", () => {
  it("streams a BOM, the header and every row as an attachment named with the date", async () => {
    const response = csvResponse(
      csvFileName("levels-kpis", new Date("2026-03-09T23:59:00Z")),
      ["level", "started"],
      rowsOf([
        ["a1", 10],
        ["b2", 3],
      ]),
    );
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="levels-kpis-2026-03-09.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The UTF-8 byte order mark first (text() would silently drop it), then the records.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("level,started\r\na1,10\r\nb2,3\r\n");
  });

  it("fails the download when reading the rows fails, rather than ending it as if complete", async () => {
    async function* failing() {
      yield ["a1", 1];
      throw new Error("database gone");
    }
    const response = csvResponse("x.csv", ["level", "n"], failing());
    await expect(response.text()).rejects.toThrow("database gone");
  });

  it("keeps the file name to safe characters", () => {
    expect(csvResponse('run "7"; x.csv', ["a"], rowsOf([])).headers.get("content-disposition")).toBe(
      'attachment; filename="run__7___x.csv"',
    );
  });
});
