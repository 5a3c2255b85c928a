import { PREVIEW_COOKIE, PREVIEW_HEADER } from "../http/names.ts";

/** Does the request carry a preview token at all? (Only then is one verified: HMAC work on every page is waste.) */
export function hasPreviewToken(request: Request, cookies: Record<string, string>): boolean {
  return request.headers.has(PREVIEW_HEADER) || PREVIEW_COOKIE in cookies;
}
