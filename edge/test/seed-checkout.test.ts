// Issue 13: "Still thinking about Brass Trail Compass? Your cart is waiting" showed on /checkout and on the order
// confirmation ("Thank you for your order", Cart (0)), because the purchase was reported by the beacon after that page
// had loaded. Now the demo shop's backend reports the order server-side when it is placed (the journey has ended
// before the confirmation is decided), and the seed reminders do not act on the checkout.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BROWSER, getShopPage, SITE } from "./support/edge.ts";
import { meOf } from "./support/identity.ts";
import { advanceTime, sendEvents, visitorInSeed } from "./support/visitor-api.ts";

const BANNER = /<waymark-slot data-wm-journey="abandoned-cart"/;
const CART = "demo_cart=" + encodeURIComponent("trail-compass:1");

async function idleCart(branch: string): Promise<string> {
  const id = visitorInSeed("abandoned-cart", (a) => !a.holdout && a.branch === branch);
  await getShopPage("/", { cookie: `wm_vid=${id}` });
  await sendEvents(`wm_vid=${id}`, [
    { type: "add_to_cart", data: { id: "trail-compass", name: "Brass Trail Compass", price: 39 } },
  ]);
  await advanceTime(id, "31m");
  return id;
}

const html = async (path: string, cookie: string) => (await getShopPage(path, { cookie })).text();

describe("the seed cart reminder and the checkout", () => {
  it("shows on the shop's pages but not on the checkout", async () => {
    const id = await idleCart("reminder");
    const cookie = `wm_vid=${id}; ${CART}`;
    expect(await html("/products", cookie)).toMatch(BANNER);
    expect(await html("/checkout", cookie)).not.toMatch(BANNER);
  });

  it("placing the order ends the journey at once: the confirmation and every later page show no reminder", async () => {
    const id = await idleCart("discount");
    const cookie = `wm_vid=${id}; ${CART}`;
    const body = new URLSearchParams({ name: "Ada", email: "ada@example.com", card: "4242 4242 4242 4242" });
    const post = await SELF.fetch(`${SITE}/checkout/done`, {
      method: "POST",
      body,
      headers: { ...BROWSER, cookie, "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(post.status).toBe(303);
    const order = post.headers
      .getSetCookie()
      .find((c) => c.startsWith("demo_order="))!
      .split(";")[0];

    const me = await meOf(id);
    expect(me.journeys["abandoned-cart"].stage).toBe("purchased");
    expect(me.events.filter((e: { type: string }) => e.type === "purchase")).toHaveLength(1);

    const done = await html("/checkout/done", `wm_vid=${id}; ${order}`);
    expect(done).toContain("Thank you for your order");
    expect(done).not.toMatch(BANNER);
    expect(await html("/products", `wm_vid=${id}`)).not.toMatch(BANNER);
  });

  it("does not report the order of an opted-out browser", async () => {
    const id = await idleCart("discount");
    const body = new URLSearchParams({ name: "Ada", email: "ada@example.com", card: "4242 4242 4242 4242" });
    await SELF.fetch(`${SITE}/__waymark/opt-out`, { method: "POST", headers: { cookie: `wm_vid=${id}` } });
    const post = await SELF.fetch(`${SITE}/checkout/done`, {
      method: "POST",
      body,
      headers: { ...BROWSER, cookie: `wm_vid=${id}; wm_optout=1; ${CART}` },
      redirect: "manual",
    });
    expect(post.status).toBe(303);
    expect((await meOf(id)).stored).toBe(false);
  });
});
