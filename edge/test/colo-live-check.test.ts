import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { COLO_CACHE_NAME, COLO_FRESH_MS, COLO_READ_TIMEOUT_MS, coloLiveLoader } from "../src/rules/colo-live-check.ts";
import { LiveRulesetCache } from "../src/rules/live-ruleset-cache.ts";
import {
  getPublishedRuleset,
  LIVE_MAX_STALE_MS,
  LIVE_TTL_JITTER_MS,
  LIVE_TTL_MS,
} from "../src/rules/published-ruleset.ts";
import { rulesStore } from "../src/rules/rules-stub.ts";
import { makeJourney, SITE } from "./support/admin-api.ts";

// The data centre's shared live check (colo-live-check.ts) with workerd's real Cache API. The "isolates" are
// LiveRulesetCache instances sharing one cache and one simulated clock; the store is the real rules object, or an
// in-memory store where a simulation needs to publish at chosen times.

const ruleset = (version: number): Ruleset => ({
  version,
  publishedAt: 0,
  journeys: [makeJourney("j")] as Ruleset["journeys"],
  audiences: [],
});

let cacheCount = 0;
/** A cache of its own per test, so no test reads another's pointer. */
function freshCache() {
  const p = caches.open(`colo-test-${++cacheCount}`);
  return () => p;
}

