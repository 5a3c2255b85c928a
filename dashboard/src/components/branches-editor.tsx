import { useState } from "preact/hooks";
import { fieldId } from "../lib/field-key.ts";
import { displayText, fromInput } from "../lib/field-spec.ts";
import { branchShares } from "../lib/branch-shares.ts";
import { moved, without } from "../lib/set-in.ts";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";
import { RowButtons } from "./row-buttons.tsx";
import { Section } from "./section.tsx";
import { SelectField } from "./select-field.tsx";
import { SpecField } from "./spec-field.tsx";
import { TextField } from "./text-field.tsx";

type Row = Record<string, unknown>;

/** Branches (variants) with weights, and the holdout share that gets nothing and is counted as control. */
export function BranchesEditor() {
  const ed = useEditor();
  const list = (ed.draft.branches as Row[] | undefined) ?? [];
  const holdout = ed.draft.holdout;
  const shares = branchShares(list, holdout);
  const [typed, setTyped] = useState<string | null>(null);
  const holdoutPct = typeof holdout === "number" ? Math.round(holdout * 10_000) / 100 : holdout;
  const add = () => {
    let n = list.length + 1;
    while (ed.branchIds.includes(`variant-${n}`)) n++;
    ed.set(["branches"], [...list, { id: `variant-${n}`, weight: 1 }]);
  };
  return (
    <Section
      field="branches"
      title="Branches and holdout"
      intro="Each visitor is assigned one branch for good (by a hash of their id); the holdout sees nothing and is the baseline for uplift."
      actions={
        <button type="button" class="btn small" onClick={add}>
          Add branch
        </button>
      }
    >
      <div class="grid">
        <TextField
          id={fieldId("holdout")}
          label="Holdout (% of visitors)"
          value={displayText("number", typed, holdoutPct)}
          inputMode="decimal"
          errors={ed.issues.get("holdout")}
          onInput={(text) => {
            setTyped(text);
            const v = fromInput("number", text);
            ed.set(["holdout"], typeof v === "number" ? v / 100 : v);
          }}
        />
        <SelectField
          id={fieldId("allocation")}
          label="Allocation"
          value={String(ed.draft.allocation ?? "fixed")}
          options={[
            { value: "fixed", label: "fixed weights" },
            { value: "thompson", label: "adaptive (Thompson sampling on goals)" },
          ]}
          errors={ed.issues.get("allocation")}
          onChange={(v) => ed.set(["allocation"], v)}
        />
      </div>
      <ol class="rows">
        {list.map((b, i) => (
          <li key={i} class="row-item" id={fieldId(`branches.${i}`)} tabIndex={-1}>
            <div class="row">
              <SpecField
                base={["branches", i]}
                owner={b}
                spec={{ name: "id", label: "Branch id", kind: "text", required: true }}
              />
              <SpecField base={["branches", i]} owner={b} spec={{ name: "weight", label: "Weight", kind: "number" }} />
              <SpecField
                base={["branches", i]}
                owner={b}
                spec={{ name: "name", label: "Display name", kind: "text" }}
              />
              <div class="field share" aria-live="polite">
                <span class="label">Share</span>
                <span class="value">{shares[i] === null ? "–" : `${(shares[i]! * 100).toFixed(1)}%`}</span>
              </div>
              <RowButtons
                label={`branch ${String(b.id ?? i + 1)}`}
                onUp={i > 0 ? () => ed.set(["branches"], moved(list, i, -1)) : undefined}
                onDown={i < list.length - 1 ? () => ed.set(["branches"], moved(list, i, 1)) : undefined}
                onRemove={() => ed.set(["branches"], without(list, i))}
              />
            </div>
            <FieldErrors id={`${fieldId(`branches.${i}`)}-err`} messages={ed.issues.get(`branches.${i}`)} />
          </li>
        ))}
      </ol>
    </Section>
  );
}
