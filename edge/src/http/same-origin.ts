/**
 * Did the request come from this site's own pages? Sec-Fetch-Site when the browser sends it, else Origin against
 * the request's own origin; neither = no. For the visitor's privacy choices (forms, consent reports): another site
 * must not make them for the visitor (cross-site request forgery).
 */
export function sameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  return origin !== null && origin === new URL(request.url).origin;
}
