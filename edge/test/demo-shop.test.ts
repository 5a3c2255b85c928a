import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../src/demo/catalog.ts";
import type { DemoPurchase } from "../src/demo/demo-backend.ts";
import { demoOrigin } from "../src/demo/demo-origin.ts";
import { parseCart } from "../src/demo/demo-cart.ts";

const BASE = "https://shop.example";
const PAGES = [
  "/",
  "/products",
  "/products?category=camp",
  ...CATALOG.map((p) => `/products/${p.slug}`),
  "/cart",
  "/checkout",
  "/checkout/done",
  "/pricing",
  "/faq",
  "/spa",
];
const COMMON = [
  "html[lang=en]",
  "head meta[charset=utf-8]",
  "head title",
  "body header.site-header nav",
  "main#main",
  "span.cart-count",
];

/** Which of `selectors` occur in the HTML, found by the same streaming parser the edge uses. */
async function found(html: string, selectors: string[]): Promise<Set<string>> {
  const hits = new Set<string>();
  let rw = new HTMLRewriter();
  for (const s of selectors) rw = rw.on(s, { element: () => void hits.add(s) });
  await rw.transform(new Response(html)).text();
  return hits;
}

/** Attributes of every element matching `selector`. */
async function attrs(html: string, selector: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element: (el) => void out.push(Object.fromEntries(el.attributes as unknown as Iterable<[string, string]>)),
    })
    .transform(new Response(html))
    .text();
  return out;
}

const get = (path: string, cookie?: string) =>
  demoOrigin(new Request(BASE + path, { headers: cookie ? { cookie } : {} }));

