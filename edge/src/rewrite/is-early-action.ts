import type { AppliedAction } from "@waymark/shared";

const TOP = new Set(["html", "head", "body"]);

/**
 * Is the action done once the <body> start tag has been parsed? Then the rest of the page needs no parsing.
 * True for edits of <html>/<head>/<body> themselves that land at or before the <body> start tag: any insert at
 * <head> (its end tag comes first), inserts before or at the start of <html>/<body>, and attribute edits of the
 * three; never for content further down (a selector like "#hero" may match anywhere).
 */
export function isEarlyAction(a: AppliedAction): boolean {
  const act = a.action;
  if (!("selector" in act)) return true; // nudges, redirects: not HTML edits
  const sel = act.selector.trim().toLowerCase();
  if (!TOP.has(sel)) return false;
  if (act.type === "insert") return sel === "head" || act.position === "prepend" || act.position === "before";
  return act.type === "set_attribute" || act.type === "hide" || act.type === "style";
}
