import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BEACON_HASH, BEACON_JS, NUDGES_HASH, NUDGES_JS } from "../src/beacon/beacon.gen.ts";

const URL_BASE = "https://shop.example/__waymark/beacon.js";

async function gzipSize(text: string): Promise<number> {
  const stream = new Response(text).body!.pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe("GET /__waymark/beacon.js", () => {
  it("serves the built script as JavaScript, immutable for a year when ?v= is the current hash", async () => {
    const res = await SELF.fetch(`${URL_BASE}?v=${BEACON_HASH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("etag")).toBe(`"${BEACON_HASH}"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe(BEACON_JS);
  });

  it.each(["", "?v=0000000000000000", "?v="])("caches only briefly without the current hash (%s)", async (q) => {
    const res = await SELF.fetch(URL_BASE + q);
    expect(res.status).toBe(200);
    const cc = res.headers.get("cache-control")!;
    expect(cc).not.toContain("immutable");
    expect(Number(/max-age=(\d+)/.exec(cc)![1])).toBeLessThanOrEqual(3600);
    await res.arrayBuffer();
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const res = await SELF.fetch(URL_BASE, { headers: { "if-none-match": `W/"${BEACON_HASH}"` } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    const miss = await SELF.fetch(URL_BASE, { headers: { "if-none-match": '"other"' } });
    expect(miss.status).toBe(200);
    await miss.arrayBuffer();
  });

  // Issue 19's budget for the visitor's beacon with SPA navigation, click tracking, dismiss and dataLayer exports;
  // issue 17 added the site's dataLayer / Segment events and consent frameworks within it.
  it("is a self-contained script within the 7 KB gzip budget", async () => {
    expect(BEACON_HASH).toMatch(/^[0-9a-f]{16}$/);
    expect(BEACON_JS).not.toMatch(/\brequire\(/);
    // Its one import: the nudge module, by its versioned URL, with a page's first nudge (issue 17).
    expect(BEACON_JS.match(/\bimport\s*[({"']/g)).toEqual(["import("]);
    expect(BEACON_JS).toContain(`"/__waymark/nudges.js?v=${NUDGES_HASH}"`);
    expect(await gzipSize(BEACON_JS)).toBeLessThanOrEqual(7 * 1024);
  });
});

describe("GET /__waymark/nudges.js", () => {
  it("serves the nudge module the beacon imports, immutable for a year at its hash", async () => {
    const res = await SELF.fetch(`https://shop.example/__waymark/nudges.js?v=${NUDGES_HASH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toBe(NUDGES_JS);
    // An ES module exporting createNudges, with nothing else to fetch.
    expect(NUDGES_JS).toMatch(/\bexport\s*\{[^}]*\bcreateNudges\b/);
    expect(NUDGES_JS).not.toMatch(/\bimport\s*[({"']|\brequire\(/);
  });
});
