import { fieldId } from "../lib/field-key.ts";
import { FieldErrors } from "./field-errors.tsx";
import { JourneyScheduleFields } from "./journey-schedule-fields.tsx";
import { useEditor } from "./editor-context.ts";
import { Section } from "./section.tsx";
import { SelectField } from "./select-field.tsx";
import { SpecField } from "./spec-field.tsx";

/** Name, id, priority, start stage, schedule, traffic and group: what the journey is called, when and for whom it runs. */
export function JourneyBasics({ isNew }: { isNew: boolean }) {
  const ed = useEditor();
  const d = ed.draft;
  return (
    <Section field="" title="Journey">
      <div class="grid">
        <SpecField base={[]} owner={d} spec={{ name: "name", label: "Name", kind: "text", required: true }} />
        {isNew ? (
          <SpecField
            base={[]}
            owner={d}
            spec={{
              name: "id",
              label: "Id",
              kind: "text",
              required: true,
              hint: "letters, digits, - and _; fixed once saved",
            }}
          />
        ) : (
          <div class="field">
            <span class="label">Id</span>
            <code class="readonly" id={fieldId("id")} tabIndex={-1}>
              {String(d.id)}
            </code>
            <FieldErrors id={`${fieldId("id")}-err`} messages={ed.issues.get("id")} />
          </div>
        )}
        <SpecField
          base={[]}
          owner={d}
          spec={{ name: "priority", label: "Priority", kind: "int", hint: "higher wins a contested slot" }}
        />
        <SelectField
          id={fieldId("start")}
          label="Start stage"
          value={String(d.start ?? "")}
          options={ed.stageIds.map((s) => ({ value: s, label: s }))}
          errors={ed.issues.get("start")}
          onChange={(v) => ed.set(["start"], v)}
        />
      </div>
      <SpecField base={[]} owner={d} spec={{ name: "description", label: "Description", kind: "textarea" }} />
      <JourneyScheduleFields />
      <SpecField
        base={[]}
        owner={d}
        spec={{ name: "allowScripts", label: "Allow scripts and event handlers in this journey's HTML", kind: "bool" }}
      />
    </Section>
  );
}
