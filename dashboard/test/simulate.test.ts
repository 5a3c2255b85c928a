import { compileRuleset, Journey, type JourneyInput } from "@waymark/shared";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { describe, expect, it } from "vitest";
import { simulate } from "../src/lib/simulate.ts";
import type { TimelineStep } from "../src/lib/timeline.ts";

const seed = (id: string, patch: Partial<JourneyInput> = {}) => ({
  ...SEED_JOURNEYS.find((j) => j.id === id)!,
  ...patch,
});
const rules = (...journeys: JourneyInput[]) =>
  compileRuleset({ version: 0, journeys: journeys.map((j) => Journey.parse(j)) });

const START = Date.UTC(2026, 4, 1, 12);
const opts = { visitorId: "sim-visitor-1", start: START, host: "shop.example", lookaheadMs: 30 * 60_000 };
const page = (path: string): TimelineStep => ({ kind: "page", path, device: "desktop", country: "US", referrer: "" });
const event = (type: string, data = ""): TimelineStep => ({ kind: "event", type, data });
const wait = (duration: string): TimelineStep => ({ kind: "wait", duration });
const addShoes = event("add_to_cart", '{"id": "sku-1", "name": "Trail shoes", "price": 89}');

// One branch, no holdout: every simulated visitor gets the banner, so the test does not depend on a hash.
const cartSeed = seed("abandoned-cart");
const cartOnly = rules({
  ...cartSeed,
  holdout: 0,
  branches: [{ id: "discount", weight: 1 }],
  actions: cartSeed.actions!.filter((a) => a.branch === "discount"),
});
const stageOf = (f: { journeys: { journey: string; stage: string }[] }, j: string) =>
  f.journeys.find((x) => x.journey === j)?.stage;
const applied = (f: { decision: { actions: { actionId: string }[] } | null }) =>
  f.decision?.actions.map((a) => a.actionId) ?? [];

describe("simulator: a visitor timeline through the shared engine", () => {
  it("now: in the cart, nothing shown; in 30 minutes: abandoned, and the banner names the item", () => {
    const r = simulate(cartOnly, [page("/products/trail-shoes"), addShoes], opts);
    expect(r.frames.map((f) => f.label)).toEqual(["page /products/trail-shoes (desktop, US)", "event add_to_cart"]);
    const now = r.frames[1];
    expect(stageOf(now, "abandoned-cart")).toBe("carting");
    expect(now.changes.map((c) => `${c.from}>${c.to}`)).toContain("browsing>carting");
    expect(applied(now)).toEqual([]);
    expect(stageOf(r.later, "abandoned-cart")).toBe("abandoned");
    expect(r.later.changes.map((c) => c.reason)).toEqual(["after:30m"]);
    expect(applied(r.later)).toEqual(["discount-banner"]);
    const html = (r.later.decision!.actions[0].action as { html: string }).html;
    expect(html).toContain("You left 1 item, like Trail shoes.");
  });

  it("a wait step moves the visitor, and the next page view gets the banner; a purchase ends it", () => {
    const r = simulate(cartOnly, [page("/"), addShoes, wait("31m"), page("/"), event("purchase"), page("/")], opts);
    expect(r.frames[2].changes.map((c) => c.to)).toEqual(["abandoned"]);
    expect(r.frames[2].seen).toBe("if-loaded");
    expect(applied(r.frames[3])).toEqual(["discount-banner"]);
    expect(r.frames[3].at - START).toBeGreaterThanOrEqual(31 * 60_000);
    expect(stageOf(r.frames[4], "abandoned-cart")).toBe("purchased");
    expect(applied(r.frames[5])).toEqual([]);
    expect(r.frames[5].cart.count).toBe(0);
  });

  it("visitor values reach the HTML escaped", () => {
    const evil = event("add_to_cart", '{"name": "<img src=x onerror=alert(1)>", "price": 1}');
    const r = simulate(cartOnly, [page("/"), evil, wait("40m"), page("/")], opts);
    const html = (r.frames[3].decision!.actions[0].action as { html: string }).html;
    expect(html).toContain("like &lt;img src");
    expect(html).not.toContain("<img");
  });

  it("a holdout visitor is in the stage but shows nothing, and the trace says why", () => {
    const all = rules(seed("abandoned-cart", { holdout: 1 }));
    const r = simulate(all, [page("/"), addShoes, wait("31m"), page("/")], opts);
    const f = r.frames[3];
    expect(stageOf(f, "abandoned-cart")).toBe("abandoned");
    expect(applied(f)).toEqual([]);
    expect(f.decision!.trace.find((t) => t.journey === "abandoned-cart")?.status).toBe("holdout");
  });

  it("an event answers with the nudges shown at once (confusion help on a rage click)", () => {
    const r = simulate(rules(seed("confusion-help")), [page("/pricing"), event("rage_click")], opts);
    expect(r.frames[1].seen).toBe("event");
    expect(applied(r.frames[1])).toEqual(["help-nudge"]);
    // Ten minutes later the visitor has calmed down: the "after" transition back, nothing shown.
    expect(stageOf(r.later, "confusion-help")).toBe("calm");
    expect(applied(r.later)).toEqual([]);
  });

  it("a second visit (after 30 minutes away) makes a returning visitor, greeted on the home page only", () => {
    const r = simulate(rules(seed("welcome-back")), [page("/"), wait("31m"), page("/"), page("/faq")], opts);
    expect(stageOf(r.frames[0], "welcome-back")).toBe("new");
    expect(stageOf(r.frames[2], "welcome-back")).toBe("returning");
    expect(applied(r.frames[2]).sort()).toEqual(["welcome-heading", "welcome-link"]);
    expect(applied(r.frames[3])).toEqual([]);
  });

  it("stops at an invalid step and says why", () => {
    const r = simulate(cartOnly, [page("/"), wait("soon"), page("/")], opts);
    expect(r.frames).toHaveLength(2);
    expect(r.frames[1].error).toMatch(/must be a duration/);
  });

  it("is deterministic", () => {
    const steps = [page("/"), addShoes, wait("31m"), page("/")];
    const all = rules(...SEED_JOURNEYS);
    expect(JSON.stringify(simulate(all, steps, opts))).toBe(JSON.stringify(simulate(all, steps, opts)));
  });
});
