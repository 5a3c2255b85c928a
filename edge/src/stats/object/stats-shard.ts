import { DurableObject } from "cloudflare:workers";
import type { StatsBreakdownBy } from "@waymark/shared/schemas/stats.ts";
import { migrateSql, type SqlMigrations } from "../../storage/sql-migrations.ts";
import type { CounterRow, StatsRow } from "../stats-row.ts";

/** Totals over all time, used for "visitors in each stage now" (entered minus left). */
export interface FlowTotal {
  kind: "entry" | "transition";
  stage: string;
  from: string | null;
  count: number;
}

/** The shard's tables: append a step to change them (each runs once, in order). */
const MIGRATIONS: SqlMigrations = [
  [
    `CREATE TABLE IF NOT EXISTS counters (
      day TEXT NOT NULL, version INTEGER NOT NULL, stage TEXT NOT NULL, branch TEXT NOT NULL,
      kind TEXT NOT NULL, from_stage TEXT NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY (day, version, stage, branch, kind, from_stage))`,
  ],
  // Per-visitor results (issue 14): enrolments and sums of metric deltas per group and low-cardinality dims.
  [
    `CREATE TABLE IF NOT EXISTS enrolments (
      day TEXT NOT NULL, version INTEGER NOT NULL, branch TEXT NOT NULL,
      device TEXT NOT NULL, country TEXT NOT NULL, visitor TEXT NOT NULL, source TEXT NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY (day, version, branch, device, country, visitor, source))`,
    `CREATE TABLE IF NOT EXISTS metric_sums (
      day TEXT NOT NULL, version INTEGER NOT NULL, branch TEXT NOT NULL, metric TEXT NOT NULL,
      device TEXT NOT NULL, country TEXT NOT NULL, visitor TEXT NOT NULL, source TEXT NOT NULL,
      sum REAL NOT NULL, sum_sq REAL NOT NULL,
      PRIMARY KEY (day, version, branch, metric, device, country, visitor, source))`,
  ],
];

/** Enrolments of one group, on a day ("" = every day before the range) and version. */
export interface EnrolTotal {
  day: string;
  version: number;
  branch: string | null;
  count: number;
}

/** Sums of one metric's per-visitor values in one group, on a day ("" = every day before the range). */
export interface MetricTotal {
  day: string;
  branch: string | null;
  metric: string;
  sum: number;
  sumSq: number;
}

/** What one shard holds of a journey's per-visitor results up to a day (see StatsShard.results). */
export interface ShardResults {
  enrolments: EnrolTotal[];
  sums: MetricTotal[];
  /** With a breakdown: the same totals per value of the dimension, over every day up to `toDay`. */
  segments?: {
    enrolments: { value: string; branch: string | null; count: number }[];
    sums: { value: string; branch: string | null; metric: string; sum: number; sumSq: number }[];
  };
}

/** Columns a breakdown may group by (a closed list: the name goes into the SQL text). */
const DIM_COLUMNS: Record<StatsBreakdownBy, string> = {
  device: "device",
  country: "country",
  visitor: "visitor",
  source: "source",
};

// Nulls in a primary key would not collide in SQLite, so the holdout branch and "no from" are stored as "".
const NONE = "";

/**
 * One shard of one journey's counters (named "<journey>:<shard>"). Visitors are spread over a few shards so no
 * single object is written on every page; a stats read sums all shards of the journey.
 */
