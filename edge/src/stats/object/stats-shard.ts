import { DurableObject } from "cloudflare:workers";
import type { StatsBreakdownBy } from "@waymark/shared/schemas/stats.ts";
import { migrateSql, type SqlMigrations } from "../../storage/sql-migrations.ts";
import type { CounterRow, StatsRow } from "../stats-row.ts";
import { readResults, recordEnrolment, recordMetricSums, RESULTS_TABLES, type ShardResults } from "./results-tables.ts";

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
  // Per-visitor results, first form: one row per combination of dimensions (too slow to read; replaced below).
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
  // Per-visitor results as rollups (see results-tables.ts). The first form only ever held development data (it
  // never reached a release), so it is dropped rather than copied.
  [...RESULTS_TABLES, `DROP TABLE IF EXISTS enrolments`, `DROP TABLE IF EXISTS metric_sums`],
];

// Nulls in a primary key would not collide in SQLite, so the holdout branch and "no from" are stored as "".
const NONE = "";

const isCounter = (r: StatsRow): r is CounterRow => r.kind !== "enroll" && r.kind !== "metric";

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

  /** Adds aggregated rows to the counters and the per-visitor results, in one transaction. */
  record(rows: StatsRow[]): number {
    // A lone counter row is one statement, atomic by itself: the usual flush after a page (one exposure) skips the
    // transaction's savepoint. Anything more must not be half-written, or the caller's retry would count it twice.
    const [only] = rows;
    if (rows.length === 1 && only && isCounter(only)) this.addCounter(only);
    else this.ctx.storage.transactionSync(() => rows.forEach((r) => this.add(r)));
    return rows.length;
  }

  private add(r: StatsRow): void {
    if (r.kind === "enroll") recordEnrolment(this.sql, r);
    else if (r.kind === "metric") recordMetricSums(this.sql, r);
    else this.addCounter(r);
  }

  private addCounter(r: CounterRow): void {
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

  /** What the stats API reads of this shard, in one call: the counters (see read) and the results (see results). */
  snapshot(
    fromDay: string,
    toDay: string,
    by: StatsBreakdownBy | null,
  ): { rows: CounterRow[]; flows: FlowTotal[]; results: ShardResults } {
    return { ...this.read(fromDay, toDay), results: this.results(fromDay, toDay, by) };
  }

  /** Per-visitor results up to the end of `toDay` (see readResults). */
  results(fromDay: string, toDay: string, by: StatsBreakdownBy | null): ShardResults {
    return readResults(this.sql, fromDay, toDay, by);
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
