import type { ShopPage } from "../shop-page.ts";

export function notFoundPage(): ShopPage {
  return {
    title: "Page not found",
    status: 404,
    main: `<h1>Off the map</h1><p>We could not find that page. <a href="/">Back to the trailhead</a> or <a href="/products">browse the gear</a>.</p>`,
  };
}
