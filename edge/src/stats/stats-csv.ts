import type { StatsMetricResult, StatsResponse } from "@waymark/shared/schemas/stats.ts";

type Cell = string | number | boolean | null | undefined;

const HEADER = [
  "journey",
  "from",
  "to",
  "method",
  "correction",
  "control",
  "srm_ok",
  "srm_p_value",
  "breakdown",
  "segment",
  "metric",
  "metric_name",
  "kind",
  "role",
  "direction",
  "group",
  "visitors",
  "sum",
  "sum_sq",
  "mean",
  "diff",
  "low",
  "high",
  "rel",
  "p_value",
  "adjusted_p_value",
  "verdict",
  "needed",
];

/**
 * The results as CSV (RFC 4180: CRLF lines, fields with a comma, quote or line break quoted, quotes doubled): one
 * row per metric x group, then per segment x metric x group when the answer has a breakdown.
 */
export function statsCsv(s: StatsResponse): string {
  const lines = [HEADER.map(csvCell)];
  const rows = (segment: string | null, metrics: StatsMetricResult[]) => {
    for (const m of metrics)
      for (const [group, g] of Object.entries(m.groups)) {
        const vs = g.vsControl;
        lines.push(
          [
            s.journey,
            s.from,
            s.to,
            s.method,
            s.correction,
            s.control,
            s.srm.ok,
            s.srm.pValue,
            segment === null ? null : s.breakdown?.by,
            segment,
            m.id,
            m.name,
            m.kind,
            m.role,
            m.direction,
            group,
            g.visitors,
            g.sum,
            g.sumSq,
            g.mean,
            vs?.est,
            vs?.low,
            vs?.high,
            vs?.rel,
            vs?.pValue,
            vs?.adjustedPValue,
            g.verdict,
            g.needed,
          ].map(csvCell),
        );
      }
  };
  rows(null, s.metrics);
  for (const seg of s.breakdown?.segments ?? []) rows(seg.value, seg.metrics);
  return lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return:
 * a metric name or a segment value could) gets a leading apostrophe; numbers are written as numbers.
 */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
