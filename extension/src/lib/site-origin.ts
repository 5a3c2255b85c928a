/**
 * The origin ("https://shop.example", "http://127.0.0.1:8787") of a site URL typed by a marketer, or null when it is
 * not an http(s) URL. Paths, queries and credentials are dropped: a Waymark site is a whole origin.
 */
export function siteOrigin(input: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname) return null;
  return url.origin;
}

/**
 * The host permission pattern for an origin. Match patterns carry no port in Firefox, so the pattern covers every
 * port of that host: still one site, never "all sites".
 */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Is `url` served from `origin` (same scheme, host and port)? */
export function sameOrigin(url: string | undefined, origin: string): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
