import type { AppliedAction } from "@waymark/shared";
import { markElement } from "./marker-attributes.ts";
import { appendDeclarations } from "./style-handler.ts";

/** hide: kept in the DOM (scripts may rely on it), but not displayed. */
export function hideHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  return {
    element(el) {
      el.setAttribute("style", appendDeclarations(el.getAttribute("style"), "display:none!important"));
      markElement(el, a);
    },
  };
}
