import { afterEach, describe, expect, it, vi } from "vitest";
import { withCron } from "./with-cron";

const SECRET = "cron-secret-for-tests";

function request(authorization?: string): Request {
  return new Request("http://localhost/api/cron/sync", { headers: authorization ? { authorization } : {} });
}

describe("withCron", () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs the handler only with the right bearer secret", async () => {
    const handler = vi.fn(async () => Response.json({ ok: true }));
    const route = withCron(handler, { getSecret: () => SECRET });

    for (const header of [undefined, "Bearer wrong", `Bearer ${SECRET}-longer`, SECRET]) {
      const response = await route(request(header));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(await response.json()).toMatchObject({ ok: false, error: "unauthorized" });
    }
    expect(handler).not.toHaveBeenCalled();

    const response = await route(request(`Bearer ${SECRET}`));
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("answers 401 to everyone while CRON_SECRET is unset", async () => {
    const handler = vi.fn(async () => Response.json({ ok: true }));
    const route = withCron(handler, { getSecret: () => undefined });
    expect((await route(request("Bearer undefined"))).status).toBe(401);
    expect((await route(request("Bearer "))).status).toBe(401);
    expect(handler).not.toHaveBeenCalled();
  });

  it("turns an unexpected error into JSON with a reference, without the stack", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const route = withCron(
      async () => {
        throw new Error("database password is hunter2");
      },
      { getSecret: () => SECRET },
    );
    const response = await route(request(`Bearer ${SECRET}`));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { message: string };
    expect(body.message).toMatch(/reference [0-9a-f]{8}/);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(logged).toHaveBeenCalled();
  });
});
