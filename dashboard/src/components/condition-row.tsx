import type { FieldPath } from "../lib/field-key.ts";
import { fieldId, fieldKey } from "../lib/field-key.ts";
import {
  CONDITION_FIELDS,
  CONDITION_LABELS,
  CONDITION_TYPES,
  isConditionType,
  newCondition,
} from "../lib/condition-fields.ts";
import { savedAudiences } from "../lib/saved-audiences.ts";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";
import { SelectField } from "./select-field.tsx";
import { SpecField } from "./spec-field.tsx";

/** One condition: its type, "not", and the inputs of that type. */
export function ConditionRow({
  path,
  condition,
  onRemove,
}: {
  path: FieldPath;
  condition: Record<string, unknown>;
  onRemove: () => void;
}) {
  const ed = useEditor();
  const key = fieldKey(path);
  const type = condition.type;
  const options = CONDITION_TYPES.map((t) => ({ value: t, label: CONDITION_LABELS[t] }));
  return (
    <div class={`condition ${type === "any" || type === "all" ? "nested" : ""}`} id={fieldId(key)} tabIndex={-1}>
      <div class="row">
        <SelectField
          id={fieldId(`${key}.type`)}
          label="If"
          value={String(type ?? "")}
          options={options}
          errors={ed.issues.get(`${key}.type`)}
          onChange={(t) =>
            isConditionType(t) &&
            ed.set(path, {
              ...newCondition(
                t,
                (savedAudiences.value ?? []).map((a) => a.id),
              ),
              ...(condition.not ? { not: true } : {}),
            })
          }
        />
        <div class="field field-check not">
          <input
            type="checkbox"
            id={fieldId(`${key}.not`)}
            checked={condition.not === true}
            onChange={(e) => ed.set([...path, "not"], (e.currentTarget as HTMLInputElement).checked || undefined)}
          />
          <label for={fieldId(`${key}.not`)}>not</label>
        </div>
        {isConditionType(type) &&
          CONDITION_FIELDS[type]
            .filter((f) => f.kind !== "conditions")
            .map((f) => <SpecField key={f.name} base={path} spec={f} owner={condition} />)}
        <button
          type="button"
          class="btn small ghost remove"
          onClick={onRemove}
          aria-label={`Remove condition ${CONDITION_LABELS[type as keyof typeof CONDITION_LABELS] ?? ""}`}
        >
          Remove
        </button>
      </div>
      <FieldErrors id={`${fieldId(key)}-err`} messages={ed.issues.get(key)} />
      {isConditionType(type) &&
        CONDITION_FIELDS[type]
          .filter((f) => f.kind === "conditions")
          .map((f) => <SpecField key={f.name} base={path} spec={f} owner={condition} />)}
    </div>
  );
}
