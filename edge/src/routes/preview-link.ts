import { getConfig } from "../config.ts";
import type { RouteRequest, WaymarkRouter } from "../http/route-request.ts";
import { verifyPreviewToken } from "../preview/preview-token.ts";
import { PREVIEW_COOKIE } from "../http/names.ts";

/** Where to land after starting a preview: a same-site path from `?path=`, else the home page. */
function landing(request: RouteRequest): string {
  const path = request.query.path;
  return typeof path === "string" && /^\/(?![/\\])[\x21-\x7e]{0,2047}$/.test(path) ? path : "/";
}

function cookie(request: Request, value: string, maxAge: number): string {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${PREVIEW_COOKIE}=${value}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

const INVALID_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Preview link not valid</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}</style>
</head><body>
<h1>This preview link cannot be used</h1>
<p>It has expired, was changed, or was issued for another site. Nothing is being previewed.</p>
<p>Ask whoever shared it for a new link (links last at most 24 hours), or <a href="/">continue to the site</a>.</p>
</body></html>`;

/**
 * GET /__waymark/preview?token=... (the shareable link): a valid token becomes the wm_preview cookie for its
 * remaining lifetime, then a redirect to the site. GET /__waymark/preview/stop clears it.
 */
export function registerPreviewLinkRoutes(router: WaymarkRouter): void {
  router.get("/__waymark/preview/stop", (request: RouteRequest) => {
    return new Response(null, {
      status: 302,
      headers: { ...NO_STORE, location: "/", "set-cookie": cookie(request, "", 0) },
    });
  });

  router.get("/__waymark/preview", async (request: RouteRequest, env: Env) => {
    const token = request.query.token;
    const now = Date.now();
    const secret = getConfig(env).previewSecret;
    const claims =
      typeof token === "string" && secret
        ? await verifyPreviewToken(token, secret, { now, host: new URL(request.url).host })
        : null;
    if (!claims || typeof token !== "string")
      return new Response(INVALID_PAGE, {
        status: 400,
        headers: { ...NO_STORE, "content-type": "text/html; charset=utf-8" },
      });
    const maxAge = Math.max(1, claims.exp - Math.floor(now / 1000));
    return new Response(null, {
      status: 302,
      headers: { ...NO_STORE, location: landing(request), "set-cookie": cookie(request, token, maxAge) },
    });
  });
}