export class StatsShard extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => migrateSql(this.sql, MIGRATIONS));
  }

  /** Adds aggregated rows to the counters, enrolments and metric sums (one UPSERT per row, in one transaction). */
  record(rows: StatsRow[]): number {
    this.ctx.storage.transactionSync(() => {
      for (const r of rows) {
        if (r.kind === "enroll") {
          this.sql.exec(
            `INSERT INTO enrolments (day, version, branch, device, country, visitor, source, count)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (day, version, branch, device, country, visitor, source)
             DO UPDATE SET count = count + excluded.count`,
            r.day,
            r.version,
            r.branch ?? NONE,
            r.dims.device,
            r.dims.country,
            r.dims.visitor,
            r.dims.source,
            r.count,
          );
        } else if (r.kind === "metric") {
          this.sql.exec(
            `INSERT INTO metric_sums (day, version, branch, metric, device, country, visitor, source, sum, sum_sq)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (day, version, branch, metric, device, country, visitor, source)
             DO UPDATE SET sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`,
            r.day,
            r.version,
            r.branch ?? NONE,
            r.metric,
            r.dims.device,
            r.dims.country,
            r.dims.visitor,
            r.dims.source,
            r.sum,
            r.sumSq,
          );
        } else {
          this.sql.exec(
            `INSERT INTO counters (day, version, stage, branch, kind, from_stage, count) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (day, version, stage, branch, kind, from_stage) DO UPDATE SET count = count + excluded.count`,
            r.day,
            r.version,
            r.stage,
            r.branch ?? NONE,
            r.kind,
            r.from ?? NONE,
            r.count,
          );
        }
      }
    });
    return rows.length;
  }

  /** What the stats API reads of this shard, in one call: the counters (see read) and the results (see results). */
  snapshot(
    fromDay: string,
    toDay: string,
    by: StatsBreakdownBy | null,
  ): { rows: CounterRow[]; flows: FlowTotal[]; results: ShardResults } {
    return { ...this.read(fromDay, toDay), results: this.results(fromDay, toDay, by) };
  }

  /**
   * Per-visitor results up to the end of `toDay`: per day from `fromDay` on, and one total ("" day) of everything
   * before it, so a caller can draw cumulative series without reading every day since the journey began. Grouped
   * in SQL: the answer has one row per day x version x group (x metric), whatever the traffic.
   */
  results(fromDay: string, toDay: string, by: StatsBreakdownBy | null): ShardResults {
    const enrolments = this.sql
      .exec<{ d: string; version: number; branch: string; count: number }>(
        `SELECT CASE WHEN day < ? THEN '' ELSE day END AS d, version, branch, SUM(count) AS count FROM enrolments
         WHERE day <= ? GROUP BY d, version, branch`,
        fromDay,
        toDay,
      )
      .toArray()
      .map((r) => ({ day: r.d, version: r.version, branch: r.branch === NONE ? null : r.branch, count: r.count }));
    const sums = this.sql
      .exec<{ d: string; branch: string; metric: string; sum: number; sum_sq: number }>(
        `SELECT CASE WHEN day < ? THEN '' ELSE day END AS d, branch, metric, SUM(sum) AS sum, SUM(sum_sq) AS sum_sq
         FROM metric_sums WHERE day <= ? GROUP BY d, branch, metric`,
        fromDay,
        toDay,
      )
      .toArray()
      .map((r) => ({
        day: r.d,
        branch: r.branch === NONE ? null : r.branch,
        metric: r.metric,
        sum: r.sum,
        sumSq: r.sum_sq,
      }));
    if (!by) return { enrolments, sums };
    const col = DIM_COLUMNS[by];
    const segEnrolments = this.sql
      .exec<{ value: string; branch: string; count: number }>(
        `SELECT ${col} AS value, branch, SUM(count) AS count FROM enrolments WHERE day <= ? GROUP BY ${col}, branch`,
        toDay,
      )
      .toArray()
      .map((r) => ({ value: r.value, branch: r.branch === NONE ? null : r.branch, count: r.count }));
    const segSums = this.sql
      .exec<{ value: string; branch: string; metric: string; sum: number; sum_sq: number }>(
        `SELECT ${col} AS value, branch, metric, SUM(sum) AS sum, SUM(sum_sq) AS sum_sq FROM metric_sums
         WHERE day <= ? GROUP BY ${col}, branch, metric`,
        toDay,
      )
      .toArray()
      .map((r) => ({
        value: r.value,
        branch: r.branch === NONE ? null : r.branch,
        metric: r.metric,
        sum: r.sum,
        sumSq: r.sum_sq,
      }));
    return { enrolments, sums, segments: { enrolments: segEnrolments, sums: segSums } };
  }

  /** Counters of the days in [fromDay, toDay], plus all-time entry/transition totals. */
  read(fromDay: string, toDay: string): { rows: CounterRow[]; flows: FlowTotal[] } {
    const rows = this.sql
      .exec<{
        day: string;
        version: number;
        stage: string;
        branch: string;
        kind: CounterRow["kind"];
        from_stage: string;
        count: number;
      }>(
        `SELECT day, version, stage, branch, kind, from_stage, count FROM counters WHERE day >= ? AND day <= ?`,
        fromDay,
        toDay,
      )
      .toArray()
      .map((r) => ({
        day: r.day,
        version: r.version,
        stage: r.stage,
        branch: r.branch === NONE ? null : r.branch,
        kind: r.kind,
        from: r.from_stage === NONE ? null : r.from_stage,
        count: r.count,
      }));
    const flows = this.sql
      .exec<{ kind: FlowTotal["kind"]; stage: string; from_stage: string; count: number }>(
        `SELECT kind, stage, from_stage, SUM(count) AS count FROM counters
         WHERE kind IN ('entry', 'transition') GROUP BY kind, stage, from_stage`,
      )
      .toArray()
      .map((r) => ({
        kind: r.kind,
        stage: r.stage,
        from: r.from_stage === NONE ? null : r.from_stage,
        count: r.count,
      }));
    return { rows, flows };
  }
}
