import { cartValue } from "../demo-cart.ts";
import { escapeHtml, formatPrice } from "../html.ts";
import type { ShopPage, ShopRequest } from "../shop-page.ts";
import { productDataAttributes } from "./product-card.ts";

export function cartPage({ cart }: ShopRequest): ShopPage {
  if (!cart.length) {
    return {
      title: "Your cart",
      main: `<h1>Your cart</h1><div class="cart-lines"><p class="notice">Your cart is empty. <a href="/products">Browse the gear</a>.</p></div>`,
    };
  }
  const rows = cart
    .map(
      ({ product: p, quantity }) =>
        `<tr data-line data-id="${p.slug}" data-price="${p.price}" data-quantity="${quantity}">` +
        `<td><a href="/products/${p.slug}">${escapeHtml(p.name)}</a></td><td>${quantity}</td>` +
        `<td>${formatPrice(p.price * quantity)}</td><td><button type="button" class="remove-from-cart secondary" ` +
        `${productDataAttributes(p)} aria-label="Remove ${escapeHtml(p.name)}">Remove</button></td></tr>`,
    )
    .join("");
  return {
    title: "Your cart",
    main:
      `<h1>Your cart</h1><div class="cart-lines"><table class="cart"><thead><tr><th scope="col">Item</th>` +
      `<th scope="col">Qty</th><th scope="col">Price</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>` +
      `<tbody>${rows}</tbody></table>` +
      `<p class="cart-total">Total: <span data-total>${formatPrice(cartValue(cart))}</span></p>` +
      `<p><a class="button" href="/checkout">Checkout</a></p></div>`,
  };
}
