/** The nonce a Content-Security-Policy header allows scripts with (script-src, else default-src), if any. */
export function cspNonce(csp: string | null): string | null {
  if (!csp) return null;
  const directives = csp.split(";").map((d) => d.trim().split(/\s+/));
  const pick = (name: string) => directives.find((d) => d[0]?.toLowerCase() === name);
  const directive = pick("script-src-elem") ?? pick("script-src") ?? pick("default-src");
  for (const token of directive?.slice(1) ?? []) {
    const m = /^'nonce-([A-Za-z0-9+/_=-]+)'$/.exec(token);
    if (m) return m[1];
  }
  return null;
}
