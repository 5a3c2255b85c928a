// Why marketer HTML could run script. The danger is reading it differently from the browser: the same string parses
// differently inside a <textarea>, <noscript>, <svg> or a comment, comments end at "-->", "--!>", "<!-->" or "<!--->",
// and the fragment lands in an unknown element of someone else's page. So nothing is skipped: every "<" that opens a
// tag anywhere (in text, comments, raw text, CDATA, attribute values) is read as the tokenizer would read a tag there
// (read-tag.ts), which covers every element a browser could make of it in any context; and the fragment must close
// what it opens, so it cannot swallow or re-read the page after it. Cross-checked against parse5 (fuzz) and Chromium
// (e2e/script-in-html.e2e.ts).
import { readTag, tagOpensAt, type HtmlTag } from "./read-tag.ts";

const IGNORED_IN_URL = /[\u0000-\u0020\u007f]+/g;
const SCRIPT_URL = /(?:javascript|vbscript):/i;
// A data: URL is a document (it runs script in a frame, object or embed) unless it is an image.
const DATA_DOCUMENT = /(?:^|[^a-z0-9+.-])data:(?!image\/)/i;
const DATA_SVG = /(?:^|[^a-z0-9+.-])data:image\/svg\+xml/i;
// Elements that show an SVG data: URL as an image, where its scripts never run.
const IMAGE_ELEMENTS = new Set(["img", "image", "source"]);
// Their content is raw text or RCDATA up to their end tag: left open, they would swallow the page.
const RAW_TEXT = new Set(["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]);
// Left open, the rest of the page would be parsed as foreign content (where <style> or <textarea> is markup).
const FOREIGN = new Set(["svg", "math"]);

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

/** The value as written and as decoded, without the characters URL parsing ignores or strips. */
const urlViews = (value: string) => [value, decodeRefs(value)].map((v) => v.replace(IGNORED_IN_URL, ""));

/** True when an attribute value would be a script URL somewhere in it (href, src, srcset, meta refresh...). */
function hasScriptUrl(value: string): boolean {
  return urlViews(value).some((v) => SCRIPT_URL.test(v));
}

/** Why this start tag could run script, or null. */
function unsafeTag(tag: HtmlTag): string | null {
  if (tag.name === "script") return "a <script> element";
  // Not script itself, but it re-targets every relative URL after it (script src, form action) to another host.
  if (tag.name === "base") return "a <base> element";
  for (const { name, value } of tag.attrs) {
    if (name.startsWith("on")) return `an event-handler attribute (${name})`;
    if (name === "srcdoc") return "an iframe srcdoc";
    if (name === "attributename" && /^\s*on/i.test(value)) return "an animation of an event-handler attribute";
    if (!value.includes(":") && !value.includes("&")) continue;
    const views = urlViews(value);
    if (views.some((v) => SCRIPT_URL.test(v))) return `a script URL in ${name}`;
    if (views.some((v) => DATA_DOCUMENT.test(v))) return `a data: document URL in ${name}`;
    if (!IMAGE_ELEMENTS.has(tag.name) && name !== "style" && views.some((v) => DATA_SVG.test(v)))
      return `an SVG data: URL in ${name} of <${tag.name}>`;
  }
  return null;
}

/** Where the last end tag of `name` starts (the one that would end its raw text), or -1. */
function lastEndTag(html: string, name: string): number {
  let last = -1;
  for (const m of html.matchAll(new RegExp(`</${name}[\\t\\n\\f\\r />]`, "gi"))) last = m.index;
  return last;
}

/** Why the tags in this HTML could run script, ignoring whether it closes what it opens; or null. */
function scriptInTags(html: string, onTag?: (tag: HtmlTag, at: number) => string | null): string | null {
  // Every "<" opens a tag in some context, so scans overlap; input built to make them quadratic is refused.
  let budget = 4 * html.length + 4096;
  for (let at = html.indexOf("<"); at !== -1; at = html.indexOf("<", at + 1)) {
    if (!tagOpensAt(html, at)) continue;
    const tag = readTag(html, at);
    budget -= (tag.close === -1 ? html.length : tag.close) - at;
    if (budget < 0) return "markup too tangled to check";
    const why = (tag.endTag ? null : unsafeTag(tag)) ?? onTag?.(tag, at) ?? null;
    if (why) return why;
  }
  return null;
}

/**
 * A reason this marketer HTML could run script once inserted into a page (a <script> element, an on* handler,
 * srcdoc, a script or data: document URL, a <base> that re-targets the page's URLs, markup left open that would
 * take in the page after it), or null.
 * @example scriptInHtml('<!--><img src=x onerror=alert(1)>') // "an event-handler attribute (onerror)"
 */
export function scriptInHtml(html: string): string | null {
  // Whether something opened at a position is closed later needs only where the last closer is (linear time).
  const lastEnd = new Map<string, number>();
  const endsAfter = (name: string, from: number) => {
    if (!lastEnd.has(name)) lastEnd.set(name, lastEndTag(html, name));
    return lastEnd.get(name)! >= from;
  };
  const lastComment = html.lastIndexOf("-->");
  const lastBangComment = html.lastIndexOf("--!>");
  const lastCdata = html.lastIndexOf("]]>");
  const lastGt = html.lastIndexOf(">");
  const foreign: { name: string; open: boolean; at: number }[] = [];
  const why = scriptInTags(html, (tag, at) => {
    if (tag.close === -1) return `a tag left open at the end (<${tag.endTag ? "/" : ""}${tag.name})`;
    if (tag.endTag) {
      if (FOREIGN.has(tag.name)) foreign.push({ name: tag.name, open: false, at: at + 1 });
      return null;
    }
    if (tag.name === "plaintext") return "a <plaintext> element (it never ends)";
    if (RAW_TEXT.has(tag.name) && !endsAfter(tag.name, tag.close)) return `a <${tag.name}> left open`;
    // Counted from its ">": an end tag inside its own attributes does not close it.
    if (FOREIGN.has(tag.name) && !tag.selfClosing) foreign.push({ name: tag.name, open: true, at: tag.close });
    return null;
  });
  if (why) return why;
  for (let at = html.indexOf("<"); at !== -1; at = html.indexOf("<", at + 1)) {
    if (html.startsWith("<!--", at)) {
      // A comment ends at "-->" (also as "<!-->" and "<!--->") or "--!>".
      if (lastComment < at + 2 && lastBangComment < at + 4) return "a comment left open";
    } else if (html.startsWith("<![CDATA[", at)) {
      if (lastCdata < at + 9) return "a CDATA section left open";
    } else if (!tagOpensAt(html, at) && at + 1 < html.length && "!?/".includes(html[at + 1])) {
      if (lastGt < at + 2) return "a declaration or bogus comment left open";
    } else if (at + 1 === html.length) return 'a "<" at the very end';
  }
  // Every <svg> and <math> needs an end tag after it (counted from the end, like brackets).
  const after = new Map<string, number>();
  for (const { name, open } of foreign.sort((a, b) => b.at - a.at)) {
    const n = (after.get(name) ?? 0) + (open ? -1 : 1);
    if (n < 0) return `an <${name}> left open`;
    after.set(name, n);
  }
  return null;
}

/** For text that is escaped before it reaches a page: still no script-like tag in it, should a host forget. */
export function scriptInText(text: string): string | null {
  return scriptInTags(text);
}

/** For fields that are URLs, not HTML (a redirect target). */
export function scriptInUrl(url: string): string | null {
  return hasScriptUrl(url) ? "a script URL" : null;
}
