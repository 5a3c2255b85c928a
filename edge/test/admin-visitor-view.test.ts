import { env, runInDurableObject } from "cloudflare:test";
import { AdminVisitorView, type JourneyInput } from "@waymark/shared";
import { beforeAll, expect, it } from "vitest";
import type { VisitorJourney } from "../src/index.ts";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, ORIGIN } from "./support/edge.ts";
import { publishJourneys, sendEvents } from "./support/visitor-api.ts";

// The dashboard's visitor lookup (issue 16) reads GET /__waymark/api/visitors/:id through the shared
// AdminVisitorView schema: what the route answers must parse, with journeys, events, pending work and the alarm.
const KEY = `vv${crypto.randomUUID().replace(/-/g, "")}`;
const JOURNEY: JourneyInput = {
  id: "looked-up",
  name: "Looked up",
  stages: [{ id: "start" }, { id: "carting" }, { id: "abandoned" }],
  start: "start",
  transitions: [
    { from: "start", to: "carting", on: "add_to_cart" },
    { from: "carting", to: "abandoned", after: "30m" },
  ],
  // A failing receiver: the webhook stays in the outbox, pending.
  webhooks: [{ url: `${ORIGIN}/hook/${KEY}?fail=1`, stages: ["carting"] }],
};

// The same, but the receiver holds its answer until the test releases it: a delivery kept in flight.
const HELD = `${KEY}held`;
const HELD_JOURNEY: JourneyInput = {
  id: "held-up",
  name: "Held up",
  stages: [{ id: "start" }, { id: "checking-out" }, { id: "stalled" }],
  start: "start",
  transitions: [
    { from: "start", to: "checking-out", on: "begin_checkout" },
    { from: "checking-out", to: "stalled", after: "30m" },
  ],
  webhooks: [{ url: `${ORIGIN}/hook/${HELD}?fail=1&hold=${HELD}`, stages: ["checking-out"] }],
};

beforeAll(async () => {
  await publishJourneys([JOURNEY, HELD_JOURNEY]);
});

it("a visitor's admin view parses as AdminVisitorView: journey stage and branch, events, pending work, next alarm", async () => {
  const id = freshVisitorId();
  const item = { id: "sku-1", name: "Compass", price: 39, quantity: 1 };
  expect((await sendEvents(`wm_vid=${id}`, [{ type: "add_to_cart", data: item }])).status).toBe(200);
  const res = await api("GET", `/visitors/${id}`);
  expect(res.status).toBe(200);
  const parsed = AdminVisitorView.safeParse(res.body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  const view = parsed.data!;
  expect(view.journeys?.["looked-up"]).toMatchObject({ stage: "carting", branch: "default", holdout: false });
  expect(view.events.map((e) => e.type)).toEqual(["add_to_cart"]);
  expect(view.alarmAt).toBeGreaterThan(Date.now()); // the 30m transition (or the webhook's retry) is scheduled
  expect(view.pending.length + view.deliveries.length).toBeGreaterThan(0);
});

it("a customer's view (customer:<id>) parses too, and an unknown visitor is a 404", async () => {
  const id = freshVisitorId();
  const customer = `c-${crypto.randomUUID().slice(0, 8)}`;
  expect((await sendEvents(`wm_vid=${id}`, [{ type: "view_item", data: { id: "sku-1" } }])).status).toBe(200);
  expect((await api("POST", `/visitors/${id}/identify`, { customerId: customer })).status).toBe(200);
  const device = AdminVisitorView.parse((await api("GET", `/visitors/${id}`)).body);
  expect(device.link).toMatchObject({ customerId: customer, active: true, via: "server" });
  const res = await api("GET", `/visitors/${encodeURIComponent(`customer:${customer}`)}`);
  expect(res.status).toBe(200);
  expect(AdminVisitorView.safeParse(res.body).success).toBe(true);
  expect((await api("GET", `/visitors/${freshVisitorId()}`)).status).toBe(404);
});

it("read while a webhook delivery is in flight, the view waits for it and shows the alarm it leaves, not none", async () => {
  // Seen in CI: the webhook goes out at once and the alarm set for it fires at once; a view read while that delivery
  // waited on the receiver said alarmAt null (a running alarm is no longer stored) or a time already past.
  const id = freshVisitorId();
  expect((await sendEvents(`wm_vid=${id}`, [{ type: "begin_checkout" }])).status).toBe(200);
  await untilReceived(`/hook/${HELD}`);
  const view = await runInDurableObject(env.VISITOR.getByName(id), async (object: VisitorJourney) => {
    const reading = object.adminView(id); // starts while the receiver holds its answer
    await fetch(`${ORIGIN}/__release/${HELD}`);
    return reading;
  });
  expect(view.journeys?.["held-up"]).toMatchObject({ stage: "checking-out" });
  expect(view.pending.filter((p) => p.kind === "webhook")).toMatchObject([{ attempts: 1 }]); // the failed try
  expect(view.alarmAt).toBeGreaterThan(Date.now()); // its retry (or the 30m transition)
});

/** Waits until the test origin has been asked for `path` (a request on its way, answered or not). */
async function untilReceived(path: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const hits = (await (await fetch(`${ORIGIN}/__hits`)).json()) as Record<string, number>;
    if ((hits[path] ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} was never requested`);
}
