import type { Product } from "../catalog.ts";
import { escapeHtml, formatPrice } from "../html.ts";
import { productArt } from "../product-art.ts";
import { inlineJson } from "../shop-scripts.ts";
import type { ShopPage } from "../shop-page.ts";
import { productDataAttributes } from "./product-card.ts";

export function productPage(p: Product): ShopPage {
  const view = { id: p.slug, name: p.name, price: p.price, category: p.category };
  return {
    title: p.name,
    description: p.blurb,
    main:
      `<nav aria-label="Breadcrumb" class="crumbs"><a href="/products">Products</a> / ${escapeHtml(p.name)}</nav>` +
      `<article class="product" data-product="${p.slug}"><div>${productArt(p, 320)}</div><div>` +
      `<span class="category">${escapeHtml(p.category)}</span><h1>${escapeHtml(p.name)}</h1>` +
      `<p class="price">${formatPrice(p.price)}</p><p>${escapeHtml(p.blurb)}</p>` +
      `<button type="button" class="add-to-cart" ${productDataAttributes(p)}>Add to cart</button>` +
      ` <a href="/cart">View cart</a></div></article>`,
    script: `try{window.waymark.track("view_item",${inlineJson(view)})}catch(e){}`,
  };
}
