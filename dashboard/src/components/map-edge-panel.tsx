import { useState } from "preact/hooks";
import { CONDITION_LABELS, type ConditionType } from "../lib/condition-fields.ts";
import { useEditor } from "./editor-context.ts";
import { focusFormField } from "./map-form-link.ts";
import { SelectField } from "./select-field.tsx";
import { TextField } from "./text-field.tsx";

type Row = Record<string, unknown>;
const name = (s: unknown) => (s === "*" ? "any stage" : String(s));

/**
 * The selected arrow on the map: how visitors move along it (event or delay), its conditions (edited in the form's
 * transition, one click away), and delete.
 */
export function MapEdgePanel(p: { index: number; from: string; onDelete: () => void }) {
  const ed = useEditor();
  const t = ((ed.draft.transitions as Row[] | undefined) ?? [])[p.index] ?? {};
  const base = ["transitions", p.index] as const;
  const key = `transitions.${p.index}`;
  const trigger = t.after !== undefined ? "after" : "on";
  const when = Array.isArray(t.when) ? (t.when as Row[]) : [];
  const others = Array.isArray(t.from) ? t.from.filter((f) => f !== p.from) : [];
  const [formHidden, setFormHidden] = useState(false);
  const editConditions = () => {
    // The form's conditions for this transition, opened, with focus on "Add condition".
    setFormHidden(!focusFormField(`${key}.when`));
    (document.getElementById(`f-transitions-${p.index}-when-add`) as HTMLElement | null)?.focus();
  };
  return (
    <section class="map-panel" aria-labelledby="map-panel-title" data-panel="transition">
      <header class="section-head">
        <h3 id="map-panel-title">
          Transition from <span class="mono">{name(p.from)}</span> to <span class="mono">{String(t.to ?? "")}</span>
        </h3>
        <div class="panel-buttons">
          <button type="button" class="btn small danger" onClick={p.onDelete} aria-keyshortcuts="Delete">
            Delete transition
          </button>
        </div>
      </header>
      {others.length > 0 && (
        <p class="hint">Also from {others.map(name).join(", ")}: deleting this arrow keeps those.</p>
      )}
      <div class="row">
        <SelectField
          id="map-edge-trigger"
          label="Visitors move"
          value={trigger}
          options={[
            { value: "on", label: "on an event" },
            { value: "after", label: "after a delay in the stage" },
          ]}
          onChange={(v) => {
            const { on: _on, after: _after, ...rest } = t;
            ed.set(base, v === "after" ? { ...rest, after: "30m" } : { ...rest, on: "add_to_cart" });
          }}
        />
        {trigger === "on" ? (
          <TextField
            id="map-edge-on"
            label="Event"
            value={String(t.on ?? "")}
            list="builtin-events"
            errors={ed.issues.get(`${key}.on`)}
            onInput={(v) => ed.set([...base, "on"], v)}
          />
        ) : (
          <TextField
            id="map-edge-after"
            label="Delay"
            value={String(t.after ?? "")}
            hint="e.g. 45s, 30m, 2h, 7d"
            errors={ed.issues.get(`${key}.after`)}
            onInput={(v) => ed.set([...base, "after"], v)}
          />
        )}
      </div>
      <h4 id="map-edge-when">
        Only when <span class="muted">({when.length ? `${when.length}, all must hold` : "always"})</span>
      </h4>
      {when.length > 0 && (
        <ul class="map-actions" aria-labelledby="map-edge-when">
          {when.map((c, i) => (
            <li key={i}>{CONDITION_LABELS[c.type as ConditionType] ?? String(c.type)}</li>
          ))}
        </ul>
      )}
      <button type="button" class="btn small" onClick={editConditions}>
        {when.length ? "Edit conditions…" : "Add a condition…"}
      </button>
      {formHidden && <p class="hint">The conditions are in the form: switch the editor view to Form.</p>}
    </section>
  );
}
