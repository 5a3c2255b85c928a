// Why marketer HTML could run script, found the way a browser reads tags (not with one regex over the text, which
// both misses "<svg/onload=...>" or '<img src="x"onerror=...>' and refuses harmless text like "online = 10% off").

const TAG_START = /<\/?([a-zA-Z][^\s/>\0]*)/y;
const SPACE = /[\t\n\f\r /]*/y;
const NAME = /[^\t\n\f\r />][^\t\n\f\r />=]*/y;
const UNQUOTED = /[^\t\n\f\r >]*/y;
const IGNORED_IN_URL = /[\u0000-\u0020\u007f]+/g;
const SCRIPT_URL = /(?:javascript|vbscript):/i;

/** Enough character-reference decoding to see "javascript:" through "&#106;", "&#x09;", "&colon;" or "&Tab;". */
function decodeRefs(s: string): string {
  if (!s.includes("&")) return s;
  const cp = (n: number) => (Number.isFinite(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\ufffd");
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => cp(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => cp(parseInt(d, 10)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n");
}

/** True when an attribute value would be a script URL somewhere in it (href, src, srcset, meta refresh...). */
function hasScriptUrl(value: string): boolean {
  return SCRIPT_URL.test(decodeRefs(value).replace(IGNORED_IN_URL, ""));
}

/** A reason this HTML could run script (a <script> element, an on* handler, srcdoc, a script URL), or null. */
export function scriptInHtml(html: string): string | null {
  let i = 0;
  while ((i = html.indexOf("<", i)) !== -1) {
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      if (end === -1) return null;
      i = end + 3;
      continue;
    }
    TAG_START.lastIndex = i;
    const tag = TAG_START.exec(html);
    if (!tag) {
      i++;
      continue;
    }
    if (tag[1].toLowerCase() === "script") return "a <script> element";
    i = TAG_START.lastIndex;
    // Attributes up to the end of the tag; quoted values may contain ">".
    while (i < html.length) {
      SPACE.lastIndex = i;
      SPACE.exec(html);
      i = SPACE.lastIndex;
      if (i >= html.length || html[i] === ">") break;
      NAME.lastIndex = i;
      const name = NAME.exec(html)![0].toLowerCase();
      i = NAME.lastIndex;
      let value = "";
      const eq = /[\t\n\f\r ]*=[\t\n\f\r ]*/y;
      eq.lastIndex = i;
      if (eq.exec(html)) {
        i = eq.lastIndex;
        const q = html[i];
        if (q === '"' || q === "'") {
          const close = html.indexOf(q, i + 1);
          value = html.slice(i + 1, close === -1 ? html.length : close);
          i = close === -1 ? html.length : close + 1;
        } else {
          UNQUOTED.lastIndex = i;
          value = UNQUOTED.exec(html)![0];
          i = UNQUOTED.lastIndex;
        }
      }
      if (name.startsWith("on")) return `an event-handler attribute (${name})`;
      if (name === "srcdoc") return "an iframe srcdoc";
      if (hasScriptUrl(value)) return `a script URL in ${name}`;
    }
  }
  return null;
}

/** For fields that are URLs, not HTML (a redirect target). */
export function scriptInUrl(url: string): string | null {
  return hasScriptUrl(url) ? "a script URL" : null;
}