describe("demo shop pages", () => {
  it.each(PAGES)("%s is a 200 streamed HTML page with the shop layout", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html.startsWith('<!doctype html><html lang="en"><head>')).toBe(true);
    const hits = await found(html, COMMON);
    expect([...hits].sort()).toEqual([...COMMON].sort());
    const nav = (await attrs(html, "header.site-header nav a")).map((a) => a.href);
    expect(nav).toEqual(["/", "/products", "/pricing", "/faq", "/cart"]);
    // The shop works without Waymark: the stub queues calls until (and unless) the beacon loads.
    expect(html).toContain("window.waymark=window.waymark||{q:[]}");
  });

  it("sends the head as its own first chunk, before the body", async () => {
    const res = await get("/");
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.endsWith("</head>")).toBe(true);
    expect(first).not.toContain("<body");
    const rest = new TextDecoder().decode((await reader.read()).value);
    expect(rest.startsWith("<body>")).toBe(true);
  });

  it("home has the hero with its heading", async () => {
    const html = await (await get("/")).text();
    expect(await found(html, ["section#hero > h1", "main#main section#hero"])).toEqual(
      new Set(["section#hero > h1", "main#main section#hero"]),
    );
  });

  it("lists every product and each product page has an add-to-cart button carrying the item", async () => {
    const list = await (await get("/products")).text();
    const links = (await attrs(list, "ul.products a")).map((a) => a.href);
    expect(links).toEqual(CATALOG.map((p) => `/products/${p.slug}`));
    for (const p of CATALOG) {
      const html = await (await get(`/products/${p.slug}`)).text();
      expect(await attrs(html, "button.add-to-cart")).toEqual([
        expect.objectContaining({
          "data-id": p.slug,
          "data-name": p.name,
          "data-price": String(p.price),
          "data-category": p.category,
        }),
      ]);
      // Product views carry the category (interest scores).
      expect(html).toContain(`window.waymark.track("view_item",{"id":"${p.slug}"`);
      expect(html).toContain(`"category":"${p.category}"`);
    }
  });

  it("pricing has a pricing table and the FAQ an accordion", async () => {
    expect((await found(await (await get("/pricing")).text(), ["table.pricing-table tbody tr"])).size).toBe(1);
    expect(
      (await attrs(await (await get("/faq")).text(), "section.faq details > summary")).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it("answers unknown pages with a 404 HTML page in the shop layout", async () => {
    const res = await get("/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect((await found(await res.text(), COMMON)).size).toBe(COMMON.length);
  });

  it("the /spa page re-renders <main> after load (the hydration-restore fixture)", async () => {
    const html = await (await get("/spa")).text();
    expect(await found(html, ["main#main div#app h1#spa-title"])).toEqual(new Set(["main#main div#app h1#spa-title"]));
    expect(html).toContain('main.innerHTML="\\u003cdiv id=\\"app\\"');
  });
});

describe("demo shop cart", () => {
  it("reads its cart cookie, ignoring unknown products and bad quantities", async () => {
    expect(
      parseCart("trail-compass:2,nope:1,enamel-camp-mug:x,enamel-camp-mug:-1,trail-compass:1").map((l) => [
        l.product.slug,
        l.quantity,
      ]),
    ).toEqual([["trail-compass", 3]]);
    const html = await (
      await get("/cart", "demo_cart=" + encodeURIComponent("trail-compass:2,summit-daypack:1"))
    ).text();
    expect((await attrs(html, "tr[data-line]")).map((r) => [r["data-id"], r["data-quantity"]])).toEqual([
      ["trail-compass", "2"],
      ["summit-daypack", "1"],
    ]);
    expect(html).toContain('<span class="cart-count">3</span>');
    expect(html).toContain("$167.00"); // 2 x 39 + 89
    expect((await attrs(html, "button.remove-from-cart")).map((b) => b["data-id"])).toEqual([
      "trail-compass",
      "summit-daypack",
    ]);
  });

  it("checkout: the form posts to /checkout/done, whose backend reports the purchase once, then redirects", async () => {
    const cart = "demo_cart=" + encodeURIComponent("ridge-shell-jacket:1,enamel-camp-mug:2");
    const form = (await attrs(await (await get("/checkout", cart)).text(), "form.checkout"))[0];
    expect(form).toMatchObject({ method: "post", action: "/checkout/done" });

    const body = new URLSearchParams({ name: "Ada", email: "ada@example.com", card: "4242 4242 4242 4242" });
    const reported: DemoPurchase[] = [];
    const backend = { reportPurchase: async (_r: Request, p: DemoPurchase) => void reported.push(p) };
    const post = await demoOrigin(
      new Request(`${BASE}/checkout/done`, { method: "POST", body, headers: { cookie: cart } }),
      backend,
    );
    expect(post.status).toBe(303);
    expect(reported).toEqual([
      {
        order: expect.stringMatching(/^[a-z0-9]{10}$/),
        value: 177,
        currency: "USD",
        count: 3,
        items: ["ridge-shell-jacket", "enamel-camp-mug"],
      },
    ]);
    expect(post.headers.get("location")).toBe("/checkout/done");
    const setCookies = post.headers.getSetCookie();
    expect(setCookies.some((c) => c.startsWith("demo_cart=;") && c.includes("Max-Age=0"))).toBe(true);
    const order = setCookies.find((c) => c.startsWith("demo_order="))!.split(";")[0];

    const done = await get("/checkout/done", order);
    expect(done.headers.getSetCookie().some((c) => c.startsWith("demo_order=;"))).toBe(true);
    const html = await done.text();
    expect(html).toContain(`Order <strong>${reported[0].order}</strong> is confirmed`);
    // The page itself reports nothing: the backend did, when the order was placed.
    expect(html).not.toContain('"purchase"');
    expect(html).toContain('<span class="cart-count">0</span>');

    // Without the one-time order cookie (a reload): no order to confirm, and still no report.
    const again = await (await get("/checkout/done")).text();
    expect(again).toContain("No order to confirm");
    expect(reported).toHaveLength(1);
  });

  it("checkout refuses an invalid form with 400, escaping what the visitor typed", async () => {
    const cart = "demo_cart=trail-compass%3A1";
    const body = new URLSearchParams({ name: "<script>alert(1)</script>", email: "nope", card: "12" });
    const res = await demoOrigin(
      new Request(`${BASE}/checkout/done`, { method: "POST", body, headers: { cookie: cart } }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect((await attrs(html, "input[aria-invalid=true]")).map((i) => i.name)).toEqual(["email", "card"]);
  });

  it("refuses other methods with 405", async () => {
    const res = await demoOrigin(new Request(`${BASE}/cart`, { method: "DELETE" }));
    expect(res.status).toBe(405);
  });
});

describe("demo shop behind the Worker", () => {
  it("is what the Worker serves when ORIGIN_URL is empty", async () => {
    const res = await SELF.fetch(`${BASE}/products/trail-compass`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="add-to-cart"');
    expect(html).toContain("Brass Trail Compass");
  });
});
