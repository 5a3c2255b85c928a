// Where each {{placeholder}} of a template sits, found once per template by a small HTML tokenizer (the states of
// the WHATWG tokenizer that matter here): the context decides how a visitor value is rendered into it.
import { escapeHtml } from "./escape-html.ts";
import { attributeKind, isSafeUrlValue } from "./unsafe-attribute.ts";

// {{ path }}, {{ path | "default" }} or {{ path | plural: "one", "other" }} (quotes " or ').
const Q = String.raw`(?:"([^"]*)"|'([^']*)')`;
const TOKEN = new RegExp(
  String.raw`\{\{\s*([A-Za-z0-9_.:-]+)\s*(?:\|\s*(?:${Q}|plural\s*:\s*${Q}\s*,\s*${Q})\s*)?\}\}`,
  "g",
);

/**
 * text: HTML text, a comment, RCDATA, or a plain attribute value (escaped). url: a URL attribute value (escaped, then
 * the whole attribute checked). style: a style attribute or <style> (only conservative values). drop: <script>,
 * on* handlers, srcdoc, a tag or attribute name (never rendered).
 */
export type Context = "text" | "url" | "style" | "drop";

/** What replaces a URL attribute value that a visitor value made unsafe, when the defaults do not make it safe. */
export const INVALID_URL = "about:invalid#waymark";

/** A URL attribute holding placeholders: how to find its rendered value and what to put instead if unsafe. */
export interface UrlAttribute {
  /** The attribute value's literal before its first placeholder (the end of the preceding literal). */
  prefix: string;
  /** The attribute value's literal after its last placeholder (the start of its tail), and its length. */
  suffixText: string;
  suffix: number;
  kind: "url" | "url-list" | "refresh";
  /** The value rendered with every placeholder's default (or INVALID_URL when even that is unsafe). */
  fallback: string;
}

export interface Part {
  path: string;
  /** The path's number (canonicalPath): where a decision's EscapedValues keep this path's escaped value. */
  pathNo: number;
  fallback: string;
  /** `| plural: "one", "other"`: the value picks a word (Liquid's pluralize), and the word is rendered instead. */
  plural: [one: string, other: string] | null;
  /** The literal after this placeholder, up to the next one. */
  tail: string;
  context: Context;
  /** In an unquoted attribute value: whitespace is encoded so a value cannot end it. */
  unquoted: boolean;
  /** Set on the first placeholder of a URL attribute value. */
  urlStart: UrlAttribute | null;
  /** Set on the last placeholder of a URL attribute value (the same object as on its first). */
  urlEnd: UrlAttribute | null;
}

/** A parsed template: literal head, then placeholders each followed by its literal tail. */
export interface ParsedTemplate {
  head: string;
  parts: Part[];
  /** Every placeholder is in plain text (no attribute, style or URL, none unquoted): fillTemplate's fast path. */
  textOnly: boolean;
}

// Parsed templates, shared across decisions: the same few templates render on every request.
const cache = new Map<string, ParsedTemplate>();
const MAX_CACHED = 2_000;

// One string object per placeholder path: a decision looks each path up once per template (the values), and equal
// keys that are one object compare at once, where copies are compared character by character. Each path also gets a
// number, never reused (a path seen again after the cache is cleared gets a new one), by which a decision keeps the
// values it has escaped (EscapedValues): an array read instead of a lookup.
const paths = new Map<string, { path: string; no: number }>();
let pathCount = 0;

function canonicalPath(path: string): { path: string; no: number } {
  const known = paths.get(path);
  if (known !== undefined) return known;
  if (paths.size >= MAX_CACHED) paths.clear();
  const entry = { path, no: pathCount++ };
  paths.set(path, entry);
  return entry;
}

/**
 * Parses a template once (cached). `attribute`: the template is the whole value of that attribute (set_attribute),
 * else it is HTML.
 */
