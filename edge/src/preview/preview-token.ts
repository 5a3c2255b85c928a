import { PreviewClaims, PREVIEW_TTL } from "@waymark/shared/schemas/preview.ts";
import { fromBase64Url, toBase64Url } from "../http/base64url.ts";
import { hmacKey } from "../http/hmac.ts";

/** Longest token accepted: claims are small, so anything bigger is garbage or an attack. */
const MAX_TOKEN_LENGTH = 2_048;

/** Signs preview claims: base64url(JSON claims) + "." + base64url(HMAC-SHA256 of the first part). */
export async function signPreviewToken(claims: PreviewClaims, secret: string): Promise<string> {
  if (!secret) throw new Error("PREVIEW_SECRET is not set");
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(PreviewClaims.parse(claims))));
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(payload));
  return `${payload}.${toBase64Url(new Uint8Array(sig))}`;
}

/**
 * The claims of a genuine, unexpired token issued for `host`; null for anything else (malformed, bad signature,
 * expired, lifetime over 24 h, other host). `now` is in milliseconds. The signature check is WebCrypto's
 * HMAC verify, which compares in constant time.
 */
export async function verifyPreviewToken(
  token: string,
  secret: string,
  opts: { now: number; host: string },
): Promise<PreviewClaims | null> {
  if (!secret || typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [payload, sigText] = parts;
  const sig = fromBase64Url(sigText);
  if (!payload || !sig || sig.byteLength !== 32) return null;
  // Canonical encoding only: base64url's last character carries spare bits, so several spellings decode to the same
  // signature; accepting them would let a tampered string pass as the genuine token.
  if (toBase64Url(sig) !== sigText) return null;
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), sig, new TextEncoder().encode(payload));
  if (!ok) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return null;
  }
  const parsed = PreviewClaims.safeParse(json);
  if (!parsed.success) return null;
  const claims = parsed.data;
  const nowSeconds = Math.floor(opts.now / 1000);
  if (claims.exp <= nowSeconds) return null;
  if (claims.exp - claims.iat > PREVIEW_TTL.maxSeconds) return null;
  if (claims.site.toLowerCase() !== opts.host.toLowerCase()) return null;
  return claims;
}
