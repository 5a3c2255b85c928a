import { useState } from "preact/hooks";
import { ACTION_LABELS, ACTION_TYPES, newAction, type ActionType } from "../lib/action-fields.ts";
import { stageActions } from "../lib/map-edits.ts";
import { CheckboxField } from "./checkbox-field.tsx";
import { useEditor } from "./editor-context.ts";
import { focusFormField } from "./map-form-link.ts";
import { TextField } from "./text-field.tsx";

type Row = Record<string, unknown>;

const actionSummary = (a: Row): string => {
  const what = typeof a.html === "string" ? a.html : typeof a.text === "string" ? a.text : (a.selector ?? a.url ?? "");
  const text = String(what)
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 60 ? text.slice(0, 59) + "…" : text;
};

/**
 * The selected stage on the map: its id, name and exit flag, what it does (its actions, each a link to its card in
 * the form), and the map's commands for it (add a transition from it, add an action to it, delete it).
 */
export function MapStagePanel(p: {
  index: number;
  onRenamed: (id: string) => void;
  onConnect: () => void;
  onDelete: () => void;
  onAddAction: (action: Row) => void;
}) {
  const ed = useEditor();
  const [adding, setAdding] = useState<ActionType>("insert");
  const [formHidden, setFormHidden] = useState(false);
  const stages = (ed.draft.stages as Row[] | undefined) ?? [];
  const stage = stages[p.index] ?? {};
  const id = String(stage.id ?? "");
  const base = ["stages", p.index] as const;
  const actions = (ed.draft.actions as Row[] | undefined) ?? [];
  const mine = stageActions(ed.draft, id);
  const isStart = ed.draft.start === id;
  return (
    <section class="map-panel" aria-labelledby="map-panel-title" data-panel="stage">
      <header class="section-head">
        <h3 id="map-panel-title">
          Stage <span class="mono">{id}</span> {isStart && <span class="badge">start</span>}
        </h3>
        <div class="panel-buttons">
          <button type="button" class="btn small" onClick={p.onConnect} aria-keyshortcuts="T">
            Add transition from here…
          </button>
          {!isStart && (
            <button type="button" class="btn small ghost" onClick={() => ed.set(["start"], id)}>
              Make it the start
            </button>
          )}
          <button type="button" class="btn small danger" onClick={p.onDelete} aria-keyshortcuts="Delete">
            Delete stage
          </button>
        </div>
      </header>
      <div class="row">
        <TextField
          id="map-stage-id"
          label="Stage id"
          value={id}
          errors={ed.issues.get(`stages.${p.index}.id`)}
          hint="Renaming carries to its transitions and actions"
          onInput={(v) => {
            ed.set([...base, "id"], v);
            p.onRenamed(v);
          }}
        />
        <TextField
          id="map-stage-name"
          label="Display name"
          value={typeof stage.name === "string" ? stage.name : ""}
          errors={ed.issues.get(`stages.${p.index}.name`)}
          onInput={(v) => ed.set([...base, "name"], v === "" ? undefined : v)}
        />
        <CheckboxField
          id="map-stage-exit"
          label="Exit stage (ends the journey)"
          checked={stage.exit === true}
          onChange={(c) => ed.set([...base, "exit"], c ? true : undefined)}
        />
      </div>
      <h4 id="map-stage-actions">
        Actions in this stage <span class="muted">({mine.length})</span>
      </h4>
      {mine.length === 0 && <p class="hint">None: visitors in this stage see the page as it is.</p>}
      <ul class="map-actions" aria-labelledby="map-stage-actions">
        {mine.map((i) => {
          const a = actions[i] ?? {};
          const label = ACTION_LABELS[a.type as ActionType] ?? String(a.type);
          const name = typeof a.id === "string" && a.id ? a.id : `a${i}`;
          return (
            <li key={i} data-action={i}>
              <span>
                {label} <span class="muted mono">{name}</span>
                {a.stage === undefined && <span class="muted"> (every stage)</span>}
              </span>
              <span class="muted small">{actionSummary(a)}</span>
              <button
                type="button"
                class="btn small ghost"
                aria-label={`Edit ${label} ${name} in the form`}
                onClick={() => setFormHidden(!focusFormField(`actions.${i}`))}
              >
                Edit…
              </button>
            </li>
          );
        })}
      </ul>
      {formHidden && <p class="hint">The details are in the form: switch the editor view to Form.</p>}
      <div class="add-row">
        <label class="visually-hidden" for="map-add-action-type">
          Action type to add to this stage
        </label>
        <select
          id="map-add-action-type"
          value={adding}
          onChange={(e) => setAdding((e.currentTarget as HTMLSelectElement).value as ActionType)}
        >
          {ACTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {ACTION_LABELS[t]}
            </option>
          ))}
        </select>
        <button type="button" class="btn small" onClick={() => p.onAddAction(newAction(adding) as Row)}>
          Add action to this stage
        </button>
      </div>
    </section>
  );
}
