import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "./support/admin-api.ts";
import { getShopPage, SITE } from "./support/edge.ts";
import { identityToken } from "./support/identity.ts";
import { sendEvents, visitorInSeed } from "./support/visitor-api.ts";

// Two browsers of one customer on the demo shop (seed abandoned-cart journey).
const BANNER = /<div class="wm-banner">[^<]*Trail Mug/;

const page = async (id: string) => (await getShopPage("/", { cookie: `wm_vid=${id}` })).text();
const identify = async (id: string, customerId: string | null) =>
  (
    await SELF.fetch(`${SITE}/__waymark/identify`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${id}` },
      // A token from the site's backend proves the customer (unlinking needs none).
      body: JSON.stringify(customerId ? { customerId, token: await identityToken(customerId) } : { customerId }),
    })
  ).json() as Promise<{ linked: string | null }>;
const me = async (id: string) =>
  (await (await SELF.fetch(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } })).json()) as Record<
    string,
    any // eslint-disable-line @typescript-eslint/no-explicit-any
  >;

describe("identity across devices", () => {
  it("lets journey state follow the customer to a second browser, merged without double counting", async () => {
    const customer = `c${crypto.randomUUID().slice(0, 8)}`;
    const laptop = visitorInSeed("abandoned-cart", (a) => !a.holdout);
    const phone = visitorInSeed("abandoned-cart", (a) => !a.holdout);
    await page(laptop);
    await sendEvents(`wm_vid=${laptop}`, [{ type: "add_to_cart", data: { id: "mug", name: "Trail Mug", price: 12 } }]);
    expect(await identify(laptop, customer)).toMatchObject({ linked: customer });
    await page(phone);
    expect(await identify(phone, customer)).toMatchObject({ linked: customer });

    // Counted once per device: the laptop's 3 events (page, cart, identify) and the phone's 2 (page, identify).
    const merged = (await me(phone)).customer;
    expect(merged.eventCount).toBe(5);
    expect(merged.cart).toMatchObject({ count: 1, lastItem: { name: "Trail Mug" } });
    // Identifying again changes nothing.
    await identify(laptop, customer);
    expect((await me(laptop)).customer.eventCount).toBe(5);

    // The cart goes idle (on the customer's object): both browsers get the banner.
    const adv = await api("POST", `/visitors/customer:${customer}/advance-time`, { by: "31m" });
    expect(adv.status).toBe(200);
    expect(await page(phone)).toMatch(BANNER);
    expect(await page(laptop)).toMatch(BANNER);

    // Bought on the phone: gone on the laptop too.
    await sendEvents(`wm_vid=${phone}`, [{ type: "purchase", data: { value: 12 } }]);
    expect(await page(laptop)).not.toMatch(BANNER);
  });

  it("stops following the customer after logout (unlink)", async () => {
    const customer = `c${crypto.randomUUID().slice(0, 8)}`;
    const laptop = visitorInSeed("abandoned-cart", (a) => !a.holdout);
    const kiosk = visitorInSeed("abandoned-cart", (a) => !a.holdout);
    await page(laptop);
    await identify(laptop, customer);
    await page(kiosk);
    await identify(kiosk, customer);
    expect((await me(kiosk)).linkedCustomer).toBe(customer);
    expect(await identify(kiosk, null)).toMatchObject({ linked: null });
    expect((await me(kiosk)).linkedCustomer).toBeNull();

    await sendEvents(`wm_vid=${laptop}`, [{ type: "add_to_cart", data: { id: "mug", name: "Trail Mug", price: 12 } }]);
    await api("POST", `/visitors/customer:${customer}/advance-time`, { by: "31m" });
    expect(await page(laptop)).toMatch(BANNER);
    expect(await page(kiosk)).not.toMatch(BANNER);
  });

  it("erases the customer's data too when a linked browser deletes its data with a fresh identity token", async () => {
    const customer = `c${crypto.randomUUID().slice(0, 8)}`;
    const laptop = visitorInSeed("abandoned-cart", () => true);
    await page(laptop);
    await identify(laptop, customer);
    expect((await api("GET", `/visitors/customer:${customer}`)).status).toBe(200);
    await SELF.fetch(`${SITE}/__waymark/me`, {
      method: "DELETE",
      headers: { cookie: `wm_vid=${laptop}`, "content-type": "application/json" },
      body: JSON.stringify({ token: await identityToken(customer) }),
    });
    expect((await api("GET", `/visitors/customer:${customer}`)).status).toBe(404);
  });
});
