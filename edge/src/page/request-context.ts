import type { RequestContext } from "@waymark/shared";
import { OWN_COOKIES } from "../http/names.ts";
import { deviceClass } from "./device-class.ts";

// Waymark's own cookies never reach conditions; the rest are bounded so the RPC payload stays small.
const MAX_COOKIES = 40;
const MAX_VALUE = 512;
const MAX_QUERY = 40;

/** What the engine may know about this request (request-level signals only). */
export function requestContext(request: Request, url: URL, cookies: Record<string, string>): RequestContext {
  const query: Record<string, string> = {};
  let n = 0;
  url.searchParams.forEach((v, k) => {
    if (n >= MAX_QUERY || k in query) return;
    query[k.slice(0, 128)] = v.slice(0, MAX_VALUE);
    n++;
  });
  const ctxCookies: Record<string, string> = {};
  n = 0;
  for (const name in cookies) {
    if (OWN_COOKIES.has(name)) continue;
    ctxCookies[name] = cookies[name].slice(0, MAX_VALUE);
    if (++n >= MAX_COOKIES) break;
  }
  const cf = (request as Request & { cf?: { country?: unknown } }).cf;
  return {
    path: url.pathname,
    query,
    referrer: request.headers.get("referer")?.slice(0, 2_048) ?? null,
    device: deviceClass(request.headers),
    country: typeof cf?.country === "string" ? cf.country : null,
    cookies: ctxCookies,
    host: url.host,
  };
}
