// Limits: every input has a bound, and crossing it is a clear 4xx JSON error (413 for size, 400 with the path,
// 429 with Retry-After for rate), never a 5xx and never a partial write.
import { describe, expect, it } from "vitest";
import { EVENT_LIMITS } from "@waymark/shared";
import { RULESET_LIMITS } from "@waymark/shared/schemas/ruleset.ts";
import { MAX_JSON_BYTES } from "../src/http/json.ts";
import { BEACON_EVENTS_PER_MINUTE } from "../src/visitor/visitor-rpc.ts";
import { api, makeJourney } from "./support/admin-api.ts";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { getMisbehaving } from "./support/misbehaving-origin-client.ts";

function postEvents(visitorId: string, body: BodyInit, headers: Record<string, string> = {}) {
  return viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${visitorId}`, referer: `${SITE}/`, ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit),
  );
}

async function stored(visitorId: string): Promise<number> {
  const res = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${visitorId}` } }));
  return ((await res.json()) as { eventCount: number }).eventCount;
}

async function expectError(res: Response, status: number, path?: (string | number)[]) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as { error: string; issues?: { path: (string | number)[] }[] };
  expect(typeof body.error).toBe("string");
  if (path) expect(body.issues?.map((i) => i.path)).toContainEqual(path);
}

describe("body size", () => {
  it("refuses an events body over 256 KB with 413, by its declared length", async () => {
    const big = JSON.stringify({ type: "x", data: { s: "a".repeat(MAX_JSON_BYTES) } });
    await expectError(await postEvents(freshVisitorId(), big), 413);
  });

  it("refuses an oversize body that lies about its length (streamed, no Content-Length)", async () => {
    const id = freshVisitorId();
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 8) c.enqueue(chunk);
        else c.close();
      },
    });
    await expectError(await postEvents(id, stream, { "content-length": "10" }), 413);
    expect(await stored(id)).toBe(0);
  });

  it("refuses an admin body over 256 KB with 413", async () => {
    const j = makeJourney("limits-big", { description: "x".repeat(MAX_JSON_BYTES) });
    const r = await api("PUT", "/journeys/limits-big", j);
    expect(r.status).toBe(413);
    expect(typeof r.body.error).toBe("string");
  });
});

describe("events", () => {
  const ev = (over: Record<string, unknown> = {}) => ({ type: "add_to_cart", data: { name: "x" }, ...over });

  it(`accepts ${EVENT_LIMITS.maxBatch} events in a batch and refuses one more with the path`, async () => {
    const id = freshVisitorId();
    const ok = await postEvents(
      id,
      JSON.stringify({ events: Array.from({ length: EVENT_LIMITS.maxBatch }, () => ev()) }),
    );
    expect(ok.status).toBe(200);
    const tooMany = Array.from({ length: EVENT_LIMITS.maxBatch + 1 }, () => ev());
    await expectError(await postEvents(id, JSON.stringify({ events: tooMany })), 400, ["events"]);
    expect(await stored(id)).toBe(EVENT_LIMITS.maxBatch);
  });

  it.each([
    [
      "a string longer than 1,000 characters",
      ev({ data: { name: "a".repeat(EVENT_LIMITS.maxStringLength + 1) } }),
      ["data", "name"],
    ],
    ["a data key longer than 64", ev({ data: { ["k".repeat(65)]: 1 } }), ["data", "k".repeat(65)]],
    [
      "more than 50 data keys",
      ev({ data: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }),
      ["data"],
    ],
    ["an array of more than 50", ev({ data: { list: Array.from({ length: 51 }, () => 1) } }), ["data", "list"]],
    ["a nested object (only one level)", ev({ data: { a: { b: { c: 1 } } } }), ["data", "a"]],
    ["a type that is not snake_case", ev({ type: "Add To Cart" }), ["type"]],
    ["a type longer than 64", ev({ type: "a".repeat(65) }), ["type"]],
    ["an id longer than 64", ev({ id: "i".repeat(65) }), ["id"]],
    ["a negative time", ev({ at: -1 }), ["at"]],
    ["an unknown field", ev({ admin: true }), []],
  ] as const)("refuses %s with 400 and its path, storing nothing", async (_name, event, path) => {
    const id = freshVisitorId();
    const res = await postEvents(id, JSON.stringify(event));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: (string | number)[] }[] };
    expect(body.issues.length).toBeGreaterThan(0);
    if (path.length) expect(body.issues.some((i) => path.every((p, k) => i.path[k] === p))).toBe(true);
    expect(await stored(id)).toBe(0);
  });

  it("refuses the first event over the per-minute cap with 429 and a Retry-After within the minute", async () => {
    const id = freshVisitorId();
    const batch = () => JSON.stringify({ events: Array.from({ length: 50 }, () => ev()) });
    for (let i = 0; i < BEACON_EVENTS_PER_MINUTE / 50; i++) expect((await postEvents(id, batch())).status).toBe(200);
    const over = await postEvents(id, JSON.stringify(ev()));
    await expectError(over.clone(), 429);
    const retry = Number(over.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await stored(id)).toBe(BEACON_EVENTS_PER_MINUTE);
  });
});

