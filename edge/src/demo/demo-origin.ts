import { findProduct } from "./catalog.ts";
import { decodeCookie, parseCookies } from "../http/cookies.ts";
import { CART_COOKIE, ORDER_COOKIE, parseCart, serializeCart, cartCount, cartValue } from "./demo-cart.ts";
import type { DemoBackend } from "./demo-backend.ts";
import { renderBody, renderHead } from "./layout.ts";
import { cartPage } from "./pages/cart-page.ts";
import { checkoutDonePage } from "./pages/checkout-done-page.ts";
import { checkoutErrors, checkoutPage, type CheckoutForm } from "./pages/checkout-page.ts";
import { faqPage } from "./pages/faq-page.ts";
import { homePage } from "./pages/home-page.ts";
import { notFoundPage } from "./pages/not-found-page.ts";
import { pricingPage } from "./pages/pricing-page.ts";
import { productPage } from "./pages/product-page.ts";
import { productsPage } from "./pages/products-page.ts";
import { spaPage } from "./pages/spa-page.ts";
import type { ShopPage, ShopRequest } from "./shop-page.ts";
import { streamHtml } from "./stream-html.ts";

const ORDER_ID_RE = /^[a-z0-9]{6,16}$/;

/**
 * The built-in demo shop "Waymark Outfitters": the origin the Worker personalizes when ORIGIN_URL is empty.
 * It is "the site": it keeps its own cart cookie and reports events through the beacon API, and its backend reports
 * orders server-side (`backend`), knowing nothing else about Waymark.
 */
export async function demoOrigin(request: Request, backend: DemoBackend = {}): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const req: ShopRequest = { request, url, cart: parseCart(readCookie(request, CART_COOKIE)) };
  const method = request.method.toUpperCase();

  if (path === "/checkout/done" && method === "POST") return placeOrder(req, backend);
  if (method !== "GET" && method !== "HEAD") {
    return new Response("method not allowed", {
      status: 405,
      headers: { allow: "GET, HEAD", "content-type": "text/plain" },
    });
  }
  if (path === "/robots.txt")
    return new Response("User-agent: *\nAllow: /\n", { headers: { "content-type": "text/plain" } });
  if (path === "/favicon.ico") return new Response(null, { status: 204 });

  let page: ShopPage;
  const product = path.startsWith("/products/") ? findProduct(path.slice("/products/".length)) : undefined;
  if (path === "/") page = homePage();
  else if (path === "/products") page = productsPage(req);
  else if (product) page = productPage(product);
  else if (path === "/cart") page = cartPage(req);
  else if (path === "/checkout") page = checkoutPage(req);
  else if (path === "/checkout/done") return orderConfirmation(req);
  else if (path === "/pricing") page = pricingPage();
  else if (path === "/faq") page = faqPage();
  else if (path === "/spa" || path.startsWith("/spa/")) page = spaPage(path) ?? notFoundPage();
  else page = notFoundPage();
  return render(req, path, page, method === "HEAD");
}

function render(req: ShopRequest, path: string, page: ShopPage, headOnly = false): Response {
  const parts = { ...page, path, cartCount: page.cartCount ?? cartCount(req.cart) };
  return streamHtml(headOnly ? [] : [renderHead(parts), renderBody(parts)], {
    status: page.status,
    headers: page.headers,
  });
}

/**
 * Checkout form post: validate, report the purchase server-side, move the cart into a one-time order cookie, and
 * redirect (post/redirect/get).
 */
async function placeOrder(req: ShopRequest, backend: DemoBackend): Promise<Response> {
  let data: FormData | null = null;
  try {
    data = await req.request.formData();
  } catch {
    data = null;
  }
  const form: CheckoutForm = {
    name: String(data?.get("name") ?? "").slice(0, 200),
    email: String(data?.get("email") ?? "").slice(0, 200),
    card: String(data?.get("card") ?? "").slice(0, 40),
  };
  const errors = checkoutErrors(form);
  if (Object.keys(errors).length) return render(req, "/checkout", checkoutPage(req, form, errors));
  if (!req.cart.length) return redirect("/cart");
  const orderId = crypto.randomUUID().replace(/-/g, "").slice(0, 10);
  await backend.reportPurchase?.(req.request, {
    order: orderId,
    value: cartValue(req.cart),
    currency: "USD",
    count: cartCount(req.cart),
    items: req.cart.map((l) => l.product.slug),
  });
  const headers = new Headers({ location: "/checkout/done" });
  headers.append(
    "set-cookie",
    `${ORDER_COOKIE}=${orderId}|${serializeCart(req.cart)}; Path=/; Max-Age=600; SameSite=Lax`,
  );
  headers.append("set-cookie", `${CART_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`);
  return new Response(null, { status: 303, headers });
}

/** The thank-you page reads the order cookie once and clears it, so a reload does not report a second purchase. */
function orderConfirmation(req: ShopRequest): Response {
  const raw = readCookie(req.request, ORDER_COOKIE) ?? "";
  const [id, lines] = raw.split("|");
  const order = id && ORDER_ID_RE.test(id) ? { id, lines: parseCart(lines) } : null;
  const page = checkoutDonePage(order, cartCount(req.cart));
  page.headers = { "set-cookie": `${ORDER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`, "cache-control": "no-store" };
  return render(req, "/checkout/done", page);
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

/** One of the shop's own cookies, decoded (the shop reads cookies like any site would, with Waymark's parser). */
function readCookie(request: Request, name: string): string | null {
  const value = parseCookies(request.headers.get("cookie"))[name];
  return value === undefined ? null : decodeCookie(value);
}
