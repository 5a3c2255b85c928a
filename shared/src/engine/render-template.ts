import { escapeHtml } from "./escape-html.ts";
import { parseTemplate, renderValue, type ParsedTemplate, type Part } from "./parse-template.ts";
import { isSafeUrlValue } from "./unsafe-attribute.ts";
import type { TemplateValues } from "./types.ts";

/**
 * Fills `{{ path }}` and `{{ path | "default" }}` from the values; unknown paths give the default or "".
 * `{{ path | plural: "item", "items" }}` renders the first word when the value is the number 1 and the second
 * otherwise (also when the value is unknown), so copy reads "1 item" / "3 items" (`{{cart.count}} {{cart.count |
 * plural: "item", "items"}}`).
 * The literal template is kept as written (it is the marketer's HTML); each value is rendered for where it sits:
 * HTML-escaped always; in a URL attribute (href, src, action, srcset...) the whole rendered attribute value must be
 * an http(s), mailto, tel or relative URL, else it becomes its defaults' rendering (or about:invalid); in a style
 * only plain CSS words and numbers; never inside <script>, on* handlers or srcdoc. With `literal` "text" the
 * template is escaped too, so the result is HTML showing exactly that text.
 * @example renderTemplate('<b>{{cart.count | "0"}} items</b>', { "cart.count": "2" }) // "<b>2 items</b>"
 */
export function renderTemplate(template: string, values: TemplateValues, literal: "html" | "text" = "html"): string {
  const text = literal === "text";
  if (!template.includes("{{")) return text ? escapeHtml(template) : template;
  if (text) return fillText(parseTemplate(template), values);
  return fillTemplate(parseTemplate(template), values);
}

/**
 * renderTemplate of an HTML template parsed beforehand (parseTemplate), as compiled actions keep theirs. `escaped`:
 * the values escaped so far for these same `values` (see EscapedValues).
 */
export function fillTemplate(parsed: ParsedTemplate, values: TemplateValues, escaped?: EscapedValues): string {
  // Most templates of a decision are text with placeholders: render's per-part context checks, skipped. What each
  // part adds is exactly what render adds for a "text" one.
  if (escaped && parsed.textOnly) {
    const parts = parsed.parts;
    let out = parsed.head;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const e = escaped[p.pathNo];
      out = out + (e === undefined || p.plural !== null ? escapedValueOf(p, values, escaped) : e) + p.tail;
    }
    return out;
  }
  return render(parsed, values, false, escaped) ?? "";
}

/**
 * Visitor values already HTML-escaped, by path number (Part.pathNo): one decision renders many templates from the
 * same values, and escapes each value once. Only valid for the one values object it was filled from (decide keeps
 * one per decision). Start with an empty array.
 */
export type EscapedValues = (string | undefined)[];

/**
 * The value of attribute `name` from a template (set_attribute), rendered like a value in that attribute of an HTML
 * template. Null when visitor values would make it a URL that is not http(s), mailto, tel or relative: the action
 * is then not applied, leaving the page's own value.
 */
export function renderAttributeTemplate(name: string, template: string, values: TemplateValues): string | null {
  if (!template.includes("{{")) return template;
  return fillAttribute(parseTemplate(template, name), values);
}

/** renderAttributeTemplate of a template parsed beforehand (parseTemplate with the attribute's name). */
export function fillAttribute(parsed: ParsedTemplate, values: TemplateValues): string | null {
  return render(parsed, values, true);
}

/** escapeHtml(valueOf(p, values)), a visitor's value escaped once per `escaped` map. */
function escapedValueOf(p: Part, values: TemplateValues, escaped: EscapedValues | undefined): string {
  if (!escaped || p.plural) return escapeHtml(valueOf(p, values));
  let e = escaped[p.pathNo];
  if (e === undefined) {
    if (!Object.hasOwn(values, p.path)) return escapeHtml(p.fallback);
    escaped[p.pathNo] = e = escapeHtml(values[p.path]);
  }
  return e;
}

/** The raw value of a placeholder: the visitor's value, its default, or its plural word. */
function valueOf(p: Part, values: TemplateValues): string {
  const known = Object.hasOwn(values, p.path);
  if (p.plural) return known && Number(values[p.path]) === 1 ? p.plural[0] : p.plural[1];
  return known ? values[p.path] : p.fallback;
}

function render(
  parsed: ParsedTemplate,
  values: TemplateValues,
  refuseUnsafeUrl: boolean,
  escaped?: EscapedValues,
): string | null {
  let out = parsed.head;
  let start = 0; // where the current URL attribute value starts in `out`
  let url = ""; // that value so far (kept apart: slicing `out` would flatten it on every check)
  for (const p of parsed.parts) {
    if (p.context === "text" && !p.unquoted) {
      // The common case, kept cheap. Left to right: joining value and tail first copies them into a new string when
      // short, where out + value + tail only links.
      out = out + escapedValueOf(p, values, escaped) + p.tail;
      continue;
    }
    const value = renderValue(p, valueOf(p, values));
    if (p.context !== "url") {
      out += value + p.tail;
      continue;
    }
    if (p.urlStart) {
      start = out.length - p.urlStart.prefix.length;
      url = p.urlStart.prefix;
    }
    const end = p.urlEnd;
    if (!end) {
      out += value + p.tail;
      url += value + p.tail;
    } else if (isSafeUrlValue(url + value + end.suffixText, end.kind)) out += value + p.tail;
    else if (refuseUnsafeUrl) return null;
    else out = out.slice(0, start) + end.fallback + p.tail.slice(end.suffix);
  }
  return out;
}

/** Text mode (renderTemplate's "text") of a template parsed beforehand: everything escaped, so contexts do not arise. */
export function fillText(parsed: ParsedTemplate, values: TemplateValues, escaped?: EscapedValues): string {
  let out = escapeHtml(parsed.head);
  for (const p of parsed.parts) out += escapedValueOf(p, values, escaped) + escapeHtml(p.tail);
  return out;
}