export function parseTemplate(template: string, attribute?: string): ParsedTemplate {
  const key = attribute === undefined ? template : `${attribute.toLowerCase()}\u0000${template}`;
  let parsed = cache.get(key);
  if (parsed) return parsed;
  parsed = { head: "", parts: [], textOnly: false };
  const positions: number[] = [];
  let flat = "";
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(template); m !== null; m = TOKEN.exec(template)) {
    const literal = template.slice(last, m.index);
    if (parsed.parts.length === 0) parsed.head = literal;
    else parsed.parts[parsed.parts.length - 1].tail = literal;
    flat += literal;
    positions.push(flat.length);
    flat += "x"; // the value stands in as an ordinary character
    const { path, no } = canonicalPath(m[1]);
    parsed.parts.push({
      path,
      pathNo: no,
      fallback: m[2] ?? m[3] ?? "",
      plural: m[4] !== undefined || m[5] !== undefined ? [m[4] ?? m[5], m[6] ?? m[7] ?? ""] : null,
      tail: "",
      context: "text",
      unquoted: false,
      urlStart: null,
      urlEnd: null,
    });
    last = m.index + m[0].length;
  }
  const rest = template.slice(last);
  if (parsed.parts.length === 0) parsed.head = rest;
  else parsed.parts[parsed.parts.length - 1].tail = rest;
  flat += rest;
  if (parsed.parts.length > 0) tokenize(flat, positions, parsed.parts, attribute);
  parsed.textOnly = parsed.parts.every((p) => p.context === "text" && !p.unquoted);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, parsed);
  return parsed;
}

/** The value of a placeholder as it goes into its context (URL attributes are checked whole, by the caller). */
export function renderValue(p: Part, value: string): string {
  switch (p.context) {
    case "drop":
      return "";
    case "style":
      return escapeHtml(SAFE_STYLE_ASCII.test(value) || SAFE_STYLE.test(value) ? value : p.fallback);
    default: {
      const escaped = escapeHtml(value);
      return p.unquoted ? escaped.replace(HTML_SPACE, (c) => `&#${c.charCodeAt(0)};`) : escaped;
    }
  }
}

