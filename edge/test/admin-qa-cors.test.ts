import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { QaResult } from "@waymark/shared/schemas/qa.ts";
import worker from "../src/index.ts";
import { api } from "./support/admin-api.ts";

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

describe("QA results", () => {
  it("records a verdict with the token label and lists it per journey, newest first", async () => {
    const first = await api("POST", "/qa", {
      journey: "abandoned-cart",
      stage: "abandoned",
      branch: "discount",
      status: "pass",
    });
    expect(first.status).toBe(201);
    expect(QaResult.safeParse(first.body).success).toBe(true);
    expect(first.body).toMatchObject({ by: "admin", note: "", version: "draft", status: "pass" });
    const second = await api("POST", "/qa", {
      journey: "abandoned-cart",
      stage: "abandoned",
      branch: "reminder",
      status: "fail",
      note: "banner overlaps the header",
      version: 1,
      screenshot: PNG,
    });
    expect(second.status).toBe(201);
    await api("POST", "/qa", { journey: "welcome-back", stage: "returning", branch: "default", status: "pass" });

    const list = await api("GET", "/qa?journey=abandoned-cart");
    expect(list.status).toBe(200);
    expect(list.body.results.map((r: QaResult) => r.branch)).toEqual(["reminder", "discount"]);
    expect(list.body.results[0]).toMatchObject({ status: "fail", screenshot: PNG, version: 1 });
    expect((await api("GET", "/qa")).body.results).toHaveLength(3);
    const log = await api("GET", "/audit?limit=1");
    expect(log.body.entries[0]).toMatchObject({ action: "qa.record", target: "welcome-back", actor: "admin" });
  });

  it("accepts a screenshot larger than the default body limit, and refuses bad input with paths", async () => {
    const big = "data:image/jpeg;base64," + "A".repeat(300_000);
    const r = await api("POST", "/qa", { journey: "j", stage: "s", branch: "b", status: "pass", screenshot: big });
    expect(r.status).toBe(201);
    const bad = await api("POST", "/qa", { journey: "j", stage: "s", branch: "b", status: "maybe" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["status"]);
    const notImage = await api("POST", "/qa", {
      journey: "j",
      stage: "s",
      branch: "b",
      status: "pass",
      screenshot: "data:text/html,<b>",
    });
    expect(notImage.body.issues[0].path).toEqual(["screenshot"]);
    const tooBig = await api("POST", "/qa", {
      journey: "j",
      stage: "s",
      branch: "b",
      status: "pass",
      screenshot: "A".repeat(600_000),
    });
    expect(tooBig.status).toBe(413);
  });
});

describe("CORS", () => {
  async function withOrigins(request: Request): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      request as Request<unknown, IncomingRequestCfProperties>,
      { ...env, ALLOWED_ORIGINS: "https://admin.example, https://ops.example/" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return res;
  }

  it.each([
    ["https://admin.example", true],
    ["https://ops.example", true],
    ["chrome-extension://abcdefghijklmnopabcdefghijklmnop", true],
    ["moz-extension://0b7e6c3e-8d1c-4b8a-9b7e-2f3c4d5e6f70", true],
    ["https://evil.example", false],
    ["https://admin.example.evil.example", false],
    ["null", false],
  ])("answers a preflight from %s (allowed: %s)", async (origin, allowed) => {
    const r = await withOrigins(
      new Request("https://shop.example/__waymark/api/journeys", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "authorization" },
      }),
    );
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe(allowed ? origin : null);
    if (allowed) {
      expect(r.headers.get("access-control-allow-methods")).toContain("PUT");
      expect(r.headers.get("access-control-allow-headers")).toContain("authorization");
    }
  });

  it("adds CORS headers to answers and errors for allowed origins only", async () => {
    const ok = await api("GET", "/versions", undefined, {
      headers: { origin: "https://admin.example" },
      fetcher: withOrigins,
    });
    expect(ok.status).toBe(200);
    expect(ok.res.headers.get("access-control-allow-origin")).toBe("https://admin.example");
    expect(ok.res.headers.get("access-control-allow-credentials")).toBeNull();
    const denied = await api("GET", "/versions", undefined, {
      token: null,
      headers: { origin: "https://admin.example" },
      fetcher: withOrigins,
    });
    expect(denied.status).toBe(401);
    expect(denied.res.headers.get("access-control-allow-origin")).toBe("https://admin.example");
    const evil = await api("GET", "/versions", undefined, {
      headers: { origin: "https://evil.example" },
      fetcher: withOrigins,
    });
    expect(evil.res.headers.get("access-control-allow-origin")).toBeNull();
    const none = await api("GET", "/versions", undefined, { headers: { origin: "https://admin.example" } });
    expect(none.res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
