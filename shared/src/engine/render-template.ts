import { escapeHtml } from "./escape-html.ts";
import type { TemplateValues } from "./types.ts";

const TOKEN = /\{\{\s*([A-Za-z0-9_.:-]+)\s*(?:\|\s*(?:"([^"]*)"|'([^']*)')\s*)?\}\}/g;

/**
 * Fills `{{ path }}` and `{{ path | "default" }}` from the values; unknown paths give the default or "".
 * Values and defaults are always HTML-escaped. The literal template is kept as written (it is the marketer's HTML),
 * unless `literal` is "text": then it is escaped too, so the result is HTML showing exactly that text.
 * @example renderTemplate('<b>{{cart.count | "0"}} items</b>', { "cart.count": "2" }) // "<b>2 items</b>"
 */
export function renderTemplate(template: string, values: TemplateValues, literal: "html" | "text" = "html"): string {
  if (!template.includes("{{")) return literal === "text" ? escapeHtml(template) : template;
  let out = "";
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(template); m !== null; m = TOKEN.exec(template)) {
    const before = template.slice(last, m.index);
    out += literal === "text" ? escapeHtml(before) : before;
    const value = Object.hasOwn(values, m[1]) ? values[m[1]] : undefined;
    out += escapeHtml(value ?? m[2] ?? m[3] ?? "");
    last = m.index + m[0].length;
  }
  const rest = template.slice(last);
  return out + (literal === "text" ? escapeHtml(rest) : rest);
}
