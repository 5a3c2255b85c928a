// Attributes whose value is a URL the browser may navigate to or load.
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "poster",
  "data",
  "srcset",
  "cite",
  "background",
  "ping",
  "codebase",
  "longdesc",
  "manifest",
  "icon",
  "lowsrc",
  "dynsrc",
  "classid",
  "imagesrcset",
]);
// Attributes holding several URLs (srcset candidates, ping lists; SVG animation values can set an href).
const URL_LIST_ATTRIBUTES = new Set(["srcset", "imagesrcset", "ping", "values", "to", "from", "by"]);
// Browsers ignore leading spaces and control characters and the case of a scheme ("  JaVa\tscript:").
const SCRIPT_URL = /^(?:javascript|vbscript):/i;
const IGNORED = /[\u0000-\u0020\u007f]+/g;
// <meta http-equiv="refresh" content="5; url=...">: the delay, then the URL (the "url=" and quotes are optional).
const REFRESH = /^[\t\n\f\r ]*[\d.]+[\t\n\f\r ;,]*(?:url[\t\n\f\r ]*=[\t\n\f\r ]*)?["']?/i;
const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
const LIST_SEPARATORS = /[\s,;]+/;

/** How a template value in attribute `name` (of element `tag`, lower case; "" when unknown) must be rendered. */
export type AttributeKind = "plain" | "url" | "url-list" | "refresh" | "style" | "script";

/** What a value in this attribute can do: carry a URL (or several), CSS, script, or nothing special. */
export function attributeKind(name: string, tag: string): AttributeKind {
  const n = name.toLowerCase();
  if (n.startsWith("on") || n === "srcdoc") return "script";
  if (n === "style") return "style";
  if (URL_LIST_ATTRIBUTES.has(n)) return "url-list";
  if (URL_ATTRIBUTES.has(n)) return "url";
  if (n === "content" && tag === "meta") return "refresh";
  return "plain";
}

/** Why setting this attribute could run script (an on* handler or srcdoc), or null when the name is harmless. */
export function unsafeAttributeName(name: string): string | null {
  const n = name.toLowerCase();
  if (n.startsWith("on")) return `event-handler attribute ${name} needs "allowScripts": true`;
  if (n === "srcdoc") return `attribute ${name} needs "allowScripts": true`;
  return null;
}

/** True when `value` set on attribute `name` would be a javascript: or vbscript: URL (the marketer's literal). */
export function isScriptUrlValue(name: string, value: string): boolean {
  if (!URL_ATTRIBUTES.has(name.toLowerCase())) return false;
  return SCRIPT_URL.test(decodeEntities(value).replace(IGNORED, ""));
}

/**
 * True when an attribute value (HTML: character references not yet decoded) is a URL a visitor value may help
 * make: http, https, mailto, tel or relative. Read as the browser reads it: references decoded once, spaces and
 * control characters ignored. A list (srcset, ping) must hold only such URLs; a meta refresh content, point to one.
 */
export function isSafeUrlValue(html: string, kind: "url" | "url-list" | "refresh" = "url"): boolean {
  // Hot path: decided before any "&", the decoded value would be decided the same way.
  if (kind === "url") {
    const quick = scanUrl(html, false);
    return quick === NEEDS_DECODING ? scanUrl(decodeEntities(html), true) === SAFE : quick === SAFE;
  }
  const value = decodeEntities(html);
  if (kind === "refresh") {
    const m = REFRESH.exec(value);
    return m === null || scanUrl(value.slice(m[0].length), true) === SAFE;
  }
  for (const piece of value.split(LIST_SEPARATORS)) if (scanUrl(piece, true) !== SAFE) return false;
  return true;
}

const SAFE = 1;
const UNSAFE = 0;
const NEEDS_DECODING = -1;

/**
 * Is this URL relative or of a safe scheme? One pass, no allocation on the hot path: spaces and control characters
 * are skipped (browsers ignore them in a scheme), and the scheme is what precedes the first ":" when no "/", "?" or
 * "#" comes before it. A "&" (a character reference) before that point: NEEDS_DECODING unless `decoded`.
 */
function scanUrl(value: string, decoded: boolean): number {
  let first = -1; // where the scheme starts
  let skipped = false; // an ignored character inside it
  let syntax = true; // scheme syntax so far: a letter, then letters, digits, "+", "-", "."
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) {
      skipped ||= first >= 0;
      continue;
    }
    if (c === 0x3a /* : */) {
      if (!syntax || first < 0) return SAFE; // not a scheme: a relative URL
      const scheme = value.slice(first, i);
      return SAFE_SCHEMES.has((skipped ? scheme.replace(IGNORED, "") : scheme).toLowerCase()) ? SAFE : UNSAFE;
    }
    if (c === 0x2f /* / */ || c === 0x3f /* ? */ || c === 0x23 /* # */) return SAFE;
    // An undecoded "&name;" before a ":" is no scheme to the browser either, but refusing it costs nothing and
    // needs no table of every named character reference.
    if (c === 0x26 /* & */) return !decoded ? NEEDS_DECODING : colonFirst(value, i) ? UNSAFE : SAFE;
    const alpha = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
    if (first < 0) {
      first = i;
      syntax = alpha;
    } else if (!(alpha || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e)) syntax = false;
  }
  return SAFE;
}

/** Does a ":" come before any "/", "?" or "#" from index i? */
function colonFirst(value: string, i: number): boolean {
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3a) return true;
    if (c === 0x2f || c === 0x3f || c === 0x23) return false;
  }
  return false;
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  tab: "\t",
  newline: "\n",
  sol: "/",
  quest: "?",
  num: "#",
  period: ".",
  plus: "+",
};

/** Character references decoded once (as a browser decodes an attribute value), enough to see a scheme. */
function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:#x([0-9a-f]+);?|#(\d+);?|([a-z]+);)/gi, (m, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return NAMED[name.toLowerCase()] ?? m;
    const n = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
    return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : "\ufffd";
  });
}
