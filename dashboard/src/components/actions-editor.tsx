import { useState } from "preact/hooks";
import { ACTION_LABELS, ACTION_TYPES, newAction, type ActionType } from "../lib/action-fields.ts";
import { moved, without } from "../lib/set-in.ts";
import { ActionCard } from "./action-card.tsx";
import { useEditor } from "./editor-context.ts";
import { Section } from "./section.tsx";

type Row = Record<string, unknown>;

/** What the journey does to the page in each stage and branch. */
export function ActionsEditor() {
  const ed = useEditor();
  const list = (ed.draft.actions as Row[] | undefined) ?? [];
  const [adding, setAdding] = useState<ActionType>("insert");
  const add = () => {
    const stage = ed.stageIds.find((s) => s !== ed.draft.start) ?? ed.stageIds[0];
    ed.set(["actions"], [...list, { ...newAction(adding), ...(stage ? { stage } : {}) }]);
  };
  return (
    <Section
      field="actions"
      title="Actions"
      intro="Page changes are made at the edge while the page streams; nudges are shown by the beacon. Templates: {{cart.count}}, {{cart.value}}, {{cart.lastItem.name}}, {{visitor.visits}}; values are always escaped."
      actions={
        <div class="add-row">
          <label class="visually-hidden" for="add-action-type">
            Action type to add
          </label>
          <select
            id="add-action-type"
            value={adding}
            onChange={(e) => setAdding((e.currentTarget as HTMLSelectElement).value as ActionType)}
          >
            {ACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {ACTION_LABELS[t]}
              </option>
            ))}
          </select>
          <button type="button" class="btn small" onClick={add}>
            Add action
          </button>
        </div>
      }
    >
      {list.length === 0 && <p class="hint">No actions yet: the journey only tracks where visitors are.</p>}
      <ol class="cards">
        {list.map((a, i) => (
          <ActionCard
            key={i}
            index={i}
            count={list.length}
            action={a}
            onMove={(d) => ed.set(["actions"], moved(list, i, d))}
            onRemove={() => ed.set(["actions"], without(list, i))}
          />
        ))}
      </ol>
    </Section>
  );
}
