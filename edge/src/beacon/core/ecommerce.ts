// The site's own ecommerce events (GA4 dataLayer / gtag, Segment's ecommerce spec) as Waymark events, in the
// shapes the cart engine reads (shared/src/engine/apply-cart.ts: id, name, price, quantity, category).
type P = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the site's data, any shape

/** A Waymark event: type, data, and an idempotency id when the source has one (a purchase's transaction_id). */
export type SiteEvent = [type: string, data: P, id?: string];

/** The GA4 recommended ecommerce events Waymark reads (their Waymark types are the same names). */
export const GA4_EVENTS = [
  "view_item",
  "add_to_cart",
  "remove_from_cart",
  "begin_checkout",
  "purchase",
  "view_item_list",
];

// Segment's ecommerce spec v2 names ("Product Viewed", ...), in the order of GA4_EVENTS.
const SEGMENT_EVENTS =
  "Product Viewed,Product Added,Product Removed,Checkout Started,Order Completed,Product List Viewed";

/** GA4 sends prices as numbers, some sites as strings ("89.00"). */
const num = (v: unknown) => (v === "" || v == null || isNaN(v as number) ? undefined : +(v as number));

/**
 * One GA4 ecommerce event (`p`: gtag's third argument, or GTM's `ecommerce` object) as Waymark events of `type`: a
 * cart event per item (at most 20: id, name, price, quantity, category), any other event once with the order's
 * value and currency (view_item: and its item). A purchase carries its transaction_id, which also makes its event
 * id: a purchase reported twice (a reload of the thank-you page, gtag and GTM both) counts once. Parameters
 * without `items` describe the item themselves.
 */
export function fromGa4(type: string, p: P): SiteEvent[] {
  const items: P[] = p.items && p.items.length ? [...p.items].slice(0, 20) : [p];
  const item = (i: P) => ({
    id: i.item_id ?? i.id,
    name: i.item_name ?? i.name,
    price: num(i.price),
    quantity: num(i.quantity),
    category: i.item_category ?? i.category,
  });
  if (/_cart$/.test(type)) return items.map((i) => [type, item(i)]);
  const tx = p.transaction_id;
  const data = { value: num(p.value), currency: p.currency, transaction_id: tx };
  return [
    [type, type == "view_item" ? { ...data, ...item(items[0]) } : data, tx != null ? ("tx:" + tx).slice(0, 64) : ""],
  ];
}

/**
 * A Segment `track(name, properties)` call of the ecommerce spec as Waymark events (through fromGa4: products
 * become items, order_id the transaction id); any other name, none.
 */
export function fromSegment(name: string, p: P): SiteEvent[] {
  const type = GA4_EVENTS[SEGMENT_EVENTS.split(",").indexOf(name)];
  return type && p
    ? fromGa4(type, {
        items: (p.products || [p]).map((i: P) => ({ ...i, item_id: i.product_id ?? i.sku ?? i.id })),
        value: p.total ?? p.revenue ?? p.price,
        currency: p.currency,
        transaction_id: p.order_id,
      })
    : [];
}
