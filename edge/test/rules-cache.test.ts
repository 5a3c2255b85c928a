import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { LiveRulesetCache, type LiveLoader } from "../src/rules/live-ruleset-cache.ts";
import {
  getDraftRuleset,
  getPublishedRuleset,
  getRulesetVersion,
  LIVE_MAX_STALE_MS,
  LIVE_TTL_MS,
} from "../src/rules/published-ruleset.ts";
import { rulesStore } from "../src/rules/rules-stub.ts";
import { api, makeJourney } from "./support/admin-api.ts";

const ruleset = (version: number, ids: string[] = ["j"]): Ruleset => ({
  version,
  publishedAt: 0,
  journeys: ids.map((id) => makeJourney(id)) as Ruleset["journeys"],
  audiences: [],
});

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A loader serving a mutable "store", counting calls; `fail` makes it throw, `hold` keeps calls pending. */
interface FakeStore {
  current: Ruleset;
  calls: (number | undefined)[];
  fail: boolean;
  held: (() => void)[];
  hold: boolean;
  load: LiveLoader;
}

function fakeStore(initial: Ruleset): FakeStore {
  const s: FakeStore = {
    current: initial,
    calls: [] as (number | undefined)[],
    fail: false,
    held: [] as (() => void)[],
    hold: false,
    load: (async (known) => {
      s.calls.push(known);
      if (s.hold) await new Promise<void>((resolve) => s.held.push(resolve));
      if (s.fail) throw new Error("store down");
      return { version: s.current.version, ruleset: known === s.current.version ? null : s.current };
    }) as LiveLoader,
  };
  return s;
}

function collector() {
  const pending: Promise<unknown>[] = [];
  return { waitUntil: (p: Promise<unknown>) => void pending.push(p), settle: () => Promise.all(pending.splice(0)) };
}

