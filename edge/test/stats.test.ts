import { env, listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CounterFact, StatsEvent } from "@waymark/shared/schemas/stats.ts";
import { StatsResponse } from "@waymark/shared/schemas/stats.ts";
import { computeStats, uplift } from "../src/stats/compute-stats.ts";
import { daysBetween } from "../src/stats/stats-row.ts";
import { recordStats } from "../src/stats/record-stats.ts";
import type { StatsShard } from "../src/stats/object/stats-shard.ts";
import { shardName, shardOf, STATS_SHARDS } from "../src/stats/stats-shards.ts";
import upliftCases from "./cases/stats-uplift.json";
import { api } from "./support/admin-api.ts";

type Counts = { entries: number; conversions: number };
type Expected = { diff: number; low: number; high: number } | null;

// Expected values: the Agresti-Caffo interval (one success and one failure added per group, conversions capped at one
// per visitor), computed independently in Python; the sequential interval (the default) must contain it.
describe("uplift against the holdout (case table)", () => {
  it.each(upliftCases as [string, Counts, Counts, Expected][])("%s", (_name, branch, holdout, expected) => {
    const got = uplift(branch, holdout, "fixed");
    if (expected === null) return expect(got).toBeNull();
    expect(got).not.toBeNull();
    expect(got!.diff).toBeCloseTo(expected.diff, 8);
    expect(got!.low).toBeCloseTo(expected.low, 8);
    expect(got!.high).toBeCloseTo(expected.high, 8);
    expect(got!.high - got!.low).toBeGreaterThan(0.01);
    const seq = uplift(branch, holdout)!;
    expect(seq.low).toBeLessThanOrEqual(got!.low);
    expect(seq.high).toBeGreaterThanOrEqual(got!.high);
  });
});

const DAY1 = Date.parse("2030-03-01T10:00:00Z");
const DAY2 = Date.parse("2030-03-02T10:00:00Z");
const DAY0 = Date.parse("2030-02-27T10:00:00Z");

/** A small funnel: 10 visitors in range (4 discount, 4 reminder, 2 holdout), plus one before the range. */
function funnel(journey: string): [string, StatsEvent[]][] {
  const ev = (kind: CounterFact["kind"], stage: string, branch: string | null, at: number, from?: string | null) => ({
    kind,
    journey,
    version: 1,
    stage,
    branch,
    at,
    ...(from !== undefined ? { from } : {}),
  });
  const branchOf = (i: number) => (i < 4 ? "discount" : i < 8 ? "reminder" : null);
  const visitors: [string, StatsEvent[]][] = [];
  for (let i = 0; i < 10; i++) {
    const b = branchOf(i);
    const at = i < 5 ? DAY1 : DAY2;
    const list: StatsEvent[] = [ev("transition", "browsing", b, at, null), ev("entry", "browsing", b, at)];
    if (i <= 5 || i === 8) list.push(ev("transition", "carting", b, DAY2, "browsing"), ev("entry", "carting", b, DAY2));
    if ([0, 1, 4, 8].includes(i))
      list.push(
        ev("transition", "abandoned", b, DAY2, "carting"),
        ev("entry", "abandoned", b, DAY2),
        ev("exposure", "abandoned", b, DAY2),
      );
    if (i === 0) list.push(ev("transition", "purchased", b, DAY2, "abandoned"), ev("entry", "purchased", b, DAY2));
    if (i === 0) list.push(ev("conversion", "purchased", b, DAY2));
    if (i === 4) list.push(ev("conversion", "abandoned", b, DAY2));
    if (i === 9) list.push(ev("conversion", "browsing", b, DAY2));
    if (i === 1) list.push(ev("dismissal", "abandoned", b, DAY2));
    visitors.push([`visitor-${journey}-${i}`, list]);
  }
  visitors.push([
    `visitor-${journey}-early`,
    [ev("transition", "browsing", "discount", DAY0, null), ev("entry", "browsing", "discount", DAY0)],
  ]);
  return visitors;
}

