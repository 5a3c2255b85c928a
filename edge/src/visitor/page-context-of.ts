import type { RequestContext } from "@waymark/shared";
import { requestContext } from "../page/request-context.ts";

/**
 * The context of the page a beacon event comes from: its Referer when on this site (the beacon posts from the
 * page), else the site root. Nudges decided in reply use the page's path, query and cookies.
 */
export function pageContextOf(request: Request, cookies: Record<string, string>): RequestContext {
  const self = new URL(request.url);
  let page = new URL("/", self);
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      const r = new URL(referer);
      if (r.host === self.host) page = r;
    } catch {
      // not a URL: keep the root
    }
  }
  const ctx = requestContext(request, page, cookies);
  return { ...ctx, referrer: null };
}
