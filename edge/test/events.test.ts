import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, getShopPage, SITE } from "./support/edge.ts";
import { sendEvents } from "./support/visitor-api.ts";

const post = (body: string, cookie?: string) =>
  SELF.fetch(`${SITE}/__waymark/events`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body,
  });

describe("POST /__waymark/events", () => {
  it("accepts one event or a batch, and counts them", async () => {
    const id = freshVisitorId();
    const one = await post(
      JSON.stringify({ type: "add_to_cart", data: { id: "a", name: "A", price: 1 } }),
      `wm_vid=${id}`,
    );
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ accepted: 1, actions: [] });
    const batch = await sendEvents(`wm_vid=${id}`, [{ type: "scroll" }, { type: "hesitation" }]);
    expect(await batch.json()).toMatchObject({ accepted: 2 });
    const me = await SELF.fetch(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } });
    expect(await me.json()).toMatchObject({ eventCount: 3 });
  });

  it("gives a visitor without a cookie an id", async () => {
    const res = await post(JSON.stringify({ type: "scroll" }));
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => /^wm_vid=[A-Za-z0-9_-]{22,32};/.test(c))).toBe(true);
  });

  it("answers invalid bodies with 400 and the paths of the issues", async () => {
    const res = await post(JSON.stringify({ events: [{ type: "Bad Type" }, { type: "ok", extra: 1 }] }), "");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: (string | number)[] }[] };
    expect(body.error).toBeTruthy();
    expect(body.issues.length).toBeGreaterThan(0);
    expect(body.issues.every((i) => Array.isArray(i.path))).toBe(true);
    expect((await post("{not json", "")).status).toBe(400);
    expect((await post(JSON.stringify({ events: [] }), "")).status).toBe(400);
  });

  it("answers 413 past the body limit", async () => {
    const res = await post(JSON.stringify({ type: "x", data: { blob: "y".repeat(300_000) } }), "");
    expect(res.status).toBe(413);
  });

  it("ignores a retried event with the same id", async () => {
    const id = freshVisitorId();
    const ev = { type: "add_to_cart", id: "evt-1", data: { id: "a", name: "A", price: 5 } };
    expect(await (await sendEvents(`wm_vid=${id}`, [ev, ev])).json()).toMatchObject({ accepted: 1 });
    expect(await (await sendEvents(`wm_vid=${id}`, [ev])).json()).toMatchObject({ accepted: 0 });
    const me = (await (await SELF.fetch(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } })).json()) as {
      eventCount: number;
      cart: { count: number };
    };
    expect(me.eventCount).toBe(1);
    expect(me.cart.count).toBe(1);
  });

  it("rate-limits a flood from one visitor with 429 and Retry-After", async () => {
    const id = freshVisitorId();
    const batch = Array.from({ length: 50 }, () => ({ type: "scroll" }));
    let accepted = 0;
    let limited: Response | null = null;
    for (let i = 0; i < 13 && !limited; i++) {
      const res = await sendEvents(`wm_vid=${id}`, batch);
      if (res.status === 429) limited = res;
      else accepted += ((await res.json()) as { accepted: number }).accepted;
    }
    expect(accepted).toBe(600);
    expect(limited).not.toBeNull();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited!.json()).toMatchObject({ error: expect.any(String) });
    // Nothing beyond the limit was stored.
    const me = await SELF.fetch(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${id}` } });
    expect(await me.json()).toMatchObject({ eventCount: 600 });
  });

  it("replies with the nudge to show now when an event moves the visitor into its stage, once", async () => {
    const page = await getShopPage("/pricing");
    await page.text();
    const id = /wm_vid=([^;]+)/.exec(page.headers.getSetCookie().join(";"))![1];
    const first = (await (await sendEvents(`wm_vid=${id}`, [{ type: "rage_click" }], { page: "/pricing" })).json()) as {
      actions: { journey: string; action: { type: string } }[];
    };
    expect(first.actions).toHaveLength(1);
    expect(first.actions[0]).toMatchObject({ journey: "confusion-help", action: { type: "nudge" } });
    const again = (await (await sendEvents(`wm_vid=${id}`, [{ type: "scroll" }])).json()) as { actions: unknown[] };
    expect(again.actions).toEqual([]);
  });
});

describe("server-side events and traits", () => {
  it("refuses a missing or wrong token with 401", async () => {
    const id = freshVisitorId();
    expect((await api("POST", `/visitors/${id}/events`, { type: "purchase" }, { token: null })).status).toBe(401);
    expect((await api("POST", `/visitors/${id}/events`, { type: "purchase" }, { token: "x".repeat(32) })).status).toBe(
      401,
    );
  });

  it("refuses a malformed visitor id with 400", async () => {
    const r = await api("POST", `/visitors/not%20valid/events`, { type: "purchase" });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid visitor id");
  });

  it("records traits usable by conditions, visible in the admin view", async () => {
    const id = freshVisitorId();
    const r = await api("POST", `/visitors/${id}/traits`, { tier: "vip", ltv: 1200 });
    expect(r.status).toBe(200);
    expect(r.body.traits).toEqual({ tier: "vip", ltv: 1200 });
    const view = await api("GET", `/visitors/${id}`);
    expect(view.body.traits).toEqual({ tier: "vip", ltv: 1200 });
    expect((await api("POST", `/visitors/${id}/traits`, { tier: { nested: 1 } })).status).toBe(400);
  });

  it("answers 404 for an unknown visitor in the admin view", async () => {
    expect((await api("GET", `/visitors/${freshVisitorId()}`)).status).toBe(404);
  });
});
