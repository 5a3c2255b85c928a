import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serveDashboard, type AssetFetcher } from "../src/routes/dashboard.ts";

const INDEX = '<!doctype html><script type="module" src="/__waymark/dashboard/assets/index-AbC123xy.js"></script>';

/** A stand-in for env.ASSETS holding a built dashboard (or nothing, when `files` is empty). */
function fakeAssets(files: Record<string, string>): AssetFetcher & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      seen.push(pathname);
      const key = pathname.endsWith("/") ? pathname + "index.html" : pathname;
      const body = files[key];
      if (body === undefined) return new Response("not found", { status: 404 });
      const type = key.endsWith(".html") ? "text/html" : key.endsWith(".js") ? "text/javascript" : "text/css";
      return new Response(body, { headers: { "content-type": type, etag: '"x"' } });
    },
  };
}

const built = () =>
  fakeAssets({
    "/__waymark/dashboard/index.html": INDEX,
    "/__waymark/dashboard/assets/index-AbC123xy.js": "console.log(1)",
  });
const get = (path: string, assets: AssetFetcher, method = "GET") =>
  serveDashboard(new Request(`https://shop.example${path}`, { method }), assets);

describe("dashboard route", () => {
  it("redirects /__waymark/dashboard to the trailing-slash URL, keeping the query", async () => {
    const res = await get("/__waymark/dashboard?x=1", built());
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/__waymark/dashboard/?x=1");
  });

  it("serves index.html with a CSP that allows no inline script, DENY framing and no caching", async () => {
    const res = await get("/__waymark/dashboard/", built());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    "/__waymark/dashboard/journeys/abandoned-cart",
    "/__waymark/dashboard/publish",
    "/__waymark/dashboard/journeys/x/map",
  ])("answers the client-side route %s with index.html (SPA fallback), not cached", async (path) => {
    const res = await get(path, built());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toBeTruthy();
  });

  it("caches hashed assets for a year, immutable", async () => {
    const res = await get("/__waymark/dashboard/assets/index-AbC123xy.js", built());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("etag")).toBe('"x"');
  });

  it("answers a missing file with 404, never with index.html", async () => {
    const assets = built();
    const res = await get("/__waymark/dashboard/assets/index-Missing1.js", assets);
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(assets.seen).toEqual(["/__waymark/dashboard/assets/index-Missing1.js"]);
  });

  it("says the dashboard is not built (503 JSON) instead of a bare 404 when there is no index.html", async () => {
    const res = await get("/__waymark/dashboard/", fakeAssets({}));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/not built/);
  });

  it("answers HEAD like GET", async () => {
    const res = await get("/__waymark/dashboard/journeys", built(), "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("is wired into the Worker: the bare path redirects, other methods are refused", async () => {
    const res = await SELF.fetch("https://shop.example/__waymark/dashboard", { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/__waymark/dashboard/");
    const post = await SELF.fetch("https://shop.example/__waymark/dashboard/", { method: "POST" });
    expect(post.status).toBe(404);
  });
});
