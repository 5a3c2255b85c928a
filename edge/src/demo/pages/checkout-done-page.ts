import { cartValue, type CartLine } from "../demo-cart.ts";
import { escapeHtml, formatPrice } from "../html.ts";
import type { ShopPage } from "../shop-page.ts";

/** The thank-you page, shown once per order (the backend reported the purchase when the order was placed). */
export function checkoutDonePage(order: { id: string; lines: CartLine[] } | null, cartNow: number): ShopPage {
  if (!order || !order.lines.length) {
    return {
      title: "Order",
      cartCount: cartNow,
      main: `<h1>No order to confirm</h1><p class="notice">There is no order in progress. <a href="/products">Keep browsing</a>.</p>`,
    };
  }
  const value = cartValue(order.lines);
  const rows = order.lines
    .map((l) => `<li>${escapeHtml(l.product.name)} × ${l.quantity}: ${formatPrice(l.product.price * l.quantity)}</li>`)
    .join("");
  return {
    title: "Thank you",
    cartCount: cartNow,
    main:
      `<h1>Thank you for your order</h1><p class="notice" data-order="${escapeHtml(order.id)}">Order ` +
      `<strong>${escapeHtml(order.id)}</strong> is confirmed: ${formatPrice(value)}.</p><ul class="order-lines">${rows}</ul>` +
      `<p><a href="/">Back to the shop</a></p>`,
  };
}
