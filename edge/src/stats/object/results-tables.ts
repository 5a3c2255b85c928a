import { StatsBreakdownBy } from "@waymark/shared/schemas/stats.ts";
import type { EnrolRow, MetricRow } from "../stats-row.ts";

/**
 * Per-visitor results (issue 14): enrolments and sums of metric deltas, kept as two rollups written together:
 * per (day, version, group) for the results and their daily series, and per (dimension, value, day, group) for
 * breakdowns, one dimension at a time. A read then scans rows per day x group (x value), never per combination of
 * dimensions: a year of traffic over 3 devices x 15 countries x 4 sources took 10-40 s to group from one table of
 * every combination (3.2 million rows in 4 shards) in local workerd.
 */
export const RESULTS_TABLES = [
  `CREATE TABLE IF NOT EXISTS enrol_days (
    day TEXT NOT NULL, version INTEGER NOT NULL, branch TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (day, version, branch))`,
  `CREATE TABLE IF NOT EXISTS metric_days (
    day TEXT NOT NULL, branch TEXT NOT NULL, metric TEXT NOT NULL, sum REAL NOT NULL, sum_sq REAL NOT NULL,
    PRIMARY KEY (day, branch, metric))`,
  `CREATE TABLE IF NOT EXISTS enrol_dims (
    dim TEXT NOT NULL, value TEXT NOT NULL, day TEXT NOT NULL, branch TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (dim, day, value, branch))`,
  `CREATE TABLE IF NOT EXISTS metric_dims (
    dim TEXT NOT NULL, value TEXT NOT NULL, day TEXT NOT NULL, branch TEXT NOT NULL, metric TEXT NOT NULL,
    sum REAL NOT NULL, sum_sq REAL NOT NULL,
    PRIMARY KEY (dim, day, value, branch, metric))`,
];

// Nulls in a primary key would not collide in SQLite, so the holdout is stored as "" (as in the counters).
const NONE = "";
const DIMS = StatsBreakdownBy.options;

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

/** What one shard holds of a journey's per-visitor results up to a day (see readResults). */
export interface ShardResults {
  enrolments: EnrolTotal[];
  sums: MetricTotal[];
  /** With a breakdown: the same totals per value of the dimension, over every day up to `toDay`. */
  segments?: {
    enrolments: { value: string; branch: string | null; count: number }[];
    sums: { value: string; branch: string | null; metric: string; sum: number; sumSq: number }[];
  };
}

// One statement per rollup and row: the per-dimension rows go in one multi-row upsert (2 statements per enrolment
// or metric row instead of 5; a flush of enroll + entry + exposure took about 15% less CPU, issue 19).
const ENROL_DAYS = `INSERT INTO enrol_days (day, version, branch, count) VALUES (?, ?, ?, ?)
  ON CONFLICT (day, version, branch) DO UPDATE SET count = count + excluded.count`;
const ENROL_DIMS = `INSERT INTO enrol_dims (dim, value, day, branch, count) VALUES
  ${DIMS.map((dim) => `('${dim}', ?, ?, ?, ?)`).join(", ")}
  ON CONFLICT (dim, day, value, branch) DO UPDATE SET count = count + excluded.count`;
const METRIC_DAYS = `INSERT INTO metric_days (day, branch, metric, sum, sum_sq) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (day, branch, metric) DO UPDATE SET sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`;
const METRIC_DIMS = `INSERT INTO metric_dims (dim, value, day, branch, metric, sum, sum_sq) VALUES
  ${DIMS.map((dim) => `('${dim}', ?, ?, ?, ?, ?, ?)`).join(", ")}
  ON CONFLICT (dim, day, value, branch, metric) DO UPDATE SET sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`;

/** Adds an enrolment row to both rollups (call inside the shard's write transaction). */
export function recordEnrolment(sql: SqlStorage, r: EnrolRow): void {
  const branch = r.branch ?? NONE;
  sql.exec(ENROL_DAYS, r.day, r.version, branch, r.count);
  sql.exec(ENROL_DIMS, ...DIMS.flatMap((dim) => [r.dims[dim], r.day, branch, r.count]));
}

/** Adds a metric row's sums to both rollups (call inside the shard's write transaction). */
export function recordMetricSums(sql: SqlStorage, r: MetricRow): void {
  const branch = r.branch ?? NONE;
  sql.exec(METRIC_DAYS, r.day, branch, r.metric, r.sum, r.sumSq);
  sql.exec(METRIC_DIMS, ...DIMS.flatMap((dim) => [r.dims[dim], r.day, branch, r.metric, r.sum, r.sumSq]));
}

const groupOf = (branch: string) => (branch === NONE ? null : branch);

/**
 * Per-visitor results up to the end of `toDay`: per day from `fromDay` on, and one total ("" day) of everything
 * before it, so a caller can draw cumulative series without reading every day since the journey began; with `by`,
 * totals per value of that dimension too.
 */
export function readResults(
  sql: SqlStorage,
  fromDay: string,
  toDay: string,
  by: StatsBreakdownBy | null,
): ShardResults {
  const enrolments = sql
    .exec<{ d: string; version: number; branch: string; count: number }>(
      `SELECT CASE WHEN day < ? THEN '' ELSE day END AS d, version, branch, SUM(count) AS count FROM enrol_days
       WHERE day <= ? GROUP BY d, version, branch`,
      fromDay,
      toDay,
    )
    .toArray()
    .map((r) => ({ day: r.d, version: r.version, branch: groupOf(r.branch), count: r.count }));
  const sums = sql
    .exec<{ d: string; branch: string; metric: string; sum: number; sum_sq: number }>(
      `SELECT CASE WHEN day < ? THEN '' ELSE day END AS d, branch, metric, SUM(sum) AS sum, SUM(sum_sq) AS sum_sq
       FROM metric_days WHERE day <= ? GROUP BY d, branch, metric`,
      fromDay,
      toDay,
    )
    .toArray()
    .map((r) => ({ day: r.d, branch: groupOf(r.branch), metric: r.metric, sum: r.sum, sumSq: r.sum_sq }));
  if (!by) return { enrolments, sums };
  const segEnrolments = sql
    .exec<{ value: string; branch: string; count: number }>(
      `SELECT value, branch, SUM(count) AS count FROM enrol_dims WHERE dim = ? AND day <= ? GROUP BY value, branch`,
      by,
      toDay,
    )
    .toArray()
    .map((r) => ({ value: r.value, branch: groupOf(r.branch), count: r.count }));
  const segSums = sql
    .exec<{ value: string; branch: string; metric: string; sum: number; sum_sq: number }>(
      `SELECT value, branch, metric, SUM(sum) AS sum, SUM(sum_sq) AS sum_sq FROM metric_dims
       WHERE dim = ? AND day <= ? GROUP BY value, branch, metric`,
      by,
      toDay,
    )
    .toArray()
    .map((r) => ({ value: r.value, branch: groupOf(r.branch), metric: r.metric, sum: r.sum, sumSq: r.sum_sq }));
  return { enrolments, sums, segments: { enrolments: segEnrolments, sums: segSums } };
}
