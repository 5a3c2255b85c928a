/** A preview token shaped like the edge's (base64url JSON claims + "." + signature); the signature is not checked here. */
export function makeToken(claims: Record<string, unknown>, signature = "c2lnbmF0dXJl"): string {
  const json = JSON.stringify(claims);
  const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  return `${b64}.${signature}`;
}

export function claimsFor(over: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    jti: "jti-0123456789",
    journey: "abandoned-cart",
    version: "draft",
    site: "shop.test",
    iat: now,
    exp: now + 3600,
    ...over,
  };
}
