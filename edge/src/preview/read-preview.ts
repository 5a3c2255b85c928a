import type { PreviewClaims } from "@waymark/shared/schemas/preview.ts";
import { verifyPreviewToken } from "./preview-token.ts";
import { readCookie } from "./read-cookie.ts";

export const PREVIEW_HEADER = "X-Waymark-Preview";
export const PREVIEW_COOKIE = "wm_preview";

/**
 * The preview a request asks for: a valid token from the X-Waymark-Preview header (the extension) or the
 * wm_preview cookie (a shared link). Null when there is none or it is invalid, so the page is served as usual.
 */
export async function readPreview(request: Request, env: Env): Promise<PreviewClaims | null> {
  const secret = env.PREVIEW_SECRET;
  if (!secret) return null;
  const host = new URL(request.url).host;
  const now = Date.now();
  for (const token of [request.headers.get(PREVIEW_HEADER), readCookie(request, PREVIEW_COOKIE)]) {
    if (!token) continue;
    const claims = await verifyPreviewToken(token.trim(), secret, { now, host });
    if (claims) return claims;
  }
  return null;
}