function clock(start = 5_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Background work (pointer writes, refreshes) collected so a step can finish it before the next. */
function collector() {
  const pending: Promise<unknown>[] = [];
  return {
    waitUntil: (p: Promise<unknown>) => void pending.push(p),
    // Work may start more work (a check, then its pointer write): until nothing is left.
    settle: async () => {
      while (pending.length) await Promise.all(pending.splice(0));
    },
  };
}

/** An isolate's cache as the hot path has it, except that a page past the bound waits as long as the check takes. */
const isolate = (now: () => number, random?: () => number) =>
  new LiveRulesetCache({
    ttlMs: LIVE_TTL_MS,
    ttlJitterMs: random ? LIVE_TTL_JITTER_MS : 0,
    random,
    maxStaleMs: LIVE_MAX_STALE_MS,
    maxWaitMs: 60_000,
    now,
  });

describe("the data centre's shared live check", () => {
  // First in the file: this isolate's own live cache is empty, so this call checks (and leaves the pointer).
  it("the page path leaves the live version for the data centre under the site's origin", async () => {
    const ctx = createExecutionContext();
    const rules = await getPublishedRuleset(env, ctx, SITE);
    await waitOnExecutionContext(ctx);
    const hit = await (await caches.open(COLO_CACHE_NAME)).match(`${SITE}/__waymark/internal/live-version`);
    expect(hit).toBeDefined();
    const pointer = (await hit!.json()) as { version: number; checkedAt: number };
    expect(pointer.version).toBe(rules.version);
    expect(Math.abs(Date.now() - pointer.checkedAt)).toBeLessThan(60_000);
  });

  it("a second isolate takes a fresh answer from the data centre instead of calling the rules object", async () => {
    const c = clock();
    const cache = freshCache();
    const calls: (number | undefined)[] = [];
    const store = async (known: number | undefined) => {
      calls.push(known);
      const live = await rulesStore(env).getLive(known);
      return { version: live.version, ruleset: live.ruleset };
    };
    const bg = collector();
    const load = coloLiveLoader(store, { cache, origin: SITE, now: c.now, waitUntil: bg.waitUntil });
    const a = isolate(c.now);
    const b = isolate(c.now);
    // Each isolate loads the ruleset itself once (a version it does not hold is the store's to send).
    const v = (await a.get(load, bg.waitUntil)).version;
    expect((await b.get(load, bg.waitUntil)).version).toBe(v);
    await bg.settle();
    expect(calls).toEqual([undefined, undefined]);
    // Past the TTL, a's page re-checks in the background: the shared answer is stale too, so a asks the store.
    c.advance(LIVE_TTL_MS + 100);
    await a.get(load, bg.waitUntil);
    await bg.settle();
    expect(calls).toEqual([undefined, undefined, v]);
    // 100 ms later b's page re-checks: a's answer is fresh and names the version b holds, so no call.
    c.advance(100);
    expect((await b.get(load, bg.waitUntil)).version).toBe(v);
    await bg.settle();
    expect(calls).toHaveLength(3);
    // b took a's check time (not its own): its next re-check comes LIVE_TTL_MS after a's, not after its own read.
    c.advance(LIVE_TTL_MS - 150);
    await b.get(load, bg.waitUntil);
    await bg.settle();
    expect(calls).toHaveLength(3);
    c.advance(100);
    await b.get(load, bg.waitUntil);
    await bg.settle();
    expect(calls).toEqual([undefined, undefined, v, v]);
  });

  it("checks against the shared answer: fresh and equal is taken; stale, older, unreadable or new goes to the store", async () => {
    const c = clock();
    const cache = freshCache();
    const store = { current: ruleset(3), calls: 0 };
    const load = coloLiveLoader(
      async (known) => {
        store.calls++;
        return { version: store.current.version, ruleset: known === store.current.version ? null : store.current };
      },
      { cache, origin: SITE, now: c.now },
    );
    const key = `${SITE}/__waymark/internal/live-version`;
    const put = async (body: string) => (await cache()).put(key, new Response(body));

    // Nothing shared yet: the store, and the answer is left for the others (waited for without waitUntil).
    expect(await load(undefined)).toMatchObject({ version: 3, checkedAt: c.now() });
    expect(store.calls).toBe(1);
    // Fresh and the version held: no call, and the answer keeps the time the store gave it.
    const at = c.now();
    c.advance(COLO_FRESH_MS - 1);
    expect(await load(3)).toEqual({ version: 3, ruleset: null, checkedAt: at });
    expect(store.calls).toBe(1);
    // Stale: the store.
    c.advance(1);
    expect((await load(3)).checkedAt).toBe(c.now());
    expect(store.calls).toBe(2);
    // A shared answer naming a version this isolate does not hold (a publish, or an older writer): the store.
    await put(JSON.stringify({ version: 2, checkedAt: c.now() }));
    expect(await load(3)).toMatchObject({ version: 3, ruleset: null });
    expect(store.calls).toBe(3);
    store.current = ruleset(4);
    await put(JSON.stringify({ version: 4, checkedAt: c.now() }));
    expect((await load(3)).ruleset?.version).toBe(4);
    expect(store.calls).toBe(4);
    // Not a pointer, or from the future (another machine's clock): the store.
    for (const body of [
      "not json",
      JSON.stringify({ version: "4" }),
      JSON.stringify({ version: 4, checkedAt: c.now() + 60_000 }),
    ]) {
      await put(body);
      await load(4);
    }
    expect(store.calls).toBe(7);
  });

  it("a cache that fails to open or to answer costs a store call, never the answer", async () => {
    const c = clock();
    let calls = 0;
    const load = coloLiveLoader(
      async () => {
        calls++;
        return { version: 9, ruleset: ruleset(9) };
      },
      { cache: () => Promise.reject(new Error("no cache here")), origin: SITE, now: c.now },
    );
    expect((await load(undefined)).version).toBe(9);
    expect((await load(9)).version).toBe(9);
    expect(calls).toBe(2);
  });

  it("a cache that never answers costs a store call within COLO_READ_TIMEOUT_MS, and never holds the check", async () => {
    const c = clock();
    let calls = 0;
    const stuck = { match: () => new Promise<undefined>(() => {}), put: () => new Promise<void>(() => {}) };
    const bg = collector();
    const load = coloLiveLoader(
      async () => {
        calls++;
        return { version: 5, ruleset: ruleset(5) };
      },
      { cache: async () => stuck as unknown as Cache, origin: SITE, now: c.now, waitUntil: () => {} },
    );
    const started = Date.now();
    expect((await load(4)).version).toBe(5);
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(COLO_READ_TIMEOUT_MS + 1_000);
    // Through an isolate: a publish still reaches it (the never-answering cache does not keep its check in flight).
    const iso = isolate(c.now);
    expect((await iso.get(load, bg.waitUntil)).version).toBe(5);
  });

  it("simulation: 20 isolates, 3 publishes in 60 s: no page is older than the bound, and the store sees far fewer checks", async () => {
    // A seeded schedule: at each 100 ms step, each isolate serves a page with probability 0.3 (so some stay idle
    // for seconds, as isolates of a quiet data centre do). Publishes at 7.3 s, 21.05 s and 40 s.
    const run = async (shared: boolean) => {
      const c = clock();
      const start = c.now();
      const cache = freshCache();
      const history: { at: number; version: number }[] = [{ at: start, version: 1 }];
      const store = { current: ruleset(1), calls: 0, checks: 0 };
      const storeLoad = async (known: number | undefined) => {
        store.calls++;
        // A check that finds nothing new: the steady load on the rules object (the rest are loads of a version).
        if (known === store.current.version) store.checks++;
        return { version: store.current.version, ruleset: known === store.current.version ? null : store.current };
      };
      const bg = collector();
      const load = shared
        ? coloLiveLoader(storeLoad, { cache, origin: SITE, now: c.now, waitUntil: bg.waitUntil })
        : storeLoad;
      const isolates = Array.from({ length: 20 }, () => isolate(c.now));
      let seed = 42;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const publishes = [7_300, 21_050, 40_000];
      let worst = 0;
      let pages = 0;
      for (let step = 0; step <= 600; step++) {
        const t = step * 100;
        while (publishes.length && publishes[0] <= t) {
          publishes.shift();
          store.current = ruleset(store.current.version + 1);
          history.push({ at: start + t, version: store.current.version });
        }
        for (const iso of isolates) {
          if (random() >= 0.3) continue;
          const served = (await iso.get(load, bg.waitUntil)).version;
          pages++;
          // How long ago was the served version replaced? 0 while it is live.
          const next = history.find((h) => h.version === served + 1);
          worst = Math.max(worst, next ? c.now() - next.at : 0);
        }
        await bg.settle();
        c.advance(100);
      }
      return { calls: store.calls, checks: store.checks, worst, pages };
    };
    const withShared = await run(true);
    const perIsolate = await run(false);
    expect(withShared.pages).toBeGreaterThan(3_000);
    expect(withShared.worst).toBeLessThanOrEqual(LIVE_MAX_STALE_MS);
    expect(perIsolate.worst).toBeLessThanOrEqual(LIVE_MAX_STALE_MS);
    // Each isolate loads each version once either way (the initial one and three publishes).
    expect(withShared.calls - withShared.checks).toBe(20 * 4);
    expect(perIsolate.calls - perIsolate.checks).toBe(20 * 4);
    // Checks that find nothing new: without the shared answer each isolate makes one every 3-4 s (about 210 here);
    // with it, about one per data-centre cycle, plus the isolates that become due in the same 100 ms step as the
    // first (the simulation settles background work once per step; a real store answers in milliseconds).
    expect(perIsolate.checks).toBeGreaterThan(180);
    expect(withShared.checks).toBeLessThan(perIsolate.checks / 3);
  });
});
