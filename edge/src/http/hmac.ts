const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The HMAC-SHA256 key for a secret (preview tokens, identity tokens, webhook signatures), imported once per isolate.
 * Verify with `crypto.subtle.verify`, which compares in constant time.
 */
export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    // A few secrets per deployment; the map only saves re-importing one on every request.
    if (keys.size > 8) keys.clear();
    keys.set(secret, key);
  }
  return key;
}
