// The real-page corpus (../shared/fixtures/real-pages from the repository root: shop templates, docs generators,
// legacy and quirky markup, a 525 KB page) through the Worker from a real origin, plain, gzip, brotli and in small
// chunks: the rewritten page must be byte-identical to the origin's outside what the edge inserted, with the banner
// inside the real <body>. The corpus is not part of the repository: CI has it; in a plain clone this file is
// skipped with a one-line notice.
import { beforeAll, describe, expect, it } from "vitest";
import type { AppliedAction, PageManifest } from "@waymark/shared";
import { rewritePage } from "../src/rewrite/rewrite-page.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";
import {
  getMisbehaving,
  HAS_REAL_PAGES,
  originBytes,
  REAL_PAGES,
  REAL_PAGES_ON_DISK,
  stripWaymark,
} from "./support/misbehaving-origin-client.ts";

if (!HAS_REAL_PAGES)
  console.warn("skipped: the real-page corpus ../shared/fixtures/real-pages (from the repository root) is absent");

const BANNER = '<div id="wm-corpus-banner">Hello &amp; welcome</div>';
const LATIN1 = "10-legacy-uppercase-latin1-charset.html";
const UTF8_PAGES = REAL_PAGES.filter((p) => p !== LATIN1);
const SMALL_PAGES = UTF8_PAGES.filter((p) => !p.startsWith("21-"));

beforeAll(async () => {
  if (!HAS_REAL_PAGES) return;
  await publishJourneys([bannerJourney("corpus-banner", BANNER)]);
});

// fatal: an invalid UTF-8 sequence in the output (a split multi-byte character) fails the test.
const utf8 = (b: Uint8Array) => new TextDecoder("utf-8", { fatal: true } as TextDecoderConstructorOptions).decode(b);

/** The banner must follow the start tag of the real <body>, outside any comment. */
function expectBannerInRealBody(html: string) {
  const at = html.indexOf("<waymark-slot ");
  expect(at).toBeGreaterThan(0);
  const before = html
    .slice(0, at)
    .replace(/<script type="application\/json" id="__waymark">.*?<\/script><script async src="[^"]*"><\/script>$/s, "");
  expect(before).toMatch(/<body\b[^>]*>$/i);
  const open = before.lastIndexOf("<!--");
  if (open >= 0) expect(before.lastIndexOf("-->")).toBeGreaterThan(open);
  expect(html.slice(at)).toContain(BANNER);
}

describe.skipIf(!HAS_REAL_PAGES)("the corpus on disk", () => {
  it("is the list of pages these tests name", () => {
    expect(REAL_PAGES_ON_DISK).toEqual([...REAL_PAGES]);
  });
});

