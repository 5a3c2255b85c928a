import { CART_LIMITS } from "../schemas/event.ts";
import type { Cart, CartItem } from "../schemas/state.ts";

type Data = Record<string, unknown> | undefined;

/**
 * The cart after an add_to_cart / remove_from_cart / purchase event (other events leave it as is). Items are kept
 * least recently added-to first: an add moves its item to the end, and a new item past CART_LIMITS.maxItems drops
 * the first ones (count and value are derived again from what is left).
 */
export function applyCart(cart: Cart, type: string, data: Data, at: number): Cart {
  if (type === "purchase") return { items: [], count: 0, value: 0, lastItem: null, updatedAt: at };
  if (type !== "add_to_cart" && type !== "remove_from_cart") return cart;
  const item = itemFrom(data);
  const items = cart.items.map((i) => ({ ...i }));
  const existing = items.find((i) => i.id === item.id);
  let lastItem = cart.lastItem;
  if (type === "add_to_cart") {
    if (existing) {
      existing.quantity = Math.min(existing.quantity + item.quantity, CART_LIMITS.maxQuantity);
      // A later add may carry better details than the first (a price, a name).
      if (data?.price !== undefined) existing.price = item.price;
      if (data?.name !== undefined) existing.name = item.name;
      items.splice(items.indexOf(existing), 1);
      items.push(existing);
      lastItem = { ...existing };
    } else {
      items.push(item);
      // Also trims a stored cart from before the cap.
      if (items.length > CART_LIMITS.maxItems) items.splice(0, items.length - CART_LIMITS.maxItems);
      lastItem = { ...item };
    }
  } else if (existing) {
    existing.quantity -= item.quantity;
    if (existing.quantity <= 0) items.splice(items.indexOf(existing), 1);
    if (lastItem && !items.some((i) => i.id === lastItem!.id))
      lastItem = items.length ? { ...items[items.length - 1] } : null;
  }
  return summarize(items, lastItem, at);
}

function itemFrom(data: Data): CartItem {
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);
  const name = str(data?.name) ?? "item";
  const price = typeof data?.price === "number" ? boundedPrice(data.price) : 0;
  const q = data?.quantity;
  const quantity = typeof q === "number" && Number.isInteger(q) && q > 0 ? Math.min(q, CART_LIMITS.maxQuantity) : 1;
  const item: CartItem = { id: str(data?.id) ?? str(data?.sku) ?? name, name, price, quantity };
  const category = str(data?.category);
  if (category !== undefined) item.category = category;
  return item;
}

/**
 * A price within CART_LIMITS (NaN counts as 0), never -0: the cart must stay finite and survive JSON unchanged
 * whatever reached the engine (the schema refuses such prices at the door; stored states may be older).
 */
function boundedPrice(p: number): number {
  return Number.isNaN(p) ? 0 : Math.min(CART_LIMITS.maxPrice, Math.max(-CART_LIMITS.maxPrice, p)) + 0;
}

/** The cart of these items: count and value derived from them, each clamped to CART_LIMITS. */
export function summarize(items: CartItem[], lastItem: CartItem | null, at: number | null): Cart {
  let count = 0;
  let cents = 0;
  for (const i of items) {
    const quantity = Math.min(i.quantity, CART_LIMITS.maxQuantity);
    count += quantity;
    cents += Math.round(boundedPrice(i.price) * 100) * quantity;
  }
  return {
    items,
    count: Math.min(count, CART_LIMITS.maxCount),
    value: Math.min(Math.max(0, cents) / 100, CART_LIMITS.maxValue),
    lastItem,
    updatedAt: at,
  };
}
