import { getConfig } from "../config.ts";
import { demoBackend } from "../demo/demo-backend.ts";
import { demoOrigin } from "../demo/demo-origin.ts";
import { originErrorPage } from "./origin-error-page.ts";
import { originRequest } from "./origin-request.ts";
import { rewriteLocation } from "./rewrite-location.ts";

export interface OriginResult {
  response: Response;
  /** False when the origin could not be reached and `response` is Waymark's own 502 page. */
  reached: boolean;
}

/** ORIGIN_URL parsed once per isolate (it only changes with a deploy). */
let cached: { raw: string; url: URL | null } | null = null;
function originOf(raw: string): URL | null {
  if (cached?.raw !== raw) {
    let url: URL | null = null;
    try {
      url = raw ? new URL(raw) : null;
    } catch {
      url = null;
    }
    cached = { raw, url };
  }
  return cached.url;
}

/**
 * Fetches the page from ORIGIN_URL (or the built-in demo shop when it is empty), without following redirects.
 * Origin responses, errors included, come back as sent; only a Location on the origin's own host is rewritten.
 */
export async function fetchOrigin(request: Request, url: URL, env: Env): Promise<OriginResult> {
  const raw = getConfig(env).originUrl;
  const origin = originOf(raw);
  if (!raw) {
    try {
      return { response: await demoOrigin(request, demoBackend(env)), reached: true };
    } catch {
      return { response: originErrorPage(), reached: false };
    }
  }
  if (!origin) return { response: originErrorPage(), reached: false };
  let res: Response;
  try {
    res = await fetch(originRequest(request, url, origin), { redirect: "manual" });
  } catch {
    return { response: originErrorPage(), reached: false };
  }
  const location = res.headers.get("location");
  if (location) {
    const rewritten = rewriteLocation(location, origin, url);
    if (rewritten !== location) {
      res = new Response(res.body, res);
      res.headers.set("location", rewritten);
    }
  }
  return { response: res, reached: true };
}