describe.skipIf(!HAS_REAL_PAGES)("every real page, as the origin sends it", () => {
  it.each(UTF8_PAGES)("%s: personalized, nothing else changed", async (name) => {
    const res = await getMisbehaving(`/fixture/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-waymark")).toBe("personalized");
    const html = utf8(new Uint8Array(await res.arrayBuffer()));
    const original = utf8(await originBytes(`/fixture/${name}`));
    expect(stripWaymark(html)).toBe(original);
    expect(html).toContain('id="__waymark"');
    expectBannerInRealBody(html);
    // Exactly one banner and one beacon, whatever the page's quirks.
    expect(html.split("<waymark-slot ").length).toBe(2);
    expect(html.split("/__waymark/beacon.js").length).toBe(2);
    // Nothing lost after the body (scripts after </body>, missing end tags, no trailing newline).
    expect(html.endsWith(original.slice(-40))).toBe(true);
  });

  it("keeps the latin1 page's raw bytes when it declares iso-8859-1 (passed through, not re-encoded)", async () => {
    const res = await getMisbehaving(`/fixture/${LATIN1}`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes).toEqual(await originBytes(`/fixture/${LATIN1}`));
    expect(bytes.includes(0xea)).toBe(true);
    expect(res.headers.get("content-type")).toBe("text/html; charset=iso-8859-1");
  });

  it("keeps the latin1 page's raw bytes when the origin sends no charset (the <meta> declares it)", async () => {
    const res = await getMisbehaving(`/fixture/${LATIN1}?charset=none`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const original = await originBytes(`/fixture/${LATIN1}`);
    // Compare as latin1 text (one char per byte): the raw 0xEA / 0xF1 bytes must survive, no U+FFFD, no BOM.
    const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");
    expect(stripWaymark(latin1(bytes))).toBe(latin1(original));
    expect(bytes.includes(0xea)).toBe(true);
    expect(bytes[0]).not.toBe(0xef);
  });
});

describe.skipIf(!HAS_REAL_PAGES)("encodings and chunking", () => {
  it.each(SMALL_PAGES.flatMap((p) => [[p, "gzip"] as const, [p, "br"] as const]))(
    "%s as %s: decoded, rewritten, nothing else changed",
    async (name, enc) => {
      const res = await getMisbehaving(`/fixture/${name}?enc=${enc}`, { headers: { "accept-encoding": "gzip, br" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-length")).toBeNull();
      const html = utf8(new Uint8Array(await res.arrayBuffer()));
      expect(stripWaymark(html)).toBe(utf8(await originBytes(`/fixture/${name}`)));
      expectBannerInRealBody(html);
    },
  );

  const CHUNKED = UTF8_PAGES.filter((p) => /^(02|05|07|08|09|11|14|15|16|17|18|20)-/.test(p));
  it.each(CHUNKED.flatMap((p) => [7, 64, 1000].map((c) => [p, c] as const)))(
    "%s sent in %i-byte chunks (chunked transfer): the same result",
    async (name, chunk) => {
      const res = await getMisbehaving(`/fixture/${name}?chunk=${chunk}`);
      const html = utf8(new Uint8Array(await res.arrayBuffer()));
      expect(stripWaymark(html)).toBe(utf8(await originBytes(`/fixture/${name}`)));
      expectBannerInRealBody(html);
    },
  );

  it("the 525 KB page in 4 KB gzip chunks: output length is input plus the inserted bytes", async () => {
    const name = "21-large-javadoc-index-525kb.html";
    const res = await getMisbehaving(`/fixture/${name}?chunk=4096&enc=gzip`, {
      headers: { "accept-encoding": "gzip" },
    });
    const html = utf8(new Uint8Array(await res.arrayBuffer()));
    const original = utf8(await originBytes(`/fixture/${name}`));
    expect(stripWaymark(html)).toBe(original);
    expect(html.length - original.length).toBe(html.length - stripWaymark(html).length);
  });
});

describe.skipIf(!HAS_REAL_PAGES)("chunk-independence of the rewriter (exact split points, in the Worker)", () => {
  const banner: AppliedAction = {
    journey: "corpus-banner",
    stage: "on",
    branch: "default",
    actionId: "top",
    slot: "body|prepend",
    action: { type: "insert", selector: "body", position: "prepend", html: BANNER },
  };
  const manifest: PageManifest = { version: 1, applied: [banner], nudges: [], config: {} };

  async function rewriteInChunks(bytes: Uint8Array, splits: number[]): Promise<string> {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        let prev = 0;
        for (const s of [...splits, bytes.length]) {
          if (s > prev) c.enqueue(bytes.slice(prev, s));
          prev = s;
        }
        c.close();
      },
    });
    const res = rewritePage(new Response(stream, { headers: { "content-type": "text/html; charset=utf-8" } }), {
      actions: [banner],
      manifest,
      nonce: null,
    });
    return utf8(new Uint8Array(await (res as unknown as Response).arrayBuffer()));
  }

  /** Deterministic pseudo-random split points (xorshift), so a failure is reproducible. */
  function randomSplits(length: number, count: number, seed: number): number[] {
    let x = seed || 1;
    const out = new Set<number>();
    while (out.size < Math.min(count, length - 1)) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out.add(1 + (Math.abs(x) % (length - 1)));
    }
    return [...out].sort((a, b) => a - b);
  }

  it.each(UTF8_PAGES)("%s: identical output for 1-byte, 7-byte, 4 KB and random splits", async (name) => {
    const bytes = await originBytes(`/fixture/${name}`);
    const whole = await rewriteInChunks(bytes, []);
    expect(stripWaymark(whole)).toBe(utf8(bytes));
    const sizes = bytes.length > 100_000 ? [4096, 997] : bytes.length > 10_000 ? [7, 64, 4096] : [1, 7, 64, 4096];
    for (const size of sizes) {
      const splits = Array.from({ length: Math.floor((bytes.length - 1) / size) }, (_, i) => (i + 1) * size);
      expect(await rewriteInChunks(bytes, splits)).toBe(whole);
    }
    for (const seed of [7, 99991])
      expect(await rewriteInChunks(bytes, randomSplits(bytes.length, 300, seed))).toBe(whole);
  });
});
