import { prescanMetaCharset } from "./meta-charset.ts";
import { peekHead } from "./peek-head.ts";

const UTF8_LABELS = new Set([
  "unicode-1-1-utf-8",
  "unicode11utf8",
  "unicode20utf8",
  "utf-8",
  "utf8",
  "x-unicode20utf8",
]);

type Support = "ok" | "unknown" | "incompatible";
const support = new Map<string, Support>();

/**
 * Can HTMLRewriter parse and write this charset? It takes the charset from the Content-Type and encodes what it
 * inserts into it (unmappable characters as numeric references); it refuses unknown labels and encodings that are
 * not ASCII-compatible (UTF-16, ISO-2022-JP). Asked once per label per isolate.
 */
function rewriterSupport(label: string): Support {
  if (!/^[a-z0-9._:-]{1,40}$/.test(label)) return "unknown";
  let s = support.get(label);
  if (!s) {
    try {
      new HTMLRewriter().transform(new Response("", { headers: { "content-type": `text/html; charset=${label}` } }));
      s = "ok";
    } catch (err) {
      s = /ascii-compatible/i.test(String(err)) ? "incompatible" : "unknown";
    }
    if (support.size > 64) support.clear();
    support.set(label, s);
  }
  return s;
}

export type PageCharset =
  /** UTF-8 (declared, or nothing declared): rewrite as usual. */
  | { kind: "utf-8"; response: Response }
  /** A legacy charset declared in a <meta>: rewrite in that charset. */
  | { kind: "meta"; charset: string; response: Response }
  /** A charset the rewriter cannot write: pass the page through. */
  | { kind: "unsupported"; charset: string; response: Response };

/**
 * The charset a page is decoded with by browsers, for a page whose Content-Type names none: the <meta> prescan of
 * its first 1024 bytes (peeked from the stream, not buffered). `response` is the page to use from then on (same
 * status and headers, the body replayed from its first byte). A Content-Type charset is left to isRewritable.
 */
export async function pageCharset(res: Response): Promise<PageCharset> {
  if (!res.body || /;\s*charset\s*=/i.test(res.headers.get("content-type") ?? ""))
    return { kind: "utf-8", response: res };
  const peeked = await peekHead(res.body);
  const response = new Response(peeked.body, res);
  // The replayed body is the decoded one; the runtime re-encodes it, so a coded length would no longer hold.
  if (res.headers.has("content-encoding")) response.headers.delete("content-length");
  const label = prescanMetaCharset(peeked.head, (l) => UTF8_LABELS.has(l) || rewriterSupport(l) !== "unknown");
  if (!label || UTF8_LABELS.has(label)) return { kind: "utf-8", response };
  if (rewriterSupport(label) !== "ok") return { kind: "unsupported", charset: label, response };
  return { kind: "meta", charset: label, response };
}
