import type { AppliedAction } from "@waymark/shared";

/** remove: the element and its content are dropped from the page (nothing left to mark). */
export function removeHandler(_a: AppliedAction): HTMLRewriterElementContentHandlers {
  return {
    element(el) {
      el.remove();
    },
  };
}
