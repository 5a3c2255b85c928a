import { effectiveMetrics, type QaResult } from "@waymark/shared";
import { useState } from "preact/hooks";
import { BreakdownSelector } from "../components/breakdown-selector.tsx";
import { CumulativeChart } from "../components/cumulative-chart.tsx";
import { DailyChart } from "../components/daily-chart.tsx";
import { DownloadButtons } from "../components/download-buttons.tsx";
import { JourneyHeader } from "../components/journey-header.tsx";
import { MetricTable } from "../components/metric-table.tsx";
import { OfferModelsPanel } from "../components/offer-models-panel.tsx";
import { PeriodPicker } from "../components/period-picker.tsx";
import { QaCell } from "../components/qa-cell.tsx";
import { SrmBanner } from "../components/srm-banner.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { count, percent } from "../lib/format.ts";
import { periodRange } from "../lib/period.ts";
import {
  BANDIT_TEXT,
  BREAKDOWNS,
  branchQa,
  branchRows,
  correctionText,
  groupLabel,
  methodText,
  metricViews,
  srmView,
  stageRows,
  statsQuery,
  type BreakdownBy,
  type MetricDef,
  type Method,
} from "../lib/results-model.ts";
import { period } from "../state.ts";

/**
 * Per metric (primary, secondary, guardrails) a row per group with the difference against the control, its
 * interval and a verdict; the sample-ratio check, the correction and the method said in words; a cumulative chart;
 * breakdowns; downloads. Then the counts per branch (with QA) and per stage, and the daily series.
 */