function expectFunnelFigures(s: StatsResponse) {
  expect(s.stages.browsing).toEqual({ entries: 10, exposures: 0, dismissals: 0, conversions: 1, current: 4 });
  expect(s.stages.carting).toEqual({ entries: 7, exposures: 0, dismissals: 0, conversions: 0, current: 3 });
  expect(s.stages.abandoned).toEqual({ entries: 4, exposures: 4, dismissals: 1, conversions: 1, current: 3 });
  expect(s.stages.purchased).toEqual({ entries: 1, exposures: 0, dismissals: 0, conversions: 1, current: 1 });
  expect(s.branches.discount).toMatchObject({ visitors: 4, entries: 4, exposures: 2, dismissals: 1, conversions: 1 });
  expect(s.branches.discount.conversionRate).toBeCloseTo(0.25, 10);
  expect(s.branches.reminder).toMatchObject({ visitors: 4, exposures: 1, conversions: 1, conversionRate: 0.25 });
  expect(s.branches.holdout).toMatchObject({
    visitors: 2,
    exposures: 1,
    conversions: 1,
    conversionRate: 0.5,
    uplift: null,
  });
  // No per-visitor data in this funnel: the uplift comes from the counters, by the default (sequential) method.
  const u = s.branches.discount.uplift!;
  expect(u.diff).toBeCloseTo(-0.25, 10);
  expect(u).toEqual(uplift({ entries: 4, conversions: 1 }, { entries: 2, conversions: 1 }));
  expect(u.low).toBeLessThan(-0.25);
  expect(u.high).toBeGreaterThan(0);
  expect(s.transitions).toEqual(
    expect.arrayContaining([
      { from: null, to: "browsing", count: 10 },
      { from: "browsing", to: "carting", count: 7 },
      { from: "carting", to: "abandoned", count: 4 },
      { from: "abandoned", to: "purchased", count: 1 },
    ]),
  );
  expect(s.transitions).toHaveLength(4);
  expect(s.daily).toEqual([
    { day: "2030-03-01", entries: 5, exposures: 0, dismissals: 0, conversions: 0 },
    { day: "2030-03-02", entries: 5, exposures: 4, dismissals: 1, conversions: 3 },
    { day: "2030-03-03", entries: 0, exposures: 0, dismissals: 0, conversions: 0 },
  ]);
}

describe("computeStats", () => {
  it("computes per-stage, per-branch, transitions and daily figures", async () => {
    const { aggregateStats } = await import("../src/stats/stats-row.ts");
    const all = funnel("pure").flatMap(([, e]) => e);
    const counters = aggregateStats(all).filter((r) => r.kind !== "enroll" && r.kind !== "metric");
    const rows = counters.filter((r) => r.day >= "2030-03-01" && r.day <= "2030-03-03");
    const flows = counters
      .filter((r) => r.kind === "transition" || r.kind === "entry")
      .map((r) => ({ kind: r.kind as "entry" | "transition", stage: r.stage, from: r.from, count: r.count }));
    const s = computeStats({ journey: "pure", from: "2030-03-01", to: "2030-03-03", rows, flows });
    expect(StatsResponse.safeParse(s).success).toBe(true);
    expectFunnelFigures(s);
  });

  it("lists the journey's stages and branches even without data", () => {
    const s = computeStats({
      journey: "j",
      from: "2030-01-01",
      to: "2030-01-01",
      rows: [],
      flows: [],
      stageIds: ["a", "b"],
      branchIds: ["x"],
    });
    expect(Object.keys(s.stages)).toEqual(["a", "b"]);
    expect(Object.keys(s.branches).sort()).toEqual(["holdout", "x"]);
    expect(s.branches.x).toMatchObject({ visitors: 0, conversionRate: 0, uplift: null });
  });

  it("enumerates days inclusively", () => {
    expect(daysBetween("2030-02-27", "2030-03-01")).toEqual(["2030-02-27", "2030-02-28", "2030-03-01"]);
  });
});

describe("recordStats", () => {
  it("groups facts by journey and calls each journey's shard once, aggregated", async () => {
    const calls: { name: string; rows: { kind: string; count: number }[] }[] = [];
    const points: AnalyticsEngineDataPoint[] = [];
    const fakeEnv = {
      ...env,
      STATS: { getByName: (name: string) => ({ record: async (rows: never[]) => calls.push({ name, rows }) }) },
      ANALYTICS: { writeDataPoint: (p: AnalyticsEngineDataPoint) => points.push(p) },
    } as unknown as Env;
    const e = (journey: string, kind: CounterFact["kind"]): StatsEvent => ({
      kind,
      journey,
      version: 2,
      stage: "s",
      branch: "b",
      at: DAY1,
    });
    await recordStats(fakeEnv, "visitor-xyz", [e("j1", "exposure"), e("j1", "exposure"), e("j2", "entry")]);
    const shard = shardOf("visitor-xyz");
    expect(calls.map((c) => c.name).sort()).toEqual([shardName("j1", shard), shardName("j2", shard)]);
    expect(calls.find((c) => c.name.startsWith("j1:"))!.rows).toEqual([
      expect.objectContaining({ kind: "exposure", count: 2, day: "2030-03-01", branch: "b", version: 2 }),
    ]);
    expect(points).toHaveLength(3);
    expect(points[0]).toMatchObject({ indexes: ["j1"], doubles: [1] });
  });

  it("refuses invalid facts and does nothing for none", async () => {
    await expect(recordStats(env, "v", [{ kind: "bogus" } as unknown as StatsEvent])).rejects.toThrow(/invalid/);
    await expect(recordStats(env, "v", [])).resolves.toBeUndefined();
  });

  it("spreads visitors over a few shards", () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`visitor-${i}`)));
    expect(shards.size).toBe(STATS_SHARDS);
  });
});

