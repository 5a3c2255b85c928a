import { getConfig } from "../config.ts";

/** Extension pages call the admin API from their own origin; any extension id is fine, the token still applies. */
const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]{1,64}$/i;

const ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
const ALLOW_HEADERS = "authorization, content-type, x-waymark-preview";

/** The request's Origin when it may call the admin API from a browser: ALLOWED_ORIGINS or a browser extension. */
export function allowedOrigin(request: Request, env: Env): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  if (EXTENSION_ORIGIN.test(origin)) return origin;
  const wanted = origin.toLowerCase().replace(/\/+$/, "");
  return getConfig(env).allowedOrigins.includes(wanted) ? origin : null;
}

/** Adds CORS headers for an allowed origin; other origins get none, so the browser withholds the response. */
export function withCors(request: Request, env: Env, response: Response): Response {
  const origin = allowedOrigin(request, env);
  const res = new Response(response.body, response);
  res.headers.append("vary", "Origin");
  if (origin) {
    res.headers.set("access-control-allow-origin", origin);
    res.headers.set("access-control-expose-headers", "x-waymark-trace, server-timing");
  }
  return res;
}

/** Answers an OPTIONS preflight (no token needed: browsers never send one on a preflight). */
export function preflight(request: Request, env: Env): Response {
  const origin = allowedOrigin(request, env);
  const headers = new Headers({ vary: "Origin", "cache-control": "no-store" });
  if (origin) {
    headers.set("access-control-allow-origin", origin);
    headers.set("access-control-allow-methods", ALLOW_METHODS);
    headers.set("access-control-allow-headers", ALLOW_HEADERS);
    headers.set("access-control-max-age", "600");
  }
  return new Response(null, { status: 204, headers });
}
