import type { PageManifest } from "@waymark/shared";
import { guard } from "./guard.ts";
import { postJson } from "./post-json.ts";

/** POST /__waymark/navigate's answer (edge/src/routes/navigate.ts), as far as the beacon trusts its shape. */
export type RouteManifest = Partial<PageManifest> & { redirect?: unknown };

/**
 * Route changes of a single-page app: history.pushState/replaceState (wrapped) and Back/Forward (popstate) to
 * another URL; a change of the hash alone, or a replaceState to the same URL, is not one. Each gets its page view
 * from the edge (POST /__waymark/navigate, the wm_vid cookie and any preview token going with it) and hands the
 * route's manifest to `onRoute` (`onLeave` is told at once, before the answer); only the latest route's answer counts. A failed call hands an empty manifest, so
 * the new route shows no changes rather than the previous route's. A journey's redirect is followed when it stays
 * on this site (the edge checked it too).
 */
export function watchRoutes(onRoute: (m: RouteManifest) => void, onLeave: () => void): void {
  const here = () => location.href.split("#")[0];
  let last = here();
  let latest = 0;
  const changed = guard(() => {
    const url = here();
    if (url === last) return;
    last = url;
    onLeave();
    const n = ++latest;
    // Same-origin fetch: the cookies go with it. An error's JSON body has no `applied`: an empty manifest.
    postJson("/__waymark/navigate", { url })
      .then((r) => r.json())
      .catch(() => 0)
      .then(
        guard((m: RouteManifest) => {
          if (n !== latest) return;
          const to = m && m.redirect;
          if (typeof to === "string" && new URL(to, location.href).origin === location.origin) location.assign(to);
          else onRoute(m || {});
        }),
      );
  });
  for (const k of ["pushState", "replaceState"] as const) {
    const original = history[k];
    history[k] = function (this: History, ...args: Parameters<History["pushState"]>) {
      const r = original.apply(this, args);
      changed();
      return r;
    };
  }
  addEventListener("popstate", changed);
}
