// Elements whose content the HTML check of a journey (script-in-html.ts) cannot judge: a <script> runs it, a <style>
// applies it as CSS, <textarea>/<title> show it as text, <xmp>, <iframe>, <noembed>, <noframes>, <noscript> keep it as
// raw text, <plaintext> never ends, a <template> holds it inert for page script to use later. No zod: the edge's
// rewriter and the beacon (which restores edge changes after a re-render) share this rule.

/** The raw-text, RCDATA, inert and endless elements (tag names in any case). */
export const RAW_TEXT_ELEMENT =
  /^(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext|template)$/i;

/**
 * Is this action not applied at an element named `tag`? Content put inside a raw-text element (insert prepend or
 * append, replace html or text), and any attribute set on a <script> (src, type, ...): the page keeps the element as
 * the origin sent it. Inserting before or after such an element, hiding or removing it, is left alone.
 */
export function refusedAt(action: { type: string; position?: string }, tag: string): boolean {
  if (action.type === "set_attribute") return /^script$/i.test(tag);
  // Inside: a replace, or an insert at "prepend" or "append" (only insert actions have a position).
  return (action.type === "replace" || /pend$/.test(action.position!)) && RAW_TEXT_ELEMENT.test(tag);
}
