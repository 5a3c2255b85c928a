import { escapeHtml } from "./html.ts";
import { SHOP_CSS } from "./shop-styles.ts";
import { SHOP_JS, WAYMARK_STUB_JS } from "./shop-scripts.ts";

export interface PageParts {
  title: string;
  /** Path of the page, to mark the current nav link. */
  path: string;
  cartCount: number;
  /** Inner HTML of <main>. */
  main: string;
  description?: string;
  /** Extra inline script run at the end of <body> (after the shop's script). */
  script?: string;
}

const NAV = [
  ["/", "Home"],
  ["/products", "Products"],
  ["/pricing", "Pricing"],
  ["/faq", "FAQ"],
] as const;

/** Everything up to and including </head>: sent first so the browser (and the edge) can start early. */
export function renderHead(p: PageParts): string {
  const description = p.description ?? "Waymark Outfitters: small-batch gear for long walks.";
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(p.title)} · Waymark Outfitters</title>` +
    `<meta name="description" content="${escapeHtml(description)}">` +
    `<link rel="icon" href="data:,">` +
    `<script>${WAYMARK_STUB_JS}</script>` +
    `<style>${SHOP_CSS}</style></head>`
  );
}

export function renderHeader(p: PageParts): string {
  const current = (href: string) =>
    href === p.path || (href !== "/" && p.path.startsWith(href + "/")) ? ` aria-current="page"` : "";
  const links = NAV.map(([href, label]) => `<li><a href="${href}"${current(href)}>${label}</a></li>`).join("");
  return (
    `<header class="site-header"><a class="brand" href="/">` +
    `<svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true"><path d="M14 2 L26 26 H2Z" fill="#2f5d50"/><path d="M14 11 L19 21 H9Z" fill="#c9a227"/></svg>` +
    `Waymark Outfitters</a><nav aria-label="Main"><ul>${links}` +
    `<li><a href="/cart"${current("/cart")}>Cart (<span class="cart-count">${p.cartCount}</span>)</a></li>` +
    `</ul></nav></header>`
  );
}

/** <body> to </html>. */
export function renderBody(p: PageParts): string {
  return (
    `<body>${renderHeader(p)}<main id="main">${p.main}</main>` +
    `<p id="shop-status" class="visually-hidden" role="status" aria-live="polite"></p>` +
    `<footer class="site-footer">Waymark Outfitters is a demo shop: nothing is for sale and no card is charged. <a href="/__waymark/opt-out">Privacy choices</a></footer>` +
    `<script>${SHOP_JS}</script>${p.script ? `<script>${p.script}</script>` : ""}</body></html>`
  );
}
