import { describe, expect, it } from "vitest";
import { api } from "./support/admin-api.ts";
import { ORIGIN, viaWorker } from "./support/edge.ts";

// POST /__waymark/api/selector-test, through the Worker to the real Node origin (edge/test/support/origin-server.mjs).
const test = (body: unknown, token?: string | null) =>
  api("POST", "/selector-test", body, { fetcher: (r) => viaWorker(r), ...(token !== undefined ? { token } : {}) });

describe("selector test on a page", () => {
  it("counts the matches of the origin's page with the edge's HTMLRewriter", async () => {
    expect((await test({ url: "/html/basic", selector: "#top, #title, #main" })).body).toEqual({
      supported: true,
      matches: 3,
      status: 200,
    });
    expect((await test({ url: "/html/basic", selector: ".nothing-here" })).body).toMatchObject({ matches: 0 });
  });

  it("takes a URL on the site's host or on the origin's", async () => {
    for (const url of ["https://shop.example/html/basic", `${ORIGIN}/html/basic?x=1`]) {
      const res = await test({ url, selector: "h1" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ supported: true, matches: 1 });
    }
  });

  it("says which part of an unsupported selector the edge cannot run, without fetching", async () => {
    const res = await test({ url: "/html/basic", selector: "h1 + p" });
    expect(res.status).toBe(200);
    expect(res.body.supported).toBe(false);
    expect(res.body.matches).toBeNull();
    expect(res.body.message).toContain('"+"');
  });

  it("reports a page that is not a 200 HTML page instead of counting", async () => {
    const res = await test({ url: "/definitely-missing-page", selector: "h1" });
    expect(res.status).toBe(200);
    expect(res.body.matches).toBeNull();
    expect(res.body.status).not.toBe(200);
  });

  it.each(["https://evil.example/html/basic", "//evil.example/x", "javascript:alert(1)", "/\t/evil.example"])(
    "refuses %s with 400 at url",
    async (url) => {
      const res = await test({ url, selector: "h1" });
      expect(res.status).toBe(400);
      expect(res.body.issues).toContainEqual(expect.objectContaining({ path: ["url"] }));
    },
  );

  it("refuses a bad body with 400 and needs the admin token", async () => {
    expect((await test({ url: "/html/basic" })).status).toBe(400);
    expect((await test({ url: "/html/basic", selector: "h1" }, null)).status).toBe(401);
  });
});
