import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BEACON_HASH, BEACON_JS } from "../src/beacon/beacon.gen.ts";

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

  // Issue 19's budget for the visitor's beacon with SPA navigation, click tracking, dismiss and dataLayer exports.
  it("is a self-contained script within the 7 KB gzip budget", async () => {
    expect(BEACON_HASH).toMatch(/^[0-9a-f]{16}$/);
    expect(BEACON_JS).not.toMatch(/\bimport\s*[({"']|\brequire\(/);
    expect(await gzipSize(BEACON_JS)).toBeLessThanOrEqual(7 * 1024);
  });
});
