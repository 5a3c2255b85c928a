import { PROGRAM_EFFECTIVE_METRICS } from "@waymark/shared";
import { useState } from "preact/hooks";
import { CumulativeChart } from "../components/cumulative-chart.tsx";
import { MetricTable } from "../components/metric-table.tsx";
import { PeriodPicker } from "../components/period-picker.tsx";
import { SrmBanner } from "../components/srm-banner.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { count, percent } from "../lib/format.ts";
import { periodRange } from "../lib/period.ts";
import {
  correctionText,
  groupLabel,
  methodText,
  metricViews,
  srmView,
  type MetricDef,
  type Method,
} from "../lib/results-model.ts";
import { period } from "../state.ts";

const NAMES = new Map([
  ["personalized", "personalized"],
  ["holdout", "global holdout"],
]);
const DEFS: MetricDef[] = PROGRAM_EFFECTIVE_METRICS.map((m) => ({
  id: m.id,
  event: m.events,
  ...(m.field ? { field: m.field } : {}),
}));

/**
 * What all personalization together is worth (issue 16): visitors personalized against the global holdout
 * (GLOBAL_HOLDOUT), who get no journey at all, by purchases and revenue, with the results page's tables and charts.
 */
export function ProgramPage() {
  const range = periodRange(period.value, Date.now());
  const [method, setMethod] = useState<Method>("sequential");
  const res = useResource((c) => c.program({ ...range, method }), `${range.from}:${range.to}:${method}`);
  const s = res.data;
  const controls = (
    <div class="page-actions">
      <PeriodPicker />
      <div class="segmented" role="group" aria-label="Interval method">
        <button type="button" aria-pressed={method === "sequential"} onClick={() => setMethod("sequential")}>
          Peeking-safe
        </button>
        <button type="button" aria-pressed={method === "fixed"} onClick={() => setMethod("fixed")}>
          Fixed horizon
        </button>
      </div>
    </div>
  );
  const head = (
    <header class="page-head">
      <div>
        <h1>Program</h1>
        <p class="hint">
          Every journey together against the global holdout: visitors kept out of all personalization (no actions, no
          nudges, no redirects) as the program's control.
        </p>
      </div>
      {controls}
    </header>
  );
  if (!s)
    return (
      <div class="page">
        {head}
        <StatusMessage loading={res.loading} error={res.error} />
      </div>
    );
  const views = metricViews(s, { branchOrder: ["personalized"], names: NAMES, defs: DEFS });
  const srm = srmView(s.srm, s.control, NAMES);
  const enrolled = Object.values(s.metrics[0]?.groups ?? {}).reduce((n, g) => n + g.visitors, 0);
  const chartGroups = (groups: string[]) => groups.map((g) => ({ group: g, label: groupLabel(g, s.control, NAMES) }));
  return (
    <div class="page results-page program-page">
      {head}
      <StatusMessage loading={false} error={res.error} />
      <p class={`notice ${s.globalHoldout > 0 ? "info" : "warn"}`} data-note="global-holdout">
        {s.globalHoldout > 0
          ? `Global holdout: ${percent(s.globalHoldout)} of visitors get no personalization (GLOBAL_HOLDOUT = ${s.globalHoldout}).`
          : "The global holdout is off (GLOBAL_HOLDOUT = 0): nobody new is measured. Set it to, say, 0.05 to keep 5% of visitors out of all journeys as the program's control."}{" "}
        {count(enrolled)} visitors enrolled so far.
      </p>
      {srm && <SrmBanner srm={srm} />}
      <section class="card" aria-labelledby="program-metrics-title" aria-busy={res.loading ? "true" : undefined}>
        <h2 id="program-metrics-title">Uplift of the whole program</h2>
        <ul class="method-notes">
          <li data-note="method">{methodText(s.method, s.alpha)}</li>
          <li data-note="correction">{correctionText(s)}.</li>
          <li data-note="minimums">
            No verdict below 100 visitors per group (and, for purchases, before 10 buyers in one of the two groups).
          </li>
          {s.srm.note && !srm && <li data-note="srm">{s.srm.note}</li>}
        </ul>
        {views.map((m) => (
          <div key={m.id} class="metric-block">
            <MetricTable m={m} />
            <details open={m.role === "primary"} class="metric-chart">
              <summary>{m.title} over time</summary>
              <CumulativeChart m={m} groups={chartGroups(m.rows.map((r) => r.group))} />
            </details>
          </div>
        ))}
      </section>
    </div>
  );
}
