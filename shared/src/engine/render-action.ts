import type { Action } from "../schemas/action.ts";
import { renderTemplate } from "./render-template.ts";
import { isScriptUrlValue } from "./unsafe-attribute.ts";
import { templateValues } from "./template-values.ts";
import type { LazyValues, TemplateValues } from "./types.ts";

/**
 * An action with its templates filled. Every string field of the result is HTML: `html` and attribute `value` keep
 * the marketer's markup with values escaped; `text` and nudge `title` are escaped whole (insert them as HTML).
 * Null when a visitor value would turn a URL attribute into a script URL (escaping cannot stop "javascript:").
 */
export function renderAction(a: Action, lazy: LazyValues, allowScripts: boolean): Action | null {
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
      const value = renderTemplate(a.value, valuesOf(lazy));
      return !allowScripts && isScriptUrlValue(a.name, value) ? null : { ...a, value };
    }
    default:
      return a;
  }
}

const NONE: TemplateValues = {};

function valuesOf(lazy: LazyValues): TemplateValues {
  return (lazy.values ??= templateValues(lazy.state));
}
