/** Content codings the Workers runtime decodes when a body is read (and re-encodes when it is sent). */
const READABLE_CODINGS = new Set(["gzip", "x-gzip", "br"]);

/**
 * The Content-Encoding of an origin response when Waymark cannot read its body (deflate, zstd, several codings
 * stacked), else null. Such a body is still compressed when it reaches the rewriter: rewriting it would append tags
 * to a compressed stream (ERR_CONTENT_DECODING_FAILED), so the page must pass through as sent.
 */
export function unreadableCoding(res: Response): string | null {
  const coding = (res.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (!coding || coding === "identity" || READABLE_CODINGS.has(coding)) return null;
  return coding;
}

/**
 * The Accept-Encoding to send the origin: the client's own preferences (order and q-values kept) limited to the
 * codings Waymark can read, so a real origin answers with a body that can be personalized. The visitor's browser
 * still gets gzip or br (the runtime re-encodes). Null (no header) when the client sent none.
 */
export function readableAcceptEncoding(value: string | null): string | null {
  if (value === null) return null;
  const kept = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => {
      const coding = part.split(";")[0].trim().toLowerCase();
      return READABLE_CODINGS.has(coding) || coding === "identity";
    });
  return kept.length ? kept.join(", ") : "identity";
}
