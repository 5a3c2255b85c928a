// The Waymark beacon: browser code, no dependencies, loaded async by the page the edge personalized
// (<script async src="/__waymark/beacon.js?v=HASH">). Built into beacon.gen.ts by edge/scripts/build-beacon.mjs.
// It must never break or slow the site: everything is guarded, nothing blocks rendering, and the only global it
// defines is window.waymark.
import type { AppliedAction, PageManifest } from "@waymark/shared";
import { beaconSettings } from "./core/beacon-defaults.ts";
import { createApi, drainQueue, isOptedOut } from "./browser/create-api.ts";
import { watchClicks } from "./browser/click-signals.ts";
import { reportConsent } from "./browser/consent-report.ts";
import { createExports } from "./browser/exports.ts";
import { guard } from "./browser/guard.ts";
import { createNudges } from "./browser/nudges.ts";
import { checkBackAndForth, watchFormErrors, watchHesitation, watchScroll } from "./browser/page-signals.ts";
import { restoreApplied } from "./browser/restore-applied.ts";
import { revealTop } from "./browser/reveal-top.ts";
import { watchSiteEvents } from "./browser/site-events.ts";
import { watchRoutes } from "./browser/spa-navigation.ts";
import { trackClicks } from "./browser/track-clicks.ts";
import { createTransport } from "./browser/transport.ts";

type Win = { waymark?: { q?: unknown; __wm?: boolean } };

/**
 * The edge's manifest for this page, or null (the API still works without one, e.g. on an unpersonalized page).
 * Only the element the edge wrote immediately before this script's own tag (edge/src/rewrite/head-tags.ts): the
 * page may hold anything else, including an element with id="__waymark" (a review, a comment), and its HTML would
 * be applied. Must run while the script executes (document.currentScript).
 */
function readManifest(): Partial<PageManifest> | null {
  // Through the prototype: an <img name="currentScript"> in the page would shadow document.currentScript.
  const current = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript")?.get?.call(document);
  const el = current instanceof HTMLScriptElement ? current.previousElementSibling : null;
  if (!(el instanceof HTMLScriptElement) || el.id !== "__waymark" || el.type !== "application/json") return null;
  try {
    const m = JSON.parse(el.textContent || "null");
    return m && typeof m === "object" ? m : null;
  } catch {
    return null;
  }
}

const list = (v: unknown): AppliedAction[] => (Array.isArray(v) ? v.filter((a) => a && a.action) : []);

guard(() => {
  const w = window as unknown as Win;
  const stub = w.waymark;
  if (stub && stub.__wm) return; // already running: the script was included twice
  const manifest = readManifest() ?? {};
  const cfg = beaconSettings(manifest.config);
  // Exposures to the site's analytics when switched on (never from a preview: QA must not reach them).
  const exportExposures = createExports(manifest.preview ? undefined : manifest.config);
  const showActions = (actions: AppliedAction[]) => {
    actions.forEach(guard((a: AppliedAction) => nudges.show(a)));
    exportExposures(actions);
  };
  const transport = createTransport(cfg.flushMs, (reply) => {
    if (reply && typeof reply === "object") showActions(list((reply as { actions?: unknown }).actions));
  });
  const nudges = createNudges((journey) => emit("dismiss", { journey }, true));
  const { api, emit } = createApi(transport, nudges);
  Object.defineProperty(api, "__wm", { value: true });
  (w as { waymark?: unknown }).waymark = api;
  drainQueue(api, stub && stub.q);

  watchClicks(cfg, emit, trackClicks(manifest.track, emit, api.dismiss));
  watchHesitation(cfg, emit);
  watchFormErrors(cfg, emit);
  watchScroll(cfg, emit);
  checkBackAndForth(cfg, emit);
  // The site's own ecommerce events and consent signals (after the API is installed: they go through emit).
  const hookDataLayer = watchSiteEvents(manifest.config || {}, emit, manifest.consent ? reportConsent() : undefined);

  const ready = guard(() => {
    hookDataLayer();
    const kept = restoreApplied(list(manifest.applied));
    // An SPA's route change: the new route's changes replace the previous route's (browser/spa-navigation.ts).
    watchRoutes((m) => {
      kept.set(list(m.applied));
      exportExposures(m.exposures || [], true); // a new route: its exposures count afresh (before its nudges)
      showActions(list(m.nudges));
    }, kept.pause);
    exportExposures(Array.isArray(manifest.exposures) ? manifest.exposures : []);
    if (!isOptedOut()) showActions(list(manifest.nudges));
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  // The browser restores a reload's scroll offset by the load event (which this async script delays): look after it.
  addEventListener("load", () => requestAnimationFrame(guard(revealTop)));
})();
