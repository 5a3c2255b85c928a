import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { clickRules, viewRuleEvents } from "../src/engine/track-rules.ts";
import { pageView } from "../src/engine/visit.ts";
import { Journey } from "../src/schemas/journey.ts";
import table from "./cases/tracking.json";
import { rows } from "./support/cases.ts";
import { T0, ctxFrom, journeyFrom, stateFrom } from "./support/fixtures.ts";

const base = { id: "j", name: "J", stages: [{ id: "a" }, { id: "b" }], start: "a" };

function rulesOf(input: unknown): unknown {
  if (input === "51 click rules")
    return Array.from({ length: 51 }, (_, i) => ({ on: "click", selector: `#b${i}`, event: "clicked" }));
  return input;
}

describe("journey.track (schema)", () => {
  it.each(rows<unknown, { ok: boolean; path?: string; message?: string }>(table))("$name", ({ input, expected }) => {
    const r = Journey.safeParse({ ...base, track: rulesOf(input) });
    expect(r.success).toBe(expected.ok);
    if (r.success || expected.ok) return;
    const issue = r.error.issues.find((i) => i.path.join(".") === expected.path);
    expect(issue, `an issue at ${expected.path}: ${JSON.stringify(r.error.issues)}`).toBeDefined();
    if (expected.message) expect(issue!.message).toContain(expected.message);
  });
});

const journey = (id: string, track: unknown[], extra: Record<string, unknown> = {}) => ({
  ...base,
  id,
  track,
  ...extra,
});

describe("tracking rules of a ruleset", () => {
  const rules = compileRuleset({
    version: 1,
    journeys: [
      journey("one", [
        { on: "click", selector: "#buy", event: "buy_clicked" },
        { on: "view", url: "/pricing**", event: "pricing_viewed" },
        { on: "view", url: "/pricing/enterprise", event: "pricing_viewed" },
        { on: "view", url: "/plans/*", event: "plans_viewed" },
      ]),
      // The same click rule in a second journey is one rule: a click reports its event once.
      journey("two", [
        { on: "click", selector: "#buy", event: "buy_clicked" },
        { on: "click", selector: ".promo a", event: "promo_clicked" },
      ]),
      journey(
        "paused",
        [
          { on: "click", selector: "#secret", event: "secret_clicked" },
          { on: "view", url: "/**", event: "anything" },
        ],
        {
          paused: true,
        },
      ),
    ],
  });

  it("click rules: live journeys only, deduplicated, compact", () => {
    expect(clickRules(rules)).toEqual([
      { s: "#buy", e: "buy_clicked" },
      { s: ".promo a", e: "promo_clicked" },
    ]);
    expect(clickRules(rules)).toBe(clickRules(rules)); // computed once per compiled ruleset
  });

  it("view rules: whole-path globs, each event once, paused journeys never", () => {
    expect(viewRuleEvents(rules, "/pricing/enterprise")).toEqual(["pricing_viewed"]);
    expect(viewRuleEvents(rules, "/pricing")).toEqual(["pricing_viewed"]);
    expect(viewRuleEvents(rules, "/plans/pro")).toEqual(["plans_viewed"]);
    expect(viewRuleEvents(rules, "/plans/pro/x")).toEqual([]);
    expect(viewRuleEvents(rules, "/")).toEqual([]);
  });
});

describe("view rules in a page view", () => {
  const rules = compileRuleset({
    version: 1,
    journeys: [
      journeyFrom({
        ...base,
        id: "pricing",
        transitions: [{ from: "a", to: "b", on: "pricing_viewed" }],
        track: [{ on: "view", url: "/pricing", event: "pricing_viewed" }],
        actions: [{ stage: "b", type: "insert", selector: "body", position: "prepend", html: "<p>Talk to sales</p>" }],
      }),
      // Another journey reacts to the same event: events from rules are ordinary events.
      journeyFrom({ ...base, id: "other", transitions: [{ from: "a", to: "b", on: "pricing_viewed" }] }),
    ],
  });

  it("moves the journeys and shows the new stage on that same page, and logs the event", () => {
    const v = pageView(stateFrom(), rules, ctxFrom({ path: "/pricing" }), { now: T0 });
    expect(v.state.journeys.pricing.stage).toBe("b");
    expect(v.state.journeys.other.stage).toBe("b");
    expect(v.changes.filter((c) => c.reason === "on:pricing_viewed").map((c) => c.journey)).toEqual([
      "other",
      "pricing",
    ]);
    expect(v.decision.actions.map((a) => `${a.journey}/${a.actionId}`)).toEqual(["pricing/a0"]);
    expect(v.logged).toEqual([{ id: null, type: "pricing_viewed", at: T0, data: { path: "/pricing" } }]);
    expect(v.state.pageViews).toBe(1);
    expect(v.state.eventCount).toBe(2);
  });

  it("a metric on the rule's event counts it, per visitor (issue 14: a tracked click or view can be a metric)", () => {
    const measured = compileRuleset({
      version: 1,
      journeys: [
        journeyFrom({
          ...base,
          id: "measured",
          track: [{ on: "view", url: "/pricing", event: "pricing_viewed" }],
          metrics: [{ id: "saw-pricing", kind: "conversion", event: "pricing_viewed" }],
        }),
      ],
    });
    const v = pageView(stateFrom(), measured, ctxFrom({ path: "/pricing" }), { now: T0 });
    const facts = v.stats.filter((f) => f.kind === "metric");
    expect(facts).toEqual([expect.objectContaining({ journey: "measured", metric: "saw-pricing", delta: 1 })]);
  });

  it("another path reports nothing", () => {
    const v = pageView(stateFrom(), rules, ctxFrom({ path: "/pricing/x" }), { now: T0 });
    expect(v.state.journeys.pricing.stage).toBe("a");
    expect(v.logged).toEqual([]);
  });
});
