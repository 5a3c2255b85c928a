import { effectiveMetrics, type Metric } from "@waymark/shared";
import { fieldId, fieldKey } from "../lib/field-key.ts";
import { METRIC_FIELDS, metricFieldNames, newMetric } from "../lib/metric-fields.ts";
import { moved, without } from "../lib/set-in.ts";
import { useEditor } from "./editor-context.ts";
import { FieldErrors } from "./field-errors.tsx";
import { RowButtons } from "./row-buttons.tsx";
import { Section } from "./section.tsx";
import { SelectField } from "./select-field.tsx";
import { SpecField } from "./spec-field.tsx";

type Row = Record<string, unknown>;

const ROLE_LABEL = { primary: "primary", secondary: "secondary", guardrail: "guardrail" } as const;
const DIRECTION_LABEL = { increase: "goes up", decrease: "goes down" } as const;

/** The role each metric ends up with (the first is primary when none is marked), for the Role select's default. */
function defaultRoles(list: readonly Row[]): string[] {
  try {
    return effectiveMetrics({ metrics: list as unknown as Metric[] }).map((m) => m.role);
  } catch {
    return list.map(() => "secondary");
  }
}

/**
 * How the journey is measured: a primary metric, secondary ones, and guardrails that must not get worse. Each
 * counts per visitor from when they enter the journey. Without metrics the goal events are the one conversion metric.
 */
export function MetricsEditor() {
  const ed = useEditor();
  const list = (ed.draft.metrics as Row[] | undefined) ?? [];
  const roles = defaultRoles(list);
  const goals = Array.isArray(ed.draft.goals) ? (ed.draft.goals as string[]) : [];
  return (
    <Section
      field="metrics"
      title="Metrics"
      intro="What the results compare, per visitor, from when they enter the journey: a conversion (did it at least once), revenue (sum of an amount) or a count. One primary metric decides; guardrails flag harm."
      actions={
        <button type="button" class="btn small" onClick={() => ed.set(["metrics"], [...list, newMetric(list)])}>
          Add metric
        </button>
      }
    >
      {list.length === 0 && (
        <p class="hint" data-empty="metrics">
          {goals.length
            ? `No metrics: the results use one conversion metric on the goal events (${goals.join(", ")}).`
            : "No metrics and no goal events: the results have nothing to compare."}
        </p>
      )}
      <ol class="rows">
        {list.map((m, i) => {
          const base = ["metrics", i] as const;
          const fields = metricFieldNames(m);
          const roleKey = fieldKey([...base, "role"]);
          const dirKey = fieldKey([...base, "direction"]);
          return (
            <li key={i} class="row-item metric-row" id={fieldId(`metrics.${i}`)} tabIndex={-1} data-metric-row={i}>
              <div class="row">
                {fields
                  .filter((f) => f !== "role" && f !== "direction")
                  .map((f) => (
                    <SpecField key={f} base={[...base]} owner={m} spec={METRIC_FIELDS[f]} />
                  ))}
                <SelectField
                  id={fieldId(roleKey)}
                  label="Role"
                  value={String(m.role ?? "")}
                  options={[
                    { value: "", label: `default (${roles[i] ?? "secondary"})` },
                    ...Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label })),
                  ]}
                  errors={ed.issues.get(roleKey)}
                  onChange={(v) => ed.set([...base, "role"], v || undefined)}
                />
                <SelectField
                  id={fieldId(dirKey)}
                  label="Better when it"
                  value={String(m.direction ?? "increase")}
                  options={Object.entries(DIRECTION_LABEL).map(([value, label]) => ({ value, label }))}
                  errors={ed.issues.get(dirKey)}
                  onChange={(v) => ed.set([...base, "direction"], v === "increase" ? undefined : v)}
                />
                <RowButtons
                  label={`metric ${String(m.id ?? i + 1)}`}
                  onUp={i > 0 ? () => ed.set(["metrics"], moved(list, i, -1)) : undefined}
                  onDown={i < list.length - 1 ? () => ed.set(["metrics"], moved(list, i, 1)) : undefined}
                  onRemove={() => ed.set(["metrics"], without(list, i, true))}
                />
              </div>
              <FieldErrors id={`${fieldId(`metrics.${i}`)}-err`} messages={ed.issues.get(`metrics.${i}`)} />
            </li>
          );
        })}
      </ol>
    </Section>
  );
}
