/** Cookie name -> value (first occurrence wins, values left encoded as sent). Bounded so a huge header costs little. */
export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  let count = 0;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!name || name in out) continue;
    out[name] = part.slice(i + 1).trim();
    if (++count >= 100) break;
  }
  return out;
}

/** A cookie value percent-decoded; left as sent when it is not valid percent-encoding (never throws). */
export function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
  httpOnly?: boolean;
}

/** A Set-Cookie value with Waymark's attributes: Path=/, SameSite=Lax, HttpOnly unless told otherwise. */
export function setCookie(name: string, value: string, opts: CookieOptions): string {
  let c = `${name}=${value}; Path=/; Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}; SameSite=Lax`;
  if (opts.httpOnly !== false) c += "; HttpOnly";
  if (opts.secure) c += "; Secure";
  return c;
}

/** A Set-Cookie value that deletes the cookie. */
export function clearCookie(name: string, secure: boolean, httpOnly = true): string {
  return setCookie(name, "", { maxAgeSeconds: 0, secure, httpOnly });
}

/** Cookies get the Secure attribute when the request came over https. */
export function isSecure(url: URL): boolean {
  return url.protocol === "https:";
}
