// Property-based fuzzing of the numbers in event bodies (issue 12 item 8): any body the door accepts leaves a visitor
// state that fits the VisitorState schema and survives JSON (what the visitor's object stores) unchanged: no
// Infinity stored as null, no NaN, no -0, no unsafe integers. Runs the engine's own visit function in workerd, the
// runtime that stores the state. `npm run fuzz` runs it with FUZZ_RUNS.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CART_LIMITS,
  compileRuleset,
  eventBatch,
  EventsBody,
  EVENT_LIMITS,
  newVisitorState,
  VisitorState,
} from "@waymark/shared";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { fuzzRuns, fuzzTimeout } from "./support/misbehaving-origin-client.ts";

const T0 = Date.UTC(2026, 0, 1);
const rules = compileRuleset({ version: 1, journeys: SEED_JOURNEYS });

/** Numbers at, just past and far past every bound, and the awkward ones (-0, tiny, huge, non-integers). */
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    -0,
    0.1,
    -1e-300,
    Number.MAX_SAFE_INTEGER,
    EVENT_LIMITS.maxAbsNumber,
    -EVENT_LIMITS.maxAbsNumber,
    CART_LIMITS.maxPrice,
    -CART_LIMITS.maxPrice,
    CART_LIMITS.maxPrice + 1,
    CART_LIMITS.maxQuantity,
    CART_LIMITS.maxQuantity + 1,
    1e308,
    -1e308,
  ),
  fc.double({ min: -CART_LIMITS.maxPrice, max: CART_LIMITS.maxPrice, noNaN: true }),
  fc.integer({ min: 1, max: CART_LIMITS.maxQuantity }),
);
const cartData = fc.record(
  {
    id: fc.oneof(fc.constantFrom("a", "b", "c"), number),
    name: fc.string({ maxLength: 5 }),
    price: number,
    quantity: number,
    category: fc.constantFrom("shoes", "hats"),
    total: number,
  },
  { requiredKeys: [] },
);
const event = fc.record(
  {
    type: fc.constantFrom(
      "add_to_cart",
      "add_to_cart",
      "remove_from_cart",
      "purchase",
      "page_view",
      "traits",
      "identify",
      "dismiss",
      "custom_thing",
    ),
    data: fc.oneof(
      cartData,
      fc.dictionary(fc.constantFrom("n", "m", "plan"), fc.oneof(number, fc.array(number, { maxLength: 3 }))),
    ),
    at: fc.oneof(fc.integer({ min: 0, max: 2 * T0 }), number),
  },
  { requiredKeys: ["type"] },
);
/** JSON text as a client may write it: with "-0" (JSON.stringify writes 0), which JSON.parse reads as -0. */
function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (Object.is(v, -0) ? "__NEG_ZERO__" : v)).replaceAll('"__NEG_ZERO__"', "-0");
}

/** Events with their arrival time offsets (ms after the previous batch). */
const batches = fc.array(fc.tuple(fc.array(event, { minLength: 1, maxLength: 8 }), fc.nat({ max: 40 * 86_400_000 })), {
  minLength: 1,
  maxLength: 6,
});

describe("event numbers, any body", () => {
  it(
    "leave a state that fits its schema and round-trips through JSON unchanged",
    () => {
      const seen = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(batches, (list) => {
          let state = newVisitorState("fuzz-numbers", T0);
          let now = T0;
          for (const [events, gap] of list) {
            now += gap;
            // As at the door: the body is JSON text, parsed, then checked.
            const parsed = EventsBody.safeParse(JSON.parse(jsonText({ events })));
            if (!parsed.success) {
              seen.refused++;
              continue;
            }
            seen.accepted++;
            const body = parsed.data as { events: Parameters<typeof eventBatch>[2] };
            state = eventBatch(state, rules, body.events, { now, ctx: undefined }).state;
            expect(VisitorState.safeParse(state).success).toBe(true);
            const stored = JSON.parse(JSON.stringify(state));
            expect(stored).toStrictEqual(state);
            expect(Object.is(stored.scores.engagement, state.scores.engagement)).toBe(true);
            expect(state.cart.value).toBeLessThanOrEqual(CART_LIMITS.maxValue);
          }
        }),
        { numRuns: fuzzRuns(300) },
      );
      // The generators reach both sides of the door.
      expect(seen.accepted).toBeGreaterThan(50);
      expect(seen.refused).toBeGreaterThan(50);
    },
    fuzzTimeout(300, 20),
  );
});
