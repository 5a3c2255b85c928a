import { findProduct, type Product } from "./catalog.ts";

/** The shop's own cart cookie (the demo is "the site"; Waymark keeps its own view of the cart from events). */
export const CART_COOKIE = "demo_cart";
/** Set by the checkout form post, read once by the thank-you page. */
export const ORDER_COOKIE = "demo_order";

export interface CartLine {
  product: Product;
  quantity: number;
}

const MAX_QUANTITY = 99;

/**
 * Parse the cookie value "slug:qty,slug:qty". Unknown slugs and bad quantities are dropped: the cookie is
 * visitor-controlled input.
 */
export function parseCart(value: string | null | undefined): CartLine[] {
  if (!value) return [];
  const lines = new Map<string, CartLine>();
  for (const part of value.split(",").slice(0, 50)) {
    const [slug, qty] = part.split(":");
    const product = findProduct(slug ?? "");
    const quantity = Number(qty);
    if (!product || !Number.isInteger(quantity) || quantity < 1) continue;
    const prev = lines.get(product.slug)?.quantity ?? 0;
    lines.set(product.slug, { product, quantity: Math.min(MAX_QUANTITY, prev + quantity) });
  }
  return [...lines.values()];
}

export function serializeCart(lines: CartLine[]): string {
  return lines.map((l) => `${l.product.slug}:${l.quantity}`).join(",");
}

export function cartCount(lines: CartLine[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0);
}

export function cartValue(lines: CartLine[]): number {
  return Math.round(lines.reduce((v, l) => v + l.product.price * l.quantity, 0) * 100) / 100;
}
