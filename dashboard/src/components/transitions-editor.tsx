import { BUILTIN_EVENTS } from "@waymark/shared";
import { fieldId } from "../lib/field-key.ts";
import { checkedIds, fromChecked } from "../lib/field-spec.ts";
import { hasIssueUnder } from "../lib/place-issues.ts";
import { moved, without } from "../lib/set-in.ts";
import { CheckGroup } from "./check-group.tsx";
import { ConditionsEditor } from "./conditions-editor.tsx";
import { Disclosure } from "./disclosure.tsx";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";
import { EventHint } from "./event-hint.tsx";
import { RowButtons } from "./row-buttons.tsx";
import { Section } from "./section.tsx";
import { SelectField } from "./select-field.tsx";
import { SpecField } from "./spec-field.tsx";

type Row = Record<string, unknown>;

/** How visitors move: on an event, or after time spent in a stage; optionally only when conditions hold. */
export function TransitionsEditor() {
  const ed = useEditor();
  const list = (ed.draft.transitions as Row[] | undefined) ?? [];
  const add = () =>
    ed.set(
      ["transitions"],
      [...list, { from: ed.stageIds[0] ?? "*", to: ed.stageIds[1] ?? ed.stageIds[0] ?? "", on: "add_to_cart" }],
    );
  return (
    <Section
      field="transitions"
      title="Transitions"
      intro="On an event, the first matching transition in this order is taken; “after” moves happen by themselves."
      actions={
        <button type="button" class="btn small" onClick={add}>
          Add transition
        </button>
      }
    >
      <datalist id="builtin-events">
        {BUILTIN_EVENTS.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      <ol class="rows">
        {list.map((t, i) => {
          const base = ["transitions", i];
          const key = `transitions.${i}`;
          const trigger = t.after !== undefined ? "after" : "on";
          const from = t.from === "*" ? ["*"] : checkedIds(t.from);
          const when = (t.when as unknown[] | undefined) ?? [];
          return (
            <li key={i} class="row-item" id={fieldId(key)} tabIndex={-1}>
              <div class="row">
                <CheckGroup
                  id={fieldId(`${key}.from`)}
                  legend="From"
                  options={[{ value: "*", label: "any stage" }, ...ed.stageIds.map((s) => ({ value: s, label: s }))]}
                  checked={from}
                  errors={ed.issues.get(`${key}.from`)}
                  onChange={(ids) => {
                    const any = ids.includes("*") && !from.includes("*");
                    ed.set([...base, "from"], any ? "*" : (fromChecked(ids.filter((x) => x !== "*")) ?? "*"));
                  }}
                />
              </div>
              <div class="row">
                <SelectField
                  id={fieldId(`${key}.to`)}
                  label="To"
                  value={String(t.to ?? "")}
                  options={ed.stageIds.map((s) => ({ value: s, label: s }))}
                  errors={ed.issues.get(`${key}.to`)}
                  onChange={(v) => ed.set([...base, "to"], v)}
                />
                <SelectField
                  id={fieldId(`${key}.trigger`)}
                  label="When"
                  value={trigger}
                  options={[
                    { value: "on", label: "on event" },
                    { value: "after", label: "after time in stage" },
                  ]}
                  onChange={(v) => {
                    const { on: _on, after: _after, ...rest } = t;
                    ed.set(base, v === "after" ? { ...rest, after: "30m" } : { ...rest, on: "add_to_cart" });
                  }}
                />
                {(trigger === "on" || t.on !== undefined) && (
                  <SpecField
                    base={base}
                    owner={t}
                    spec={{
                      name: "on",
                      label: "Event",
                      kind: "text",
                      placeholder: "add_to_cart",
                      list: "builtin-events",
                      required: true,
                    }}
                  />
                )}
                {t.after !== undefined && (
                  <SpecField
                    base={base}
                    owner={t}
                    spec={{
                      name: "after",
                      label: "Duration",
                      kind: "text",
                      placeholder: "30m",
                      hint: "e.g. 45s, 30m, 2h, 7d",
                      required: true,
                    }}
                  />
                )}
                <RowButtons
                  label={`transition ${i + 1}`}
                  onUp={i > 0 ? () => ed.set(["transitions"], moved(list, i, -1)) : undefined}
                  onDown={i < list.length - 1 ? () => ed.set(["transitions"], moved(list, i, 1)) : undefined}
                  onRemove={() => ed.set(["transitions"], without(list, i))}
                />
              </div>
              {trigger === "on" && t.on !== undefined && <EventHint on={t.on} />}
              <FieldErrors id={`${fieldId(key)}-err`} messages={ed.issues.get(key)} />
              <Disclosure
                class="sub"
                summary={`Conditions (${when.length})`}
                reveal={when.length > 0 || hasIssueUnder(ed.issues, `${key}.when`)}
              >
                <ConditionsEditor path={[...base, "when"]} label="Only when" />
              </Disclosure>
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
