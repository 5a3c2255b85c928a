import { afterEach, describe, expect, it, vi } from "vitest";
import { signIdentityToken } from "../src/identity/identity-token.ts";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, SITE, viaWorker, visitorObjectExists } from "./support/edge.ts";
import {
  identifyAs,
  IDENTITY_SECRET,
  identityToken,
  identifyVerified,
  meOf,
  postEventsAs,
} from "./support/identity.ts";

// Issue 12 item 1: a browser must prove the identity it claims (a token signed by the site's backend), and /me of a
// linked browser shows only what this browser may see. Item 7: traits come from the backend only.

const nowSeconds = () => Math.floor(Date.now() / 1000);
const customerOf = () => `c-${crypto.randomUUID().slice(0, 8)}`;
const cart = (name: string) => ({ type: "add_to_cart", data: { id: name.toLowerCase(), name, price: 12 } });

afterEach(() => vi.restoreAllMocks());

describe("identify from a browser needs a token from the site's backend", () => {
  const refused: [string, (c: string) => Promise<Record<string, unknown>>, number, RegExp][] = [
    ["no token", async (c) => ({ customerId: c }), 401, /identity token required/],
    ["an empty token", async (c) => ({ customerId: c, token: "" }), 401, /identity token required/],
    [
      "a token signed with another secret",
      async (c) => ({ customerId: c, token: await identityToken(c, 3_600, "some-other-secret-0123456789abcdef") }),
      401,
      /invalid identity token/,
    ],
    [
      "a token whose customer id was changed",
      async (c) => ({ customerId: c, token: (await identityToken("c-someone")).replace(/^c-someone/, c) }),
      401,
      /invalid identity token/,
    ],
    [
      "a token whose expiry was pushed back",
      async (c) => {
        const t = await identityToken(c, 60);
        return { customerId: c, token: t.replace(/\.(\d+)\./, (_, e) => `.${Number(e) + 3_600}.`) };
      },
      401,
      /invalid identity token/,
    ],
    ["an expired token", async (c) => ({ customerId: c, token: await identityToken(c, -1) }), 401, /expired/],
    [
      "a token living three days",
      async (c) => ({ customerId: c, token: await identityToken(c, 3 * 86_400) }),
      401,
      /at most 24 h/,
    ],
    [
      "another customer's genuine token",
      async (c) => ({ customerId: c, token: await identityToken(`${c}-other`) }),
      403,
      /another customer/,
    ],
    ["garbage", async (c) => ({ customerId: c, token: "x.y.z" }), 401, /malformed identity token/],
    ["a number", async (c) => ({ customerId: c, token: 42 }), 400, /invalid identify/],
  ];

  it.each(refused)("refuses %s with a clear JSON error, links nothing", async (_, body, status, error) => {
    const vid = freshVisitorId();
    const customerId = customerOf();
    await postEventsAs(vid, [cart("Mug")]);
    const r = await identifyAs(vid, await body(customerId));
    expect(r.status).toBe(status);
    expect(r.body.error).toMatch(error);
    const me = await meOf(vid);
    expect(me.linkedCustomer).toBeNull();
    expect(me.customer).toBeUndefined();
    expect(me.eventCount).toBe(1);
    expect(await visitorObjectExists(`customer:${customerId}`)).toBe(false);
  });

  it("links with a genuine token (customer ids with dots too) and lets it be renewed", async () => {
    const vid = freshVisitorId();
    const customerId = `jane.doe@example.com`;
    const r = await identifyVerified(vid, customerId);
    expect(r).toMatchObject({ status: 200, body: { linked: customerId } });
    expect((await meOf(vid)).link).toMatchObject({ customerId, via: "token", active: true });
    const later = await signIdentityToken(customerId, nowSeconds() + 7_200, IDENTITY_SECRET);
    expect((await identifyAs(vid, { customerId, token: later })).status).toBe(200);
    expect((await meOf(vid)).link.expiresAt).toBe((nowSeconds() + 7_200) * 1000);
  });

  it("without IDENTITY_SECRET refuses browsers (403) while the backend's ingest API still links", async () => {
    const vid = freshVisitorId();
    const customerId = customerOf();
    const r = await identifyAs(vid, { customerId, token: await identityToken(customerId) }, { IDENTITY_SECRET: "" });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe("identity verification is not configured");
    expect((await meOf(vid)).linkedCustomer).toBeNull();
    const server = await api("POST", `/visitors/${vid}/identify`, { customerId });
    expect(server.status).toBe(200);
    expect((await meOf(vid)).link).toMatchObject({ customerId, via: "server", active: true, expiresAt: null });
  });

  it("unlinks (logout) without a token", async () => {
    const vid = freshVisitorId();
    const customerId = customerOf();
    await identifyVerified(vid, customerId);
    expect((await identifyAs(vid, { customerId: null })).body).toMatchObject({ linked: null });
    expect((await meOf(vid)).linkedCustomer).toBeNull();
  });
});

