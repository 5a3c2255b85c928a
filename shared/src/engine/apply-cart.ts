import type { Cart, CartItem } from "../schemas/state.ts";

type Data = Record<string, unknown> | undefined;

/** The cart after an add_to_cart / remove_from_cart / purchase event (other events leave it as is). */
export function applyCart(cart: Cart, type: string, data: Data, at: number): Cart {
  if (type === "purchase") return { items: [], count: 0, value: 0, lastItem: null, updatedAt: at };
  if (type !== "add_to_cart" && type !== "remove_from_cart") return cart;
  const item = itemFrom(data);
  const items = cart.items.map((i) => ({ ...i }));
  const existing = items.find((i) => i.id === item.id);
  let lastItem = cart.lastItem;
  if (type === "add_to_cart") {
    if (existing) {
      existing.quantity += item.quantity;
      // A later add may carry better details than the first (a price, a name).
      if (data?.price !== undefined) existing.price = item.price;
      if (data?.name !== undefined) existing.name = item.name;
      lastItem = { ...existing };
    } else {
      items.push(item);
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
  const price = typeof data?.price === "number" && Number.isFinite(data.price) ? data.price : 0;
  const q = data?.quantity;
  const quantity = typeof q === "number" && Number.isInteger(q) && q > 0 ? q : 1;
  const item: CartItem = { id: str(data?.id) ?? str(data?.sku) ?? name, name, price, quantity };
  const category = str(data?.category);
  if (category !== undefined) item.category = category;
  return item;
}

function summarize(items: CartItem[], lastItem: CartItem | null, at: number): Cart {
  let count = 0;
  let cents = 0;
  for (const i of items) {
    count += i.quantity;
    cents += Math.round(i.price * 100) * i.quantity;
  }
  return { items, count, value: Math.max(0, cents) / 100, lastItem, updatedAt: at };
}
