// Faults of the visitor's Durable Object: it throws, is overloaded, or answers too late. Pages are served
// unpersonalized within the budget; events are either recorded or reported lost to the client (503/429 with
// Retry-After, which the beacon retries with the same event ids), never silently dropped nor counted twice.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { VisitorEvent } from "@waymark/shared";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { getMisbehaving } from "./support/misbehaving-origin-client.ts";
import { bannerJourney, publishJourneys } from "./support/visitor-api.ts";

const BANNER = '<div id="wm-do-banner">personal</div>';

beforeAll(async () => {
  await publishJourneys([bannerJourney("do-banner", BANNER)]);
});

/** The error workerd throws when a Durable Object is overloaded (its shape: message + `overloaded`). */
function overloaded(): Error {
  return Object.assign(new Error("Durable Object is overloaded. Too many requests queued."), {
    overloaded: true,
    retryable: false,
  });
}

/** A VISITOR namespace whose objects behave as `wrap` says, delegating to the real objects otherwise. */
function visitors(
  wrap: (real: DurableObjectStub, method: string, args: unknown[]) => Promise<unknown>,
): Env["VISITOR"] {
  return {
    getByName(name: string) {
      const real = env.VISITOR.getByName(name) as unknown as DurableObjectStub;
      return new Proxy(
        {},
        {
          get:
            (_t, method: string) =>
            (...args: unknown[]) =>
              wrap(real, method, args),
        },
      );
    },
  } as unknown as Env["VISITOR"];
}

const call = (real: DurableObjectStub, method: string, args: unknown[]) =>
  (real as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...args);

function postEvents(visitorId: string, events: VisitorEvent[], overrides: Partial<Env> = {}): Promise<Response> {
  return viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${visitorId}`, referer: `${SITE}/` },
      body: JSON.stringify({ events }),
    }),
    overrides,
  );
}

async function eventCount(visitorId: string): Promise<number> {
  const res = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${visitorId}` } }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { eventCount: number }).eventCount;
}

const batch = (n: number, tag: string): VisitorEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: "add_to_cart", data: { name: `item ${i}` }, id: `${tag}-${i}` }));

describe("pages", () => {
  it.each([
    ["throws", () => Promise.reject(new Error("boom"))],
    ["is overloaded", () => Promise.reject(overloaded())],
    ["never answers", () => new Promise(() => {})],
  ] as const)("serves the page unpersonalized within the budget when the object %s", async (_name, fault) => {
    const started = Date.now();
    const res = await getMisbehaving("/basic", {
      env: { VISITOR: visitors(() => fault()), DECISION_BUDGET_MS: "100" },
    });
    const html = await res.text();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(res.status).toBe(200);
    expect(["error", "timeout"]).toContain(res.headers.get("x-waymark"));
    expect(res.headers.get("server-timing")).toMatch(/desc="(error|timeout)"/);
    expect(html).not.toContain(BANNER);
    expect(html).toContain('<h1 id="title">Still here</h1>');
  });

  it("serves the page at the budget when the object answers late, and the late answer changes nothing", async () => {
    const started = Date.now();
    const res = await getMisbehaving("/basic", {
      env: {
        VISITOR: visitors(async (real, method, args) => {
          await new Promise((r) => setTimeout(r, 600));
          return call(real, method, args);
        }),
        DECISION_BUDGET_MS: "60",
      },
    });
    const html = await res.text();
    expect(Date.now() - started).toBeLessThan(550);
    expect(res.headers.get("x-waymark")).toBe("timeout");
    expect(html).not.toContain(BANNER);
  });
});

describe("events", () => {
  it.each([
    ["throws", () => Promise.reject(new Error("storage exploded"))],
    ["is overloaded", () => Promise.reject(overloaded())],
  ] as const)(
    "answers 503 with Retry-After when the object %s; the retry records each event once",
    async (_n, fault) => {
      const id = freshVisitorId();
      const events = batch(3, crypto.randomUUID());
      const failed = await postEvents(id, events, { VISITOR: visitors(() => fault()) });
      expect(failed.status).toBe(503);
      expect(Number(failed.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(failed.headers.get("content-type")).toMatch(/application\/json/);
      expect(((await failed.json()) as { error: string }).error).toMatch(/retry/i);
      // The beacon retries the same batch (same ids) once the object is back.
      const retried = await postEvents(id, events);
      expect(retried.status).toBe(200);
      expect(((await retried.json()) as { accepted: number }).accepted).toBe(3);
      const again = await postEvents(id, events);
      expect(((await again.json()) as { accepted: number }).accepted).toBe(0);
      expect(await eventCount(id)).toBe(3);
    },
  );

  it("answers 503 with Retry-After when the object does not answer in time; a retry never double counts", async () => {
    const id = freshVisitorId();
    const events = batch(4, crypto.randomUUID());
    // The object records the events but its answer is lost in time: the client must hear "not recorded, retry".
    const started = Date.now();
    const late = await postEvents(id, events, {
      VISITOR: visitors(async (real, method, args) => {
        const r = await call(real, method, args);
        await new Promise((res) => setTimeout(res, 5_000));
        return r;
      }),
      EVENTS_TIMEOUT_MS: "300",
    } as Partial<Env>);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(late.status).toBe(503);
    expect(Number(late.headers.get("retry-after"))).toBeGreaterThan(0);
    const retried = await postEvents(id, events);
    expect(((await retried.json()) as { accepted: number }).accepted).toBe(0);
    expect(await eventCount(id)).toBe(4);
  });

  it("answers 503 with Retry-After when the object hangs", async () => {
    const res = await postEvents(freshVisitorId(), batch(1, crypto.randomUUID()), {
      VISITOR: visitors(() => new Promise(() => {})),
      EVENTS_TIMEOUT_MS: "200",
    } as Partial<Env>);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("answers GET /me with 503 and Retry-After (not a generic 500) when the object is overloaded", async () => {
    const res = await viaWorker(
      new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${freshVisitorId()}` } }),
      { VISITOR: visitors(() => Promise.reject(overloaded())) },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
  });
});

describe("server-side visitor API when the object fails", () => {
  it("answers 503 with Retry-After (not a 500) when the object throws, and stores nothing", async () => {
    const id = freshVisitorId();
    const failing = visitors(async (real, method, args) => {
      if (method === "onEvents") throw overloaded();
      return call(real, method, args);
    });
    const res = await viaWorker(
      new Request(`${SITE}/__waymark/api/visitors/${id}/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ events: [{ type: "purchase", id: "srv-1" }] }),
      }),
      { VISITOR: failing },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "visitor temporarily unavailable, retry later" });
    expect(await eventCount(id)).toBe(0);
  });
});
