import type { Action } from "../schemas/action.ts";
import { parseTemplate, type ParsedTemplate } from "./parse-template.ts";
import { fillAttribute, fillTemplate, fillText, type EscapedValues } from "./render-template.ts";
import { templateValues } from "./template-values.ts";
import type { LazyValues, TemplateValues } from "./types.ts";

/**
 * An action's templates, parsed: the field each fills (html, nudge title, replace text, set_attribute value), null
 * for a field it leaves as written. compileRuleset keeps them per action, so a decision neither scans nor looks up
 * templates. `placeholders`: some template names a visitor value (else the values are never computed).
 */
export interface ActionTemplates {
  html: ParsedTemplate | null;
  title: ParsedTemplate | null;
  text: ParsedTemplate | null;
  value: ParsedTemplate | null;
  placeholders: boolean;
}

/** The templates renderAction fills in `a`; null when it returns `a` itself whatever the values. */
export function actionTemplates(a: Action): ActionTemplates | null {
  switch (a.type) {
    case "insert":
      return a.html.includes("{{") ? templates({ html: parseTemplate(a.html) }) : null;
    case "nudge":
      // Always a new object: the title is escaped whole even without placeholders.
      return templates({ html: parseTemplate(a.html), title: a.title === undefined ? null : parseTemplate(a.title) });
    case "replace":
      if (a.text !== undefined) return templates({ text: parseTemplate(a.text) });
      return a.html !== undefined && a.html.includes("{{") ? templates({ html: parseTemplate(a.html) }) : null;
    case "set_attribute":
      return a.value.includes("{{") ? templates({ value: parseTemplate(a.value, a.name) }) : null;
    default:
      return null;
  }
}

function templates(t: Partial<Omit<ActionTemplates, "placeholders">>): ActionTemplates {
  const { html = null, title = null, text = null, value = null } = t;
  const placeholders = [html, title, text, value].some((p) => p !== null && p.parts.length > 0);
  return { html, title, text, value, placeholders };
}

/**
 * An action with its templates filled, each value rendered for where it sits (renderTemplate), whatever
 * `allowScripts` says: that is about the marketer's markup, never the visitor's values. Every string field of the
 * result is HTML: `html` and attribute `value` keep the marketer's markup with values escaped; `text` and nudge
 * `title` are escaped whole (insert them as HTML). Null when visitor values would make a set_attribute URL anything
 * but http(s), mailto, tel or relative (escaping cannot stop "javascript:"): the page keeps its own value.
 * `t`: the action's templates if parsed beforehand (CompiledAction.templates).
 */
export function renderAction(a: Action, lazy: LazyValues, t = actionTemplates(a)): Action | null {
  if (!t) return a;
  let values = NONE;
  let escaped: EscapedValues | undefined;
  if (t.placeholders) {
    values = lazy.values ??= templateValues(lazy.state);
    escaped = lazy.escaped ??= [];
  }
  // A copy then an assignment, not `{ ...a, field }`: V8 copies a plain spread by the source's shape, several times
  // faster than a spread with more properties (one per applied action per decision). Each field assigned is one
  // `a` has, so the copy keeps its key order (JSON output unchanged).
  switch (a.type) {
    case "insert": {
      const html = fillTemplate(t.html!, values, escaped);
      if (html === a.html) return a;
      const out = { ...a };
      out.html = html;
      return out;
    }
    case "nudge": {
      const out = { ...a };
      out.html = fillTemplate(t.html!, values, escaped);
      if (t.title) out.title = fillText(t.title, values, escaped);
      return out;
    }
    case "replace": {
      const out = { ...a };
      if (t.text) out.text = fillText(t.text, values, escaped);
      else out.html = fillTemplate(t.html!, values, escaped);
      return out;
    }
    case "set_attribute": {
      const value = fillAttribute(t.value!, values);
      if (value === null) return null;
      const out = { ...a };
      out.value = value;
      return out;
    }
    default:
      return a;
  }
}

const NONE: TemplateValues = {};
