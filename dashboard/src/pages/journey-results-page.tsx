import type { QaResult } from "@waymark/shared";
import { DailyChart } from "../components/daily-chart.tsx";
import { JourneyHeader } from "../components/journey-header.tsx";
import { PeriodPicker } from "../components/period-picker.tsx";
import { QaCell } from "../components/qa-cell.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { count } from "../lib/format.ts";
import { periodRange } from "../lib/period.ts";
import { branchQa, branchRows, stageRows } from "../lib/results-model.ts";
import { period } from "../state.ts";

const VERDICT = { better: "better than holdout", worse: "worse than holdout", unclear: "not significant" } as const;

/** Per stage and per branch figures, uplift against the holdout with its interval, the daily series, QA. */
export function JourneyResultsPage({ id }: { id: string }) {
  const range = periodRange(period.value, Date.now());
  const res = useResource(async (c) => {
    const [record, stats, qa] = await Promise.all([
      c.getJourney(id),
      c.stats(id, range),
      c.listQa(id).catch(() => ({ results: [] as QaResult[] })),
    ]);
    return { record, stats, qa: qa.results };
  }, `${id}:${range.from}:${range.to}`);
  const data = res.data;
  const j = data?.record.journey;
  return (
    <div class="page">
      <JourneyHeader id={id} record={data?.record} current="results" actions={<PeriodPicker />} />
      <StatusMessage loading={res.loading && !data} error={res.error} />
      {data && j && (
        <>
          <section class="card" aria-labelledby="branches-title">
            <h2 id="branches-title">Branches</h2>
            <p class="hint">
              Conversions are goal events ({j.goals?.join(", ") || "none set"}). Uplift is the difference in conversion
              rate against the holdout, with a 95% confidence interval.
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
                    <th scope="col">Uplift vs holdout</th>
                    <th scope="col">QA</th>
                  </tr>
                </thead>
                <tbody>
                  {branchRows(data.stats, j.branches).map((r) => (
                    <tr key={r.id} data-branch={r.id} class={r.holdout ? "holdout-row" : undefined}>
                      <th scope="row">{r.holdout ? "holdout (control)" : r.id}</th>
                      <td class="num">{count(r.stats.visitors)}</td>
                      <td class="num" data-cell="exposures">
                        {count(r.stats.exposures)}
                      </td>
                      <td class="num">{count(r.stats.dismissals)}</td>
                      <td class="num">{count(r.stats.conversions)}</td>
                      <td class="num">{r.rate}</td>
                      <td>
                        {r.holdout ? (
                          <span class="muted">baseline</span>
                        ) : r.uplift ? (
                          <span class={`uplift ${r.uplift.verdict}`}>
                            <strong>{r.uplift.diff}</strong> <span class="small">({r.uplift.ci})</span>{" "}
                            <span class="small">{VERDICT[r.uplift.verdict]}</span>
                          </span>
                        ) : (
                          <span class="muted">{j.holdout > 0 ? "not enough data" : "no holdout"}</span>
                        )}
                      </td>
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
                  {stageRows(data.stats, j.stages).map((s) => (
                    <tr key={s.id} data-stage={s.id}>
                      <th scope="row">
                        {s.id} {s.exit && <span class="badge">exit</span>}
                      </th>
                      <td class="num">{count(s.current)}</td>
                      <td class="num">{count(s.entries)}</td>
                      <td class="num">{count(s.exposures)}</td>
                      <td class="num">{count(s.dismissals)}</td>
                      <td class="num">{count(s.conversions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section class="card" aria-labelledby="daily-title">
            <h2 id="daily-title">
              Daily, {data.stats.from} to {data.stats.to}
            </h2>
            <DailyChart daily={data.stats.daily} />
          </section>
        </>
      )}
    </div>
  );
}
