import type { CartLine } from "./demo-cart.ts";
import type { PageParts } from "./layout.ts";

/** What a page handler gets: the parsed request and the visitor's cart (from the shop's own cookie). */
export interface ShopRequest {
  request: Request;
  url: URL;
  cart: CartLine[];
}

/** A page to render in the shop layout, with its status and extra headers. */
export interface ShopPage extends Omit<PageParts, "path" | "cartCount"> {
  status?: number;
  headers?: HeadersInit;
  /** Cart count to show in the header when the page changed the cart (e.g. after a purchase). */
  cartCount?: number;
}
