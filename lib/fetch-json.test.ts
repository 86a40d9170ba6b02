import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { fetchJson, FetchJsonError } from "./fetch-json";

const schema = z.object({ count: z.number() });

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchJson", () => {
  it("returns the parsed body of a 2xx answer", async () => {
    answer(200, { count: 3, extra: true });
    expect(await fetchJson("/api/x", schema)).toEqual({ count: 3 });
  });

  it("explains an ended session and a missing staff role", async () => {
    answer(401, { error: "unauthenticated" });
    await expect(fetchJson("/api/x", schema)).rejects.toThrow("Your session has ended");
    answer(403, { error: "forbidden" });
    await expect(fetchJson("/api/x", schema)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("not a staff member"),
    });
  });

  it("shows the route's own message of a failure, else its status", async () => {
    answer(500, { error: "failed", message: "The KPIs could not be computed." });
    await expect(fetchJson("/api/kpis", schema)).rejects.toThrow("The KPIs could not be computed.");
    answer(502, "<html>bad gateway</html>");
    await expect(fetchJson("/api/kpis", schema)).rejects.toThrow("/api/kpis answered HTTP 502.");
  });

  it("reads an accepted non-2xx status as an answer", async () => {
    answer(503, { count: 0 });
    expect(await fetchJson("/api/health", schema, { acceptStatuses: [503] })).toEqual({ count: 0 });
  });

  it("refuses an answer that does not match the schema", async () => {
    answer(200, { count: "3" });
    const failure = fetchJson("/api/x", schema);
    await expect(failure).rejects.toBeInstanceOf(FetchJsonError);
    await expect(failure).rejects.toThrow("does not understand");
  });
});
