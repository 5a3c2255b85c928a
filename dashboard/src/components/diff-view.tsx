import type { DiffResponse } from "@waymark/shared";
import { diffModel } from "../lib/diff-model.ts";

/** What changes between two rulesets, journey by journey, field by field (before → after). */
export function DiffView({ diff, empty }: { diff: DiffResponse; empty: string }) {
  const models = diffModel(diff);
  const changed = models.filter((m) => m.change !== "unchanged");
  const unchanged = models.filter((m) => m.change === "unchanged");
  return (
    <div class="diff" data-from={String(diff.from)} data-to={String(diff.to)}>
      {changed.length === 0 && <p class="empty">{empty}</p>}
      {changed.map((m) => (
        <article key={m.id} class={`diff-journey ${m.change}`} data-journey={m.id} data-change={m.change}>
          <h3>
            <span class={`badge change-${m.change}`}>{m.change}</span> {m.name}{" "}
            <span class="muted mono small">{m.id}</span>
          </h3>
          {m.rows.length > 0 && (
            <div class="table-wrap">
              <table class="compact diff-table">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {m.rows.map((r) => (
                    <tr key={r.pointer}>
                      <th scope="row" class="mono">
                        {r.pointer || "/"}
                      </th>
                      <td class="mono before">{r.before ?? <span class="muted">(absent)</span>}</td>
                      <td class="mono after">{r.after ?? <span class="muted">(absent)</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      ))}
      {unchanged.length > 0 && <p class="muted small">Unchanged: {unchanged.map((m) => m.name).join(", ")}</p>}
    </div>
  );
}
