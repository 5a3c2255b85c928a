import type { AppliedAction } from "@waymark/shared";
import { markerAttributeString } from "./marker-attributes.ts";

/** Inserted HTML wrapped in a layout-neutral <waymark-slot> carrying the action's markers. */
export function slotMarkup(a: AppliedAction, html: string): string {
  return `<waymark-slot${markerAttributeString(a)} style="display:contents">${html}</waymark-slot>`;
}
