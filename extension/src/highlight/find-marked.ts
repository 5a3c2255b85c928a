import type { SlotInfo } from "../messaging/content-protocol.ts";

/** Elements Waymark inserted (<waymark-slot> wrappers) or changed (data-wm-* on the target), in document order. */
export const MARKED_SELECTOR = "waymark-slot, [data-wm-journey]";

export interface Marked {
  el: Element;
  info: SlotInfo;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The viewport box of a marked element. A <waymark-slot> is `display: contents` and has no box of its own, so its
 * contents' box stands in for it.
 */
export function boxOf(el: Element): Box {
  let r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0 && el.ownerDocument) {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    r = range.getBoundingClientRect();
  }
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

function attr(el: Element, name: string): string {
  return (el.getAttribute(name) ?? "").slice(0, 200);
}

/** Finds what Waymark put on the page, skipping anything inside our own overlay. */
export function findMarked(doc: Document, overlayTag: string): Marked[] {
  return Array.from(doc.querySelectorAll(MARKED_SELECTOR))
    .filter((el) => !el.closest(overlayTag))
    .slice(0, 500)
    .map((el, index) => {
      const box = boxOf(el);
      const inserted = el.tagName.toLowerCase() === "waymark-slot";
      const info: SlotInfo = {
        index,
        kind: inserted ? "inserted" : "changed",
        tag: (inserted ? (el.firstElementChild?.tagName ?? "text") : el.tagName).toLowerCase().slice(0, 64),
        journey: attr(el, "data-wm-journey"),
        stage: attr(el, "data-wm-stage"),
        branch: attr(el, "data-wm-branch"),
        action: attr(el, "data-wm-action"),
        visible: box.width > 0 && box.height > 0,
        text: (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 200),
      };
      return { el, info };
    });
}
