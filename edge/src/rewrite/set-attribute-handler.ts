import type { AppliedAction } from "@waymark/shared";
import { refusedAt } from "@waymark/shared/schemas/raw-text-elements.ts";
import { markElement } from "./marker-attributes.ts";

/** set_attribute, never on a <script> (a src or type there would run other code). */
export function setAttributeHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  if (a.action.type !== "set_attribute") throw new Error("setAttributeHandler: wrong action type");
  const { name, value } = a.action;
  return {
    element(el) {
      if (refusedAt(a.action, el.tagName)) return;
      el.setAttribute(name, value);
      markElement(el, a);
    },
  };
}
