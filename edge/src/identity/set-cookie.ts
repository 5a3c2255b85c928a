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
