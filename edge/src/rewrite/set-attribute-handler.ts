import type { AppliedAction } from "@waymark/shared";
import { markElement } from "./marker-attributes.ts";

export function setAttributeHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  if (a.action.type !== "set_attribute") throw new Error("setAttributeHandler: wrong action type");
  const { name, value } = a.action;
  return {
    element(el) {
      el.setAttribute(name, value);
      markElement(el, a);
    },
  };
}
