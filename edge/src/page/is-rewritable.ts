/**
 * May this origin response be personalized? A 200 HTML document in UTF-8 (the charset HTMLRewriter handles
 * safely), with a body, that the origin did not mark no-transform or as a download.
 */
export function isRewritable(res: Response): boolean {
  if (res.status !== 200 || !res.body) return false;
  const type = res.headers.get("content-type");
  if (!type) return false;
  const [mime, ...params] = type.toLowerCase().split(";");
  if (mime.trim() !== "text/html") return false;
  for (const p of params) {
    const [k, v] = p.split("=");
    if (k.trim() === "charset" && !/^"?utf-?8"?$/.test((v ?? "").trim())) return false;
  }
  if (/\bno-transform\b/i.test(res.headers.get("cache-control") ?? "")) return false;
  if (/^\s*attachment/i.test(res.headers.get("content-disposition") ?? "")) return false;
  return true;
}
