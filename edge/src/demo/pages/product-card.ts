import type { Product } from "../catalog.ts";
import { escapeHtml, formatPrice } from "../html.ts";
import { productArt } from "../product-art.ts";

export function productCard(p: Product): string {
  return (
    `<li class="card" data-product="${p.slug}">${productArt(p, 160)}` +
    `<span class="category">${escapeHtml(p.category)}</span>` +
    `<a href="/products/${p.slug}">${escapeHtml(p.name)}</a>` +
    `<span class="price">${formatPrice(p.price)}</span></li>`
  );
}

/** The attributes the shop's script reads to report add_to_cart / remove_from_cart. */
export function productDataAttributes(p: Product): string {
  return (
    `data-id="${p.slug}" data-name="${escapeHtml(p.name)}" data-price="${p.price}" ` +
    `data-category="${escapeHtml(p.category)}"`
  );
}
