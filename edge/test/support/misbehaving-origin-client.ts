import { inject, vi } from "vitest";
import { BROWSER, freshVisitorId, manifestOf, SITE, viaWorker } from "./edge.ts";

declare module "vitest" {
  export interface ProvidedContext {
    misbehavingOriginUrl: string;
    /** The corpus files in ../shared/fixtures/real-pages (from the repository root), or null when it is absent. */
    realPages: string[] | null;
    fuzzRuns: number;
  }
}

/** The misbehaving Node origin started by misbehaving-origin-setup.mjs. */
export const MISBEHAVING = inject("misbehavingOriginUrl");

/** Runs per fuzz property: `fallback` in `npm test`, FUZZ_RUNS under `npm run fuzz`. */
export function fuzzRuns(fallback: number): number {
  const n = inject("fuzzRuns");
  return n > 0 ? n : fallback;
}

/** A test timeout that grows with the fuzz runs (the default 20 s covers `npm test`'s bounded runs). */
export function fuzzTimeout(fallbackRuns: number, msPerRun = 60): number {
  return Math.max(20_000, fuzzRuns(fallbackRuns) * msPerRun + 10_000);
}

/**
 * Whether the real-page corpus (`../shared/fixtures/real-pages` next to the repository) is there: CI has it, a plain
 * clone does not. The tests that need it are skipped when it is absent (see reliability-real-pages.test.ts).
 */
export const REAL_PAGES_ON_DISK = inject("realPages");
export const HAS_REAL_PAGES = REAL_PAGES_ON_DISK !== null;

/** Names of the real-page corpus files (kept in sync with the corpus on disk by reliability-real-pages.test.ts). */
export const REAL_PAGES = [
  "01-shop-product-listing.html",
  "02-shop-product-detail.html",
  "03-checkout-with-cart-summary.html",
  "04-pricing-landing.html",
  "05-album-grid-inline-svg.html",
  "06-faq-accordion-admin.html",
  "07-conditional-comments-html-tag.html",
  "08-conditional-comments-body-tag.html",
  "09-csp-meta-tag.html",
  "10-legacy-uppercase-latin1-charset.html",
  "11-legacy-tiny-no-doctype.html",
  "12-no-html-head-tags-no-end-tags.html",
  "13-quirks-body-onload.html",
  "14-jsonld-stray-script-end.html",
  "15-amp-article-nonascii-attr.html",
  "16-template-slots.html",
  "17-script-text-template.html",
  "18-script-after-body-textarea.html",
  "19-doxygen-iframe-xhtml.html",
  "20-base-href-app-shell.html",
  "21-large-javadoc-index-525kb.html",
] as const;

/** A browser navigation through the Worker to the misbehaving origin, as a fresh visitor unless a cookie is given. */
export function getMisbehaving(
  path: string,
  opts: { cookie?: string; headers?: Record<string, string>; env?: Partial<Env> } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    ...BROWSER,
    cookie: opts.cookie ?? `wm_vid=${freshVisitorId()}`,
    ...opts.headers,
  };
  return viaWorker(new Request(SITE + path, { headers, redirect: "manual" }), {
    ORIGIN_URL: MISBEHAVING,
    ...opts.env,
  });
}

/** The body the misbehaving origin serves for a path, fetched directly (bytes; decoded when it is encoded). */
export async function originBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(MISBEHAVING + path)).arrayBuffer());
}

const MANIFEST_AND_BEACON =
  /<script type="application\/json" id="__waymark">.*?<\/script><script async src="\/__waymark\/beacon\.js\?v=\w+"(?: nonce="[^"]*")?><\/script>/s;
const SLOT = /<waymark-slot [^>]*>.*?<\/waymark-slot>/gs;

/** A page with everything the edge inserted removed: what the origin sent, if nothing was corrupted. */
export function stripWaymark(html: string): string {
  return html.replace(MANIFEST_AND_BEACON, "").replace(SLOT, "");
}

/** Reads a stream until `text` has arrived (or the stream ends); returns everything read so far. */
export async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  text: string,
  sofar = "",
): Promise<string> {
  const dec = new TextDecoder();
  let got = sofar;
  while (!got.includes(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    got += dec.decode(value, { stream: true });
  }
  return got;
}

const realNow = Date.now.bind(Date);

/** Resolves (true) when `fn` returns true, polling until `ms` have passed (then false). */
export async function eventually(fn: () => boolean | Promise<boolean>, ms = 5_000, everyMs = 20): Promise<boolean> {
  // The real clock, even while a test moves Date.now forward.
  const deadline = realNow() + ms;
  for (;;) {
    if (await fn()) return true;
    if (realNow() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export { SITE };

/**
 * Pages until the live ruleset this isolate serves is `version` (it caches the live version for ~5 s): the clock
 * (Date.now) is moved forward instead of waiting, then put back.
 */
export async function untilLiveVersion(version: number): Promise<void> {
  const real = Date.now.bind(Date);
  let offset = 0;
  const spy = vi.spyOn(Date, "now").mockImplementation(() => real() + offset);
  try {
    const ok = await eventually(async () => {
      offset += 6_000;
      const html = await (await getMisbehaving("/basic")).text();
      return manifestOf(html)?.version === version;
    }, 10_000);
    if (!ok) throw new Error(`version ${version} never went live`);
  } finally {
    spy.mockRestore();
  }
}

/**
 * What every Waymark answer to hostile input must be: not a 5xx, and for a 4xx a JSON body with a string `error`
 * and, when present, `issues` of {path: (string|number)[], message: string}. Returns the parsed body.
 */
export async function expectClearAnswer(res: Response, where: string): Promise<unknown> {
  if (res.status >= 500) throw new Error(`${where}: ${res.status} ${await res.text()}`);
  if (res.status < 400) return null;
  const type = res.headers.get("content-type") ?? "";
  const text = await res.text();
  if (!type.includes("application/json")) {
    // The only non-JSON refusal is the preview link's page for people (a 400 HTML page).
    if (where.includes("/__waymark/preview") && type.includes("text/html")) return null;
    throw new Error(`${where}: ${res.status} without a JSON error: ${type} ${text.slice(0, 200)}`);
  }
  const body = JSON.parse(text) as { error?: unknown; issues?: unknown };
  if (typeof body.error !== "string") throw new Error(`${where}: no error message: ${text.slice(0, 200)}`);
  if (body.issues !== undefined) {
    if (!Array.isArray(body.issues)) throw new Error(`${where}: issues is not an array`);
    for (const i of body.issues as { path?: unknown; message?: unknown }[])
      if (
        !Array.isArray(i.path) ||
        !i.path.every((p) => typeof p === "string" || typeof p === "number") ||
        typeof i.message !== "string"
      )
        throw new Error(`${where}: malformed issue ${JSON.stringify(i)}`);
  }
  return body;
}
