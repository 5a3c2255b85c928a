import { isSecure, parseCookies } from "../http/cookies.ts";
import { privacyMode, type PrivacyMode } from "../privacy/privacy-mode.ts";
import { readVisitorId } from "./visitor-id.ts";

/** The per-request facts about who is asking, resolved once: cookies -> privacy mode -> visitor id. */
export interface RequestVisitor {
  cookies: Record<string, string>;
  mode: PrivacyMode;
  /** The wm_vid cookie's id when it is well formed (whatever the mode: erasing needs it even when opted out). */
  visitorId: string | null;
  /** Set cookies with Secure (the request came over https). */
  secure: boolean;
}

/** `url` is the request's, when the caller has parsed it already (the page path has). */
export function requestVisitor(request: Request, env: Env, url = new URL(request.url)): RequestVisitor {
  const cookies = parseCookies(request.headers.get("cookie"));
  return {
    cookies,
    mode: privacyMode(request, env, cookies),
    visitorId: readVisitorId(cookies),
    secure: isSecure(url),
  };
}
