import type { MetricView } from "../lib/results-model.ts";
import { ForestPlot } from "./forest-plot.tsx";

/**
 * One metric: a row per group with visitors, value, the difference against the control with its interval (also
 * drawn as a forest plot on a scale shared by the rows), and the verdict in words with a symbol (never colour alone).
 */
export function MetricTable({ m, headingLevel = 3 }: { m: MetricView; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? "h3" : "h4";
  const titleId = `metric-${m.id}-${headingLevel}`;
  return (
    <article class={`metric metric-${m.role}`} data-metric={m.id} data-kind={m.kind} aria-labelledby={titleId}>
      <header class="metric-head">
        <H id={titleId}>
          {m.title} <span class={`badge role-${m.role}`}>{m.roleLabel}</span> <span class="badge kind">{m.kind}</span>
        </H>
        <p class="hint">{m.description}</p>
      </header>
      <div class="table-wrap">
        <table class="metric-table" data-table={`metric-${m.id}`}>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" class="num">
                Visitors
              </th>
              <th scope="col" class="num">
                {m.kind === "conversion" ? "Rate" : "Per visitor"}
              </th>
              <th scope="col">Difference vs control</th>
              <th scope="col" class="forest-col">
                <span class="visually-hidden">Interval plot, </span>
                <span class="scale" aria-hidden="true">
                  <span>{m.scale.min}</span>
                  <span>0</span>
                  <span>{m.scale.max}</span>
                </span>
              </th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {m.rows.map((r) => (
              <tr
                key={r.group}
                data-group={r.group}
                data-verdict={r.verdict ?? (r.control ? "control" : "none")}
                class={r.control ? "holdout-row" : undefined}
              >
                <th scope="row">{r.label}</th>
                <td class="num" data-cell="visitors">
                  {r.visitors}
                </td>
                <td class="num" data-cell="value">
                  {r.value}
                </td>
                <td data-cell="diff">
                  {r.control ? (
                    <span class="muted">baseline</span>
                  ) : r.diff ? (
                    <>
                      <strong>{r.diff}</strong>
                      <br />
                      <span class="small muted" data-cell="interval">
                        {r.interval}
                      </span>
                    </>
                  ) : (
                    <span class="muted">no comparison yet</span>
                  )}
                </td>
                <td class="forest-col">{!r.control && <ForestPlot mark={r.forest} text={r.forestText} />}</td>
                <td data-cell="verdict">
                  <span class={`verdict tone-${r.copy.tone}`}>
                    {r.copy.symbol && (
                      <span class="verdict-symbol" aria-hidden="true">
                        {r.copy.symbol}
                      </span>
                    )}
                    {r.copy.text}
                  </span>
                  {r.pValue && <span class="small muted block">{r.pValue}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
