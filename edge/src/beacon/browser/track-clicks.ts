import { EVENT_TYPE_RE } from "../core/clean-event-data.ts";
import { dismissBanner, markedBy } from "./dismiss-banner.ts";
import type { Emit } from "./emit.ts";

/** A click rule of the page manifest (PageManifest.track): clicks on `s` (or inside it) report event `e`. */
type Rule = { s?: unknown; e?: unknown };

/**
 * Events without code, for the beacon's one delegated click listener (click-signals.ts): a click on an element
 * matching a click rule of the manifest, or inside an element with `data-wm-track="<event_type>"` anywhere on the
 * page (nudges and inserted banners too: the event then names the banner's journey and action), reports the event
 * through the transport at once, with whatever else is queued (a click may reach a stage with a nudge; a keepalive
 * fetch, then sendBeacon on leaving the page, so a link that navigates away is not lost); a `data-wm-dismiss`
 * control dismisses its banner (dismiss-banner.ts). Each event type once per click.
 */
export function trackClicks(rules: unknown, emit: Emit, dismiss: (journey: string) => void): (e: Event) => void {
  const list: Rule[] = Array.isArray(rules) ? rules : [];
  return (e) => {
    // composedPath()[0]: the element clicked even inside a nudge's shadow root (e.target is then its host).
    const t = e.composedPath()[0];
    if (!(t instanceof Element) || dismissBanner(t, dismiss)) return;
    const path = location.pathname;
    const sent: string[] = [];
    const report = (type: unknown, data: Record<string, string>) => {
      if (typeof type === "string" && EVENT_TYPE_RE.test(type) && !sent.includes(type)) {
        sent.push(type);
        emit(type, data, true);
      }
    };
    const tracked = t.closest("[data-wm-track]");
    if (tracked) {
      const m = markedBy(tracked);
      const journey = m && m.getAttribute("data-wm-journey");
      report(
        tracked.getAttribute("data-wm-track"),
        journey ? { journey, action: m!.getAttribute("data-wm-action") || "", path } : { path },
      );
    }
    for (const r of list) {
      try {
        if (typeof r.s === "string" && e.target instanceof Element && e.target.closest(r.s)) report(r.e, { path });
      } catch {
        // a selector this browser cannot parse matches nothing
      }
    }
  };
}
