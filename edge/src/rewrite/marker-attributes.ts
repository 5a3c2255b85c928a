import type { AppliedAction } from "@waymark/shared";
import { escapeAttr } from "./escape-attr.ts";

/** The data-wm-* attributes that tie a page change to its journey/stage/branch/action (beacon, extension). */
export function markerAttributes(a: AppliedAction): [string, string][] {
  return [
    ["data-wm-journey", a.journey],
    ["data-wm-stage", a.stage],
    ["data-wm-branch", a.branch],
    ["data-wm-action", a.actionId],
  ];
}

/** The same attributes as markup, for the <waymark-slot> wrapper. */
export function markerAttributeString(a: AppliedAction): string {
  return markerAttributes(a)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join("");
}

/** Marks an element the edge changed in place. */
export function markElement(el: Element, a: AppliedAction): void {
  for (const [k, v] of markerAttributes(a)) el.setAttribute(k, v);
}
