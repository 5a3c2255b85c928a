import { AdminVisitorView, type JourneyInput } from "@waymark/shared";
import { beforeAll, expect, it } from "vitest";
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

beforeAll(async () => {
  await publishJourneys([JOURNEY]);
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
