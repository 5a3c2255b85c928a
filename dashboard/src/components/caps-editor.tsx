import { useEditor } from "./editor-context.ts";
import { Section } from "./section.tsx";
import { SpecField } from "./spec-field.tsx";
import { ConditionsEditor } from "./conditions-editor.tsx";

type Obj = Record<string, unknown>;

/** Goals, frequency caps and re-entry: how often the journey may act and when it counts as converted. */
export function CapsEditor() {
  const ed = useEditor();
  const caps = (ed.draft.caps as Obj | undefined) ?? {};
  const reentry = (ed.draft.reentry as Obj | undefined) ?? {};
  return (
    <Section field="caps" title="Audience, goals and caps">
      <ConditionsEditor path={["when"]} label="Audience: the journey only acts when" />
      <div class="grid">
        <SpecField
          base={[]}
          owner={ed.draft}
          spec={{
            name: "goals",
            label: "Goal events",
            kind: "list",
            placeholder: "purchase, signup",
            hint: "a goal event is a conversion and ends the journey",
          }}
        />
        <SpecField base={["caps"]} owner={caps} spec={{ name: "perSession", label: "Max. per session", kind: "int" }} />
        <SpecField base={["caps"]} owner={caps} spec={{ name: "perDay", label: "Max. per day", kind: "int" }} />
        <SpecField
          base={["caps"]}
          owner={caps}
          spec={{
            name: "dismissCooldown",
            label: "After a dismissal, wait",
            kind: "text",
            placeholder: "7d",
            hint: "empty: never again",
          }}
        />
        <SpecField
          base={["reentry"]}
          owner={reentry}
          spec={{
            name: "policy",
            label: "Re-entry after exit",
            kind: "select",
            options: ["always", "once", "cooldown"],
          }}
        />
        <SpecField
          base={["reentry"]}
          owner={reentry}
          spec={{ name: "cooldown", label: "Re-entry cooldown", kind: "text", placeholder: "30d" }}
        />
      </div>
    </Section>
  );
}
