import { cumulativeChart, formatValue, type MetricView } from "../lib/results-model.ts";

const BOX = { width: 720, height: 220, left: 52, right: 16, top: 14, bottom: 28 };

/**
 * A metric's running value per group over the period (cumulative since enrolment), each group in its own colour
 * and dash pattern, the branches' intervals as bands; the same figures as a table below.
 */
export function CumulativeChart({ m, groups }: { m: MetricView; groups: { group: string; label: string }[] }) {
  if (!m.daily.length) return <p class="hint">No daily figures in this period.</p>;
  const c = cumulativeChart(m.daily, groups, m.kind, BOX);
  return (
    <figure class="chart cumulative" data-chart={m.id}>
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label={`${m.title} per group over time, cumulative: ${groups.map((g) => g.label).join(", ")}`}
      >
        {c.yTicks.map((t) => (
          <g key={t.value} class="grid-line">
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={t.y} y2={t.y} />
            <text x={BOX.left - 6} y={t.y + 4} text-anchor="end">
              {t.label}
            </text>
          </g>
        ))}
        {c.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={BOX.height - 8} text-anchor="middle" class="x-label">
            {t.label}
          </text>
        ))}
        {c.series.map((s, i) => (
          <g key={s.group} class={`series grp grp-${i % 6}`}>
            {s.band && <path class="band" d={s.band} />}
            <path d={s.line} />
            {s.points.map((p) => (
              <circle key={p.day} cx={p.x} cy={p.y} r={2.5}>
                <title>{p.text}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption class="legend">
        {c.series.map((s, i) => (
          <span key={s.group} class={`lg grp grp-${i % 6}`}>
            {s.label}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>{m.title} per day as a table</summary>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {groups.map((g) => (
                <th scope="col" class="num" key={g.group}>
                  {g.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.daily.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {groups.map((g) => {
                  const p = d.groups[g.group];
                  return (
                    <td class="num" key={g.group}>
                      {p ? `${formatValue(m.kind, p.mean)} (${p.visitors})` : "–"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
