/** A random 96-bit event id (idempotency key for retries). getRandomValues also works on plain-http sites. */
export function eventId(): string {
  let s = "";
  for (const b of crypto.getRandomValues(new Uint8Array(12))) s += (b < 16 ? "0" : "") + b.toString(16);
  return s;
}
