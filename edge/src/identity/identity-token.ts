import { fromBase64Url, toBase64Url } from "../http/base64url.ts";
import { hmacKey } from "../http/hmac.ts";

/**
 * Identity tokens: the site's backend proves to Waymark that this browser belongs to a customer, the way support-chat
 * and CDP tools verify identity (Intercom's user_hash, Segment's signed identify). The contract, documented with
 * backend snippets in docs/events-and-beacon.md:
 *
 *   token = customerId + "." + exp + "." + base64url(HMAC-SHA256(IDENTITY_SECRET, "waymark-identify:v1:" + customerId + ":" + exp))
 *
 * exp: the token's expiry in Unix seconds (decimal digits), at most 24 h ahead. base64url without padding. The
 * customer id may itself contain dots: the last two dots separate the fields.
 */
export const IDENTITY_TOKEN_PREFIX = "waymark-identify:v1:";
/** Longest lifetime accepted (exp - now). */
export const IDENTITY_TOKEN_MAX_SECONDS = 86_400;
/** A backend clock a little ahead of ours must not make a 24 h token too long-lived. */
const CLOCK_SKEW_SECONDS = 300;
/** Customer ids are at most 128 characters; the rest is bounded: anything longer is garbage. */
const MAX_TOKEN_LENGTH = 512;

export type IdentityVerdict =
  | { ok: true; customerId: string; expiresAt: number }
  | { ok: false; reason: "malformed" | "signature" | "expired" | "lifetime" | "customer" };

const signedText = (customerId: string, exp: number) =>
  new TextEncoder().encode(`${IDENTITY_TOKEN_PREFIX}${customerId}:${exp}`);

/** What the site's backend does (tests and tools use it too): a token for customerId expiring at exp (Unix seconds). */
export async function signIdentityToken(customerId: string, exp: number, secret: string): Promise<string> {
  if (!secret) throw new Error("IDENTITY_SECRET is not set");
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), signedText(customerId, exp));
  return `${customerId}.${exp}.${toBase64Url(new Uint8Array(sig))}`;
}

/**
 * Checks a token for `customerId`: genuine (WebCrypto's HMAC verify, constant time), canonical base64url, not
 * expired, at most 24 h ahead, and naming that customer (any customer when null: the verdict names it). `now` in
 * milliseconds.
 */
export async function verifyIdentityToken(
  token: string,
  customerId: string | null,
  secret: string,
  now: number,
): Promise<IdentityVerdict> {
  if (!secret) throw new Error("IDENTITY_SECRET is not set");
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "malformed" };
  const last = token.lastIndexOf(".");
  const middle = token.lastIndexOf(".", last - 1);
  if (middle <= 0) return { ok: false, reason: "malformed" };
  const id = token.slice(0, middle);
  const expText = token.slice(middle + 1, last);
  const sigText = token.slice(last + 1);
  const sig = fromBase64Url(sigText);
  if (!/^[1-9][0-9]{0,11}$/.test(expText) || !sig || sig.byteLength !== 32) return { ok: false, reason: "malformed" };
  // Canonical encoding only: the last base64url character carries spare bits, so several spellings decode alike.
  if (toBase64Url(sig) !== sigText) return { ok: false, reason: "malformed" };
  const exp = Number(expText);
  const genuine = await crypto.subtle.verify("HMAC", await hmacKey(secret), sig, signedText(id, exp));
  if (!genuine) return { ok: false, reason: "signature" };
  if (customerId !== null && id !== customerId) return { ok: false, reason: "customer" };
  const nowSeconds = Math.floor(now / 1000);
  if (exp <= nowSeconds) return { ok: false, reason: "expired" };
  if (exp - nowSeconds > IDENTITY_TOKEN_MAX_SECONDS + CLOCK_SKEW_SECONDS) return { ok: false, reason: "lifetime" };
  return { ok: true, customerId: id, expiresAt: exp * 1000 };
}

/** The answer to a refused token: what the integrator needs to fix it, nothing about the secret. */
export const IDENTITY_REFUSALS: Record<Exclude<IdentityVerdict, { ok: true }>["reason"], string> = {
  malformed: 'malformed identity token: expected "<customerId>.<expiresAtSeconds>.<base64url HMAC-SHA256>"',
  signature: "invalid identity token: the signature does not match (signed with another IDENTITY_SECRET?)",
  expired: "identity token expired: sign a fresh one on your backend",
  lifetime: "identity token lives too long: exp may be at most 24 h ahead",
  customer: "identity token was issued for another customer",
};