describe("LiveRulesetCache", () => {
  it("loads once, then serves from memory within the TTL", async () => {
    const c = clock();
    const store = fakeStore(ruleset(3));
    const cache = new LiveRulesetCache({ ttlMs: 5_000, now: c.now });
    expect((await cache.get(store.load)).version).toBe(3);
    c.advance(4_999);
    for (let i = 0; i < 20; i++) await cache.get(store.load);
    expect(store.calls).toEqual([undefined]);
  });

  it("after the TTL serves the stale version at once and picks up a publish in the background", async () => {
    const c = clock();
    const store = fakeStore(ruleset(3));
    const cache = new LiveRulesetCache({ ttlMs: 5_000, now: c.now });
    const bg = collector();
    await cache.get(store.load, bg.waitUntil);
    store.current = ruleset(4, ["j", "k"]);
    c.advance(5_000);
    const stale = await cache.get(store.load, bg.waitUntil);
    expect(stale.version).toBe(3);
    await bg.settle();
    const fresh = await cache.get(store.load, bg.waitUntil);
    expect(fresh.version).toBe(4);
    expect(fresh.journeys.map((j) => j.id).sort()).toEqual(["j", "k"]);
    // The store was told which version the isolate holds, so it could answer "unchanged".
    expect(store.calls).toEqual([undefined, 3]);
  });

  it("with ttlJitterMs, re-checks at a random point of the TTL's last part, drawn again after each check", async () => {
    const c = clock();
    const store = fakeStore(ruleset(3));
    const draws = [0.25, 1];
    const cache = new LiveRulesetCache({ ttlMs: 4_000, ttlJitterMs: 1_000, random: () => draws.shift()!, now: c.now });
    const bg = collector();
    await cache.get(store.load, bg.waitUntil);
    c.advance(3_749); // due at 4,000 - 0.25 x 1,000
    await cache.get(store.load, bg.waitUntil);
    expect(store.calls).toEqual([undefined]);
    c.advance(1);
    await cache.get(store.load, bg.waitUntil);
    await bg.settle();
    expect(store.calls).toEqual([undefined, 3]);
    c.advance(2_999); // due at 4,000 - 1 x 1,000 after the second check
    await cache.get(store.load, bg.waitUntil);
    expect(store.calls).toHaveLength(2);
    c.advance(1);
    await cache.get(store.load, bg.waitUntil);
    expect(store.calls).toHaveLength(3);
  });

  it("keeps the same compiled object when the store answers unchanged", async () => {
    const c = clock();
    const store = fakeStore(ruleset(7));
    const cache = new LiveRulesetCache({ ttlMs: 5_000, now: c.now });
    const bg = collector();
    const first = await cache.get(store.load, bg.waitUntil);
    c.advance(6_000);
    await cache.get(store.load, bg.waitUntil);
    await bg.settle();
    expect(await cache.get(store.load)).toBe(first);
    expect(store.calls).toEqual([undefined, 7]);
  });

  it("never has more than one store call in flight", async () => {
    const c = clock();
    const store = fakeStore(ruleset(1));
    const cache = new LiveRulesetCache({ ttlMs: 5_000, now: c.now });
    store.hold = true;
    const first = Array.from({ length: 10 }, () => cache.get(store.load));
    expect(store.calls).toHaveLength(1);
    store.hold = false;
    store.held.splice(0).forEach((release) => release());
    expect((await Promise.all(first)).every((r) => r.version === 1)).toBe(true);

    c.advance(5_000);
    store.hold = true;
    store.current = ruleset(2);
    const bg = collector();
    const stale = await Promise.all(Array.from({ length: 10 }, () => cache.get(store.load, bg.waitUntil)));
    expect(stale.every((r) => r.version === 1)).toBe(true);
    expect(store.calls).toHaveLength(2);
    store.held.splice(0).forEach((release) => release());
    await bg.settle();
    expect((await cache.get(store.load)).version).toBe(2);
  });

  it("keeps the last good version while the store fails, and retries after the TTL", async () => {
    const c = clock();
    const store = fakeStore(ruleset(5));
    const cache = new LiveRulesetCache({ ttlMs: 5_000, now: c.now });
    const bg = collector();
    await cache.get(store.load);
    store.fail = true;
    c.advance(5_000);
    expect((await cache.get(store.load, bg.waitUntil)).version).toBe(5);
    await bg.settle();
    // A failure is not retried on every request...
    for (let i = 0; i < 5; i++) expect((await cache.get(store.load, bg.waitUntil)).version).toBe(5);
    expect(store.calls).toHaveLength(2);
    // ...but once the store is back, the next check after the TTL picks it up.
    store.fail = false;
    store.current = ruleset(6);
    c.advance(5_000);
    await cache.get(store.load, bg.waitUntil);
    await bg.settle();
    expect((await cache.get(store.load)).version).toBe(6);
  });

  describe("hard bound (maxStaleMs): a publish reaches pages within it", () => {
    it("past the bound, the request waits for the check and gets the new version", async () => {
      const c = clock();
      const store = fakeStore(ruleset(3));
      const cache = new LiveRulesetCache({ ttlMs: 4_000, maxStaleMs: 5_000, now: c.now });
      const bg = collector();
      await cache.get(store.load, bg.waitUntil);
      store.current = ruleset(4);
      c.advance(5_000);
      expect((await cache.get(store.load, bg.waitUntil)).version).toBe(4);
      expect(store.calls).toEqual([undefined, 3]);
    });

    it("between the TTL and the bound, it still serves the held version at once", async () => {
      const c = clock();
      const store = fakeStore(ruleset(3));
      const cache = new LiveRulesetCache({ ttlMs: 4_000, maxStaleMs: 5_000, now: c.now });
      const bg = collector();
      await cache.get(store.load, bg.waitUntil);
      store.current = ruleset(4);
      c.advance(4_999);
      expect((await cache.get(store.load, bg.waitUntil)).version).toBe(3);
      await bg.settle();
      expect((await cache.get(store.load, bg.waitUntil)).version).toBe(4);
    });

    it("a store slower than maxWaitMs costs freshness, not the page: the held version, then the new one", async () => {
      const c = clock();
      const store = fakeStore(ruleset(3));
      const cache = new LiveRulesetCache({ ttlMs: 4_000, maxStaleMs: 5_000, maxWaitMs: 5, now: c.now });
      const bg = collector();
      await cache.get(store.load, bg.waitUntil);
      store.current = ruleset(4);
      store.hold = true;
      c.advance(60_000);
      expect((await cache.get(store.load, bg.waitUntil)).version).toBe(3);
      store.hold = false;
      store.held.splice(0).forEach((release) => release());
      await bg.settle();
      expect((await cache.get(store.load)).version).toBe(4);
    });

    it("a failing store past the bound still serves the last good version", async () => {
      const c = clock();
      const store = fakeStore(ruleset(5));
      const cache = new LiveRulesetCache({ ttlMs: 4_000, maxStaleMs: 5_000, now: c.now });
      await cache.get(store.load);
      store.fail = true;
      c.advance(10_000);
      expect((await cache.get(store.load)).version).toBe(5);
      // ...and does not wait on the store again before another TTL.
      expect((await cache.get(store.load)).version).toBe(5);
      expect(store.calls).toHaveLength(2);
    });
  });

  it("serves the empty version 0 when nothing was ever loaded and the store fails", async () => {
    const c = clock();
    const store = fakeStore(ruleset(5));
    store.fail = true;
    const cache = new LiveRulesetCache({ ttlMs: 5_000, now: c.now });
    const r = await cache.get(store.load);
    expect(r.version).toBe(0);
    expect(r.journeys).toEqual([]);
    await cache.get(store.load);
    expect(store.calls).toHaveLength(1);
    store.fail = false;
    c.advance(5_000);
    expect((await cache.get(store.load)).version).toBe(5);
  });
});