describe("/me of a linked browser", () => {
  it("shows its own record, the link, and the customer's state without trait values or other devices' events", async () => {
    const customerId = customerOf();
    const laptop = freshVisitorId();
    const phone = freshVisitorId();
    expect(
      (await api("POST", `/visitors/customer:${customerId}/traits`, { email: "jane@example.com", tier: "vip" })).status,
    ).toBe(200);
    await postEventsAs(laptop, [cart("Trail Mug")]);
    await identifyVerified(laptop, customerId);
    await postEventsAs(laptop, [{ type: "laptop_only", data: { secret: "laptop-private" } }]);
    await postEventsAs(phone, [{ type: "phone_before" }]);
    await identifyVerified(phone, customerId);
    await postEventsAs(phone, [{ type: "phone_after" }]);

    const me = await meOf(phone);
    expect(me.visitorId).toBe(phone);
    expect(me.events.map((e: { type: string }) => e.type)).toEqual(["phone_before", "identify"]);
    expect(me.link).toMatchObject({ customerId, via: "token", active: true });
    expect(me.customer.cart).toMatchObject({ count: 1, lastItem: { name: "Trail Mug" } });
    expect(me.customer.traits).toBeUndefined();
    expect(me.customer.traitNames.sort()).toEqual(["email", "tier"]);
    expect(me.customer.events.map((e: { type: string }) => e.type)).toEqual(["phone_after"]);
    const text = JSON.stringify(me);
    expect(text).not.toContain("jane@example.com");
    expect(text).not.toContain("laptop-private");
  });

  it("shows nothing of the customer once the link's token has expired, and stops writing into it", async () => {
    const customerId = customerOf();
    const vid = freshVisitorId();
    await identifyAs(vid, { customerId, token: await identityToken(customerId, 600) });
    const real = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => real() + 3_600_000);
    const me = await meOf(vid);
    expect(me.link).toMatchObject({ customerId, active: false });
    expect(me.customer).toBeUndefined();
    await postEventsAs(vid, [{ type: "after_expiry" }]);
    const customer = await api("GET", `/visitors/customer:${customerId}`);
    expect(customer.body.events.map((e: { type: string }) => e.type)).not.toContain("after_expiry");
    expect((await meOf(vid)).events.map((e: { type: string }) => e.type)).toContain("after_expiry");
  });
});

describe("DELETE /me of a linked browser", () => {
  const del = (vid: string, body?: unknown) =>
    viaWorker(
      new Request(`${SITE}/__waymark/me`, {
        method: "DELETE",
        headers: { cookie: `wm_vid=${vid}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }),
    );

  it("erases the browser and unlinks; the customer is erased only with a fresh token", async () => {
    const customerId = customerOf();
    const laptop = freshVisitorId();
    await identifyVerified(laptop, customerId);
    const r = await del(laptop);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ erased: true, customerErased: false });
    expect((await api("GET", `/visitors/customer:${customerId}`)).status).toBe(200);

    const phone = freshVisitorId();
    await identifyVerified(phone, customerId);
    expect((await del(phone, { token: await identityToken("c-someone-else") })).status).toBe(403);
    expect((await api("GET", `/visitors/customer:${customerId}`)).status).toBe(200);
    const ok = await del(phone, { token: await identityToken(customerId) });
    expect(await ok.json()).toMatchObject({ erased: true, customerErased: true });
    expect((await api("GET", `/visitors/customer:${customerId}`)).status).toBe(404);
  });
});

describe("browser events never set traits (item 7)", () => {
  it.each(["traits", "identify"])(
    "refuses a %s event at the public endpoint with 400 naming the reserved types",
    async (type) => {
      const vid = freshVisitorId();
      const r = await postEventsAs(vid, [cart("Mug"), { type, data: { tier: "vip", customerId: "c-42" } }]);
      expect(r.status).toBe(400);
      const body = (await r.json()) as { error: string; issues: { path: unknown[]; message: string }[] };
      expect(body.error).toMatch(/reserved/);
      expect(body.issues[0]).toMatchObject({ path: ["events", 1, "type"] });
      expect(body.issues[0].message).toMatch(/identify, traits/);
      const me = await meOf(vid);
      expect(me.eventCount).toBe(0);
      expect(me.traits ?? {}).toEqual({});
    },
  );

  it("still takes traits from the backend", async () => {
    const vid = freshVisitorId();
    const r = await api("POST", `/visitors/${vid}/traits`, { tier: "vip" });
    expect(r.status).toBe(200);
    expect((await meOf(vid)).traits).toEqual({ tier: "vip" });
    const e = await api("POST", `/visitors/${vid}/events`, { type: "traits", data: { plan: "pro" } });
    expect(e.status).toBe(200);
    expect((await meOf(vid)).traits).toEqual({ tier: "vip", plan: "pro" });
  });
});
