// The Shopify custom pixel's mapping (src/beacon/shopify/shopify-events.ts; docs/shopify-pixel.js is generated
// from it): Shopify's standard events, as their Web Pixels API hands them over, to Waymark events the endpoint takes.
import { EventsBody } from "@waymark/shared";
import { describe, expect, it } from "vitest";
import { waymarkEventsFromShopify } from "../src/beacon/shopify/shopify-events.ts";

const variant = {
  id: "44105330622660",
  title: "24L / Slate",
  sku: "SD-24-SL",
  price: { amount: 89.0, currencyCode: "EUR" },
  product: { id: "8083935183044", title: "Summit Daypack 24L", type: "Bags", vendor: "Waymark Outfitters" },
};

// [name, Shopify event, expected Waymark events]
const cases: [string, object | null, unknown[]][] = [
  [
    "product_added_to_cart",
    { id: "sh-1a2b", name: "product_added_to_cart", data: { cartLine: { merchandise: variant, quantity: 2 } } },
    [
      {
        type: "add_to_cart",
        data: {
          id: "8083935183044",
          name: "Summit Daypack 24L",
          price: 89,
          quantity: 2,
          category: "Bags",
          currency: "EUR",
        },
        id: "sh-1a2b",
      },
    ],
  ],
  [
    "product_removed_from_cart",
    { id: "sh-1a2c", name: "product_removed_from_cart", data: { cartLine: { merchandise: variant, quantity: 1 } } },
    [
      expect.objectContaining({
        type: "remove_from_cart",
        data: expect.objectContaining({ id: "8083935183044", quantity: 1 }),
      }),
    ],
  ],
  [
    "product_viewed",
    { id: "sh-1a2d", name: "product_viewed", data: { productVariant: variant } },
    [
      expect.objectContaining({
        type: "view_item",
        data: expect.objectContaining({ name: "Summit Daypack 24L", quantity: 1 }),
      }),
    ],
  ],
  [
    "checkout_completed: the order id is the transaction and the event id",
    {
      id: "sh-9z",
      name: "checkout_completed",
      data: {
        checkout: {
          token: "c1f0",
          currencyCode: "EUR",
          totalPrice: { amount: 178.0, currencyCode: "EUR" },
          order: { id: "5678901234" },
          lineItems: [{ quantity: 2, title: "Summit Daypack 24L", variant }],
        },
      },
    },
    [
      {
        type: "purchase",
        data: { value: 178, currency: "EUR", items: 1, transaction_id: "5678901234" },
        id: "tx:5678901234",
      },
    ],
  ],
  [
    "checkout_started",
    {
      id: "sh-9y",
      name: "checkout_started",
      data: { checkout: { currencyCode: "EUR", totalPrice: { amount: "178.00" }, lineItems: [] } },
    },
    [{ type: "begin_checkout", data: { value: 178, currency: "EUR", items: 0 }, id: "sh-9y" }],
  ],
  ["another event", { id: "sh-0", name: "page_viewed", data: {} }, []],
  ["a cart event without its line", { id: "sh-0", name: "product_added_to_cart", data: {} }, []],
  ["nothing", null, []],
];

describe("Shopify custom pixel mapping", () => {
  it.each(cases)("%s", (_name, event, expected) => {
    const events = waymarkEventsFromShopify(event);
    expect(events).toEqual(expected);
    // What the pixel posts is a valid events body (the endpoint would refuse nothing of it).
    if (events.length) expect(EventsBody.safeParse(JSON.parse(JSON.stringify({ events }))).success).toBe(true);
  });
});
