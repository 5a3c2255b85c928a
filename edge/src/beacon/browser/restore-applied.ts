import type { AppliedAction } from "@waymark/shared";
import { applyAction, isPresent, unapply, type Undo, type Written } from "./apply-action.ts";
import { guard } from "./guard.ts";

/** Past these rounds (per route), a framework is fighting us: stop restoring rather than loop. */
const MAX_RESTORES = 40;
const MAX_RESTORES_PER_SECOND = 12;

export interface Kept {
  /**
   * The changes the page should now show (an SPA's new route): those no longer in the list are undone, new ones
   * applied; one in both (same journey, action and content) is left as it is, so it does not flicker.
   */
  set(applied: AppliedAction[]): void;
  /** Stop restoring until the next set (the route is changing: its old changes must not come back on the new one). */
  pause(): void;
}

/**
 * Hydration safety: keeps page changes in the page when a client framework re-renders and wipes them: the edge's
 * (manifest.applied, already in the HTML) and, after an SPA route change, those the beacon applied itself. A change
 * is re-applied only when it is gone or reset, at the same selector and position, so nothing is ever duplicated.
 * The observer is disconnected while it applies (its own changes never wake it), and gives up after a bounded
 * number of restorations per route.
 *
 * Undoing on a route change: what the beacon applied is put back element by element (see applyAction); of the
 * edge's changes, the inserted content and hide/style declarations are taken out (unapply), the rest is left to
 * the route's own render.
 */
export function restoreApplied(applied: AppliedAction[]): Kept {
  /** Per change, keyed by its whole JSON: the change and the undos of what the beacon applied of it. */
  let kept = new Map<string, [AppliedAction, Undo[]]>();
  const written: Written = new WeakMap();
  let restores = 0;
  let recent: number[] = [];
  const observer = new MutationObserver(guard(() => check()));

  const observe = () => {
    // Attribute changes only matter to set_attribute, hide and style; watching them otherwise would cost on busy
    // pages.
    const attributeFilter = ["data-wm-action"];
    for (const [{ action: act }] of kept.values())
      if (act.type === "set_attribute") attributeFilter.push(act.name);
      else if (act.type === "hide" || act.type === "style") attributeFilter.push("style");
    if (kept.size)
      observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter });
  };

  // One restoration is a round: everything a re-render wiped, put back at once.
  const check = () => {
    observer.disconnect();
    try {
      const missing = [...kept.values()].filter(([a]) => !isPresent(a, written));
      if (missing.length) {
        const now = Date.now();
        recent = recent.filter((t) => now - t < 1000);
        if (restores >= MAX_RESTORES || recent.length >= MAX_RESTORES_PER_SECOND) {
          console.warn("waymark: page keeps removing changes; stopped restoring");
          return; // stays disconnected
        }
        restores++;
        recent.push(now);
        for (const [a, undos] of missing) undos.push(...applyAction(a, written));
      }
    } catch {
      /* never break the page */
    }
    observe();
  };

  const set = (next: AppliedAction[]) => {
    observer.disconnect();
    const was = kept;
    kept = new Map();
    // Page actions only: the edge never lists nudges or redirects in `applied` (page-answer.ts).
    for (const a of next) {
      const key = JSON.stringify(a);
      kept.set(key, was.get(key) || [a, []]);
      was.delete(key);
    }
    for (const [a, undos] of was.values()) {
      unapply(a);
      undos.reverse().forEach((u) => u());
    }
    // A new route: a fresh allowance of restorations.
    restores = 0;
    recent = [];
    check();
  };

  set(applied);
  return { set: guard(set), pause: () => observer.disconnect() };
}