describe("rulesets", () => {
  it(`refuses a journey with more than 100 actions, 50 stages, 20 KB of HTML or a 512+ character selector`, async () => {
    const insert = { type: "insert", selector: "body", html: "<p>x</p>" };
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ actions: Array.from({ length: 101 }, (_, i) => ({ ...insert, id: `a${i}` })) }, ["actions"]],
      [
        { stages: Array.from({ length: 51 }, (_, i) => ({ id: `s${i}` })), start: "s0", transitions: [], actions: [] },
        ["stages"],
      ],
      [{ actions: [{ ...insert, html: "x".repeat(20_001) }] }, ["actions", 0, "html"]],
      [{ actions: [{ ...insert, selector: "p".repeat(513) }] }, ["actions", 0, "selector"]],
      [{ transitions: Array.from({ length: 201 }, () => ({ from: "start", to: "later", on: "x" })) }, ["transitions"]],
    ];
    for (const [over, path] of cases) {
      const r = await api("PUT", "/journeys/limits-j", { ...makeJourney("limits-j"), ...over });
      expect(r.status).toBe(400);
      expect(r.body.issues.map((i: { path: unknown[] }) => i.path)).toContainEqual(path);
    }
    expect((await api("GET", "/journeys/limits-j")).status).toBe(404);
  });

  it(`refuses the journey after ${RULESET_LIMITS.maxJourneys} with 400, keeping the others`, async () => {
    const existing = (await api("GET", "/journeys")).body.journeys.length as number;
    const ids = Array.from({ length: RULESET_LIMITS.maxJourneys - existing }, (_, i) => `many-${i}`);
    for (const id of ids) expect((await api("PUT", `/journeys/${id}`, makeJourney(id))).status).toBeLessThan(300);
    const over = await api("PUT", "/journeys/one-too-many", makeJourney("one-too-many"));
    expect(over.status).toBe(400);
    expect(over.body.error).toMatch(/too many/);
    expect((await api("GET", "/journeys")).body.journeys.length).toBe(RULESET_LIMITS.maxJourneys);
    for (const id of ids) await api("DELETE", `/journeys/${id}`);
  });

  it("refuses more than 100 traits and over-long trait values", async () => {
    const v = freshVisitorId();
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`t${i}`, i]));
    expect((await api("POST", `/visitors/${v}/traits`, many)).status).toBe(400);
    expect((await api("POST", `/visitors/${v}/traits`, { tier: "x".repeat(1_001) })).status).toBe(400);
  });
});

// (The Node origin itself refuses more than 16 KB of headers with 431, as many real servers do.)
describe("request size on pages", () => {
  it("serves the page for a 150-cookie header, a 4 KB query string and an over-long preview header", async () => {
    const cookie = Array.from({ length: 150 }, (_, i) => `c${i}=${"v".repeat(20)}`).join("; ");
    const res = await getMisbehaving(`/basic?q=${"x".repeat(3_000)}&${"a=1&".repeat(200)}`, {
      cookie: `wm_vid=${freshVisitorId()}; ${cookie}`,
      headers: { "x-waymark-preview": "y".repeat(2_500), referer: `${SITE}/${"r".repeat(1_000)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-waymark")).not.toBe("preview");
    expect(await res.text()).toContain("Still here");
  });
});
