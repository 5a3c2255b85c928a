// Issue 12 item 17: a page whose charset is declared only in a <meta> (no charset in Content-Type) is decoded by
// browsers with that charset (they prescan the first 1024 bytes). Waymark must do the same prescan on the stream
// and write its insertions in that charset (non-ASCII as numeric character references, the manifest as \u escapes),
// leaving every origin byte outside the insertions as it was, and without buffering the page.
import { beforeAll, expect, inject, it } from "vitest";
import { freshVisitorId, getPage, manifestOf } from "./support/edge.ts";
import { readUntil, stripWaymark } from "./support/misbehaving-origin-client.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const BYTES_ORIGIN = inject("pageBytesOriginUrl");
// Latin-1 letters (one byte each in the page's charset) and a CJK character it cannot hold (a reference then).
const TEXT = "Cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu \u4e2d";
const BANNER = `<div id="wm-charset-banner" title="${TEXT}">${TEXT}</div>`;

beforeAll(async () => {
  await publishJourneys([bannerJourney("charset-banner", BANNER)]);
});

const page = (path: string) =>
  getPage(path, { cookie: `wm_vid=${freshVisitorId()}`, env: { ORIGIN_URL: BYTES_ORIGIN } });

/** Bytes as latin1 text: one char per byte, so byte-level comparisons are string comparisons. */
const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");

/** What a browser reads from an ISO-8859-1 page's markup: bytes as latin1, numeric references resolved. */
const asBrowserReads = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));

async function originRaw(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(BYTES_ORIGIN + path)).arrayBuffer());
}

it.each([
  ["<meta charset>", "/meta-charset/meta"],
  ["<meta http-equiv=Content-Type>", "/meta-charset/http-equiv"],
  ["<meta charset> split over 7-byte chunks", "/meta-charset/meta?chunk=7"],
  ["<meta http-equiv> in 1-byte chunks", "/meta-charset/http-equiv?chunk=1"],
])("writes the insertions in the charset a %s declares, every other byte as sent", async (_, path) => {
  const res = await page(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("x-waymark")).toBe("personalized");
  expect(res.headers.get("content-type")).toBe("text/html");
  const bytes = new Uint8Array(await res.arrayBuffer());
  const html = latin1(bytes);
  // Outside the insertions: the origin's bytes exactly.
  expect(stripWaymark(html)).toBe(latin1(await originRaw(path)));
  // The banner reads right in the page's charset: no UTF-8 sequences (no "CrÃ¨me"), the CJK one as a reference.
  const slot = /<waymark-slot [^>]*>(.*?)<\/waymark-slot>/s.exec(html)![1];
  expect(asBrowserReads(slot)).toBe(BANNER);
  expect(slot).toContain("Cr\u00e8me br\u00fbl\u00e9e");
  expect(slot).toContain("&#20013;");
  // The manifest (JSON in a script, where references are not decoded) stays ASCII, with \u escapes.
  const script = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s.exec(html)![1];
  expect(/[^\x20-\x7e]/.test(script)).toBe(false);
  const manifest = manifestOf(html) as unknown as { applied: { action: { html: string } }[] };
  expect(manifest.applied[0].action.html).toBe(BANNER);
});

it("keeps UTF-8 insertions on a page whose meta declares utf-8 (the control)", async () => {
  const res = await page("/meta-charset/utf8");
  expect(res.headers.get("x-waymark")).toBe("personalized");
  const html = new TextDecoder("utf-8", { fatal: true } as TextDecoderConstructorOptions).decode(
    await res.arrayBuffer(),
  );
  expect(html).toContain(BANNER);
});

it("passes a page whose meta names an encoding it cannot rewrite (iso-2022-jp) through as sent, labelled", async () => {
  const res = await page("/meta-charset/jis");
  expect(res.headers.get("x-waymark")).toBe("unsupported");
  expect(res.headers.get("server-timing")).toMatch(/desc="unsupported: charset iso-2022-jp"/);
  expect(new Uint8Array(await res.arrayBuffer())).toEqual(await originRaw("/meta-charset/jis"));
});

it("does not hold the page back to prescan it: the top arrives while the origin stalls", async () => {
  const key = `prescan-${crypto.randomUUID()}`;
  const res = await page(`/stall-no-charset/${key}`);
  expect(res.headers.get("x-waymark")).toBe("personalized");
  const reader = res.body!.getReader();
  const top = await readUntil(reader, 'id="first"');
  expect(top).toContain('<p id="first">');
  expect(top).toContain("wm-charset-banner");
  expect(top).not.toContain('id="after"');
  await fetch(`${BYTES_ORIGIN}/__release/${key}`);
  const all = await readUntil(reader, "</html>", top);
  expect(all).toContain('<p id="after">after</p>');
});
