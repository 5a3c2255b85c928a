// Limits, round 2 (issue 12 items 8 and 16): conditions nested past MAX_CONDITION_DEPTH and event numbers past their
// bounds are a 400 with the issue path (413 when the body itself is too big), never a 500; extreme but accepted
// cart events leave a finite cart.
import { describe, expect, it } from "vitest";
import { CART_LIMITS, EVENT_LIMITS } from "@waymark/shared";
import { MAX_CONDITION_DEPTH } from "@waymark/shared/schemas/condition.ts";
import { MAX_JSON_BYTES } from "../src/http/json.ts";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";

/** `depth` conditions nested in one another, as JSON text (built as text: JSON.stringify recurses too). */
function nestedConditions(depth: number): string {
  return '{"type":"all","conditions":['.repeat(depth - 1) + '{"type":"path","glob":"/x"}' + "]}".repeat(depth - 1);
}

/** A journey whose one action has these conditions. */
function journeyWith(when: string): string {
  return (
    '{"id":"deep","name":"Deep","stages":[{"id":"a"}],"start":"a","branches":[{"id":"x","weight":1}],' +
    `"actions":[{"type":"hide","selector":"p","when":[${when}]}]}`
  );
}

/** Where the first condition too deep sits: actions[0].when[0] then "conditions", 0 per level. */
const TOO_DEEP_PATH = [
  "actions",
  0,
  "when",
  0,
  ...Array.from({ length: MAX_CONDITION_DEPTH }, () => ["conditions", 0]).flat(),
];

const ROUTES = [
  ["POST /validate", "POST", "/validate"],
  ["PUT /journeys/deep", "PUT", "/journeys/deep"],
] as const;

describe("conditions nested too deep", () => {
  it.each(ROUTES)("%s: 1,000 deep is a 400 with the path of the first level too deep", async (_n, method, path) => {
    const r = await api(method, path, journeyWith(nestedConditions(1_000)), { fetcher: (q) => viaWorker(q) });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: unknown }) => i.path)).toContainEqual(TOO_DEEP_PATH);
    expect(r.body.issues[0].message).toMatch(`at most ${MAX_CONDITION_DEPTH} deep`);
  });

  it.each(ROUTES)("%s: as deep as allowed is accepted", async (_n, method, path) => {
    const r = await api(method, path, journeyWith(nestedConditions(MAX_CONDITION_DEPTH)), {
      fetcher: (q) => viaWorker(q),
    });
    expect(r.status).toBeLessThan(300);
  });

  it.each(ROUTES)("%s: 100,000 deep is over the body limit: 413, not a 500", async (_n, method, path) => {
    const body = journeyWith(nestedConditions(100_000));
    expect(body.length).toBeGreaterThan(MAX_JSON_BYTES);
    const r = await api(method, path, body, { fetcher: (q) => viaWorker(q) });
    expect(r.status).toBe(413);
    expect(typeof r.body.error).toBe("string");
  });

  it.each(ROUTES)(
    "%s: 100,000 nested lists where conditions go (within the limit) are a 400",
    async (_n, method, path) => {
      const body = journeyWith("[".repeat(100_000) + "]".repeat(100_000));
      expect(body.length).toBeLessThan(MAX_JSON_BYTES);
      const r = await api(method, path, body, { fetcher: (q) => viaWorker(q) });
      expect(r.status).toBe(400);
      expect(r.body.issues.map((i: { path: unknown }) => i.path)).toContainEqual(["actions", 0, "when", 0]);
    },
  );

  it("stored nothing that was refused", async () => {
    await api("DELETE", "/journeys/deep", undefined, { fetcher: (q) => viaWorker(q) });
    await api("PUT", "/journeys/deep", journeyWith(nestedConditions(1_000)), { fetcher: (q) => viaWorker(q) });
    expect((await api("GET", "/journeys/deep", undefined, { fetcher: (q) => viaWorker(q) })).status).toBe(404);
  });
});

function postEvents(visitorId: string, body: unknown) {
  return viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${visitorId}`, referer: `${SITE}/` },
      body: JSON.stringify(body),
    }),
  );
}

async function me(visitorId: string) {
  const res = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${visitorId}` } }));
  return (await res.json()) as { eventCount: number; cart: { count: number; value: number } };
}

describe("event numbers", () => {
  it.each([
    ["the issue's cart event", { type: "add_to_cart", data: { price: 1e308, quantity: 1e9 } }, ["data", "price"]],
    [
      "a quantity over the bound",
      { type: "add_to_cart", data: { quantity: CART_LIMITS.maxQuantity + 1 } },
      ["data", "quantity"],
    ],
    ["a huge purchase total", { type: "purchase", data: { total: 1e300 } }, ["data", "total"]],
    ["a huge number in a list", { type: "custom", data: { list: [1, -1e300] } }, ["data", "list", 1]],
    [
      "a huge price in a batch",
      { events: [{ type: "x" }, { type: "add_to_cart", data: { price: 1e13 } }] },
      ["events", 1, "data", "price"],
    ],
  ] as const)("refuse %s with 400 and its path, storing nothing", async (_n, body, path) => {
    const id = freshVisitorId();
    const res = await postEvents(id, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { issues: { path: (string | number)[] }[] };
    expect(answer.issues.map((i) => i.path)).toContainEqual(path);
    expect((await me(id)).eventCount).toBe(0);
  });

  it("refuse the issue's cart event from a backend too", async () => {
    const r = await api(
      "POST",
      `/visitors/${freshVisitorId()}/events`,
      {
        type: "add_to_cart",
        data: { price: 1e308, quantity: 1e9 },
      },
      { fetcher: (q) => viaWorker(q) },
    );
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: unknown }) => i.path)).toContainEqual(["data", "price"]);
  });

  it("refuse backend traits past ±1e15 with the path, accept the bound", async () => {
    const id = freshVisitorId();
    const post = (traits: unknown) => api("POST", `/visitors/${id}/traits`, traits, { fetcher: (q) => viaWorker(q) });
    const r = await post({ ltv: 1e300, plan: "pro" });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: unknown }) => i.path)).toContainEqual(["ltv"]);
    expect((await post({ low: -1e16 })).status).toBe(400);
    expect((await post({ ltv: EVENT_LIMITS.maxAbsNumber, low: -EVENT_LIMITS.maxAbsNumber })).status).toBe(200);
  });

  it("keep the cart finite with the largest accepted prices and quantities", async () => {
    const id = freshVisitorId();
    const big = { price: CART_LIMITS.maxPrice, quantity: CART_LIMITS.maxQuantity };
    const events = [
      ...Array.from({ length: 3 }, () => ({ type: "add_to_cart", data: { id: "a", ...big } })),
      { type: "add_to_cart", data: { id: "b", ...big } },
      { type: "add_to_cart", data: { id: "c", price: -CART_LIMITS.maxPrice, quantity: 1 } },
    ];
    expect((await postEvents(id, { events })).status).toBe(200);
    const { cart } = await me(id);
    expect(cart.count).toBe(2 * CART_LIMITS.maxQuantity + 1);
    expect(cart.value).toBe(CART_LIMITS.maxValue);
  });
});
