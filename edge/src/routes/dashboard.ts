import { errorResponse } from "../http/errors.ts";
import type { WaymarkRouter } from "../http/route-request.ts";

export const DASHBOARD_PATH = "/__waymark/dashboard";

/** Something that serves the built files (env.ASSETS, or a stand-in in tests). */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

/**
 * The dashboard's CSP: scripts and styles from its own files only (no inline script), API calls to its own
 * origin, never framed. Inline styles stay allowed for the action previews, which are sandboxed srcdoc frames
 * that inherit this policy; images may be remote because marketer HTML often points at a CDN.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HASHED_ASSET = /^\/__waymark\/dashboard\/assets\/[^/]+-[A-Za-z0-9_-]{6,}\.[a-z0-9]+$/;
const LOOKS_LIKE_FILE = /\/[^/]+\.[A-Za-z0-9]{1,8}$/;

function withHeaders(res: Response, cache: string): Response {
  const out = new Response(res.body, res);
  const h = out.headers;
  h.set("content-security-policy", DASHBOARD_CSP);
  h.set("x-frame-options", "DENY");
  h.set("x-content-type-options", "nosniff");
  h.set("referrer-policy", "no-referrer");
  h.set("cross-origin-opener-policy", "same-origin");
  h.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  h.set("cache-control", cache);
  return out;
}

/**
 * Serves the built dashboard: /__waymark/dashboard redirects to its trailing-slash form; files come from the
 * assets; any other path under it that is not a file gets index.html (client-side routes). index.html is never
 * cached (it names the current hashed files); hashed files are cached for good.
 */
export async function serveDashboard(request: Request, assets: AssetFetcher): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === DASHBOARD_PATH) {
    return withHeaders(
      new Response(null, { status: 301, headers: { location: `${DASHBOARD_PATH}/${url.search}` } }),
      "no-store",
    );
  }
  const init = { method: request.method, headers: request.headers };
  let res = await assets.fetch(new Request(url, init));
  if (res.status === 404 && !LOOKS_LIKE_FILE.test(url.pathname)) {
    res = await assets.fetch(new Request(new URL(`${DASHBOARD_PATH}/`, url), init));
    if (res.status === 404)
      return errorResponse(503, "the dashboard is not built: run `npm run build -w dashboard` (npm start does it)");
  }
  const hashed = res.status === 200 && HASHED_ASSET.test(url.pathname);
  return withHeaders(res, hashed ? "public, max-age=31536000, immutable" : "no-store");
}

/** GET/HEAD /__waymark/dashboard[/...]: the dashboard's built files (wrangler [assets], dashboard/dist). */
export function registerDashboardRoutes(router: WaymarkRouter): void {
  for (const path of [DASHBOARD_PATH, `${DASHBOARD_PATH}/*`]) {
    router.get(path, (request, env) => serveDashboard(request, env.ASSETS));
    router.head(path, (request, env) => serveDashboard(request, env.ASSETS));
  }
}
