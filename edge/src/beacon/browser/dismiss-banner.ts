/** The edge-marked element (data-wm-journey, rewrite/marker-attributes.ts) `el` is in: a banner, or a nudge's host. */
export function markedBy(el: Element): Element | undefined {
  return el.closest("[data-wm-journey]") || (el.getRootNode() as ShadowRoot).host; // (a document has no host)
}

/**
 * Dismiss without scripts: a click on an element carrying `data-wm-dismiss` inside content the edge inserted or
 * changed, or inside a nudge, hides that banner and dismisses its journey (`dismiss(journey)`: the nudges go, and
 * `dismiss` is reported as for a nudge's close button). Hidden, not removed: the marked element stays, so restoring
 * edge changes after a re-render does not bring it back. `target` is the innermost element clicked (inside a
 * nudge's shadow root too). True when it was a dismissal.
 */
export function dismissBanner(target: Element, dismiss: (journey: string) => void): boolean {
  const control = target.closest("[data-wm-dismiss]");
  const banner = control && markedBy(control);
  const journey = banner && banner.getAttribute("data-wm-journey");
  if (!journey) return false;
  (banner as HTMLElement).style.setProperty("display", "none", "important");
  dismiss(journey);
  return true;
}
