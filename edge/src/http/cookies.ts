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
