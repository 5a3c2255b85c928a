import type { StatsResponse } from "@waymark/shared";
import { chartModel } from "../lib/chart-model.ts";
import { count } from "../lib/format.ts";

const KEYS = ["entries", "exposures", "conversions", "dismissals"] as const;
const BOX = { width: 720, height: 240, left: 44, right: 16, top: 14, bottom: 28 };

/** The daily series as lines, with the numbers in a table for those who cannot see the chart. */
export function DailyChart({ daily }: { daily: StatsResponse["daily"] }) {
  if (!daily.length) return <p class="hint">No daily figures in this period.</p>;
  const m = chartModel(daily, KEYS, BOX);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label="Daily entries, exposures, conversions and dismissals"
      >
        {m.yTicks.map((t) => (
          <g key={t.value} class="grid-line">
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={t.y} y2={t.y} />
            <text x={BOX.left - 6} y={t.y + 4} text-anchor="end">
              {count(Math.round(t.value))}
            </text>
          </g>
        ))}
        {m.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={BOX.height - 8} text-anchor="middle" class="x-label">
            {t.label}
          </text>
        ))}
        {m.series.map((s) => (
          <g key={s.key} class={`series s-${s.key}`}>
            <path d={s.d} />
            {s.points.map((p) => (
              <circle key={p.day} cx={p.x} cy={p.y} r={2.5}>
                <title>{`${p.day}: ${p.value} ${s.key}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption class="legend">
        {KEYS.map((k) => (
          <span key={k} class={`lg s-${k}`}>
            {k}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>Daily figures as a table</summary>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {KEYS.map((k) => (
                <th scope="col" class="num" key={k}>
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {daily.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {KEYS.map((k) => (
                  <td class="num" key={k}>
                    {count(d[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
