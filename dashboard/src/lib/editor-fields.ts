import { ACTION_COMMON_FIELDS, ACTION_FIELDS } from "./action-fields.ts";
import { CONDITION_FIELDS, isConditionType } from "./condition-fields.ts";
import type { FieldSpec } from "./field-spec.ts";
import { metricFieldNames } from "./metric-fields.ts";

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function specKeys(base: string, specs: readonly FieldSpec[], value: Record<string, unknown>, out: string[]): void {
  for (const spec of specs) {
    out.push(`${base}.${spec.name}`);
    if (spec.kind === "conditions") conditionKeys(`${base}.${spec.name}`, value[spec.name], out);
  }
}

/** The field keys a list of conditions renders (also the audience form's). */
export function conditionKeys(base: string, list: unknown, out: string[]): void {
  arr(list).forEach((c, i) => {
    const k = `${base}.${i}`;
    const cond = obj(c);
    out.push(k, `${k}.type`);
    if (isConditionType(cond.type)) specKeys(k, CONDITION_FIELDS[cond.type], cond, out);
  });
}

/**
 * Every field key the journey form renders for this draft, in the order it renders them. Mirrors the editor
 * components, which draw their inputs from the same field tables.
 */
export function editorFieldOrder(draft: unknown): string[] {
  const j = obj(draft);
  const out: string[] = ["", "id", "name", "description", "priority", "start"];
  out.push("schedule", "schedule.start", "schedule.end", "traffic", "group", "allowScripts");
  out.push("stages");
  arr(j.stages).forEach((_, i) => out.push(`stages.${i}`, `stages.${i}.id`, `stages.${i}.name`, `stages.${i}.exit`));
  out.push("transitions");
  arr(j.transitions).forEach((t, i) => {
    const k = `transitions.${i}`;
    out.push(k, `${k}.from`, `${k}.to`, `${k}.on`, `${k}.after`, `${k}.when`);
    conditionKeys(`${k}.when`, obj(t).when, out);
  });
  out.push("branches", "holdout", "allocation");
  arr(j.branches).forEach((_, i) =>
    out.push(`branches.${i}`, `branches.${i}.id`, `branches.${i}.weight`, `branches.${i}.name`),
  );
  out.push("actions");
  arr(j.actions).forEach((a, i) => {
    const k = `actions.${i}`;
    const action = obj(a);
    out.push(k, `${k}.type`);
    const type = action.type as keyof typeof ACTION_FIELDS;
    if (type in ACTION_FIELDS) specKeys(k, ACTION_FIELDS[type], action, out);
    specKeys(k, ACTION_COMMON_FIELDS, action, out);
  });
  out.push("caps", "when");
  conditionKeys("when", j.when, out);
  out.push("goals", "caps.perSession", "caps.perDay", "caps.dismissCooldown");
  out.push("reentry.policy", "reentry.cooldown");
  out.push("metrics");
  arr(j.metrics).forEach((m, i) => {
    out.push(`metrics.${i}`);
    for (const f of metricFieldNames(m)) out.push(`metrics.${i}.${f}`);
  });
  return out;
}

export function editorFields(draft: unknown): Set<string> {
  return new Set(editorFieldOrder(draft));
}

/**
 * Can the form show this draft? The JSON view accepts any JSON; the form needs the lists to be lists and
 * the items objects, or it would have nothing to bind its inputs to.
 */
export function formCanShow(draft: unknown): boolean {
  if (!draft || typeof draft !== "object" || Array.isArray(draft)) return false;
  const j = draft as Record<string, unknown>;
  for (const k of ["stages", "transitions", "branches", "actions", "when", "goals", "metrics"]) {
    const v = j[k];
    if (v === undefined) continue;
    if (!Array.isArray(v)) return false;
    if (k !== "goals" && v.some((x) => !x || typeof x !== "object" || Array.isArray(x))) return false;
  }
  for (const k of ["caps", "reentry"]) {
    const v = j[k];
    if (v !== undefined && (!v || typeof v !== "object" || Array.isArray(v))) return false;
  }
  return true;
}
