// Shopify Web Pixels standard events as Waymark events: the mapping of the custom pixel in docs/shopify-pixel.js
// (generated from this file by edge/scripts/build-beacon.mjs; paste it into Shopify admin > Settings > Customer
// events > Add custom pixel). Not part of the beacon.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Shopify's event payloads

/** One Waymark event, as POST /__waymark/events takes it. */
export interface WaymarkEvent {
  type: string;
  data: Record<string, unknown>;
  id?: string;
}

const CART: Record<string, string> = {
  product_added_to_cart: "add_to_cart",
  product_removed_from_cart: "remove_from_cart",
};

/**
 * The Waymark events for one Shopify standard event (`analytics.subscribe(name, event => ...)`), or none:
 * product_added_to_cart / product_removed_from_cart -> add_to_cart / remove_from_cart (the cart line's product:
 * id, name, price, quantity, category), product_viewed -> view_item, checkout_started -> begin_checkout,
 * checkout_completed -> purchase (transaction_id = the order id, else the checkout token; also the event id, so a
 * purchase the site reports again, from GA4 with the same transaction id, counts once).
 */
export function waymarkEventsFromShopify(event: Any): WaymarkEvent[] {
  const d = (event && event.data) || {};
  const item = (v: Any, quantity?: number) => ({
    id: String(v?.product?.id ?? v?.id ?? ""),
    name: v?.product?.title ?? v?.title,
    price: Number(v?.price?.amount) || 0,
    quantity: quantity ?? 1,
    category: v?.product?.type || undefined,
    currency: v?.price?.currencyCode,
  });
  const id = typeof event?.id == "string" ? event.id.slice(0, 64) : undefined;
  const name = event?.name;
  if (CART[name] && d.cartLine)
    return [{ type: CART[name], data: item(d.cartLine.merchandise, d.cartLine.quantity), id }];
  if (name == "product_viewed" && d.productVariant) return [{ type: "view_item", data: item(d.productVariant), id }];
  const c = d.checkout;
  if (!c) return [];
  const order = {
    value: Number(c.totalPrice?.amount) || 0,
    currency: c.totalPrice?.currencyCode ?? c.currencyCode,
    items: Array.isArray(c.lineItems) ? c.lineItems.length : 0,
  };
  if (name == "checkout_started") return [{ type: "begin_checkout", data: order, id }];
  if (name != "checkout_completed") return [];
  const tx = String(c.order?.id ?? c.token ?? "");
  return [{ type: "purchase", data: { ...order, transaction_id: tx }, id: tx ? ("tx:" + tx).slice(0, 64) : id }];
}
