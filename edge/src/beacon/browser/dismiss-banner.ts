/**
 * Dismiss without scripts: a click on an element carrying `data-wm-dismiss` inside content the edge inserted or
 * changed (marked with data-wm-journey, rewrite/marker-attributes.ts) or inside a nudge hides that banner and
 * dismisses its journey (`dismiss(journey)`: the nudges go, and `dismiss` is reported as for a nudge's close button).
 * Hidden, not removed: the marked element stays, so restoring edge changes after a re-render does not bring it back.
 * `target` is the innermost element clicked (inside a nudge's shadow root too). True when it was a dismissal.
 */
export function dismissBanner(target: Element, dismiss: (journey: string) => void): boolean {
  const control = target.closest("[data-wm-dismiss]");
  if (!control) return false;
  // Inside a nudge, the marks are on the shadow root's host.
  const banner = control.closest("[data-wm-journey]") || (control.getRootNode() as ShadowRoot).host;
  const journey = banner && banner.getAttribute("data-wm-journey");
  if (!journey) return false;
  (banner as HTMLElement).style.setProperty("display", "none", "important");
  dismiss(journey);
  return true;
}
