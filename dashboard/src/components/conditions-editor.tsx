import { useState } from "preact/hooks";
import { fieldId, fieldKey, type FieldPath } from "../lib/field-key.ts";
import { CONDITION_LABELS, CONDITION_TYPES, newCondition, type ConditionType } from "../lib/condition-fields.ts";
import { savedAudiences } from "../lib/saved-audiences.ts";
import { getIn, without } from "../lib/set-in.ts";
import { ConditionRow } from "./condition-row.tsx";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";

const audienceIds = () => (savedAudiences.value ?? []).map((a) => a.id);

/** A list of conditions (all must hold), each a row; "any"/"all" rows nest another list. */
export function ConditionsEditor({ path, label }: { path: FieldPath; label: string }) {
  const ed = useEditor();
  const [adding, setAdding] = useState<ConditionType>("path");
  const list = (getIn(ed.draft, path) as unknown[] | undefined) ?? [];
  const key = fieldKey(path);
  const id = fieldId(key);
  return (
    <fieldset class="conditions" id={id} tabIndex={-1}>
      <legend>
        {label} {list.length > 1 && <span class="muted">(all must hold)</span>}
      </legend>
      <FieldErrors id={`${id}-err`} messages={ed.issues.get(key)} />
      {list.length === 0 && <p class="hint">No conditions: always applies.</p>}
      {list.map((c, i) => (
        <ConditionRow
          key={i}
          path={[...path, i]}
          condition={(c ?? {}) as Record<string, unknown>}
          onRemove={() => ed.set(path, without(list, i, true))}
        />
      ))}
      <div class="add-row">
        <label class="visually-hidden" for={`${id}-add`}>
          Condition type to add
        </label>
        <select
          id={`${id}-add`}
          value={adding}
          onChange={(e) => setAdding((e.currentTarget as HTMLSelectElement).value as ConditionType)}
        >
          {CONDITION_TYPES.map((t) => (
            <option key={t} value={t}>
              {CONDITION_LABELS[t]}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="btn small"
          onClick={() => ed.set(path, [...list, newCondition(adding, audienceIds())])}
        >
          Add condition
        </button>
      </div>
    </fieldset>
  );
}
