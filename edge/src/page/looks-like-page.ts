// Paths that are never pages: the decision is not started for them before the origin answers.
const STATIC_EXT =
  /\.(?:css|js|mjs|map|json|xml|txt|ico|png|jpe?g|gif|webp|avif|svg|bmp|woff2?|ttf|otf|eot|mp4|webm|mp3|wav|ogg|pdf|zip|gz|wasm)$/i;

/**
 * Is this request a page navigation, so the decision may start in parallel with the origin fetch? Other GETs
 * (curl, fetch() calls without an Accept) wait for the origin's answer first, so non-HTML never reaches the
 * visitor's Durable Object.
 */
export function looksLikePage(request: Request, url: URL): boolean {
  if (STATIC_EXT.test(url.pathname)) return false;
  const dest = request.headers.get("sec-fetch-dest");
  if (dest) return dest === "document" || dest === "iframe" || dest === "frame";
  return (request.headers.get("accept") ?? "").includes("text/html");
}
