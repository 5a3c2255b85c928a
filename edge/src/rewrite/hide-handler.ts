import type { AppliedAction } from "@waymark/shared";
import { markElement } from "./marker-attributes.ts";

/** hide: kept in the DOM (scripts may rely on it), but not displayed. */
export function hideHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  return {
    element(el) {
      const style = el.getAttribute("style")?.trim();
      el.setAttribute("style", `${style ? (style.endsWith(";") ? style : `${style};`) : ""}display:none!important`);
      markElement(el, a);
    },
  };
}
