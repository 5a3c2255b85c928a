import { rageClickDetector } from "../core/rage-clicks.ts";
import type { BeaconSettings } from "../core/beacon-defaults.ts";
import { guard } from "./guard.ts";
import type { Emit } from "./emit.ts";

const INTERACTIVE =
  "a[href],button,input,select,textarea,label,summary,details,option,video,audio,[onclick],[tabindex],[contenteditable]" +
  "button link tab menuitem checkbox switch option".replace(/\w+/g, ",[role=$&]");
/** How long a click has to show an effect (DOM change, navigation) before it counts as dead. */
const DEAD_AFTER_MS = 500;

/** A short, text-free description of an element ("span.perk-link", "button#buy"): never the visitor's data. */
export function describe(el: Element): string {
  const cls = (el.getAttribute("class") || "").trim().split(/\s+/)[0];
  return (el.tagName.toLowerCase() + (el.id ? "#" + el.id : cls && "." + cls)).slice(0, 100);
}

function looksClickable(el: Element): boolean {
  const style = getComputedStyle(el);
  return style.cursor === "pointer" || style.textDecorationLine.includes("underline");
}

/**
 * The beacon's one delegated click listener (capture phase: it runs before a link navigates away): `track` first
 * (events without code, track-clicks.ts), then rage clicks (a burst of clicks in one spot, reported at once) and
 * dead clicks (a click on something that looks clickable but is not interactive, and nothing happens in the next
 * half second).
 */
export function watchClicks(cfg: BeaconSettings, emit: Emit, track: (e: MouseEvent) => void): void {
  const rage = rageClickDetector(cfg.rageClicks, cfg.rageWindowMs, cfg.rageRadiusPx);
  document.addEventListener(
    "click",
    guard((e: MouseEvent) => {
      guard(track)(e);
      const el = e.target instanceof Element ? e.target : null;
      if (!el || el.closest("waymark-nudge")) return;
      const path = location.pathname;
      const n = rage(e.clientX, e.clientY, Date.now());
      if (n)
        return emit(
          "rage_click",
          { count: n, x: Math.round(e.clientX), y: Math.round(e.clientY), target: describe(el), path },
          true,
        );
      if (el.closest(INTERACTIVE) || !looksClickable(el)) return;
      let changed = false;
      const href = location.href;
      const mo = new MutationObserver(() => (changed = true));
      mo.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
      setTimeout(
        guard(() => {
          mo.disconnect();
          if (!changed && location.href === href) emit("dead_click", { target: describe(el), path });
        }),
        DEAD_AFTER_MS,
      );
    }),
    { capture: true, passive: true } as AddEventListenerOptions,
  );
}
