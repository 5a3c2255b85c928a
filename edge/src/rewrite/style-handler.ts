import type { AppliedAction } from "@waymark/shared";
import { markElement } from "./marker-attributes.ts";

/**
 * style: the action's declarations appended to the element's style attribute, after its own, so they win over them
 * (validated as declarations only by StyleCss; setAttribute escapes the value for the attribute).
 */
export function styleHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  if (a.action.type !== "style") throw new Error("styleHandler: wrong action type");
  const css = a.action.css.trim();
  return {
    element(el) {
      el.setAttribute("style", appendDeclarations(el.getAttribute("style"), css));
      markElement(el, a);
    },
  };
}

/** `own` then `added`, with exactly one ";" between them. */
export function appendDeclarations(own: string | null, added: string): string {
  const base = own?.trim() ?? "";
  if (!base) return added;
  return `${base.endsWith(";") ? base : `${base};`}${added}`;
}
