import type { Action } from "../schemas/action.ts";
import { renderAttributeTemplate, renderTemplate } from "./render-template.ts";
import { templateValues } from "./template-values.ts";
import type { LazyValues, TemplateValues } from "./types.ts";

/**
 * An action with its templates filled, each value rendered for where it sits (renderTemplate), whatever
 * `allowScripts` says: that is about the marketer's markup, never the visitor's values. Every string field of the
 * result is HTML: `html` and attribute `value` keep the marketer's markup with values escaped; `text` and nudge
 * `title` are escaped whole (insert them as HTML). Null when visitor values would make a set_attribute URL anything
 * but http(s), mailto, tel or relative (escaping cannot stop "javascript:"): the page keeps its own value.
 */
export function renderAction(a: Action, lazy: LazyValues): Action | null {
  switch (a.type) {
    case "insert":
    case "nudge": {
      const html = renderTemplate(a.html, a.html.includes("{{") ? valuesOf(lazy) : NONE);
      if (a.type === "insert") return html === a.html ? a : { ...a, html };
      const title = a.title === undefined ? undefined : renderTemplate(a.title, valuesOf(lazy), "text");
      return { ...a, html, ...(title === undefined ? {} : { title }) };
    }
    case "replace":
      if (a.text !== undefined) return { ...a, text: renderTemplate(a.text, valuesOf(lazy), "text") };
      return a.html !== undefined && a.html.includes("{{") ? { ...a, html: renderTemplate(a.html, valuesOf(lazy)) } : a;
    case "set_attribute": {
      if (!a.value.includes("{{")) return a;
      const value = renderAttributeTemplate(a.name, a.value, valuesOf(lazy));
      return value === null ? null : { ...a, value };
    }
    default:
      return a;
  }
}

const NONE: TemplateValues = {};

function valuesOf(lazy: LazyValues): TemplateValues {
  return (lazy.values ??= templateValues(lazy.state));
}
