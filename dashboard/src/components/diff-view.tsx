import type { DiffResponse } from "@waymark/shared";
import { useMemo } from "preact/hooks";
import { diffModel, type DiffJourneyModel } from "../lib/diff-model.ts";
import { changeCount, journeyDiffSections } from "../lib/journey-diff.ts";
import { sampleValues } from "../lib/preview-html.ts";
import { DiffFieldView, DiffItemOneSide } from "./diff-field-view.tsx";

const CHANGE_TEXT = { added: "new", removed: "removed", changed: "changed" } as const;

/**
 * What changes between two rulesets, journey by journey: sections in the form's order, each changed item in plain
 * words with its fields before and after side by side, HTML rendered and as source, the differing words marked.
 * The JSON pointers stay available, folded, for whoever reads JSON.
 */
export function DiffView({ diff, empty }: { diff: DiffResponse; empty: string }) {
  const models = diffModel(diff);
  const changed = models.filter((m) => m.change !== "unchanged");
  const unchanged = models.filter((m) => m.change === "unchanged");
  const values = useMemo(() => sampleValues(Date.now()), []);
  const byId = new Map(diff.journeys.map((j) => [j.id, j]));
  return (
    <div class="diff" data-from={String(diff.from)} data-to={String(diff.to)}>
      {changed.length === 0 && <p class="empty">{empty}</p>}
      {changed.map((m) => {
        const j = byId.get(m.id);
        const sections = journeyDiffSections(j?.before, j?.after);
        const n = changeCount(sections);
        return (
          <article key={m.id} class={`diff-journey ${m.change}`} data-journey={m.id} data-change={m.change}>
            <h3>
              <span class={`badge change-${m.change}`}>{m.change === "added" ? "new journey" : m.change}</span> {m.name}{" "}
              <span class="muted mono small">{m.id}</span>
              {m.change === "changed" && (
                <span class="muted small">
                  {n} {n === 1 ? "change" : "changes"}
                </span>
              )}
            </h3>
            {sections.map((s) => (
              <section key={s.id} class="diff-section" data-section={s.id}>
                <h4>{s.title}</h4>
                {s.items.map((item) => (
                  <div key={item.key} class={`diff-item ${item.change}`} data-item={item.key} data-change={item.change}>
                    {item.label && (
                      <h5>
                        {item.change !== "changed" && (
                          <span class={`badge change-${item.change}`}>{CHANGE_TEXT[item.change]}</span>
                        )}{" "}
                        {item.label}
                      </h5>
                    )}
                    {item.change === "changed" ? (
                      item.fields.map((f) => <DiffFieldView key={f.key} item={item} field={f} values={values} />)
                    ) : (
                      <DiffItemOneSide item={item} values={values} />
                    )}
                  </div>
                ))}
              </section>
            ))}
            {m.rows.length > 0 && <PointerTable model={m} />}
          </article>
        );
      })}
      {unchanged.length > 0 && <p class="muted small">Unchanged: {unchanged.map((m) => m.name).join(", ")}</p>}
    </div>
  );
}

/** The changed fields as JSON pointers and values, folded: for developers comparing with the API or the CLI. */
function PointerTable({ model }: { model: DiffJourneyModel }) {
  return (
    <details class="diff-json">
      <summary>The same changes as JSON fields</summary>
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
            {model.rows.map((r) => (
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
    </details>
  );
}
