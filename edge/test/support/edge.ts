import { createExecutionContext, env, listDurableObjectIds, SELF } from "cloudflare:test";
import { inject } from "vitest";
import worker from "../../src/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    originUrl: string;
  }
}

/** The real Node origin started by global-setup.mjs. */
export const ORIGIN = inject("originUrl");
export const SITE = "https://shop.example";

/** What a browser navigating to a page sends. */
export const BROWSER: Record<string, string> = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "sec-fetch-dest": "document",
};
export const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/**
 * Calls the real Worker with ORIGIN_URL pointing at the Node origin (and any other env overrides), the same
 * entry point SELF uses. Durable Objects are the real ones from the test's bindings.
 */
export function viaWorker(request: Request, overrides: Partial<Env> = {}): Promise<Response> {
  return worker.fetch(
    request as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ORIGIN_URL: ORIGIN, ...overrides } as Env,
    createExecutionContext(),
  );
}

/** A page request the way a browser makes it, to the Node origin through the Worker. */
export function getPage(
  path: string,
  opts: { cookie?: string; headers?: Record<string, string>; env?: Partial<Env> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...BROWSER, ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  return viaWorker(new Request(SITE + path, { headers, redirect: "manual" }), opts.env);
}

/** A page request to the built-in demo shop through SELF (ORIGIN_URL empty, as wrangler.toml has it). */
export function getShopPage(path: string, opts: { cookie?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...BROWSER, ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  return SELF.fetch(new Request(SITE + path, { headers, redirect: "manual" }));
}

/** The body the origin itself serves for a path (fetched directly, no Worker). */
export async function originText(path: string): Promise<string> {
  return (await fetch(ORIGIN + path)).text();
}

/** The wm_vid value a response sets, if any. */
export function setVisitorId(res: Response): string | null {
  for (const c of res.headers.getSetCookie()) {
    const m = /^wm_vid=([^;]*)/.exec(c);
    if (m) return m[1];
  }
  return null;
}

/**
 * Whether this visitor's object exists with storage (a page or event reached it). Prefer it to counting all
 * objects: earlier tests' deferred work (alarms, stats flushes) can give other objects storage at any moment.
 */
export async function visitorObjectExists(visitorId: string): Promise<boolean> {
  const id = env.VISITOR.idFromName(visitorId).toString();
  return (await listDurableObjectIds(env.VISITOR)).some((x) => x.toString() === id);
}

/** How many visitor objects exist with storage (grows when a page or event reaches one). */
export async function visitorObjectCount(): Promise<number> {
  return (await listDurableObjectIds(env.VISITOR)).length;
}

/** A fresh, valid visitor id (unique per call), so each test has its own Durable Object. */
export function freshVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The manifest the edge injected into a page. */
export function manifestOf(
  html: string,
): { version: number; applied: { actionId: string }[]; nudges: unknown[] } | null {
  const m = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s.exec(html);
  return m ? JSON.parse(m[1]) : null;
}