describe("published ruleset against the real rules store", () => {
  const realLoader: LiveLoader = async (known) => {
    const live = await rulesStore(env).getLive(known);
    return { version: live.version, ruleset: live.ruleset };
  };

  it("getPublishedRuleset compiles the live version (the seeds)", async () => {
    const r = await getPublishedRuleset(env);
    expect(r.version).toBe(1);
    expect(r.journeys.map((j) => j.id)).toEqual(["confusion-help", "abandoned-cart", "welcome-back"]);
    expect(r.skipped).toEqual([]);
    expect(LIVE_TTL_MS).toBeLessThan(LIVE_MAX_STALE_MS);
    expect(LIVE_MAX_STALE_MS).toBeLessThanOrEqual(5_000);
  });

  it("a publish is seen by new requests after the TTL, not before", async () => {
    const c = clock();
    const cache = new LiveRulesetCache({ ttlMs: LIVE_TTL_MS, now: c.now });
    const bg = collector();
    const before = (await cache.get(realLoader, bg.waitUntil)).version;
    await api("PUT", "/journeys/cache-new", makeJourney("cache-new"));
    const published = (await api("POST", "/publish", {})).body.version;
    expect(published).toBe(before + 1);

    c.advance(LIVE_TTL_MS - 1);
    expect((await cache.get(realLoader, bg.waitUntil)).version).toBe(before);
    c.advance(1);
    expect((await cache.get(realLoader, bg.waitUntil)).version).toBe(before);
    await bg.settle();
    const after = await cache.get(realLoader, bg.waitUntil);
    expect(after.version).toBe(published);
    expect(after.byId.has("cache-new")).toBe(true);
  });

  it("immutable versions stay what they were, whatever is live now", async () => {
    const v1 = await getRulesetVersion(env, 1);
    expect(v1.version).toBe(1);
    expect(v1.byId.has("cache-new")).toBe(false);
    expect((await getRulesetVersion(env, 0)).journeys).toEqual([]);
    await expect(getRulesetVersion(env, 999)).rejects.toThrow(/999/);
  });

  it("getDraftRuleset compiles the drafts as version 0, including unpublished ones", async () => {
    await api("PUT", "/journeys/draft-only", makeJourney("draft-only"));
    await api("POST", "/journeys/draft-only/pause");
    const d = await getDraftRuleset(env);
    expect(d.version).toBe(0);
    expect(d.byId.get("draft-only")?.paused).toBe(true);
    expect(d.byId.has("abandoned-cart")).toBe(true);
  });
});
