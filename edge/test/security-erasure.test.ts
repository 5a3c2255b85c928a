import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getPage, SITE, viaWorker } from "./support/edge.ts";
import { identifyAs, identityToken, identifyVerified, meOf, postEventsAs } from "./support/identity.ts";

// Issue 12 items 6 (erasure wins over writes in flight), 12 (identify racing events), 15 (the per-browser event cap
// across link changes) and 8, storage half (a stored state failing its schema is repaired, not dropped).

const post = (path: string, vid: string) =>
  viaWorker(new Request(`${SITE}/__waymark/${path}`, { method: "POST", headers: { cookie: `wm_vid=${vid}` } }));
const del = (vid: string) =>
  viaWorker(new Request(`${SITE}/__waymark/me`, { method: "DELETE", headers: { cookie: `wm_vid=${vid}` } }));
const page = (vid: string) => getPage("/html/basic", { cookie: `wm_vid=${vid}` });

/** What the visitor's object holds in its tables (nothing at all when it never stored anything). */
async function stored(vid: string): Promise<{ state: number; events: number }> {
  return runInDurableObject(env.VISITOR.getByName(vid), (_instance, state) => {
    const sql = state.storage.sql;
    const has = (t: string) =>
      sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`, t).toArray().length > 0;
    const count = (t: string) => (has(t) ? sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`).one().n : 0);
    return { state: count("state"), events: count("events") };
  });
}

describe("erasure wins over writes in flight (item 6)", () => {
  it("an opt-out sent together with events leaves nothing stored, 20 times in 20", async () => {
    for (let i = 0; i < 20; i++) {
      const vid = freshVisitorId();
      await postEventsAs(vid, [{ type: "before", id: `b-${i}` }]);
      await Promise.all([
        postEventsAs(vid, [{ type: "in_flight", id: `f-${i}` }]),
        post("opt-out", vid),
        postEventsAs(vid, [{ type: "in_flight_2", id: `g-${i}` }]),
        page(vid),
      ]);
      // Late arrivals after the erasure: the page is still served, nothing is written.
      await postEventsAs(vid, [{ type: "late" }]);
      expect((await page(vid)).status).toBe(200);
      expect(await stored(vid)).toEqual({ state: 0, events: 0 });
      const me = await meOf(vid);
      expect(me).toMatchObject({ stored: false, eventCount: 0 });
    }
  });

  it("DELETE /me racing events leaves nothing; identify and merges into an erased customer are refused", async () => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "before" }]);
    await Promise.all([postEventsAs(vid, [{ type: "racing" }]), del(vid), postEventsAs(vid, [{ type: "racing" }])]);
    const customerId = `c-${crypto.randomUUID().slice(0, 8)}`;
    const r = await identifyVerified(vid, customerId);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/erased/);
    expect(await stored(vid)).toEqual({ state: 0, events: 0 });
    expect((await api("GET", `/visitors/customer:${customerId}`)).status).toBe(404);
  });

  it("an explicit opt-in lifts the tombstone; it expires with retention (the alarm clears the object)", async () => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "before" }]);
    await post("opt-out", vid);
    await postEventsAs(vid, [{ type: "refused" }]);
    expect((await meOf(vid)).eventCount).toBe(0);
    const alarmAt = await runInDurableObject(env.VISITOR.getByName(vid), (_i, s) => s.storage.getAlarm());
    expect(alarmAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    await post("opt-in", vid);
    await postEventsAs(vid, [{ type: "after_opt_in" }]);
    expect((await meOf(vid)).eventCount).toBe(1);
  });
});

describe("identify racing events (item 12)", () => {
  it("counts all 50 events sent while the browser identifies in the customer's state", async () => {
    const vid = freshVisitorId();
    const customerId = `c-${crypto.randomUUID().slice(0, 8)}`;
    await postEventsAs(vid, [{ type: "first" }]);
    const token = await identityToken(customerId);
    // Two streams of 25 events, each sent as soon as the previous one is answered, while the identify runs: some
    // land before the link, some while the customer takes in the browser's history, some after.
    const identifying = identifyAs(vid, { customerId, token });
    const stream = async (s: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++)
        statuses.push((await postEventsAs(vid, [{ type: "racing", id: `r-${s}-${i}` }])).status);
      return statuses;
    };
    const [id, a, b] = await Promise.all([identifying, stream(0), stream(1)]);
    expect(id.status).toBe(200);
    expect([...a, ...b].every((s) => s === 200)).toBe(true);
    // The browser's 1 event + identify + the 50, whether they landed before the link (merged) or after (forwarded).
    const customer = await api("GET", `/visitors/customer:${customerId}`);
    expect(customer.body.eventCount).toBe(52);
  });
});

describe("the per-browser event cap across link changes (item 15)", () => {
  it("counts identify calls and events of every link against one window per browser", async () => {
    const vid = freshVisitorId();
    const a = `c-${crypto.randomUUID().slice(0, 8)}`;
    const b = `c-${crypto.randomUUID().slice(0, 8)}`;
    const batch = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ type: "e", id: `${tag}-${i}` }));
    // 590 events of the 600 a minute a browser may send.
    for (let i = 0; i < 12; i++) expect((await postEventsAs(vid, batch(i < 11 ? 50 : 40, `p${i}`))).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const c = i % 2 ? a : b;
      statuses.push((await identifyAs(vid, { customerId: c, token: await identityToken(c) })).status);
      statuses.push((await postEventsAs(vid, batch(1, `x${i}`))).status);
    }
    expect(statuses.filter((s) => s === 200).length).toBe(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });
});

describe("a stored state failing its schema is repaired, not dropped (item 8)", () => {
  it("keeps the valid parts of a corrupted row", async () => {
    const vid = freshVisitorId();
    await postEventsAs(vid, [{ type: "add_to_cart", data: { id: "mug", name: "Trail Mug", price: 12 } }]);
    expect((await api("POST", `/visitors/${vid}/traits`, { tier: "vip" })).status).toBe(200);
    const stub = env.VISITOR.getByName(vid);
    await runInDurableObject(stub, (instance, state) => {
      const row = state.storage.sql.exec<{ json: string }>(`SELECT json FROM state WHERE id = 1`).one();
      const s = JSON.parse(row.json);
      s.cart.value = "not a number";
      s.traits.broken = { nested: true };
      s.visits = -5;
      state.storage.sql.exec(`UPDATE state SET json = ? WHERE id = 1`, JSON.stringify(s));
      // A fresh activation reads the row again.
      (instance as unknown as { store: { reopen(): void } }).store.reopen();
    });
    const me = await meOf(vid);
    expect(me.stored).toBe(true);
    expect(me.eventCount).toBe(2);
    expect(me.traits).toEqual({ tier: "vip" });
    expect(me.cart).toMatchObject({ count: 1, value: 12, lastItem: { name: "Trail Mug" } });
  });
});
