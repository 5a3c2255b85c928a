import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "./support/admin-api.ts";
import { getShopPage, manifestOf } from "./support/edge.ts";
import { advanceTime, sendEvents, visitorInSeed } from "./support/visitor-api.ts";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import type { VisitorStateStore } from "../src/visitor/object/state-store.ts";

// The scenario on the built-in demo shop with the seed journeys (abandoned-cart: 30 minutes idle).
const BANNER = /<waymark-slot data-wm-journey="abandoned-cart"[^>]*><div class="wm-banner">/;
const inBranch = (branch: string) => visitorInSeed("abandoned-cart", (a) => !a.holdout && a.branch === branch);
const addToCart = (name: string) => ({ type: "add_to_cart", data: { id: "p-1", name, price: 42 } });

async function page(id: string, path = "/") {
  const res = await getShopPage(path, { cookie: `wm_vid=${id}` });
  return { res, html: await res.text() };
}

describe("abandoned cart", () => {
  it("shows the banner only to the visitor whose cart went idle, naming the item", async () => {
    const idle = inBranch("discount");
    const fresh = inBranch("discount");
    const noCart = inBranch("discount");
    for (const id of [idle, fresh, noCart]) await page(id);
    expect((await sendEvents(`wm_vid=${idle}`, [addToCart("Trail Mug")])).status).toBe(200);
    expect((await sendEvents(`wm_vid=${fresh}`, [addToCart("Trail Mug")])).status).toBe(200);
    await advanceTime(idle, "31m");
    await advanceTime(noCart, "31m");

    const a = await page(idle);
    expect(a.html).toMatch(BANNER);
    expect(a.html).toContain("You left 1 item, like Trail Mug. 10% off: SAVE10");
    expect(a.res.headers.get("x-waymark")).toBe("personalized");
    expect(manifestOf(a.html)?.applied.map((x) => x.actionId)).toContain("discount-banner");
    // Still within the window, and no cart at all: nothing.
    expect((await page(fresh)).html).not.toMatch(BANNER);
    expect((await page(noCart)).html).not.toMatch(BANNER);
  });

  it("moves on in the Durable Object's alarm even if the visitor never comes back", async () => {
    const id = inBranch("reminder");
    await page(id);
    await sendEvents(`wm_vid=${id}`, [addToCart("Camp Stove")]);
    const stub = env.VISITOR.getByName(id);
    // The object knows when the cart goes idle, and has an alarm no later than that.
    const { wake, alarm } = await runInDurableObject(stub, async (_i: VisitorJourney, state) => ({
      wake: state.storage.sql.exec<{ wake_at: number }>("SELECT wake_at FROM state").one().wake_at,
      alarm: await state.storage.getAlarm(),
    }));
    expect(wake).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(wake).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(wake);
    // Pretend the 30 minutes passed: move the stored stage time back, then fire the alarm.
    await runInDurableObject(stub, (instance: VisitorJourney, state) => {
      const row = state.storage.sql.exec<{ json: string }>("SELECT json FROM state").one();
      const s = JSON.parse(row.json);
      s.journeys["abandoned-cart"].stageSince -= 31 * 60_000;
      state.storage.sql.exec("UPDATE state SET json = ?, wake_at = wake_at - ?", JSON.stringify(s), 31 * 60_000);
      // The running instance mirrors the state it last wrote: reopen its store, as a new activation would.
      (instance as unknown as { store: VisitorStateStore }).store.reopen();
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const view = await api("GET", `/visitors/${id}`);
    expect(view.body.journeys["abandoned-cart"].stage).toBe("abandoned");
    expect((await page(id)).html).toContain("Still thinking about Camp Stove?");
  });

  it("disappears after a purchase from the beacon", async () => {
    const id = inBranch("discount");
    await page(id);
    await sendEvents(`wm_vid=${id}`, [addToCart("Trail Mug")]);
    await advanceTime(id, "31m");
    expect((await page(id)).html).toMatch(BANNER);
    await sendEvents(`wm_vid=${id}`, [{ type: "purchase", data: { value: 42 } }]);
    expect((await page(id)).html).not.toMatch(BANNER);
  });

  it("disappears after a purchase recorded by the shop's backend", async () => {
    const id = inBranch("reminder");
    await page(id);
    await sendEvents(`wm_vid=${id}`, [addToCart("Trail Mug")]);
    await advanceTime(id, "31m");
    expect((await page(id)).html).toMatch(BANNER);
    const r = await api("POST", `/visitors/${id}/events`, { type: "purchase", data: { orderId: "o-1" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 1 });
    expect((await page(id)).html).not.toMatch(BANNER);
  });

  it("shows nothing to a visitor in the holdout, who is still counted in the journey", async () => {
    const id = visitorInSeed("abandoned-cart", (a) => a.holdout);
    await page(id);
    await sendEvents(`wm_vid=${id}`, [addToCart("Trail Mug")]);
    await advanceTime(id, "31m");
    expect((await page(id)).html).not.toMatch(BANNER);
    const view = await api("GET", `/visitors/${id}`);
    expect(view.body.journeys["abandoned-cart"]).toMatchObject({ stage: "abandoned", holdout: true });
  });

  it("escapes visitor-supplied values in the page", async () => {
    const id = inBranch("discount");
    await page(id);
    const evil = `<img src=x onerror="alert(1)">&"'`;
    await sendEvents(`wm_vid=${id}`, [addToCart(evil)]);
    await advanceTime(id, "31m");
    const { html } = await page(id);
    expect(html).toMatch(BANNER);
    expect(html).not.toContain("<img src=x");
    expect(html).toMatch(/like &lt;img src(=|&#61;)x onerror(=|&#61;)&quot;alert\(1\)&quot;&gt;&amp;&quot;&#39;\./);
    // The manifest repeats it inside a script: no "<" can close that script either.
    const manifest = /<script type="application\/json" id="__waymark">(.*?)<\/script>/s.exec(html)![1];
    expect(manifest).not.toContain("<");
  });
});
