/**
 * A Location header pointing at the origin's own host is rewritten to the public host the visitor used;
 * relative locations and other sites are left as sent.
 */
export function rewriteLocation(location: string, origin: URL, publicUrl: URL): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !location.startsWith("//")) return location;
  let target: URL;
  try {
    target = new URL(location, origin);
  } catch {
    return location;
  }
  if (target.host !== origin.host) return location;
  const prefix = origin.pathname.replace(/\/+$/, "");
  const path =
    prefix && target.pathname.startsWith(prefix) ? target.pathname.slice(prefix.length) || "/" : target.pathname;
  return `${publicUrl.protocol}//${publicUrl.host}${path}${target.search}${target.hash}`;
}
