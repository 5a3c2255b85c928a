import { describe, expect, it } from "vitest";
import { compileRuleset } from "../../src/engine/compile-ruleset.ts";
import { newVisitorState } from "../../src/engine/new-visitor-state.ts";
import { seededRandom } from "../../src/engine/seeded-random.ts";
import { pageView } from "../../src/engine/visit.ts";
import { featureSlot } from "../../src/nba/feature-vector.ts";
import type { ModelSnapshot } from "../../src/nba/model-snapshot.ts";
import { priorPosterior } from "../../src/nba/posterior.ts";
import { Journey, type JourneyInput } from "../../src/schemas/journey.ts";
import { ctxFrom, T0 } from "../support/fixtures.ts";

function journey(over: Partial<JourneyInput> = {}, action: Record<string, unknown> = {}): JourneyInput {
  return {
    id: "shop",
    name: "Shop",
    stages: [{ id: "browsing" }],
    start: "browsing",
    transitions: [],
    metrics: [{ id: "bought", kind: "conversion", event: "purchase" }],
    actions: [
      {
        id: "hero",
        type: "offer",
        selector: "#hero",
        objective: "bought",
        offers: [
          { id: "free-shipping", html: "<p>Free shipping</p>", value: 10 },
          { id: "ten-off", text: "10% off, {{cart.count}} items", value: 8 },
          { id: "mobile-app", html: "<p>Get the app</p>", when: [{ type: "device", is: "mobile" }] },
        ],
        ...action,
      } as never,
    ],
    ...over,
  };
}

