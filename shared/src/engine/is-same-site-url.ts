// Browsers drop tabs and newlines inside URLs and read "\" as "/": "/\t/evil.example" would leave the site.
const SUSPICIOUS = /[\u0000-\u0020\u007f\\]/;

/** True for a path on this site ("/pricing", not "//other") or an http(s) URL whose host is `host`. */
export function isSameSiteUrl(url: string, host: string): boolean {
  if (SUSPICIOUS.test(url)) return false;
  if (url.startsWith("/")) return !url.startsWith("//");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  if (parsed.username || parsed.password) return false;
  return parsed.host.toLowerCase() === host.toLowerCase();
}
