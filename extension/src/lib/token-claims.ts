import { PreviewClaims } from "@waymark/shared/schemas/preview.ts";

/** base64url (no padding) to text, without Node's Buffer: this runs in a service worker. */
export function base64UrlDecode(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  try {
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The claims of a preview token (base64url JSON before the "."), unverified: the edge checks the signature, the
 * extension only needs the jti (to address the sandbox visitor `preview:<jti>`) and what the token forces.
 */
export function tokenClaims(token: string): PreviewClaims | null {
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const json = base64UrlDecode(token.slice(0, dot));
  if (json === null) return null;
  try {
    const parsed = PreviewClaims.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The sandbox visitor a preview token's page views and events go to (never a real visitor). */
export function sandboxVisitorId(claims: Pick<PreviewClaims, "jti">): string {
  return `preview:${claims.jti}`;
}
