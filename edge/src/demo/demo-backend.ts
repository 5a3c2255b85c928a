import { requestVisitor } from "../identity/request-visitor.ts";
import { getPublishedRuleset } from "../rules/published-ruleset.ts";
import { INGEST_EVENTS_PER_MINUTE } from "../visitor/visitor-rpc.ts";
import { visitorStub } from "../visitor/visitor-stub.ts";

/** A purchase as the demo shop's backend knows it when the order is placed. */
export interface DemoPurchase {
  order: string;
  value: number;
  currency: string;
  count: number;
  items: string[];
}

/** What the demo shop's backend tells Waymark (a real shop's backend does it over the ingest API). */
export interface DemoBackend {
  reportPurchase?(request: Request, purchase: DemoPurchase): Promise<void>;
}

/**
 * The demo shop's backend, in process: when an order is placed it reports the purchase server-side, as
 * `POST /__waymark/api/visitors/<wm_vid>/events` with the ingest token does for a real shop, so the journey has ended
 * before the confirmation page is decided, and a browser that never runs the beacon still counts. Opted-out and
 * no-consent browsers are not reported (nothing may be stored about them). A failure never fails the order.
 */
export function demoBackend(env: Env): DemoBackend {
  return {
    async reportPurchase(request, purchase) {
      const { visitorId, mode } = requestVisitor(request, env);
      if (!visitorId || mode !== "full") return;
      try {
        const { version } = await getPublishedRuleset(env);
        await visitorStub(env, visitorId).onEvents({
          visitorId,
          sandbox: false,
          version,
          // The order id is the idempotency key: a retried report (or a replay) is not a second purchase.
          events: [{ type: "purchase", id: `order-${purchase.order}`, data: { ...purchase } }],
          ratePerMinute: INGEST_EVENTS_PER_MINUTE,
          source: "server",
        });
      } catch (err) {
        console.error("waymark demo: purchase report failed", err);
      }
    },
  };
}
