import { env, runInDurableObject, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { VisitorJourney } from "../src/visitor/object/visitor-journey.ts";
import {
  freshVisitorId,
  getPage,
  originText,
  setVisitorId,
  SITE,
  viaWorker,
  visitorObjectCount,
} from "./support/edge.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

// A request-level journey (query parameter) and one that needs the visitor's stored state (the cart).
const PROMO = '<div id="promo">promo</div>';
const CARTED = '<div id="carted">in your cart</div>';

beforeAll(async () => {
  await publishJourneys([
    bannerJourney("promo", PROMO, { when: [{ type: "query", param: "promo" }] }),
    bannerJourney("carted", CARTED, {
      priority: 90,
      actions: [{ id: "top", type: "insert", selector: "h1", position: "after", html: CARTED }],
      when: [{ type: "cart", minCount: 1 }],
    }),
  ]);
});

/** Rows stored by a visitor's object (0 when nothing is kept). */
async function storedRows(id: string): Promise<number> {
  return runInDurableObject(env.VISITOR.getByName(id), (_i: VisitorJourney, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('state','events')")
      .toArray();
    let n = 0;
    for (const t of tables) n += state.storage.sql.exec<{ c: number }>(`SELECT COUNT(*) AS c FROM ${t.name}`).one().c;
    return n;
  });
}

function postEvents(cookie: string, headers: Record<string, string> = {}, overrides?: Partial<Env>) {
  const req = new Request(`${SITE}/__waymark/events`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body: JSON.stringify({ type: "add_to_cart", data: { id: "x", name: "X", price: 1 } }),
  });
  return overrides ? viaWorker(req, overrides) : SELF.fetch(req);
}

describe("opt-out", () => {
  it("erases what was stored, sets wm_optout, and from then on stores and personalizes nothing", async () => {
    const id = freshVisitorId();
    await (await getPage("/html/basic?promo=1", { cookie: `wm_vid=${id}` })).text();
    expect((await postEvents(`wm_vid=${id}`)).status).toBe(200);
    expect(await storedRows(id)).toBeGreaterThan(0);

    const out = await SELF.fetch(`${SITE}/__waymark/opt-out`, { method: "POST", headers: { cookie: `wm_vid=${id}` } });
    expect(out.status).toBe(200);
    const cookies = out.headers.getSetCookie();
    expect(cookies.some((c) => /^wm_optout=1;.*Max-Age=\d{6,}/.test(c))).toBe(true);
    expect(cookies.some((c) => /^wm_vid=;.*Max-Age=0/.test(c))).toBe(true);
    expect(await storedRows(id)).toBe(0);

    const before = await visitorObjectCount();
    const page = await getPage("/html/basic?promo=1", { cookie: `wm_optout=1; wm_vid=${id}` });
    expect(page.headers.get("x-waymark")).toBe("optout");
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(await page.text()).toBe(await originText("/html/basic?promo=1"));
    const ev = await postEvents(`wm_optout=1; wm_vid=${id}`);
    expect(await ev.json()).toEqual({ accepted: 0, actions: [] });
    expect(await storedRows(id)).toBe(0);
    expect(await visitorObjectCount()).toBe(before);
  });

  it("opt-in removes the opt-out cookie", async () => {
    const res = await SELF.fetch(`${SITE}/__waymark/opt-in`, { method: "POST", headers: { cookie: "wm_optout=1" } });
    expect(res.headers.getSetCookie().some((c) => /^wm_optout=;.*Max-Age=0/.test(c))).toBe(true);
    expect(await res.json()).toEqual({ optedOut: false });
  });
});

describe("Sec-GPC: 1", () => {
  it("uses request-level conditions only: no cookie, nothing stored", async () => {
    const before = await visitorObjectCount();
    const res = await getPage("/html/basic?promo=1", { headers: { "sec-gpc": "1" } });
    const html = await res.text();
    expect(html).toContain(PROMO); // request-level condition: fine without storage
    expect(html).not.toContain(CARTED);
    expect(res.headers.get("x-waymark")).toBe("personalized");
    expect(setVisitorId(res)).toBeNull();
    const ev = await postEvents("", { "sec-gpc": "1" });
    expect(await ev.json()).toEqual({ accepted: 0, actions: [] });
    expect(ev.headers.get("set-cookie")).toBeNull();
    expect(await visitorObjectCount()).toBe(before);
  });

  it("ignores an existing visitor's stored state while GPC is on", async () => {
    const id = freshVisitorId();
    await (await getPage("/html/basic", { cookie: `wm_vid=${id}` })).text();
    expect((await postEvents(`wm_vid=${id}`)).status).toBe(200);
    const again = await (await getPage("/html/basic", { cookie: `wm_vid=${id}` })).text();
    expect(again).toContain(CARTED); // the control: the stored cart counts
    const rows = await storedRows(id);
    const gpc = await getPage("/html/basic", { cookie: `wm_vid=${id}`, headers: { "sec-gpc": "1" } });
    expect(await gpc.text()).not.toContain(CARTED);
    expect(await storedRows(id)).toBe(rows);
  });
});

describe('CONSENT_MODE = "required"', () => {
  const required = { CONSENT_MODE: "required", CONSENT_COOKIE: "site_consent" } as Partial<Env>;

  it("stores nothing until the consent cookie says yes", async () => {
    const before = await visitorObjectCount();
    const res = await getPage("/html/basic?promo=1", { env: required });
    expect(await res.text()).toContain(PROMO);
    expect(setVisitorId(res)).toBeNull();
    const no = await getPage("/html/basic", { env: required, cookie: "site_consent=no" });
    await no.text();
    expect(setVisitorId(no)).toBeNull();
    const ev = await postEvents("site_consent=no", {}, required);
    expect(await ev.json()).toEqual({ accepted: 0, actions: [] });
    expect(await visitorObjectCount()).toBe(before);
  });

  it.each(["yes", "1", "true"])("identifies and stores once consent is %s", async (value) => {
    const res = await getPage("/html/basic", { env: required, cookie: `site_consent=${value}` });
    await res.text();
    const id = setVisitorId(res);
    expect(id).not.toBeNull();
    expect(await storedRows(id!)).toBeGreaterThan(0);
  });
});
