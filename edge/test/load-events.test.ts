// Bounded load on loopback: concurrent event posts to one visitor and across many, and sustained mixed traffic.
// What the visitor's object stored must equal what was accepted, and everything not accepted must have been told
// so plainly (429 with Retry-After, which the beacon retries), never dropped in silence.
import { describe, expect, it } from "vitest";
import type { VisitorEvent } from "@waymark/shared";
import { BEACON_EVENTS_PER_MINUTE } from "../src/visitor/visitor-rpc.ts";
import { api } from "./support/admin-api.ts";
import { freshVisitorId, SITE, viaWorker } from "./support/edge.ts";
import { getMisbehaving, MISBEHAVING, pool } from "./support/misbehaving-origin-client.ts";

interface Outcome {
  status: number;
  accepted: number;
  retryAfter: string | null;
  error: string | null;
}

async function post(visitorId: string, events: VisitorEvent[]): Promise<Outcome> {
  const res = await viaWorker(
    new Request(`${SITE}/__waymark/events`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `wm_vid=${visitorId}`, referer: `${SITE}/` },
      body: JSON.stringify({ events }),
    }),
  );
  const body = (await res.json()) as { accepted?: number; error?: string };
  return {
    status: res.status,
    accepted: body.accepted ?? 0,
    retryAfter: res.headers.get("retry-after"),
    error: body.error ?? null,
  };
}

async function storedCount(visitorId: string): Promise<number> {
  const res = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie: `wm_vid=${visitorId}` } }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { eventCount: number }).eventCount;
}

// These two assert correctness under load (stored = accepted, no error), not speed: on a 2-core machine with the
// warehouse export's queue consumer in the same workerd they take 25-35 s, past vitest's default 20 s.
const LOAD_TIMEOUT_MS = 120_000;

const events = (n: number, tag: string): VisitorEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: "product_view", data: { sku: `sku-${i}` }, id: `${tag}-${i}` }));

/** Every refusal is a clear, retryable 429 (or a 4xx with a reason); nothing else. */
function expectClearRefusals(outcomes: Outcome[]) {
  for (const o of outcomes) {
    if (o.status === 200) continue;
    expect(o.status).toBe(429);
    expect(Number(o.retryAfter)).toBeGreaterThan(0);
    expect(Number(o.retryAfter)).toBeLessThanOrEqual(60);
    expect(o.error).toMatch(/too many/);
  }
}

describe("events under load", () => {
  it("200 concurrent posts to one visitor: all recorded, exactly once", async () => {
    const id = freshVisitorId();
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => post(id, events(1, `one-${i}`))));
    expect(outcomes.every((o) => o.status === 200 && o.accepted === 1)).toBe(true);
    expect(await storedCount(id)).toBe(200);
  });

  it("200 concurrent batches of 5 to one visitor: the per-minute cap holds, the rest hear 429 + Retry-After", async () => {
    const id = freshVisitorId();
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => post(id, events(5, `five-${i}`))));
    const accepted = outcomes.reduce((n, o) => n + o.accepted, 0);
    expectClearRefusals(outcomes);
    // Batches are all-or-nothing: exactly as many as fit under the cap went in.
    expect(accepted).toBe(BEACON_EVENTS_PER_MINUTE);
    expect(outcomes.filter((o) => o.status === 429)).toHaveLength(200 - BEACON_EVENTS_PER_MINUTE / 5);
    expect(await storedCount(id)).toBe(accepted);
  });

  it(
    "2,000 posts across 100 visitors: every visitor's stored total equals what it was told was accepted",
    async () => {
      const ids = Array.from({ length: 100 }, () => freshVisitorId());
      const jobs = Array.from({ length: 2_000 }, (_, i) => ({ id: ids[i % ids.length], n: i }));
      const outcomes = await pool(jobs, 40, (j) => post(j.id, events(1 + (j.n % 3), `many-${j.n}`)));
      expectClearRefusals(outcomes);
      const acceptedBy = new Map<string, number>();
      outcomes.forEach((o, i) => acceptedBy.set(jobs[i].id, (acceptedBy.get(jobs[i].id) ?? 0) + o.accepted));
      // Real visitors are far below the cap: nothing here should have been refused.
      expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
      const stored = await pool(ids, 20, (id) => storedCount(id));
      ids.forEach((id, k) => expect(stored[k]).toBe(acceptedBy.get(id)));
      expect(stored.reduce((a, b) => a + b, 0)).toBe(jobs.reduce((n, j) => n + 1 + (j.n % 3), 0));
    },
    LOAD_TIMEOUT_MS,
  );
});

describe("sustained mixed traffic", () => {
  it(
    "pages, assets, events and admin reads for 1,500 requests without a single error",
    async () => {
      const visitors = Array.from({ length: 23 }, () => freshVisitorId()); // coprime with the kinds: each visitor sees all of them
      const kinds = [
        "page",
        "fixture",
        "asset",
        "events",
        "me",
        "admin",
        "beacon",
        "health",
        "redirect",
        "notfound",
      ] as const;
      const run = async (i: number): Promise<[string, number]> => {
        const kind = kinds[i % kinds.length];
        const vid = visitors[i % visitors.length];
        const cookie = `wm_vid=${vid}`;
        let res: Response;
        switch (kind) {
          case "page":
            res = await getMisbehaving("/basic", { cookie });
            break;
          case "fixture":
            res = await getMisbehaving("/fixture/04-pricing-landing.html", { cookie });
            break;
          case "asset":
            res = await viaWorker(new Request(`${SITE}/asset.js`), { ORIGIN_URL: MISBEHAVING });
            break;
          case "events": {
            const o = await post(vid, events(2, `mixed-${i}`));
            return [kind, o.status];
          }
          case "me":
            res = await viaWorker(new Request(`${SITE}/__waymark/me`, { headers: { cookie } }));
            break;
          case "admin":
            return [
              kind,
              (await api("GET", ["/journeys", "/versions", "/audit"][i % 3], undefined, { fetcher: viaWorker })).status,
            ];
          case "beacon":
            res = await viaWorker(new Request(`${SITE}/__waymark/beacon.js`));
            break;
          case "health":
            res = await viaWorker(new Request(`${SITE}/__waymark/health`));
            break;
          case "redirect":
            res = await getMisbehaving(`/redirect?to=${encodeURIComponent(`${MISBEHAVING}/basic`)}`, { cookie });
            break;
          case "notfound":
            res = await getMisbehaving("/nothing-here", { cookie });
            break;
        }
        await res.arrayBuffer();
        return [kind, res.status];
      };
      const results = await pool(
        Array.from({ length: 1_500 }, (_, i) => i),
        8,
        run,
      );
      const expected: Record<(typeof kinds)[number], number> = {
        page: 200,
        fixture: 200,
        asset: 200,
        events: 200,
        me: 200,
        admin: 200,
        beacon: 200,
        health: 200,
        redirect: 302,
        notfound: 404,
      };
      const wrong = results.filter(([kind, status]) => status !== expected[kind as keyof typeof expected]);
      expect(wrong).toEqual([]);
      // Each visitor's events all landed (pages count as events too, so at least the posted ones).
      const stored = await pool(visitors, 10, (id) => storedCount(id));
      expect(stored.every((n) => n > 0)).toBe(true);
    },
    LOAD_TIMEOUT_MS,
  );
});
