// The beacon's mapping of the site's own ecommerce events (src/beacon/core/ecommerce.ts): GA4 (gtag / GTM) and
// Segment's ecommerce spec, to the Waymark events the cart engine reads; the browser wiring is e2e/datalayer-consent.
import { describe, expect, it } from "vitest";
import { applyCart } from "@waymark/shared/engine/apply-cart.ts";
import { cleanEventData } from "../src/beacon/core/clean-event-data.ts";
import { fromGa4, fromSegment } from "../src/beacon/core/ecommerce.ts";

const PACK = {
  item_id: "summit-daypack",
  item_name: "Summit Daypack 24L",
  price: 89,
  quantity: 1,
  item_category: "Bags",
};
const BOTTLE = { item_id: "trail-bottle", item_name: "Trail Bottle", price: "12.50", quantity: 2 };

// [name, GA4 event, params, expected Waymark events]
const ga4: [string, string, object, unknown[]][] = [
  [
    "add_to_cart: one event per item, string prices as numbers",
    "add_to_cart",
    { currency: "EUR", value: 114, items: [PACK, BOTTLE] },
    [
      ["add_to_cart", { id: "summit-daypack", name: "Summit Daypack 24L", price: 89, quantity: 1, category: "Bags" }],
      ["add_to_cart", { id: "trail-bottle", name: "Trail Bottle", price: 12.5, quantity: 2, category: undefined }],
    ],
  ],
  [
    "remove_from_cart",
    "remove_from_cart",
    { items: [PACK] },
    [
      [
        "remove_from_cart",
        { id: "summit-daypack", name: "Summit Daypack 24L", price: 89, quantity: 1, category: "Bags" },
      ],
    ],
  ],
  [
    "purchase: transaction_id in the data and in the event id",
    "purchase",
    { transaction_id: "T-1042", value: 114, currency: "EUR", items: [PACK, BOTTLE] },
    [["purchase", { value: 114, currency: "EUR", transaction_id: "T-1042" }, "tx:T-1042"]],
  ],
  [
    "purchase without transaction_id: a random id",
    "purchase",
    { value: 10 },
    [["purchase", { value: 10, currency: undefined, transaction_id: undefined }, ""]],
  ],
  [
    "view_item: the item with the value",
    "view_item",
    { currency: "EUR", value: 89, items: [PACK] },
    [
      [
        "view_item",
        {
          value: 89,
          currency: "EUR",
          transaction_id: undefined,
          id: "summit-daypack",
          name: "Summit Daypack 24L",
          price: 89,
          quantity: 1,
          category: "Bags",
        },
        "",
      ],
    ],
  ],
  [
    "begin_checkout",
    "begin_checkout",
    { value: "114.00", currency: "EUR", items: [PACK] },
    [["begin_checkout", { value: 114, currency: "EUR", transaction_id: undefined }, ""]],
  ],
  [
    "a custom event without items: its parameters are the item",
    "add_to_cart",
    { id: "x1", name: "X", price: 3 },
    [["add_to_cart", { id: "x1", name: "X", price: 3, quantity: undefined, category: undefined }]],
  ],
  [
    "at most 20 items",
    "add_to_cart",
    { items: Array.from({ length: 30 }, (_, i) => ({ item_id: `i${i}` })) },
    Array(20).fill(expect.anything()),
  ],
];

describe("GA4 ecommerce events", () => {
  it.each(ga4)("%s", (_name, type, params, expected) => {
    expect(fromGa4(type, params)).toEqual(expected);
  });

  it("a long transaction id still makes a valid event id (at most 64 characters)", () => {
    expect(fromGa4("purchase", { transaction_id: "x".repeat(100) })[0][2]).toHaveLength(64);
  });

  it("fills the cart the engine derives, and a purchase empties it", () => {
    let cart = { items: [], count: 0, value: 0, lastItem: null, updatedAt: null } as Parameters<typeof applyCart>[0];
    for (const [type, data] of fromGa4("add_to_cart", { items: [PACK, BOTTLE] }))
      cart = applyCart(cart, type, cleanEventData(data), 1);
    expect(cart).toMatchObject({ count: 3, value: 114, lastItem: { id: "trail-bottle", name: "Trail Bottle" } });
    const [[type, data]] = fromGa4("purchase", { transaction_id: "T-1" });
    expect(applyCart(cart, type, cleanEventData(data), 2).count).toBe(0);
  });
});

// [name, Segment event, properties, expected]
const segment: [string, string, object, unknown[]][] = [
  [
    "Product Added",
    "Product Added",
    {
      product_id: "summit-daypack",
      sku: "SD-24",
      name: "Summit Daypack 24L",
      price: 89,
      quantity: 1,
      category: "Bags",
    },
    [["add_to_cart", { id: "summit-daypack", name: "Summit Daypack 24L", price: 89, quantity: 1, category: "Bags" }]],
  ],
  [
    "Product Removed, by sku",
    "Product Removed",
    { sku: "SD-24", name: "Summit Daypack 24L" },
    [
      [
        "remove_from_cart",
        { id: "SD-24", name: "Summit Daypack 24L", price: undefined, quantity: undefined, category: undefined },
      ],
    ],
  ],
  [
    "Order Completed: order_id is the transaction",
    "Order Completed",
    { order_id: "50314b8e", total: 27.5, revenue: 25, currency: "USD", products: [{ product_id: "a", price: 25 }] },
    [["purchase", { value: 27.5, currency: "USD", transaction_id: "50314b8e" }, "tx:50314b8e"]],
  ],
  [
    "Checkout Started",
    "Checkout Started",
    { revenue: 25, currency: "USD" },
    [["begin_checkout", { value: 25, currency: "USD", transaction_id: undefined }, ""]],
  ],
  ["not an ecommerce event", "Signed Up", { plan: "pro" }, []],
  ["the exposure export itself", "Waymark Exposure", { journey: "j" }, []],
];

describe("Segment ecommerce spec", () => {
  it.each(segment)("%s", (_name, name, props, expected) => {
    expect(fromSegment(name, props)).toEqual(expected);
  });
});
