import { retentionDays } from "../privacy/retention.ts";
import { setCookie } from "./set-cookie.ts";
import { VISITOR_COOKIE } from "./visitor-id.ts";

/** The wm_vid Set-Cookie value: lives as long as the retention period, refreshed on every page. */
export function visitorCookie(visitorId: string, requestUrl: URL, env: Env): string {
  return setCookie(VISITOR_COOKIE, visitorId, {
    maxAgeSeconds: retentionDays(env) * 86_400,
    secure: requestUrl.protocol === "https:",
  });
}
