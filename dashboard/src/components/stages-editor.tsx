import { fieldId } from "../lib/field-key.ts";
import { moved, without } from "../lib/set-in.ts";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";
import { RowButtons } from "./row-buttons.tsx";
import { Section } from "./section.tsx";
import { SpecField } from "./spec-field.tsx";

type Row = Record<string, unknown>;

/** The stages a visitor moves through; exit stages end the journey. */
export function StagesEditor() {
  const ed = useEditor();
  const stages = (ed.draft.stages as Row[] | undefined) ?? [];
  const add = () => {
    let n = stages.length + 1;
    while (ed.stageIds.includes(`stage-${n}`)) n++;
    ed.set(["stages"], [...stages, { id: `stage-${n}` }]);
  };
  return (
    <Section
      field="stages"
      title="Stages"
      intro="Where a visitor can be in this journey. Reaching an exit stage ends it."
      actions={
        <button type="button" class="btn small" onClick={add}>
          Add stage
        </button>
      }
    >
      <ol class="rows">
        {stages.map((s, i) => (
          <li key={i} class="row-item" id={fieldId(`stages.${i}`)} tabIndex={-1}>
            <div class="row">
              <SpecField
                base={["stages", i]}
                owner={s}
                spec={{ name: "id", label: "Stage id", kind: "text", required: true }}
              />
              <SpecField base={["stages", i]} owner={s} spec={{ name: "name", label: "Display name", kind: "text" }} />
              <SpecField base={["stages", i]} owner={s} spec={{ name: "exit", label: "Exit stage", kind: "bool" }} />
              <RowButtons
                label={`stage ${String(s.id ?? i + 1)}`}
                onUp={i > 0 ? () => ed.set(["stages"], moved(stages, i, -1)) : undefined}
                onDown={i < stages.length - 1 ? () => ed.set(["stages"], moved(stages, i, 1)) : undefined}
                onRemove={() => ed.set(["stages"], without(stages, i))}
              />
            </div>
            <FieldErrors id={`${fieldId(`stages.${i}`)}-err`} messages={ed.issues.get(`stages.${i}`)} />
          </li>
        ))}
      </ol>
    </Section>
  );
}
