import { describe, expect, it } from "vitest";
import { applyEvent } from "../src/engine/apply-event.ts";
import { compileRuleset } from "../src/engine/compile-ruleset.ts";
import { newVisitorState } from "../src/engine/new-visitor-state.ts";
import { CART_LIMITS, EVENT_LIMITS, EventsBody, type VisitorEvent } from "../src/schemas/event.ts";
import { VisitorState } from "../src/schemas/state.ts";

const T0 = Date.UTC(2026, 0, 1);
const rules = compileRuleset({ version: 1, journeys: [] });

/** The state after these events, applied straight to the engine (no schema at the door). */
function after(events: VisitorEvent[], opts: { scoring?: { weights?: Record<string, number> } } = {}) {
  let state = newVisitorState("v-bounds", T0);
  events.forEach((e, i) => (state = applyEvent(state, e, rules, { now: T0 + i, ...opts }).state));
  return state;
}

/** The state fits its schema and survives a JSON round trip unchanged (-0, Infinity and NaN would not). */
function expectStorable(state: VisitorState) {
  expect(VisitorState.safeParse(state).success).toBe(true);
  const back = JSON.parse(JSON.stringify(state));
  expect(back).toStrictEqual(state);
  expect(Object.is(back.scores.engagement, state.scores.engagement)).toBe(true);
}

const add = (data: Record<string, unknown>): VisitorEvent => ({ type: "add_to_cart", data: data as never });

describe("numbers at the door", () => {
  it.each<[string, unknown, (string | number)[] | null]>([
    [
      "the issue's price and quantity",
      { type: "add_to_cart", data: { price: 1e308, quantity: 1e9 } },
      ["data", "price"],
    ],
    ["a price at the bound", { type: "add_to_cart", data: { price: CART_LIMITS.maxPrice } }, null],
    ["a negative price at the bound", { type: "remove_from_cart", data: { price: -CART_LIMITS.maxPrice } }, null],
    ["a price past the bound", { type: "add_to_cart", data: { price: CART_LIMITS.maxPrice * 1.5 } }, ["data", "price"]],
    ["a quantity at the bound", { type: "add_to_cart", data: { quantity: CART_LIMITS.maxQuantity } }, null],
    ["a quantity past the bound", { type: "add_to_cart", data: { quantity: 1e9 } }, ["data", "quantity"]],
    ["a huge total on a purchase", { type: "purchase", data: { total: 1e300 } }, ["data", "total"]],
    ["a huge negative value", { type: "custom", data: { value: -1e16 } }, ["data", "value"]],
    ["a number at the bound", { type: "custom", data: { value: EVENT_LIMITS.maxAbsNumber } }, null],
    ["a huge number in a list", { type: "custom", data: { list: [1, 1e20] } }, ["data", "list", 1]],
    ["a huge number in an object", { type: "custom", data: { o: { k: -1e20 } } }, ["data", "o", "k"]],
    [
      "in a batch",
      { events: [{ type: "x" }, { type: "add_to_cart", data: { price: 1e13 } }] },
      ["events", 1, "data", "price"],
    ],
  ])("%s", (_name, body, path) => {
    const r = EventsBody.safeParse(body);
    expect(r.success).toBe(path === null);
    if (path)
      expect(
        r.error!.issues.flatMap((i) => (i.code === "invalid_union" ? i.errors.flat() : [i])).map((i) => i.path),
      ).toContainEqual(path);
  });
});

describe("engine math stays finite, whatever reaches it", () => {
  it("the issue's event (past the door) leaves a finite, storable cart", () => {
    const s = after([add({ id: "a", price: 1e308, quantity: 1e9 })]);
    expect(s.cart.items[0]).toMatchObject({ price: CART_LIMITS.maxPrice, quantity: CART_LIMITS.maxQuantity });
    expect(s.cart.value).toBe(CART_LIMITS.maxValue);
    expectStorable(s);
  });

  it("repeated adds clamp the item's quantity and the cart's count", () => {
    const s = after(Array.from({ length: 5 }, () => add({ id: "a", price: 1, quantity: CART_LIMITS.maxQuantity })));
    expect(s.cart.items[0].quantity).toBe(CART_LIMITS.maxQuantity);
    expect(s.cart.count).toBe(CART_LIMITS.maxQuantity);
    expectStorable(s);
  });

  it("items priced at opposite infinities do not make the value NaN", () => {
    const s = after([add({ id: "a", price: 1e308 }), add({ id: "b", price: -1e308 })]);
    expect(Number.isFinite(s.cart.value)).toBe(true);
    expectStorable(s);
  });

  it("a price of -0 is stored as 0", () => {
    const s = after([add({ id: "a", price: -0 })]);
    expect(Object.is(s.cart.items[0].price, 0)).toBe(true);
    expectStorable(s);
  });

  it("a numeric trait of -0 is stored as 0", () => {
    const s = after([{ type: "traits", data: { n: -0 } }]);
    expect(Object.is(s.traits.n, 0)).toBe(true);
    expectStorable(s);
  });

  it("engagement that decays to just below zero is 0, not -0", () => {
    // 1 point, then a dismissal (-1) a millisecond later: 1 x 0.5^(1 ms / 7 d) - 1 rounds to -0.
    const s = after([{ type: "page_view" }, { type: "dismiss" }]);
    expect(Object.is(s.scores.engagement, 0)).toBe(true);
    expectStorable(s);
  });

  it("huge scoring weights keep the scores finite", () => {
    const s = after([{ type: "page_view" }, { type: "page_view" }, { type: "page_view" }], {
      scoring: { weights: { page_view: 1e308 } },
    });
    expect(Number.isFinite(s.scores.engagement)).toBe(true);
    expectStorable(s);
  });
});
