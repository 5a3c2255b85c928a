import type { AppliedAction } from "@waymark/shared";
import { refusedAt } from "@waymark/shared/schemas/raw-text-elements.ts";
import { slotMarkup } from "./slot-markup.ts";

/**
 * insert before/after/prepend/append: only at the first match, so a broad selector never repeats a banner. Not
 * applied when that match is a raw-text element (<script>, <style>, <textarea>...) and the HTML would go inside it.
 */
export function insertHandler(a: AppliedAction): HTMLRewriterElementContentHandlers {
  if (a.action.type !== "insert") throw new Error("insertHandler: wrong action type");
  const { position, html } = a.action;
  const markup = slotMarkup(a, html);
  let done = false;
  return {
    element(el) {
      if (done) return;
      done = true;
      if (refusedAt(a.action, el.tagName)) return;
      if (position === "before") el.before(markup, { html: true });
      else if (position === "after") el.after(markup, { html: true });
      else if (position === "prepend") el.prepend(markup, { html: true });
      else el.append(markup, { html: true });
    },
  };
}
