import { backAndForth, pushPath } from "../core/back-and-forth.ts";
import type { BeaconSettings } from "../core/beacon-defaults.ts";
import { scrollThrashDetector } from "../core/scroll-thrash.ts";
import { describe } from "./click-signals.ts";
import type { Emit } from "./emit.ts";
import { guard } from "./guard.ts";
import { loadSession, saveSession } from "./session-store.ts";

const NAV_KEY = "wm_nav";

/** Back-and-forth between the same two pages (A,B,A,B), from the session's navigation history; once per pair. */
export function checkBackAndForth(cfg: BeaconSettings, emit: Emit): void {
  const nav = loadSession<{ paths: string[]; seen: string[] }>(NAV_KEY, { paths: [], seen: [] });
  const paths = pushPath(Array.isArray(nav.paths) ? nav.paths : [], location.pathname);
  const seen = Array.isArray(nav.seen) ? nav.seen : [];
  const pair = backAndForth(paths, cfg.backAndForthCount);
  const key = pair && [...pair].sort().join(" ");
  if (pair && key && !seen.includes(key)) {
    seen.push(key);
    emit("back_and_forth", { pages: pair, switches: cfg.backAndForthCount }, true);
  }
  saveSession(NAV_KEY, { paths, seen: seen.slice(-10) });
}

/** Hesitation: the page is visible but nothing happens (no click, key, scroll or input) for hesitationMs. Once a page. */
export function watchHesitation(cfg: BeaconSettings, emit: Emit): void {
  let timer: ReturnType<typeof setTimeout> | 0 = 0;
  let done = false;
  const arm = guard(() => {
    if (timer) clearTimeout(timer);
    timer = 0;
    if (done || document.visibilityState !== "visible") return;
    timer = setTimeout(
      guard(() => {
        done = true;
        emit("hesitation", { ms: cfg.hesitationMs, path: location.pathname });
      }),
      cfg.hesitationMs,
    );
  });
  for (const type of "click keydown scroll input pointerdown touchstart visibilitychange".split(" "))
    document.addEventListener(type, arm, { capture: true, passive: true });
  arm();
}

/** Repeated validation errors on the same field (the browser's `invalid` event): once per field per page. */
export function watchFormErrors(cfg: BeaconSettings, emit: Emit): void {
  const counts: Record<string, number> = {};
  document.addEventListener(
    "invalid",
    guard((e: Event) => {
      const el = e.target as HTMLInputElement;
      if (!(el instanceof Element)) return;
      const form = el.form ? describe(el.form) : "";
      const field = (el.name || el.id || describe(el)).slice(0, 100);
      const key = `${form} ${field}`;
      counts[key] = (counts[key] ?? 0) + 1;
      if (counts[key] === cfg.formErrorCount)
        emit("form_error", { field, form, count: counts[key], path: location.pathname });
    }),
    true,
  );
}

/** Scroll thrashing: the scroll direction reverses scrollThrashCount times within scrollThrashWindowMs. */
export function watchScroll(cfg: BeaconSettings, emit: Emit): void {
  const detect = scrollThrashDetector(cfg.scrollThrashCount, cfg.scrollThrashWindowMs);
  addEventListener(
    "scroll",
    guard(() => {
      const n = detect(scrollY, Date.now());
      if (n) emit("scroll_thrash", { changes: n, path: location.pathname });
    }),
    { passive: true },
  );
}