// CSS values that cannot open a function (url(, expression(), end a declaration, escape or quote anything.
const SAFE_STYLE = /^[\p{L}\p{N} #%.,+_-]*$/u;
const SAFE_STYLE_ASCII = /^[\w #%.,+-]*$/; // the same for ASCII, without the cost of a Unicode-property match
const HTML_SPACE = /[\t\n\f\r ]/g;

// Tokenizer states.
const DATA = 0;
const TAG_OPEN = 1;
const END_TAG_OPEN = 2;
const TAG_NAME = 3;
const BEFORE_ATTR_NAME = 4;
const ATTR_NAME = 5;
const AFTER_ATTR_NAME = 6;
const BEFORE_ATTR_VALUE = 7;
const ATTR_DQ = 8;
const ATTR_SQ = 9;
const ATTR_UQ = 10;
const AFTER_ATTR_VALUE = 11;
const SELF_CLOSING = 12;
const COMMENT = 13;
const BOGUS_COMMENT = 14;
const RAW = 15;
const WHOLE_VALUE = 16;

const SPACE = /[\t\n\f\r ]/;
const ALPHA = /[a-zA-Z]/;
// Elements whose content is not markup (HTML): script data, RAWTEXT style, RCDATA title/textarea. Other RAWTEXT
// elements (xmp, iframe, noscript...) are read as markup, which can only make the check stricter.
const RAW_ELEMENTS = new Set(["script", "style", "title", "textarea"]);

const urlKind = (k: string) => (k === "url-list" || k === "refresh" ? k : "url");

function tokenize(s: string, positions: number[], parts: Part[], attribute: string | undefined): void {
  let state = attribute === undefined ? DATA : WHOLE_VALUE;
  let tag = "";
  let endTag = false;
  let attr = attribute?.toLowerCase() ?? "";
  let raw = ""; // the element whose raw content we are in
  let scriptEscape = 0; // script data: 0 plain, 1 after "<!--", 2 double-escaped ("<!--<script>")
  let valueStart = 0;
  let group: number[] = []; // placeholders of the current URL attribute value
  let next = 0; // index in positions of the next placeholder

  const kind = () => attributeKind(attr, tag);
  const contextIn = (): [Context, boolean] => {
    switch (state) {
      case DATA:
      case COMMENT:
      case BOGUS_COMMENT:
        return ["text", false];
      case RAW:
        return [raw === "script" ? "drop" : raw === "style" ? "style" : "text", false];
      case BEFORE_ATTR_VALUE:
      case ATTR_UQ:
      case ATTR_DQ:
      case ATTR_SQ:
      case WHOLE_VALUE: {
        const k = kind();
        const unquoted = state === BEFORE_ATTR_VALUE || state === ATTR_UQ;
        if (k === "script") return ["drop", false];
        if (k === "style") return ["style", unquoted];
        return [k === "plain" ? "text" : "url", unquoted];
      }
      default:
        return ["drop", false]; // a tag or attribute name
    }
  };
  const endValue = (end: number) => {
    if (group.length === 0) return;
    const first = parts[group[0]];
    const lastIndex = group[group.length - 1];
    const url: UrlAttribute = {
      prefix: s.slice(valueStart, positions[group[0]]),
      suffixText: s.slice(positions[lastIndex] + 1, end),
      suffix: end - positions[lastIndex] - 1,
      kind: urlKind(kind()),
      fallback: "",
    };
    let fallback = url.prefix;
    for (const i of group) {
      const tailEnd = i === lastIndex ? end : positions[i + 1];
      fallback += renderValue(parts[i], parts[i].fallback) + s.slice(positions[i] + 1, tailEnd);
    }
    url.fallback = isSafeUrlValue(fallback, url.kind) ? fallback : INVALID_URL;
    first.urlStart = url;
    parts[lastIndex].urlEnd = url;
    group = [];
  };
  const startsAt = (i: number, word: string) => s.slice(i, i + word.length).toLowerCase() === word;
  const closesRaw = (i: number) =>
    s[i] === "<" && s[i + 1] === "/" && startsAt(i + 2, raw) && /^[\t\n\f\r />]?$/.test(s[i + 2 + raw.length] ?? "");

  for (let i = 0; i <= s.length; i++) {
    if (next < positions.length && positions[next] === i) {
      const [context, unquoted] = contextIn();
      parts[next].context = context;
      parts[next].unquoted = unquoted;
      if (state === BEFORE_ATTR_VALUE) {
        state = ATTR_UQ;
        valueStart = i;
      }
      if (context === "url") group.push(next);
      next++;
      continue; // the value is an ordinary character in every state it can be in
    }
    if (i === s.length) break;
    const c = s[i];
    switch (state) {
      case DATA:
        if (c === "<") state = TAG_OPEN;
        break;
      case TAG_OPEN:
        if (ALPHA.test(c)) {
          state = TAG_NAME;
          tag = c.toLowerCase();
          endTag = false;
        } else if (c === "/") state = END_TAG_OPEN;
        else if (c === "!") {
          if (s.startsWith("--", i + 1)) {
            i += 2;
            state = COMMENT;
            // "<!-->" and "<!--->" close at once.
            if (s[i + 1] === ">") {
              i += 1;
              state = DATA;
            } else if (s.startsWith("->", i + 1)) {
              i += 2;
              state = DATA;
            }
          } else state = BOGUS_COMMENT;
        } else if (c === "?") state = BOGUS_COMMENT;
        else {
          state = DATA;
          i--;
        }
        break;
      case END_TAG_OPEN:
        if (ALPHA.test(c)) {
          state = TAG_NAME;
          tag = c.toLowerCase();
          endTag = true;
        } else if (c === ">") state = DATA;
        else state = BOGUS_COMMENT;
        break;
      case TAG_NAME:
        if (SPACE.test(c)) state = BEFORE_ATTR_NAME;
        else if (c === "/") state = SELF_CLOSING;
        else if (c === ">") state = endOfTag();
        else tag += c.toLowerCase();
        break;
      case BEFORE_ATTR_NAME:
        if (SPACE.test(c)) break;
        if (c === "/" || c === ">") {
          state = AFTER_ATTR_NAME;
          i--;
        } else {
          state = ATTR_NAME;
          attr = c.toLowerCase();
        }
        break;
      case ATTR_NAME:
        if (SPACE.test(c) || c === "/" || c === ">") {
          state = AFTER_ATTR_NAME;
          i--;
        } else if (c === "=") state = BEFORE_ATTR_VALUE;
        else attr += c.toLowerCase();
        break;
      case AFTER_ATTR_NAME:
        if (SPACE.test(c)) break;
        if (c === "/") state = SELF_CLOSING;
        else if (c === "=") state = BEFORE_ATTR_VALUE;
        else if (c === ">") state = endOfTag();
        else {
          state = ATTR_NAME;
          attr = c.toLowerCase();
        }
        break;
      case BEFORE_ATTR_VALUE:
        if (SPACE.test(c)) break;
        if (c === '"' || c === "'") {
          state = c === '"' ? ATTR_DQ : ATTR_SQ;
          valueStart = i + 1;
        } else if (c === ">") state = endOfTag();
        else {
          state = ATTR_UQ;
          valueStart = i;
          i--;
        }
        break;
      case ATTR_DQ:
      case ATTR_SQ:
        if (c === (state === ATTR_DQ ? '"' : "'")) {
          endValue(i);
          state = AFTER_ATTR_VALUE;
        }
        break;
      case ATTR_UQ:
        if (SPACE.test(c) || c === ">") {
          endValue(i);
          state = c === ">" ? endOfTag() : BEFORE_ATTR_NAME;
        }
        break;
      case AFTER_ATTR_VALUE:
        if (c === "/") state = SELF_CLOSING;
        else if (c === ">") state = endOfTag();
        else {
          state = BEFORE_ATTR_NAME;
          if (!SPACE.test(c)) i--;
        }
        break;
      case SELF_CLOSING:
        if (c === ">") state = endOfTag();
        else {
          state = BEFORE_ATTR_NAME;
          i--;
        }
        break;
      case COMMENT:
        if (s.startsWith("-->", i) || s.startsWith("--!>", i)) {
          i += s[i + 2] === "!" ? 3 : 2;
          state = DATA;
        }
        break;
      case BOGUS_COMMENT:
        if (c === ">") state = DATA;
        break;
      case RAW:
        if (raw !== "script") {
          if (closesRaw(i)) state = TAG_OPEN;
          break;
        }
        // Script data: "<!--" escapes, "<script" inside it double-escapes (then "</script>" does not end it).
        if (scriptEscape === 0 && s.startsWith("<!--", i)) {
          scriptEscape = 1;
          i += 3;
        } else if (scriptEscape > 0 && s.startsWith("-->", i)) {
          scriptEscape = 0;
          i += 2;
        } else if (scriptEscape === 1 && c === "<" && startsAt(i + 1, "script") && /[\t\n\f\r />]/.test(s[i + 7] ?? ""))
          scriptEscape = 2;
        else if (closesRaw(i)) {
          if (scriptEscape === 2) scriptEscape = 1;
          else state = TAG_OPEN;
        }
        break;
      case WHOLE_VALUE:
        break;
    }
  }
  if (state === ATTR_DQ || state === ATTR_SQ || state === ATTR_UQ || state === WHOLE_VALUE) endValue(s.length);

  function endOfTag(): number {
    if (endTag || !RAW_ELEMENTS.has(tag)) return DATA;
    raw = tag;
    scriptEscape = 0;
    return RAW;
  }
}
