import type { AdminVisitorView } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import {
  defaultTraceUrl,
  journeyRows,
  lookupName,
  pendingRows,
  recentEvents,
  splitName,
} from "../src/lib/visitor-lookup.ts";

const VID = "AbCdEfGhIjKlMnOpQrStUv"; // 22 characters, as the edge mints them

describe("lookup name", () => {
  it.each([
    ["a visitor id", "visitor", ` ${VID} `, { name: VID }],
    ["a customer id gets its object's prefix", "customer", "c-42@shop", { name: "customer:c-42@shop" }],
    [
      "a pasted customer:<id> in the visitor box is that customer",
      "visitor",
      "customer:c-42",
      { name: "customer:c-42" },
    ],
    ["empty", "visitor", "  ", { error: "Type a visitor id." }],
    ["empty customer", "customer", "", { error: "Type a customer id." }],
    ["too short for a visitor id", "visitor", "abc", { error: expect.stringMatching(/^A visitor id is 22 to 32/) }],
    ["a space in a customer id", "customer", "c 42", { error: expect.stringMatching(/^A customer id has/) }],
    ["a path is not an id", "visitor", "../me", { error: expect.stringMatching(/^A visitor id/) }],
  ] as const)("%s", (_n, kind, raw, expected) => {
    expect(lookupName(kind, raw)).toEqual(expected);
  });
  it("reads a name back as the form's kind and id", () => {
    expect(splitName("customer:c-42")).toEqual({ kind: "customer", id: "c-42" });
    expect(splitName(VID)).toEqual({ kind: "visitor", id: VID });
  });
});

const journey = (over: Record<string, unknown>) => ({
  stage: "browsing",
  stageSince: 1000,
  enteredAt: 500,
  branch: "discount",
  holdout: false,
  exposures: 2,
  lastExposedAt: null,
  recentExposures: [],
  dismissedAt: null,
  completedAt: null,
  exitedAt: null,
  version: 1,
  ...over,
});

const view = (over: Partial<AdminVisitorView> = {}): AdminVisitorView => ({
  visitorId: VID,
  eventCount: 3,
  stored: true,
  events: [
    { id: "e1", type: "page_view", at: 100, data: { path: "/products/compass" } },
    { id: null, type: "add_to_cart", at: 200, data: { id: "sku-1", name: "Brass Trail Compass", price: 49 } },
    { id: "e3", type: "purchase", at: 300, data: null },
  ],
  linkedCustomer: null,
  link: null,
  rulesetVersion: 2,
  deliveries: [],
  pending: [],
  alarmAt: null,
  ...over,
});

describe("visitor lookup rows", () => {
  it("journeys: active first (latest stage change first), then finished; branch, holdout or not yet", () => {
    const v = view({
      journeys: {
        done: journey({ stage: "purchased", stageSince: 5000, completedAt: 5000 }),
        "abandoned-cart": journey({ stage: "abandoned", stageSince: 3000 }),
        welcome: journey({ stage: "new", stageSince: 4000, branch: null, holdout: true }),
        fresh: journey({ stage: "calm", stageSince: 2000, branch: null }),
      },
    });
    const rows = journeyRows(v, new Map([["abandoned-cart", "Abandoned cart rescue"]]));
    expect(rows.map((r) => [r.id, r.name, r.stage, r.branch, r.status, r.since])).toEqual([
      ["welcome", "welcome", "new", "holdout", "active", 4000],
      ["abandoned-cart", "Abandoned cart rescue", "abandoned", "discount", "active", 3000],
      ["fresh", "fresh", "calm", "not assigned yet", "active", 2000],
      ["done", "done", "purchased", "discount", "completed", 5000],
    ]);
    expect(journeyRows(view(), new Map())).toEqual([]);
  });

  it("events: newest first, data as short pairs, bounded", () => {
    expect(recentEvents(view()).map((e) => [e.type, e.data])).toEqual([
      ["purchase", ""],
      ["add_to_cart", "id: sku-1, name: Brass Trail Compass, price: 49"],
      ["page_view", "path: /products/compass"],
    ]);
    expect(recentEvents(view(), 1).map((e) => e.key)).toEqual(["e3"]);
    const long = view({ events: [{ id: "x", type: "t", at: 1, data: { q: "y".repeat(100) } }] });
    expect(recentEvents(long)[0].data).toBe(`q: ${"y".repeat(59)}…`);
  });

  it("pending work: outbox rows in words and the next alarm, soonest first", () => {
    const v = view({
      pending: [
        { kind: "webhook", attempts: 2, nextAt: 900, lastError: "HTTP 500" },
        { kind: "stats", attempts: 0, nextAt: 100, lastError: null },
        { kind: "mystery", attempts: 0, nextAt: 800, lastError: null },
      ],
      alarmAt: 500,
    });
    expect(pendingRows(v).map((r) => [r.what, r.due, r.attempts, r.lastError])).toEqual([
      ["Statistics to record", 100, 0, null],
      ["Next alarm (due transitions, retries, expiry)", 500, 0, null],
      ["Outbox: mystery", 800, 0, null],
      ["Webhook to send", 900, 2, "HTTP 500"],
    ]);
    expect(pendingRows(view())).toEqual([]);
  });

  it("traces the last page the visitor saw by default, else the home page", () => {
    expect(defaultTraceUrl("http://shop.test", view({ recentPaths: ["/", "/cart"] }))).toBe("http://shop.test/cart");
    expect(defaultTraceUrl("http://shop.test", view())).toBe("http://shop.test/");
    expect(defaultTraceUrl("http://shop.test", undefined)).toBe("http://shop.test/");
  });
});
