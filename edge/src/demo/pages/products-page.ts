import { CATALOG } from "../catalog.ts";
import { escapeHtml } from "../html.ts";
import type { ShopPage, ShopRequest } from "../shop-page.ts";
import { productCard } from "./product-card.ts";

export function productsPage({ url }: ShopRequest): ShopPage {
  const category = url.searchParams.get("category");
  const list = category ? CATALOG.filter((p) => p.category === category) : CATALOG;
  const categories = [...new Set(CATALOG.map((p) => p.category))];
  const filters = categories
    .map((c) => `<a href="/products?category=${c}"${c === category ? ` aria-current="true"` : ""}>${c}</a>`)
    .join(" · ");
  return {
    title: category ? `Products: ${category}` : "Products",
    main:
      `<h1>${category ? `Products: ${escapeHtml(category)}` : "All products"}</h1>` +
      `<p class="filters"><a href="/products">all</a> · ${filters}</p>` +
      (list.length
        ? `<ul class="grid products">${list.map(productCard).join("")}</ul>`
        : `<p class="notice">Nothing in that category yet.</p>`),
  };
}
