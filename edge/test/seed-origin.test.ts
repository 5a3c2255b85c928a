// Issue 12 item 3: the seed journeys (a "10% off: SAVE10" banner, a help nudge) belong to the built-in demo shop.
// A brand-new rules store in front of a real site (ORIGIN_URL set) must start empty unless SEED_DEMO_JOURNEYS opts in.
import { env, runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { RulesStore } from "../src/rules/object/rules-store.ts";

/**
 * A RulesStore built on brand-new, empty storage with its own env. The store's own binding always runs with the
 * test env (ORIGIN_URL empty), so the storage is borrowed from a fresh StatsShard (its one table does not clash).
 */
async function freshStore<T>(vars: Partial<Env>, fn: (store: RulesStore) => T): Promise<T> {
  const stub = env.STATS.getByName(`seed-origin-${crypto.randomUUID()}`);
  return runInDurableObject(stub, async (_shard, state) => {
    const store = new RulesStore(state, { ...env, ...vars } as Env);
    await state.blockConcurrencyWhile(async () => {}); // the constructor's schema + seeding step has run
    return fn(store);
  });
}

it("a fresh store in front of a real origin has no journeys and no version", async () => {
  const { journeys, live } = await freshStore({ ORIGIN_URL: "https://origin.shop.example" }, (s) => ({
    journeys: s.listJourneys().journeys,
    live: s.getLive().version,
  }));
  expect(journeys).toEqual([]);
  expect(live).toBe(0);
});

it("a fresh store in front of a real origin seeds when SEED_DEMO_JOURNEYS opts in", async () => {
  const live = await freshStore({ ORIGIN_URL: "https://origin.shop.example", SEED_DEMO_JOURNEYS: "true" }, (s) =>
    s.getLive(),
  );
  expect(live.version).toBe(1);
  expect(live.ruleset?.journeys.map((j) => j.id)).toEqual(["abandoned-cart", "confusion-help", "welcome-back"]);
});

it("the built-in demo shop (ORIGIN_URL empty) still gets the seed journeys as version 1", async () => {
  const live = await freshStore({ ORIGIN_URL: "" }, (s) => s.getLive());
  expect(live.version).toBe(1);
});

it("SEED_DEMO_JOURNEYS=false keeps even the demo shop's fresh store empty", async () => {
  const live = await freshStore({ ORIGIN_URL: "", SEED_DEMO_JOURNEYS: "false" }, (s) => s.getLive());
  expect(live.version).toBe(0);
});

it("a store first started in front of an origin is seeded once the opt-in is set later (still empty then)", async () => {
  const stub = env.STATS.getByName(`seed-origin-${crypto.randomUUID()}`);
  await runInDurableObject(stub, async (_shard, state) => {
    new RulesStore(state, { ...env, ORIGIN_URL: "https://origin.shop.example" } as Env);
    await state.blockConcurrencyWhile(async () => {});
    const later = new RulesStore(state, {
      ...env,
      ORIGIN_URL: "https://origin.shop.example",
      SEED_DEMO_JOURNEYS: "1",
    } as Env);
    await state.blockConcurrencyWhile(async () => {});
    expect(later.getLive().version).toBe(1);
  });
});
