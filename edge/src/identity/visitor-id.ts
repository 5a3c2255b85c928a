import { toBase64Url } from "../http/base64url.ts";
import { VISITOR_COOKIE } from "../http/names.ts";

const VISITOR_ID_RE = /^[A-Za-z0-9_-]{22,32}$/;

/** The public format of a visitor id (cookie contract: 22-32 chars of [A-Za-z0-9_-]). */
export function isValidVisitorId(value: string | undefined | null): value is string {
  return typeof value === "string" && VISITOR_ID_RE.test(value);
}

/** A fresh random id: 16 random bytes (128 bits), base64url, 22 characters. */
export function newVisitorId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** The visitor id carried by the request's cookies, or null when missing or malformed (then replaced). */
export function readVisitorId(cookies: Record<string, string>): string | null {
  const v = cookies[VISITOR_COOKIE];
  return isValidVisitorId(v) ? v : null;
}