export function JourneyResultsPage({ id }: { id: string }) {
  const range = periodRange(period.value, Date.now());
  const [method, setMethod] = useState<Method>("sequential");
  const [by, setBy] = useState<BreakdownBy | "">("");
  const res = useResource(async (c) => {
    const [record, stats, qa] = await Promise.all([
      c.getJourney(id),
      c.stats(id, { ...range, method, ...(by ? { by } : {}) }),
      c.listQa(id).catch(() => ({ results: [] as QaResult[] })),
    ]);
    return { record, stats, qa: qa.results };
  }, `${id}:${range.from}:${range.to}:${method}:${by}`);
  const data = res.data;
  const j = data?.record.journey;
  const query = statsQuery(id, { ...range, method, by });

  const controls = (
    <>
      <PeriodPicker />
      <div class="segmented" role="group" aria-label="Interval method">
        <button type="button" aria-pressed={method === "sequential"} onClick={() => setMethod("sequential")}>
          Peeking-safe
        </button>
        <button type="button" aria-pressed={method === "fixed"} onClick={() => setMethod("fixed")}>
          Fixed horizon
        </button>
      </div>
      <BreakdownSelector value={by} onChange={setBy} />
    </>
  );

  if (!data || !j)
    return (
      <div class="page">
        <JourneyHeader id={id} record={data?.record} current="results" actions={controls} />
        <StatusMessage loading={res.loading && !data} error={res.error} />
      </div>
    );

  const s = data.stats;
  const names = new Map(j.branches.flatMap((b) => (b.name ? [[b.id, b.name] as const] : [])));
  const defs: MetricDef[] = effectiveMetrics(j).map((m) => ({
    id: m.id,
    event: m.events,
    ...(m.url ? { url: m.url } : {}),
    ...(m.field ? { field: m.field } : {}),
  }));
  const branchOrder = j.branches.map((b) => b.id);
  const views = metricViews(s, { branchOrder, names, defs });
  const srm = srmView(s.srm, s.control, names);
  const chartGroups = (groups: string[]) => groups.map((g) => ({ group: g, label: groupLabel(g, s.control, names) }));
  const byLabel = BREAKDOWNS.find((b) => b.value === s.breakdown?.by)?.label ?? s.breakdown?.by;

  return (
    <div class="page results-page">
      <JourneyHeader id={id} record={data.record} current="results" actions={controls} />
      <StatusMessage loading={false} error={res.error} />
      {srm && <SrmBanner srm={srm} />}
      <section class="card" aria-labelledby="metrics-title" aria-busy={res.loading ? "true" : undefined}>
        <header class="section-head">
          <h2 id="metrics-title">Metrics</h2>
          <DownloadButtons query={query} journey={id} />
        </header>
        <ul class="method-notes">
          <li data-note="method">{methodText(s.method, s.alpha)}</li>
          <li data-note="correction">{correctionText(s)}.</li>
          <li data-note="minimums">
            No verdict below 100 visitors per group (and, for conversion metrics, before 10 conversions in one of the
            two groups): small samples say “not enough data yet”, never a winner.
          </li>
          {/* A broken split has the banner; otherwise say why the check does not apply yet, if it does not. */}
          {s.srm.note && !srm && <li data-note="srm">{s.srm.note}</li>}
        </ul>
        {s.allocation === "thompson" && (
          <p class="notice info bandit" data-note="bandit">
            <span class="badge">bandit</span> {BANDIT_TEXT}
          </p>
        )}
        {views.length === 0 ? (
          <p class="hint">
            This journey has no metrics and no goals, so there is nothing to compare. Add a metric (or a goal event) in
            the editor.
          </p>
        ) : (
          views.map((m) => (
            <div key={m.id} class="metric-block">
              <MetricTable m={m} />
              <details open={m.role === "primary"} class="metric-chart">
                <summary>{m.title} over time</summary>
                <CumulativeChart m={m} groups={chartGroups(m.rows.map((r) => r.group))} />
              </details>
            </div>
          ))
        )}
      </section>
      {j.actions.some((a) => a.type === "offer") && <OfferModelsPanel journey={id} />}
      {s.breakdown && (
        <section class="card" aria-labelledby="breakdown-title" data-breakdown={s.breakdown.by}>
          <h2 id="breakdown-title">By {byLabel?.toLowerCase()}</h2>
          <p class="hint">
            Each segment is compared on its own, with its own correction. Segments are for explaining a result, not for
            finding one: a winner in one of many segments is often chance.
          </p>
          {s.breakdown.segments.length === 0 && <p class="hint">No visitors in this period.</p>}
          {s.breakdown.segments.map((seg) => (
            <section key={seg.value} class="segment" data-segment={seg.value} aria-label={`${byLabel}: ${seg.value}`}>
              <h3>{seg.value}</h3>
              {metricViews({ ...s, metrics: seg.metrics }, { branchOrder, names, defs }).map((m) => (
                <MetricTable key={m.id} m={m} headingLevel={4} />
              ))}
            </section>
          ))}
        </section>
      )}
      <section class="card" aria-labelledby="branches-title">
        <h2 id="branches-title">Branches</h2>
        <p class="hint">
          Counts per branch: visitors who entered, how often the branch's actions were shown and dismissed, goal events.
          The comparisons are in the metrics above.
        </p>
        <div class="table-wrap">
          <table data-table="branches">
            <thead>
              <tr>
                <th scope="col">Branch</th>
                <th scope="col" class="num">
                  Visitors
                </th>
                <th scope="col" class="num">
                  Exposures
                </th>
                <th scope="col" class="num">
                  Dismissals
                </th>
                <th scope="col" class="num">
                  Conversions
                </th>
                <th scope="col" class="num">
                  Conv. rate
                </th>
                <th scope="col">QA</th>
              </tr>
            </thead>
            <tbody>
              {branchRows(s, j.branches).map((r) => (
                <tr key={r.id} data-branch={r.id} class={r.holdout ? "holdout-row" : undefined}>
                  <th scope="row">{r.holdout ? "holdout (control)" : (names.get(r.id) ?? r.id)}</th>
                  <td class="num">{count(r.stats.visitors)}</td>
                  <td class="num" data-cell="exposures">
                    {count(r.stats.exposures)}
                  </td>
                  <td class="num">{count(r.stats.dismissals)}</td>
                  <td class="num">{count(r.stats.conversions)}</td>
                  <td class="num">{percent(r.stats.conversionRate)}</td>
                  <td>{r.holdout ? <span class="muted">–</span> : <QaCell qa={branchQa(data.qa, id, r.id)} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="stages-title">
        <h2 id="stages-title">Stages</h2>
        <div class="table-wrap">
          <table data-table="stages">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" class="num">
                  In it now
                </th>
                <th scope="col" class="num">
                  Entries
                </th>
                <th scope="col" class="num">
                  Exposures
                </th>
                <th scope="col" class="num">
                  Dismissals
                </th>
                <th scope="col" class="num">
                  Conversions
                </th>
              </tr>
            </thead>
            <tbody>
              {stageRows(s, j.stages).map((st) => (
                <tr key={st.id} data-stage={st.id}>
                  <th scope="row">
                    {st.id} {st.exit && <span class="badge">exit</span>}
                  </th>
                  <td class="num">{count(st.current)}</td>
                  <td class="num">{count(st.entries)}</td>
                  <td class="num">{count(st.exposures)}</td>
                  <td class="num">{count(st.dismissals)}</td>
                  <td class="num">{count(st.conversions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="daily-title">
        <h2 id="daily-title">
          Daily, {s.from} to {s.to}
        </h2>
        <DailyChart daily={s.daily} />
      </section>
    </div>
  );
}
