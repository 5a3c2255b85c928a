import type { AppliedAction } from "@waymark/shared";
import { refusedAt } from "@waymark/shared/schemas/raw-text-elements.ts";
import { markElement } from "./marker-attributes.ts";

/**
 * replace: the element's content becomes the action's html, or its text. Both come from the engine already
 * rendered with visitor values escaped, so both are inserted as markup (text templates escape their values too).
 * A raw-text element (<script>, <style>, <textarea>, <title>...) keeps its content: the HTML check cannot judge it.
 */
export function replaceHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  if (a.action.type !== "replace") throw new Error("replaceHandler: wrong action type");
  const content = a.action.html ?? a.action.text ?? "";
  return {
    element(el) {
      if (refusedAt(a.action, el.tagName)) return;
      el.setInnerContent(content, { html: true });
      markElement(el, a);
    },
  };
}
