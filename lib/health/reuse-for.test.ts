import { describe, expect, it } from "vitest";
import { reuseFor } from "./reuse-for";

describe("reuseFor", () => {
  it("shares one result within the time to live", async () => {
    let calls = 0;
    const load = reuseFor(60 * 60_000, async () => ++calls);
    expect(await Promise.all([load(), load(), load()])).toEqual([1, 1, 1]);
    expect(await load()).toBe(1);
    expect(calls).toBe(1);
  });

  it("loads again when nothing may be reused", async () => {
    let calls = 0;
    const load = reuseFor(0, async () => ++calls);
    await load();
    await load();
    expect(calls).toBe(2);
  });

  it("does not keep a failure", async () => {
    let calls = 0;
    const load = reuseFor(60 * 60_000, async () => {
      calls += 1;
      if (calls === 1) throw new Error("first call fails");
      return calls;
    });
    await expect(load()).rejects.toThrow("first call fails");
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
  });
});
