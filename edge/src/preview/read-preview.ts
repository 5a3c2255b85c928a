import type { PreviewClaims } from "@waymark/shared/schemas/preview.ts";
import { getConfig } from "../config.ts";
import { decodeCookie, parseCookies } from "../http/cookies.ts";
import { PREVIEW_COOKIE, PREVIEW_HEADER } from "../http/names.ts";
import { verifyPreviewToken } from "./preview-token.ts";

/**
 * The preview a request asks for: a valid token from the X-Waymark-Preview header (the extension) or the
 * wm_preview cookie (a shared link). Null when there is none or it is invalid, so the page is served as usual.
 */
export async function readPreview(
  request: Request,
  env: Env,
  cookies: Record<string, string> = parseCookies(request.headers.get("cookie")),
): Promise<PreviewClaims | null> {
  const secret = getConfig(env).previewSecret;
  if (!secret) return null;
  const host = new URL(request.url).host;
  const now = Date.now();
  const cookie = cookies[PREVIEW_COOKIE];
  for (const token of [request.headers.get(PREVIEW_HEADER), cookie === undefined ? null : decodeCookie(cookie)]) {
    if (!token) continue;
    const claims = await verifyPreviewToken(token.trim(), secret, { now, host });
    if (claims) return claims;
  }
  return null;
}
