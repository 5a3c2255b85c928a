import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { VisitorEvent } from "@waymark/shared/schemas/event.ts";
import type { JourneyInput } from "@waymark/shared/schemas/journey.ts";
import { StatsResponse, type Dims, type StatsEvent, type StatsSrm } from "@waymark/shared/schemas/stats.ts";
import { compareMeans } from "@waymark/shared/stats/compare-means.ts";
import type { EnrolTotal } from "../src/stats/object/results-tables.ts";
import type { StatsShard } from "../src/stats/object/stats-shard.ts";
import { recordStats } from "../src/stats/record-stats.ts";
import { srmCheck, type Split } from "../src/stats/srm-check.ts";
import { csvCell } from "../src/stats/stats-csv.ts";
import type { EnrolRow, MetricRow } from "../src/stats/stats-row.ts";
import { shardName, shardOf } from "../src/stats/stats-shards.ts";
import { api, makeJourney } from "./support/admin-api.ts";
import { freshVisitorId, getShopPage } from "./support/edge.ts";
import { publishJourneys, sendEvents, visitorInSeed } from "./support/visitor-api.ts";

const DAY = "2030-05-10";
const AT = Date.parse(`${DAY}T12:00:00Z`);
const DIMS: Dims = { device: "desktop", country: "US", visitor: "new", source: "direct" };
const RANGE = `from=${DAY}&to=${DAY}`;

/** Rows written straight into a shard (as recordStats would after aggregating thousands of facts). */
const enrol = (branch: string | null, count: number, o: { version: number; day?: string; dims?: Dims }): EnrolRow => ({
  kind: "enroll",
  day: o.day ?? DAY,
  version: o.version,
  branch,
  dims: o.dims ?? DIMS,
  count,
});
const sums = (
  branch: string | null,
  metric: string,
  sum: number,
  sumSq: number,
  o: { version: number; day?: string; dims?: Dims },
): MetricRow => ({
  kind: "metric",
  day: o.day ?? DAY,
  version: o.version,
  branch,
  metric,
  dims: o.dims ?? DIMS,
  sum,
  sumSq,
});
const shard = (journey: string, i = 0) =>
  (env.STATS as DurableObjectNamespace<StatsShard>).getByName(shardName(journey, i));