describe("GET /__waymark/api/stats", () => {
  it("sums every shard of the journey into the figures", async () => {
    const visitors = funnel("abandoned-cart");
    expect(new Set(visitors.map(([v]) => shardOf(v))).size).toBeGreaterThan(1);
    await Promise.all(visitors.map(([v, events]) => recordStats(env, v, events)));

    const ids = await listDurableObjectIds(env.STATS);
    expect(ids.length).toBeGreaterThan(1);
    let total = 0;
    for (let i = 0; i < STATS_SHARDS; i++) {
      const stub = (env.STATS as DurableObjectNamespace<StatsShard>).getByName(shardName("abandoned-cart", i));
      total += await runInDurableObject(
        stub,
        (_o, state) =>
          state.storage.sql.exec<{ n: number }>(`SELECT COALESCE(SUM(count), 0) AS n FROM counters`).one().n,
      );
    }
    expect(total).toBe(visitors.reduce((n, [, e]) => n + e.length, 0));

    const r = await api("GET", "/stats?journey=abandoned-cart&from=2030-03-01&to=2030-03-03");
    expect(r.status).toBe(200);
    expect(StatsResponse.safeParse(r.body).success).toBe(true);
    expect(r.body).toMatchObject({ journey: "abandoned-cart", from: "2030-03-01", to: "2030-03-03" });
    expectFunnelFigures(r.body);
    // The live definition lists the branches and stages too.
    expect(Object.keys(r.body.branches).sort()).toEqual(["discount", "holdout", "reminder"]);
  });

  it("counts upserts: recording the same facts twice doubles the counters", async () => {
    const e: StatsEvent = { kind: "exposure", journey: "twice", version: 1, stage: "s", branch: "b", at: DAY1 };
    await recordStats(env, "same-visitor", [e]);
    await recordStats(env, "same-visitor", [e, e]);
    const r = await api("GET", "/stats?journey=twice&from=2030-03-01&to=2030-03-01");
    expect(r.body.branches.b.exposures).toBe(3);
    expect(r.body.stages.s.exposures).toBe(3);
  });

  it("writes a batch whole or not at all, so the visitor's retry counts each fact once", async () => {
    const stub = (env.STATS as DurableObjectNamespace<StatsShard>).getByName(shardName("all-or-nothing", 0));
    const row = { day: "2030-03-01", version: 1, stage: "s", branch: "b", kind: "exposure" as const, from: null };
    const dims = { device: "desktop", country: "DE", visitor: "new", source: "direct" } as const;
    const enrol = { kind: "enroll" as const, day: "2030-03-01", version: 1, branch: "b", dims, count: 1 };
    // The last row breaks a NOT NULL column after the others were written: nothing of the batch may stay.
    const broken = { ...row, stage: null as unknown as string, count: 1 };
    const thrown = await runInDurableObject(stub, (shard) => {
      try {
        shard.record([{ ...row, count: 2 }, enrol, broken]);
        return null;
      } catch (err) {
        return String(err);
      }
    });
    expect(thrown).toMatch(/NOT NULL/);
    const read = () =>
      runInDurableObject(stub, (_o, state) => ({
        counters: state.storage.sql.exec<{ n: number }>(`SELECT COALESCE(SUM(count), 0) AS n FROM counters`).one().n,
        enrolments: state.storage.sql.exec<{ n: number }>(`SELECT COALESCE(SUM(count), 0) AS n FROM enrol_days`).one()
          .n,
        dims: state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM enrol_dims`).one().n,
      }));
    expect(await read()).toEqual({ counters: 0, enrolments: 0, dims: 0 });
    // The retry (and a lone counter row, written without a transaction) then counts each once.
    await stub.record([{ ...row, count: 2 }, enrol]);
    await stub.record([{ ...row, count: 1 }]);
    expect(await read()).toEqual({ counters: 3, enrolments: 1, dims: 4 });
  });

  it("defaults to the last 30 days", async () => {
    const r = await api("GET", "/stats?journey=welcome-back");
    expect(r.status).toBe(200);
    expect(r.body.daily).toHaveLength(30);
    expect(r.body.to).toBe(new Date().toISOString().slice(0, 10));
  });

  it.each([
    ["/stats", ["journey"]],
    ["/stats?journey=Bad%20Id", ["journey"]],
    ["/stats?journey=j&from=2030-02-30", ["from"]],
    ["/stats?journey=j&from=2030-03-02&to=2030-03-01", ["from"]],
    ["/stats?journey=j&from=2028-01-01&to=2030-03-01", ["from"]],
    ["/stats?journey=j&journey=k", ["journey"]],
  ])("answers 400 with a path for %s", async (path, issuePath) => {
    const r = await api("GET", path);
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toEqual(issuePath);
  });
});