function issues(j: unknown): string[] {
  const r = Journey.safeParse(j);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

/** A model whose `offer` converts for everyone (bias far up), known precisely. */
function favouring(offer: string, version = 3): ModelSnapshot {
  const sure = priorPosterior();
  sure.m[0] = 3;
  sure.q.fill(1e6);
  const unsure = priorPosterior();
  unsure.q.fill(1e6);
  unsure.m[0] = -6;
  return {
    key: "shop/hero",
    version,
    offers: Object.fromEntries(
      ["free-shipping", "ten-off", "mobile-app"].map((id) => [
        id,
        { ...(id === offer ? sure : unsure), exposures: 100, conversions: 10 },
      ]),
    ),
  };
}

describe("offer action: the journey format", () => {
  it("a valid decision point parses with defaults (position replace, value 1, weight 1)", () => {
    const r = Journey.parse(journey());
    const a = r.actions[0];
    expect(a.type).toBe("offer");
    if (a.type !== "offer") return;
    expect(a.position).toBe("replace");
    expect(a.offers[2]).toMatchObject({ value: 1, weight: 1 });
  });

  it.each([
    [
      "an unknown objective",
      {},
      { objective: "nope" },
      'actions.0.objective: unknown metric "nope" (the journey\'s metrics: bought)',
    ],
    [
      "an objective in a journey without metrics",
      { metrics: undefined },
      {},
      'actions.0.objective: unknown metric "bought": the journey has no metrics (add "metrics" or "goals")',
    ],
    [
      "duplicate offer ids",
      {},
      {
        offers: [
          { id: "a", html: "x" },
          { id: "a", html: "y" },
        ],
      },
      'actions.0.offers.1.id: duplicate offer id "a"',
    ],
    [
      "text with an insert position",
      {},
      { position: "append", offers: [{ id: "a", text: "x" }] },
      'actions.0.offers.0.text: "text" replaces the element\'s content: use "html" to insert append',
    ],
    [
      "both html and text",
      {},
      { offers: [{ id: "a", html: "x", text: "y" }] },
      'actions.0.offers.0.html: give exactly one of "html" or "text"',
    ],
    [
      "every weight 0",
      {},
      { offers: [{ id: "a", html: "x", weight: 0 }] },
      "actions.0.offers: at least one offer needs a weight above 0",
    ],
    ["no offers", {}, { offers: [] }, "actions.0.offers: Too small: expected array to have >=1 items"],
  ])("refuses %s, at its path", (_name, over, action, message) => {
    expect(issues(journey(over as Partial<JourneyInput>, action))).toContain(message);
  });

  it("refuses a script in an offer unless the journey allows scripts", () => {
    const bad = { offers: [{ id: "a", html: "<img src=x onerror=alert(1)>" }] };
    expect(issues(journey({}, bad))[0]).toMatch(/^actions\.0\.offers\.0\.html: .*allowScripts/);
    expect(issues(journey({ allowScripts: true }, bad))).toEqual([]);
  });

  it("accepts the goal metric of a journey with goals only", () => {
    expect(issues(journey({ metrics: undefined, goals: ["purchase"] }, { objective: "goal" }))).toEqual([]);
  });
});

describe("offer action: the decision", () => {
  const ctx = ctxFrom({ path: "/", device: "desktop" });
  const visit = (j: JourneyInput, opts: Record<string, unknown> = {}, state = newVisitorState("v1", T0)) =>
    pageView(state, compileRuleset({ version: 1, journeys: [j] }), opts.ctx ? (opts.ctx as never) : ctx, {
      now: T0,
      random: seededRandom(1),
      ...opts,
    });

  it("shows the chosen offer's content at the selector, with the trace of every candidate", () => {
    const v = visit(journey(), { models: { "shop/hero": favouring("ten-off") } });
    expect(v.decision.actions).toHaveLength(1);
    const [a] = v.decision.actions;
    expect(a).toMatchObject({ actionId: "hero", offer: "ten-off", slot: "#hero|replace" });
    expect(a.action).toEqual({ type: "replace", selector: "#hero", text: "10% off, 0 items" });
    const t = v.decision.trace[0].actions[0];
    expect(t.type).toBe("offer");
    expect(t.offer).toMatchObject({
      model: "shop/hero",
      modelVersion: 3,
      chosen: "ten-off",
      how: "sampled",
      features: "full",
    });
    const byId = Object.fromEntries(t.offer!.candidates.map((c) => [c.id, c]));
    expect(byId["mobile-app"]).toMatchObject({ eligible: false, detail: "conditions" });
    expect(byId["ten-off"].propensity).toBeGreaterThan(0.9);
    expect(byId["free-shipping"].propensity).toBeLessThan(0.01);
    expect(byId["ten-off"].score).toBeCloseTo(byId["ten-off"].sampled! * 8, 5);
    expect(v.decision.offers).toEqual([
      expect.objectContaining({ journey: "shop", action: "hero", model: "shop/hero", offer: "ten-off", kept: false }),
    ]);
    expect(v.decision.offers![0].until).toBe(T0 + 86_400_000);
  });

  it("explains a choice by the features that pull it most", () => {
    const model = favouring("free-shipping");
    model.offers["free-shipping"].m[featureSlot("device=desktop")] = 1.5;
    model.offers["free-shipping"].m[featureSlot("path=/")] = -0.25;
    const v = visit(journey(), { models: { "shop/hero": model } });
    const c = v.decision.trace[0].actions[0].offer!.candidates.find((k) => k.id === "free-shipping")!;
    expect(c.top!.slice(0, 2)).toEqual([
      { feature: "device=desktop", contribution: 1.5 },
      { feature: "path=/", contribution: -0.25 },
    ]);
  });

  it("eligibility wins over the model: a mobile-only offer never shows on desktop", () => {
    const v = visit(journey(), { models: { "shop/hero": favouring("mobile-app") } });
    expect(v.decision.actions[0].offer).not.toBe("mobile-app");
    const m = visit(journey(), {
      models: { "shop/hero": favouring("mobile-app") },
      ctx: ctxFrom({ device: "mobile" }),
    });
    expect(m.decision.actions[0].offer).toBe("mobile-app");
  });

  it("without a model every offer is explored with the prior", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) seen.add(visit(journey(), { random: seededRandom(i) }).decision.actions[0].offer!);
    expect([...seen].sort()).toEqual(["free-shipping", "ten-off"]);
  });

  it("keeps the shown offer within its attribution window, then chooses again", () => {
    const first = visit(journey(), { models: { "shop/hero": favouring("ten-off") } });
    // No show times: "ten-off" has no cap to count them (see the caps test below).
    expect(first.state.journeys.shop.offers?.hero).toEqual({
      offer: "ten-off",
      at: T0,
      until: T0 + 86_400_000,
      shows: {},
    });
    const later = pageView(first.state, compileRuleset({ version: 1, journeys: [journey()] }), ctx, {
      now: T0 + 3_600_000,
      random: seededRandom(2),
      models: { "shop/hero": favouring("free-shipping") },
    });
    expect(later.decision.actions[0].offer).toBe("ten-off");
    expect(later.decision.offers![0]).toMatchObject({ kept: true, until: T0 + 86_400_000 });
    expect(later.decision.trace[0].actions[0].offer!.how).toBe("kept");
    const after = pageView(later.state, compileRuleset({ version: 1, journeys: [journey()] }), ctx, {
      now: T0 + 2 * 86_400_000,
      random: seededRandom(3),
      models: { "shop/hero": favouring("free-shipping") },
    });
    expect(after.decision.actions[0].offer).toBe("free-shipping");
    expect(after.decision.offers![0].kept).toBe(false);
  });

  it("an offer over its cap gives way to the next best", () => {
    const j = journey(
      {},
      {
        attribution: "1s",
        offers: [
          { id: "free-shipping", html: "a", caps: { perSession: 1 } },
          { id: "ten-off", html: "b" },
        ],
      },
    );
    const rules = compileRuleset({ version: 1, journeys: [j] });
    const models = { "shop/hero": favouring("free-shipping") };
    const one = pageView(newVisitorState("v1", T0), rules, ctx, { now: T0, random: seededRandom(1), models });
    expect(one.decision.actions[0].offer).toBe("free-shipping");
    const two = pageView(one.state, rules, ctx, { now: T0 + 5_000, random: seededRandom(1), models });
    expect(two.decision.actions[0].offer).toBe("ten-off");
    const c = two.decision.trace[0].actions[0].offer!.candidates[0];
    expect(c).toMatchObject({ eligible: false, detail: "cap perSession: 1 of 1 this session" });
  });

  it("a capped offer keeps only the shows its caps read, an uncapped one none; the caps decide the same", () => {
    const j = journey(
      {},
      {
        attribution: "1s",
        offers: [
          { id: "free-shipping", html: "a", caps: { perDay: 2, perSession: 1 } },
          { id: "ten-off", html: "b" },
        ],
      },
    );
    const rules = compileRuleset({ version: 1, journeys: [j] });
    const models = { "shop/hero": favouring("free-shipping") };
    let state = newVisitorState("v1", T0);
    const shown: string[] = [];
    // New sessions (31 min apart) so perSession lets it show again: perDay stops it after two, for 24 h.
    const at = [0, 31, 62, 93].map((m) => T0 + m * 60_000);
    for (const now of [...at, T0 + 86_400_000 + 1_000]) {
      const v = pageView(state, rules, ctx, { now, random: seededRandom(1), models });
      shown.push(v.decision.actions[0].offer!);
      state = v.state;
      const shows = state.journeys.shop.offers!.hero.shows;
      expect(Object.keys(shows)).not.toContain("ten-off");
      expect(shows["free-shipping"]!.length).toBeLessThanOrEqual(2);
    }
    expect(shown).toEqual(["free-shipping", "free-shipping", "ten-off", "ten-off", "free-shipping"]);
    expect(state.journeys.shop.offers!.hero.shows).toEqual({
      "free-shipping": [at[1], T0 + 86_400_000 + 1_000],
    });
  });

  it("holdout visitors get no offer (counted as holdout), and nothing to learn from", () => {
    const v = visit(journey({ holdout: 1 }), { models: { "shop/hero": favouring("ten-off") } });
    expect(v.decision.actions).toEqual([]);
    expect(v.decision.offers).toBeUndefined();
    expect(v.decision.trace[0].status).toBe("holdout");
  });

  it("without consent only request-level features are read", () => {
    const v = visit(journey(), { storedFeatures: false });
    expect(v.decision.trace[0].actions[0].offer!.features).toBe("request");
    expect(v.decision.offers![0].idx).toHaveLength(5);
  });

  it("no eligible offer: the action does not apply", () => {
    const j = journey({}, { offers: [{ id: "m", html: "x", when: [{ type: "device", is: "mobile" }] }] });
    const v = visit(j);
    expect(v.decision.actions).toEqual([]);
    expect(v.decision.trace[0].actions[0]).toMatchObject({ status: "conditions", detail: "no offer is eligible" });
    expect(v.decision.trace[0].actions[0].offer!.how).toBe("none");
  });
});
