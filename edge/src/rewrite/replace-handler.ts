import type { AppliedAction } from "@waymark/shared";
import { markElement } from "./marker-attributes.ts";

/**
 * replace: the element's content becomes the action's html, or its text. Both come from the engine already
 * rendered with visitor values escaped, so both are inserted as markup (text templates escape their values too).
 */
export function replaceHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  if (a.action.type !== "replace") throw new Error("replaceHandler: wrong action type");
  const content = a.action.html ?? a.action.text ?? "";
  return {
    element(el) {
      el.setInnerContent(content, { html: true });
      markElement(el, a);
    },
  };
}
