import { getConfig } from "../config.ts";
import { isSecure, setCookie } from "../http/cookies.ts";
import { VISITOR_COOKIE } from "../http/names.ts";

/** The wm_vid Set-Cookie value: lives as long as the retention period, refreshed on every page. */
export function visitorCookie(visitorId: string, requestUrl: URL, env: Env): string {
  return setCookie(VISITOR_COOKIE, visitorId, {
    maxAgeSeconds: getConfig(env).retentionDays * 86_400,
    secure: isSecure(requestUrl),
  });
}
