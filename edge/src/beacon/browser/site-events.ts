import { fromGa4, fromSegment, GA4_EVENTS, type SiteEvent } from "../core/ecommerce.ts";
import type { Emit } from "./emit.ts";
import { guard } from "./guard.ts";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the site's own globals, any shape

/**
 * Events the site already emits, as Waymark events, without code: GA4 ecommerce events in `window.dataLayer`
 * (gtag's `arguments` and GTM's `{event, ecommerce}`), those pushed before the beacon loaded first, then each push;
 * Segment's ecommerce `track` calls (analytics.on("track")). BEACON_CONFIG
 * `dataLayer: false` / `segment: false` switch them off; `dataLayer: {events: {"my_event": "add_to_cart"}}` maps
 * more names. gtag('consent', 'default' | 'update', state) goes to `consent` whatever the switch (consent-report.ts).
 * A purchase is sent once per transaction_id on the page (its event id makes the edge drop later repeats). Returns
 * the dataLayer hook, to call again once the page has loaded (a tag manager snippet may create it later).
 */
export function watchSiteEvents(cfg: Any, emit: Emit, consent?: (state: Any) => void): () => void {
  const w = window as Any;
  const dl = cfg.dataLayer;
  const names: Any = {};
  if (dl !== false) for (const n of GA4_EVENTS) names[n] = n;
  Object.assign(names, dl && dl.events);
  const sent: string[] = [];
  const send = (list: SiteEvent[]) =>
    list.forEach(([type, data, id]) => {
      if (!sent.includes(id!)) emit(type, data, type == "purchase", id);
      if (id) sent.push(id);
    });
  const read = guard((x: Any) => {
    const gtag = typeof x[0] == "string";
    const type = names[gtag ? x[0] == "event" && x[1] : x.event];
    if (typeof type == "string") send(fromGa4(type, (gtag ? x[2] : x.ecommerce || x) || {}));
    else if (gtag && x[0] == "consent" && x[2] && consent) consent(x[2]);
  });
  let hooked: unknown;
  const hook = () => {
    const a = w.dataLayer;
    if (hooked || !Array.isArray(a) || !(dl !== false || consent)) return;
    hooked = a;
    a.forEach(read);
    const push = a.push;
    a.push = function (...args: unknown[]) {
      args.forEach(read);
      return push.apply(this, args);
    };
  };
  hook();
  // analytics.js (and its snippet's stub, which queues the call until it loads) emits every track call.
  if (cfg.segment !== false)
    w.analytics?.on?.(
      "track",
      guard((name: string, props: Any) => send(fromSegment(name, props))),
    );
  return hook;
}
