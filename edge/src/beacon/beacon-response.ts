/** Cache lifetime of an unversioned (or stale-versioned) beacon URL: short, so a deploy reaches browsers soon. */
export const BEACON_SHORT_MAX_AGE = 300;

/**
 * The beacon script response. A URL carrying the current hash (?v=BEACON_HASH, as the edge injects it) is immutable
 * for a year; any other URL gets a short max-age. The ETag is the hash, so revalidation is a 304.
 */
export function beaconResponse(request: Request, js: string, hash: string): Response {
  const url = new URL(request.url);
  const etag = `"${hash}"`;
  const headers = new Headers({
    "content-type": "application/javascript; charset=utf-8",
    etag,
    "cache-control":
      url.searchParams.get("v") === hash
        ? "public, max-age=31536000, immutable"
        : `public, max-age=${BEACON_SHORT_MAX_AGE}, stale-while-revalidate=86400`,
    "x-content-type-options": "nosniff",
    // Any page of the site loads it, from any frame; it reads nothing cross-origin.
    "cross-origin-resource-policy": "same-site",
  });
  const inm = request.headers.get("if-none-match");
  if (inm && inm.split(",").some((t) => t.trim().replace(/^W\//, "") === etag))
    return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : js, { headers });
}
