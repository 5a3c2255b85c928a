// Property: whatever a visitor does, the facts the visits emit add up to the visitor's final metric values, so the
// stats shards' sum and sum of squares per group are exact: per journey one enroll, and per metric
// sum(delta) = final value, sum(delta2) = final value^2. Values stay in 0..MAX_METRIC_VALUE, conversions at 0 or 1.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { newVisitorState } from "../src/engine/new-visitor-state.ts";
import { eventBatch, pageView, timePasses } from "../src/engine/visit.ts";
import type { VisitorEvent } from "../src/schemas/event.ts";
import { MAX_METRIC_VALUE } from "../src/schemas/metric.ts";
import type { StatsEvent } from "../src/schemas/stats.ts";
import { VisitorState } from "../src/schemas/state.ts";
import { ctxFrom } from "./support/fixtures.ts";

const T0 = Date.UTC(2026, 0, 5);
const metrics = [
  { id: "bought", kind: "conversion", event: "purchase" },
  { id: "revenue", kind: "revenue", event: "purchase", window: "2h" },
  { id: "adds", kind: "count", event: ["add_to_cart", "remove_from_cart"] },
  { id: "saw", kind: "conversion", url: "/products/*" },
  { id: "views", kind: "count", url: "/**", window: "1h" },
  { id: "dismissals", kind: "count", event: "dismiss", role: "guardrail", direction: "decrease" },
];
const rules = compileRuleset({
  version: 1,
  journeys: [
    {
      id: "shop",
      name: "Shop",
      stages: [{ id: "in" }, { id: "done", exit: true }],
      start: "in",
      transitions: [
        { from: "*", to: "done", on: "purchase" },
        { from: "*", to: "in", on: "add_to_cart" },
      ],
      holdout: 0.5,
      metrics,
    },
    { id: "goals", name: "Goals", stages: [{ id: "s" }], start: "s", goals: ["purchase"] },
    { id: "late", name: "Late", stages: [{ id: "s" }], start: "s", paused: true, metrics: metrics.slice(0, 1) },
  ],
});

const amount = fc.oneof(
  fc.double({ min: -1e16, max: 1e16, noNaN: true }),
  fc.integer({ min: 0, max: 500 }),
  fc.constantFrom<unknown>("12", null, true, 1e7, 1e7 + 1),
);
const event: fc.Arbitrary<VisitorEvent> = fc.oneof(
  amount.map((value) => ({ type: "purchase", data: { value } }) as VisitorEvent),
  fc.constantFrom<VisitorEvent>(
    { type: "add_to_cart", data: { id: "a", price: 3 } },
    { type: "remove_from_cart", data: { id: "a" } },
    { type: "dismiss", data: { journey: "shop" } },
    { type: "dismiss", data: { journey: "goals" } },
    { type: "rage_click" },
  ),
);
const step = fc.record({
  gapMs: fc.integer({ min: 0, max: 3 * 3_600_000 }),
  what: fc.oneof(
    fc.constantFrom("/", "/products/mug", "/products/cups/blue", "/cart").map((path) => ({ page: path })),
    fc.array(event, { minLength: 1, maxLength: 4 }).map((events) => ({ events })),
    fc.constant({ wait: true }),
  ),
});

describe("metric facts add up to the visitor's values (property)", () => {
  it("sum(delta) = value and sum(delta2) = value^2 per metric; one enroll per journey; values bounded", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.array(step, { maxLength: 25 }), (vid, steps) => {
        let state = newVisitorState(`v-${vid}`, T0);
        let now = T0;
        const facts: StatsEvent[] = [];
        for (const s of steps) {
          now += s.gapMs;
          const w = s.what as { page?: string; events?: VisitorEvent[]; wait?: true };
          const visit = w.page
            ? pageView(state, rules, ctxFrom({ path: w.page }), { now })
            : w.events
              ? eventBatch(state, rules, w.events, { now })
              : timePasses(state, rules, now);
          facts.push(...visit.stats);
          state = visit.state;
        }
        expect(VisitorState.safeParse(state).success).toBe(true);
        for (const j of ["shop", "goals", "late"]) {
          const en = state.journeys[j]?.enrolment;
          const enrolls = facts.filter((f) => f.kind === "enroll" && f.journey === j);
          expect(enrolls.length).toBe(en ? 1 : 0);
          if (j === "late") expect(en).toBeUndefined();
          const ids = j === "shop" ? metrics.map((m) => m.id) : ["goal"];
          for (const id of ids) {
            const value = en?.values?.[id] ?? 0;
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(MAX_METRIC_VALUE);
            if (id === "bought" || id === "saw" || id === "goal") expect([0, 1]).toContain(value);
            let sum = 0;
            let sumSq = 0;
            for (const f of facts)
              if (f.kind === "metric" && f.journey === j && f.metric === id) {
                expect(f.branch).toBe(en!.branch);
                sum += f.delta;
                sumSq += f.delta2;
              }
            // Telescoping sums in floating point: equal up to rounding.
            expect(Math.abs(sum - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, value));
            expect(Math.abs(sumSq - value * value)).toBeLessThanOrEqual(1e-9 * Math.max(1, value * value));
          }
        }
      }),
      { numRuns: 150 },
    );
    // A property over thousands of visits, not a timing test: room for a loaded machine.
  }, 60_000);
});