async function stats(query: string): Promise<StatsResponse> {
  const r = await api("GET", `/stats?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const parsed = StatsResponse.safeParse(r.body);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  return r.body;
}

/** A journey split 50/50 between branches a and b (no holdout), measured by its purchase goal. */
const split = (id: string, extra: Partial<JourneyInput> = {}): JourneyInput =>
  makeJourney(id, { goals: ["purchase"], holdout: 0, ...extra });

// First in the file: it publishes before any page or stats request caches the live version in this isolate.
describe("stats API: facts from real visits", () => {
  const today = new Date().toISOString().slice(0, 10);
  /** Makes the visitor's stats batch due and runs its alarm (the object batches stats before delivering them). */
  async function deliverStats(id: string) {
    const visitor = env.VISITOR.getByName(id);
    await runInDurableObject(visitor, (_o, state) => {
      state.storage.sql.exec("UPDATE outbox SET next_at = 0 WHERE kind = 'stats'");
    });
    expect(await runDurableObjectAlarm(visitor)).toBe(true);
  }

  beforeAll(async () => {
    await publishJourneys([
      makeJourney("per-visitor", {
        branches: [{ id: "a", weight: 1 }],
        holdout: 0,
        metrics: [
          { id: "bought", kind: "conversion", event: "purchase" },
          { id: "revenue", kind: "revenue", event: "purchase" },
          { id: "carts", kind: "count", event: "add_to_cart", role: "guardrail" },
        ],
      }),
    ]);
  });

  it("the seed abandoned-cart journey with one visitor per group calls nothing: insufficient_data, wide intervals", async () => {
    const discount = visitorInSeed("abandoned-cart", (a) => a.branch === "discount" && !a.holdout);
    const reminder = visitorInSeed("abandoned-cart", (a) => a.branch === "reminder" && !a.holdout);
    const holdout = visitorInSeed("abandoned-cart", (a) => a.holdout);
    for (const id of [discount, reminder, holdout])
      expect((await getShopPage("/", { cookie: `wm_vid=${id}` })).status).toBe(200);
    expect((await sendEvents(`wm_vid=${reminder}`, [{ type: "purchase", data: { value: 30 } }])).status).toBe(200);
    for (const id of [discount, reminder, holdout]) await deliverStats(id);

    const s = await stats(`journey=abandoned-cart&from=${today}&to=${today}`);
    expect(s.control).toBe("holdout");
    expect(s).toMatchObject({ method: "sequential", alpha: 0.05, correction: "holm", allocation: "fixed" });
    expect(s.srm).toMatchObject({ applicable: true, ok: true, pValue: null });
    expect(s.srm.observed).toEqual({ discount: 1, reminder: 1, holdout: 1 });
    expect(s.srm.expected.holdout).toBeCloseTo(0.1, 10);
    expect(s.srm.expected.discount).toBeCloseTo(0.45, 10);

    // The primary metric: a conversion on purchase (the seed's own metric, or its goal when it names none).
    const goal = s.metrics.find((m) => m.role === "primary")!;
    expect(goal.kind).toBe("conversion");
    expect(goal.groups.reminder).toMatchObject({ visitors: 1, sum: 1, mean: 1, verdict: "insufficient_data" });
    expect(goal.groups.holdout).toMatchObject({ visitors: 1, sum: 0, vsControl: null, verdict: null });
    const vs = goal.groups.reminder.vsControl!;
    expect(vs.est).toBe(1);
    // Not "+100 to +100 pts": the interval spans no difference at all and much more.
    expect(vs.low).toBeLessThan(0);
    expect(vs.high - vs.low).toBeGreaterThan(0.5);
    expect(goal.groups.reminder.needed).toBeGreaterThan(100);
    expect(goal.groups.reminder.neededFor).toBe(0.02);
    // The old field tells the same story.
    const u = s.branches.reminder.uplift!;
    expect(u.diff).toBe(1);
    expect(u.low).toBeLessThan(0);
    expect(s.branches.holdout.uplift).toBeNull();
  });

  it("counts per visitor: two purchases are one conversion, revenue sums, events count", async () => {
    const id = freshVisitorId();
    const cookie = `wm_vid=${id}`;
    // Every visitor is enrolled in every journey (the seed test's too): compare the figures before and after.
    const before = await stats(`journey=per-visitor&from=${today}&to=${today}`);
    expect((await getShopPage("/", { cookie })).status).toBe(200);
    const events: VisitorEvent[] = [
      { type: "add_to_cart", data: { name: "Mug", price: 12 } },
      { type: "purchase", data: { value: 10 } },
      { type: "add_to_cart", data: { name: "Tent", price: 90 } },
      { type: "purchase", data: { value: 15 } },
    ];
    expect((await sendEvents(cookie, events)).status).toBe(200);
    await deliverStats(id);

    const after = await stats(`journey=per-visitor&from=${today}&to=${today}`);
    const added = after.metrics.map((m, i) => {
      const [now, was] = [m.groups.a, before.metrics[i].groups.a];
      return { id: m.id, visitors: now.visitors - was.visitors, sum: now.sum - was.sum, sumSq: now.sumSq - was.sumSq };
    });
    expect(added).toEqual([
      { id: "bought", visitors: 1, sum: 1, sumSq: 1 },
      { id: "revenue", visitors: 1, sum: 25, sumSq: 625 },
      { id: "carts", visitors: 1, sum: 2, sumSq: 4 },
    ]);
    expect(after.srm.observed.a - (before.srm.observed.a ?? 0)).toBe(1);
  });
});

describe("stats API: per-visitor results", () => {
  it("a 48/52 split over 10,000 visitors trips the sample-ratio check and withholds every verdict", async () => {
    const version = await publishJourneys([split("srm-broken")]);
    await shard("srm-broken").record([
      enrol("a", 4_800, { version }),
      enrol("b", 5_200, { version }),
      sums("a", "goal", 480, 480, { version }),
      sums("b", "goal", 780, 780, { version }),
    ]);
    const s = await stats(`journey=srm-broken&${RANGE}`);
    expect(s.control).toBe("a");
    expect(s.srm).toMatchObject({ applicable: true, ok: false, observed: { a: 4_800, b: 5_200 } });
    expect(s.srm.expected).toEqual({ a: 0.5, b: 0.5 });
    expect(s.srm.chi2).toBeCloseTo(16, 6);
    expect(s.srm.pValue!).toBeLessThan(0.001);
    expect(s.srm.note).toMatch(/split/);
    // The comparison is still shown; the call is not.
    const b = s.metrics[0].groups.b;
    expect(b.vsControl!.low).toBeGreaterThan(0);
    expect(b.verdict).toBeNull();
    expect(s.metrics.flatMap((m) => Object.values(m.groups).map((g) => g.verdict))).toEqual([null, null]);
  });

  it("checks each version's split: a weight change between versions is not a mismatch", async () => {
    const v1 = await publishJourneys([split("srm-reweighted")]);
    const v2 = await publishJourneys([
      split("srm-reweighted", {
        branches: [
          { id: "a", weight: 1 },
          { id: "b", weight: 3 },
        ],
      }),
    ]);
    await shard("srm-reweighted").record([
      enrol("a", 5_000, { version: v1 }),
      enrol("b", 5_000, { version: v1 }),
      enrol("a", 2_500, { version: v2 }),
      enrol("b", 7_500, { version: v2 }),
    ]);
    const s = await stats(`journey=srm-reweighted&${RANGE}`);
    expect(s.srm.ok).toBe(true);
    expect(s.srm.expected.a).toBeCloseTo(7_500 / 20_000, 10);
    expect(s.srm.pValue!).toBeGreaterThan(0.5);
  });

  it("calls a clear winner better, a guardrail that rises worse, with Holm across branches x metrics", async () => {
    const version = await publishJourneys([
      makeJourney("clear-winner", {
        branches: [{ id: "a", weight: 1 }],
        holdout: 0.5,
        metrics: [
          { id: "purchase", name: "Bought", kind: "conversion", event: "purchase" },
          { id: "revenue", kind: "revenue", event: "purchase", role: "secondary" },
          { id: "dismissals", kind: "count", event: "dismiss", role: "guardrail", direction: "decrease" },
        ],
      }),
    ]);
    await shard("clear-winner").record([
      enrol(null, 5_000, { version }),
      enrol("a", 5_000, { version }),
      sums(null, "purchase", 500, 500, { version }),
      sums("a", "purchase", 700, 700, { version }),
      sums(null, "revenue", 500 * 40, 500 * 40 * 40, { version }),
      sums("a", "revenue", 700 * 40, 700 * 40 * 40, { version }),
      sums(null, "dismissals", 500, 500, { version }),
      sums("a", "dismissals", 1_500, 1_500, { version }),
    ]);
    const s = await stats(`journey=clear-winner&${RANGE}`);
    expect(s.control).toBe("holdout");
    expect(s.srm.ok).toBe(true);
    expect(s.metrics.map((m) => [m.id, m.kind, m.role, m.direction])).toEqual([
      ["purchase", "conversion", "primary", "increase"],
      ["revenue", "revenue", "secondary", "increase"],
      ["dismissals", "count", "guardrail", "decrease"],
    ]);
    expect(s.metrics[0].name).toBe("Bought");
    const [purchase, revenue, dismissals] = s.metrics.map((m) => m.groups.a);
    expect(purchase).toMatchObject({ visitors: 5_000, sum: 700, mean: 0.14, verdict: "better" });
    expect(purchase.needed).toBeUndefined();
    expect(revenue).toMatchObject({ mean: 5.6, verdict: "better" });
    expect(dismissals).toMatchObject({ mean: 0.3, verdict: "worse" });
    expect(s.metrics.every((m) => m.groups.holdout.verdict === null && m.groups.holdout.vsControl === null)).toBe(true);

    // The same comparison the stats library makes, and Holm over the three p-values.
    const ref = compareMeans({ n: 5_000, sum: 700, sumSq: 700 }, { n: 5_000, sum: 500, sumSq: 500 }, { binary: true });
    expect(purchase.vsControl).toMatchObject({ est: ref!.est, low: ref!.low, high: ref!.high, pValue: ref!.pValue });
    expect(purchase.vsControl!.rel).toBeCloseTo(0.4, 10);
    const ps = [purchase, revenue, dismissals].map((g) => g.vsControl!);
    for (const p of ps) expect(p.adjustedPValue).toBeGreaterThanOrEqual(p.pValue);
    const smallest = ps.reduce((a, b) => (b.pValue < a.pValue ? b : a));
    expect(smallest.adjustedPValue).toBeCloseTo(Math.min(1, 3 * smallest.pValue), 12);
    // The old uplift comes from the per-visitor primary metric now.
    expect(s.branches.a.uplift).toEqual({ diff: ref!.est, low: ref!.low, high: ref!.high });
  });

  it("an even split with no difference is inconclusive, with the visitors a 2-point change needs", async () => {
    const version = await publishJourneys([split("no-difference")]);
    await shard("no-difference").record([
      enrol("a", 1_000, { version }),
      enrol("b", 1_000, { version }),
      sums("a", "goal", 100, 100, { version }),
      sums("b", "goal", 101, 101, { version }),
    ]);
    const b = (await stats(`journey=no-difference&${RANGE}&method=fixed`)).metrics[0].groups.b;
    expect(b.verdict).toBe("inconclusive");
    expect(b.needed).toBeGreaterThan(1_000);
    expect(b.neededFor).toBe(0.02);
  });

  it("sums per-visitor values exactly: revenue deltas add up to each visitor's total and its square", async () => {
    const version = await publishJourneys([
      split("revenue-sums", { metrics: [{ id: "revenue", kind: "revenue", event: "purchase" }] }),
    ]);
    const base = { journey: "revenue-sums", version, stage: "start", at: AT, dims: DIMS };
    const metric = (branch: string, delta: number, delta2: number): StatsEvent => ({
      kind: "metric",
      ...base,
      branch,
      metric: "revenue",
      delta,
      delta2,
    });
    // Visitor 1 spends 10 then 5 more (value 10 -> 15), visitor 2 spends 20, visitor 3 nothing: all in branch b,
    // sent on different shards and in separate batches, as their visitor objects would.
    await recordStats(env, "rev-1", [{ kind: "enroll", ...base, branch: "b" }, metric("b", 10, 100)]);
    await recordStats(env, "rev-1", [metric("b", 5, 15 * 15 - 10 * 10)]);
    await recordStats(env, "rev-2", [{ kind: "enroll", ...base, branch: "b" }, metric("b", 20, 400)]);
    await recordStats(env, "rev-3", [{ kind: "enroll", ...base, branch: "b" }]);
    const s = await stats(`journey=revenue-sums&${RANGE}`);
    expect(s.metrics[0].groups.b).toMatchObject({ visitors: 3, sum: 35, sumSq: 625, verdict: "insufficient_data" });
    expect(s.metrics[0].groups.b.mean).toBeCloseTo(35 / 3, 12);
    // The control (a) has nobody yet: nothing to compare with.
    expect(s.metrics[0].groups.b.vsControl).toBeNull();
    expect(s.metrics[0].groups.a).toMatchObject({ visitors: 0, sum: 0, mean: 0, vsControl: null });
  });

  it("draws cumulative daily series: days before `from` count, each day adds its visitors", async () => {
    const version = await publishJourneys([split("daily-series")]);
    const o = (day: string) => ({ version, day });
    await shard("daily-series").record([
      enrol("a", 10, o("2030-05-01")),
      enrol("b", 10, o("2030-05-01")),
      sums("a", "goal", 2, 2, o("2030-05-01")),
      enrol("a", 30, o("2030-05-09")),
      enrol("b", 30, o("2030-05-09")),
      sums("b", "goal", 8, 8, o("2030-05-09")),
      sums("a", "goal", 4, 4, o("2030-05-10")),
      // After `to`: not counted.
      enrol("a", 1_000, o("2030-05-11")),
    ]);
    const s = await stats(`journey=daily-series&from=2030-05-08&to=${DAY}`);
    const daily = s.metrics[0].daily;
    expect(daily.map((d) => d.day)).toEqual(["2030-05-08", "2030-05-09", DAY]);
    expect(daily[0].groups.a).toMatchObject({ visitors: 10, mean: 0.2 });
    expect(daily[1].groups.a).toMatchObject({ visitors: 40, mean: 0.05 });
    expect(daily[1].groups.b).toMatchObject({ visitors: 40, mean: 0.2 });
    expect(daily[2].groups.a).toMatchObject({ visitors: 40, mean: 0.15 });
    for (const d of daily)
      for (const g of Object.values(d.groups)) {
        expect(g.low!).toBeLessThanOrEqual(g.mean);
        expect(g.high!).toBeGreaterThan(g.low!);
      }
    // The totals are cumulative to the end of `to` too.
    expect(s.metrics[0].groups.a).toMatchObject({ visitors: 40, sum: 6 });
  });

  it("breaks results down by country (top 10 by visitors, then other) and by device, without daily series", async () => {
    const version = await publishJourneys([split("breakdown")]);
    const countries = ["US", "GB", "DE", "FR", "NL", "ES", "IT", "SE", "PL", "BR", "JP", "XX"];
    const rows = countries.flatMap((country, i) => {
      const dims = { ...DIMS, country, device: i % 2 ? ("mobile" as const) : ("desktop" as const) };
      const n = 200 - i * 10;
      return [
        enrol("a", n, { version, dims }),
        enrol("b", n, { version, dims }),
        sums("b", "goal", i, i, { version, dims }),
      ];
    });
    await shard("breakdown").record(rows);
    const s = await stats(`journey=breakdown&${RANGE}&by=country`);
    const segments = s.breakdown!.segments;
    expect(s.breakdown!.by).toBe("country");
    expect(segments.map((x) => x.value)).toEqual([...countries.slice(0, 10), "other"]);
    const other = segments[10].metrics[0].groups;
    expect(other.a.visitors).toBe(100 + 90);
    expect(other.b.sum).toBe(10 + 11);
    expect(segments[0].metrics[0]).not.toHaveProperty("daily");
    // Segments add up to the whole.
    const total = segments.reduce((n, x) => n + x.metrics[0].groups.b.visitors, 0);
    expect(total).toBe(s.metrics[0].groups.b.visitors);

    const byDevice = await stats(`journey=breakdown&${RANGE}&by=device`);
    expect(byDevice.breakdown!.segments.map((x) => x.value).sort()).toEqual(["desktop", "mobile"]);
    expect(byDevice.breakdown!.segments.find((x) => x.value === "mobile")!.metrics[0].groups.b.sum).toBe(
      1 + 3 + 5 + 7 + 9 + 11,
    );
    // No breakdown asked: none given.
    expect(await stats(`journey=breakdown&${RANGE}`)).not.toHaveProperty("breakdown");
  });

  it("labels Thompson-sampling journeys: no split to check, estimates biased", async () => {
    const version = await publishJourneys([split("bandit", { allocation: "thompson", holdout: 0.2 })]);
    await shard("bandit").record([
      enrol("a", 100, { version }),
      enrol("b", 900, { version }),
      enrol(null, 250, { version }),
    ]);
    const s = await stats(`journey=bandit&${RANGE}`);
    expect(s.allocation).toBe("thompson");
    expect(s.control).toBe("holdout");
    expect(s.srm).toMatchObject({ applicable: false, ok: true, pValue: null });
    expect(s.srm.note).toMatch(/Thompson.*biased.*holdout/s);
  });

  it("reads facts from every shard of the journey", async () => {
    const version = await publishJourneys([split("many-shards")]);
    for (let i = 0; i < 4; i++)
      await shard("many-shards", i).record([enrol("a", 1, { version }), sums("a", "goal", 1, 1, { version })]);
    const a = (await stats(`journey=many-shards&${RANGE}`)).metrics[0].groups.a;
    expect(a).toMatchObject({ visitors: 4, sum: 4 });
    expect(new Set(["x1", "x2", "x3", "x4", "x5", "x6"].map(shardOf)).size).toBeGreaterThan(1);
  });
});

describe("srmCheck (case table)", () => {
  const fixed = (weights: number[], holdout = 0): Split => ({
    branches: weights.map((weight, i) => ({ id: "abc"[i], weight })),
    holdout,
    allocation: "fixed",
  });
  const rows = (version: number, counts: Record<string, number>): EnrolTotal[] =>
    Object.entries(counts).map(([g, count]) => ({ day: DAY, version, branch: g === "holdout" ? null : g, count }));
  it.each<[string, EnrolTotal[], (v: number) => Split | undefined, Partial<StatsSrm>]>([
    ["no visitors yet", [], () => fixed([1, 1]), { applicable: true, ok: true, pValue: null }],
    [
      "too few expected in a group",
      rows(1, { a: 30, b: 30, holdout: 0 }),
      () => fixed([1, 1], 0.05),
      { ok: true, pValue: null },
    ],
    ["an exact 50/50", rows(1, { a: 5_000, b: 5_000 }), () => fixed([1, 1]), { ok: true, pValue: 1, chi2: 0 }],
    ["48/52 of 10,000", rows(1, { a: 4_800, b: 5_200 }), () => fixed([1, 1]), { ok: false }],
    ["49/51 of 10,000 (p = 0.046)", rows(1, { a: 4_900, b: 5_100 }), () => fixed([1, 1]), { ok: true }],
    ["visitors in a branch with weight 0", rows(1, { a: 500, b: 3 }), () => fixed([1, 0]), { ok: false, pValue: 0 }],
    ["unknown definition", rows(1, { a: 10 }), () => undefined, { applicable: false, ok: true, pValue: null }],
    [
      "Thompson in any version with visitors",
      [...rows(1, { a: 10 }), ...rows(2, { b: 10 })],
      (v) => (v === 2 ? { ...fixed([1, 1]), allocation: "thompson" } : fixed([1, 1])),
      { applicable: false, ok: true },
    ],
    [
      "a 10% holdout and two branches in proportion",
      rows(1, { a: 4_500, b: 4_500, holdout: 1_000 }),
      () => fixed([1, 1], 0.1),
      { ok: true, pValue: 1, expected: { a: 0.45, b: 0.45, holdout: 0.1 } },
    ],
  ])("%s", (_name, enrolments, splitOf, expected) => {
    const got = srmCheck(enrolments, splitOf);
    expect(got).toMatchObject(expected);
    if (got.pValue !== null) expect(got.ok).toBe(got.pValue >= 0.001);
    if (!got.ok) expect(got.note).toBeTruthy();
  });
});

describe("stats API: CSV export", () => {
  it("answers one row per metric x group (x segment), RFC 4180 quoted, formulas defused", async () => {
    const version = await publishJourneys([
      split("csv-export", {
        metrics: [
          {
            id: "goal",
            name: '=HYPERLINK("http://evil.example","click"), then "more"',
            kind: "conversion",
            event: "purchase",
          },
          { id: "revenue", name: "Revenue\nper visitor", kind: "revenue", event: "purchase" },
        ],
      }),
    ]);
    await shard("csv-export").record([
      enrol("a", 200, { version }),
      enrol("b", 200, { version, dims: { ...DIMS, device: "mobile" } }),
      sums("a", "goal", 20, 20, { version }),
      sums("b", "goal", 30, 30, { version, dims: { ...DIMS, device: "mobile" } }),
    ]);
    const r = await api("GET", `/stats.csv?journey=csv-export&${RANGE}&by=device`);
    expect(r.status).toBe(200);
    expect(r.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.res.headers.get("content-disposition")).toBe(`attachment; filename="waymark-csv-export-${DAY}.csv"`);
    const text: string = r.body;
    expect(text.endsWith("\r\n")).toBe(true);
    const table = parseCsv(text);
    const [header, ...rows] = table;
    expect(header.slice(0, 3)).toEqual(["journey", "from", "to"]);
    expect(rows.every((row) => row.length === header.length)).toBe(true);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    // 2 metrics x 2 groups overall, then per device segment (desktop, mobile) 2 x 2 again.
    expect(rows).toHaveLength(4 + 2 * 4);
    expect(rows.map((row) => col(row, "segment"))).toEqual([
      ...Array(4).fill(""),
      ...Array(4).fill("desktop"),
      ...Array(4).fill("mobile"),
    ]);
    const first = rows[0];
    expect(col(first, "metric_name")).toBe(`'=HYPERLINK("http://evil.example","click"), then "more"`);
    expect(col(rows[2], "metric_name")).toBe("Revenue\nper visitor");
    const b = rows.find((row) => col(row, "metric") === "goal" && col(row, "group") === "b" && !col(row, "segment"))!;
    expect(Number(col(b, "visitors"))).toBe(200);
    expect(Number(col(b, "mean"))).toBeCloseTo(0.15, 12);
    expect(Number(col(b, "diff"))).toBeCloseTo(0.05, 12);
    // Numbers stay numbers (a negative bound is not defused into text).
    expect(col(b, "low")).toMatch(/^-?\d/);
    expect(col(b, "verdict")).toBe("inconclusive");
    expect(col(rows[0], "verdict")).toBe("");
    // Same authentication as the JSON API.
    expect((await api("GET", `/stats.csv?journey=csv-export`, undefined, { token: null })).status).toBe(401);
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+cmd", "'+cmd"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ['say "hi"', '"say ""hi"""'],
    ["a,b", '"a,b"'],
    ["line\r\nbreak", '"line\r\nbreak"'],
    ["plain", "plain"],
    [-0.25, "-0.25"],
    [Number.POSITIVE_INFINITY, ""],
    [null, ""],
    [true, "true"],
  ])("csvCell(%j) = %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("stats API: bad queries", () => {
  it.each([
    ["/stats?journey=j&method=bayesian", ["method"]],
    ["/stats?journey=j&by=browser", ["by"]],
    ["/stats?journey=j&by=device&by=country", ["by"]],
    ["/stats?journey=j&method=", ["method"]],
    ["/stats.csv?journey=j&method=Fixed", ["method"]],
    ["/stats.csv?journey=j&by=", ["by"]],
    ["/stats.csv", ["journey"]],
  ])("answers 400 with the issue path for %s", async (path, issuePath) => {
    const r = await api("GET", path);
    expect(r.status).toBe(400);
    expect(r.body.issues[0].path).toEqual(issuePath);
  });
});

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), to check what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quote");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      const stop = end < 0 ? text.length : i + end;
      field = text.slice(i, stop);
      if (/["\r\n]/.test(field)) throw new Error(`unquoted special character in ${JSON.stringify(field)}`);
      i = stop;
    }
    row.push(field);
    if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (text[i] === ",") i++;
    else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}
