// How nudges look and behave: loaded by the beacon on the first nudge of a page (browser/nudges.ts), not carried
// in the beacon every page loads (most never show one). Built into beacon.gen.ts as NUDGES_JS (an ES module).
import type { AppliedAction } from "@waymark/shared";
import { guard } from "../browser/guard.ts";
import type { Nudges } from "../browser/nudges.ts";

// Everything the nudge looks like lives inside its shadow root: `all: initial` on the host stops the site's
// inherited styles, and no site selector can reach inside.
const CSS =
  ":host{all:initial;position:fixed;z-index:2147483647;max-width:min(24rem,calc(100vw - 2rem))}" +
  ":host(.bottom-right){right:1rem;bottom:1rem}:host(.bottom-left){left:1rem;bottom:1rem}" +
  ":host(.top){top:1rem;left:50%;transform:translateX(-50%)}:host(.center){top:50%;left:50%;transform:translate(-50%,-50%)}" +
  ".n{font:15px/1.45 system-ui,sans-serif;color:#1d2327;background:#fff;border-radius:12px;" +
  "box-shadow:0 10px 30px #0003,0 0 0 1px #0001;padding:1rem 2.6rem 1rem 1.1rem;position:relative}" +
  "h2{font-size:1rem;margin:0 0 .35rem}a{color:#1a5fb4}" +
  ".x{position:absolute;top:.45rem;right:.45rem;width:2rem;height:2rem;border:0;border-radius:50%;background:transparent;" +
  "font-size:1.3rem;line-height:1;cursor:pointer;color:#555}.x:hover{background:#eee}" +
  ".x:focus-visible{outline:3px solid #1a5fb4;outline-offset:1px}";

const PLACEMENTS = ["bottom-right", "bottom-left", "top", "center"];

/**
 * Nudges rendered in a shadow root on a <waymark-nudge> host: a labelled, non-modal dialog with a focusable close
 * button; Escape or the button dismisses it (and `onDismiss` reports it). The same journey/action is never shown twice
 * on a page, and never again once dismissed here. A click on an element of the nudge carrying
 * `data-wm-track="<event_type>"` reports that event (e.g. help_clicked) for the nudge's journey, and one carrying
 * `data-wm-dismiss` dismisses it: the beacon's one click listener sees inside the open shadow root (track-clicks.ts).
 */
export function createNudges(onDismiss: (journey: string) => void): Nudges {
  const shown = new Map<string, { host: HTMLElement; journey: string; back: Element | null }>();
  const dismissed = new Set<string>();

  const close = (key: string, report: boolean) => {
    const n = shown.get(key);
    if (!n) return;
    shown.delete(key);
    dismissed.add(key);
    const hadFocus = document.activeElement === n.host;
    n.host.remove();
    // Give focus back to where it was before it entered the nudge, so keyboard users are not dropped at the top.
    if (hadFocus && n.back && n.back.isConnected && (n.back as HTMLElement).focus) (n.back as HTMLElement).focus();
    if (report) onDismiss(n.journey);
  };

  document.addEventListener(
    "keydown",
    guard((e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || !shown.size) return;
      const keys = [...shown.keys()];
      close(keys[keys.length - 1], true);
    }),
  );

  return {
    show(a) {
      const action = a.action;
      if (action.type !== "nudge") return;
      const key = `${a.journey}/${a.actionId}`;
      if (shown.has(key) || dismissed.has(key) || !document.body) return;
      const host = document.createElement("waymark-nudge");
      host.className = PLACEMENTS.includes(action.placement) ? action.placement : "bottom-right";
      host.setAttribute("data-wm-journey", a.journey);
      host.setAttribute("data-wm-action", a.actionId);
      const root = host.attachShadow({ mode: "open" });
      // The edge sends the title already HTML-escaped (safe in text and quoted attributes): use it as is.
      const label = action.title || "Message";
      // A constructed stylesheet is not inline style as far as a site's CSP is concerned; <style> is the fallback.
      let style = "";
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } catch {
        style = `<style>${CSS}</style>`;
      }
      root.innerHTML =
        `${style}<div class="n" role="dialog" aria-modal="false" aria-live="polite" aria-label="${label}">` +
        `<button class="x" type="button" aria-label="Dismiss">\u00d7</button>` +
        (action.title ? `<h2>${action.title}</h2>` : "") +
        `<div class="b"></div></div>`;
      // The edge rendered the marketer's template with visitor values escaped; it is the journey's own HTML.
      (root.querySelector(".b") as HTMLElement).innerHTML = action.html;
      const entry = { host, journey: a.journey, back: null as Element | null };
      host.addEventListener("focusin", (e) => {
        if (!entry.back && e.relatedTarget instanceof Element && !host.contains(e.relatedTarget))
          entry.back = e.relatedTarget;
      });
      (root.querySelector(".x") as HTMLElement).addEventListener(
        "click",
        guard(() => close(key, true)),
      );
      shown.set(key, entry);
      document.body.appendChild(host);
    },
    remove(journey) {
      for (const [key, n] of shown) if (n.journey === journey) close(key, false);
    },
  };
}
