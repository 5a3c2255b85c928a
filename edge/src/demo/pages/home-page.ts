import { CATALOG } from "../catalog.ts";
import type { ShopPage } from "../shop-page.ts";
import { productCard } from "./product-card.ts";

export function homePage(): ShopPage {
  return {
    title: "Gear for the way there",
    main:
      `<section id="hero"><h1>Gear for the way there.</h1>` +
      `<p>Small-batch packs, shells and camp things, tested on long trails and built to be repaired, not replaced.</p>` +
      `<a class="button light" href="/products">Shop the collection</a></section>` +
      // Looks like links but is not: the demo's bait for dead-click detection.
      `<div class="perks"><span class="perk-link">Free returns for 60 days</span>` +
      `<span class="perk-link">Repairs for life</span><span>Carbon-neutral shipping</span></div>` +
      `<h2>Trail favourites</h2><ul class="grid">${CATALOG.slice(0, 3).map(productCard).join("")}</ul>`,
  };
}
