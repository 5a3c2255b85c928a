import { escapeHtml } from "./escape-html.ts";
import type { TemplateValues } from "./types.ts";

const TOKEN = /\{\{\s*([A-Za-z0-9_.:-]+)\s*(?:\|\s*(?:"([^"]*)"|'([^']*)')\s*)?\}\}/g;

/** A parsed template: literal, then [path, default, literal] triples. */
type Parsed = { head: string; parts: { path: string; fallback: string; tail: string }[] };

// Parsed templates, shared across decisions: the same few templates render on every request.
const cache = new Map<string, Parsed>();
const MAX_CACHED = 2_000;

/**
 * Fills `{{ path }}` and `{{ path | "default" }}` from the values; unknown paths give the default or "".
 * Values and defaults are always HTML-escaped. The literal template is kept as written (it is the marketer's HTML),
 * unless `literal` is "text": then it is escaped too, so the result is HTML showing exactly that text.
 * @example renderTemplate('<b>{{cart.count | "0"}} items</b>', { "cart.count": "2" }) // "<b>2 items</b>"
 */
export function renderTemplate(template: string, values: TemplateValues, literal: "html" | "text" = "html"): string {
  const text = literal === "text";
  if (!template.includes("{{")) return text ? escapeHtml(template) : template;
  const parsed = parse(template);
  let out = text ? escapeHtml(parsed.head) : parsed.head;
  for (const p of parsed.parts) {
    const value = Object.hasOwn(values, p.path) ? values[p.path] : p.fallback;
    out += escapeHtml(value) + (text ? escapeHtml(p.tail) : p.tail);
  }
  return out;
}

function parse(template: string): Parsed {
  let parsed = cache.get(template);
  if (parsed) return parsed;
  parsed = { head: "", parts: [] };
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(template); m !== null; m = TOKEN.exec(template)) {
    const literal = template.slice(last, m.index);
    if (parsed.parts.length === 0) parsed.head = literal;
    else parsed.parts[parsed.parts.length - 1].tail = literal;
    parsed.parts.push({ path: m[1], fallback: m[2] ?? m[3] ?? "", tail: "" });
    last = m.index + m[0].length;
  }
  const rest = template.slice(last);
  if (parsed.parts.length === 0) parsed.head = rest;
  else parsed.parts[parsed.parts.length - 1].tail = rest;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(template, parsed);
  return parsed;
}
