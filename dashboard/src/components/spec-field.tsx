import { useState } from "preact/hooks";
import { fieldId, fieldKey, type FieldPath } from "../lib/field-key.ts";
import { checkedIds, displayText, fromChecked, fromInput, type FieldSpec } from "../lib/field-spec.ts";
import { SOURCE_LABELS } from "../lib/condition-fields.ts";
import { AudiencePicker } from "./audience-picker.tsx";
import { CheckGroup } from "./check-group.tsx";
import { CheckboxField } from "./checkbox-field.tsx";
import { ConditionsEditor } from "./conditions-editor.tsx";
import { useEditor } from "./editor-context.ts";
import { SelectField } from "./select-field.tsx";
import { SelectorTest } from "./selector-test.tsx";
import { TextField } from "./text-field.tsx";

const DEVICES = ["mobile", "tablet", "desktop"].map((d) => ({ value: d, label: d }));

/** One field of a condition or action, drawn from its FieldSpec and bound to the draft at `base`.`spec.name`. */
export function SpecField({ base, spec, owner }: { base: FieldPath; spec: FieldSpec; owner: Record<string, unknown> }) {
  const ed = useEditor();
  const path = [...base, spec.name];
  const key = fieldKey(path);
  const id = fieldId(key);
  const errors = ed.issues.get(key);
  const value = owner[spec.name];
  const [typed, setTyped] = useState<string | null>(null);

  switch (spec.kind) {
    case "bool":
      return (
        <CheckboxField
          id={id}
          label={spec.label}
          checked={value === true}
          errors={errors}
          onChange={(c) => ed.set(path, c || undefined)}
        />
      );
    case "select":
      return (
        <SelectField
          id={id}
          label={spec.label}
          value={value === undefined ? String(spec.options?.[0] ?? "") : String(value)}
          options={(spec.options ?? []).map((o) => ({ value: String(o), label: spec.optionLabels?.[o] ?? String(o) }))}
          errors={errors}
          onChange={(v) => ed.set(path, fromInput("select", v, spec.options))}
        />
      );
    case "devices":
    case "stages":
    case "branches": {
      const options =
        spec.kind === "devices"
          ? DEVICES
          : (spec.kind === "stages" ? ed.stageIds : ed.branchIds).map((s) => ({ value: s, label: s }));
      return (
        <CheckGroup
          id={id}
          legend={spec.label}
          options={options}
          checked={checkedIds(value)}
          hint={spec.hint}
          errors={errors}
          onChange={(ids) => ed.set(path, fromChecked(ids))}
        />
      );
    }
    case "sources":
      return (
        <CheckGroup
          id={id}
          legend={spec.label}
          options={Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))}
          checked={checkedIds(value)}
          hint={spec.hint}
          errors={errors}
          onChange={(ids) => ed.set(path, ids.length ? ids : undefined)}
        />
      );
    case "audience":
      return (
        <AudiencePicker
          id={id}
          label={spec.label}
          value={typeof value === "string" ? value : ""}
          errors={errors}
          onChange={(v) => ed.set(path, v)}
        />
      );
    case "conditions":
      return <ConditionsEditor path={path} label={spec.label} />;
    default: {
      const multiline = spec.kind === "html" || spec.kind === "textarea" || spec.kind === "json";
      const field = (
        <TextField
          id={id}
          label={spec.label}
          value={displayText(spec.kind, typed, value, spec.options, spec.required)}
          placeholder={spec.placeholder}
          list={spec.list}
          hint={spec.hint}
          errors={errors}
          multiline={multiline}
          rows={spec.kind === "html" ? 5 : spec.kind === "json" ? 12 : 3}
          mono={spec.kind === "html" || spec.kind === "json"}
          inputMode={spec.kind === "int" ? "numeric" : spec.kind === "number" ? "decimal" : undefined}
          class={multiline ? "wide" : undefined}
          onInput={(text) => {
            setTyped(text);
            ed.set(path, fromInput(spec.kind, text, spec.options, spec.required));
          }}
        />
      );
      // Selectors of actions and tracking rules: checked on save (Selector schema), and testable on a real page.
      if (spec.name === "selector")
        return (
          <div class="selector-field">
            {field}
            <SelectorTest id={id} selector={typeof value === "string" ? value : ""} />
          </div>
        );
      return field;
    }
  }
}
