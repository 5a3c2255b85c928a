import { slugify } from "./slugify.ts";

/**
 * The journey map's edits as pure functions of the draft (the same draft the form edits): add a stage with a unique
 * id, add a transition between two stages, delete one arrow of the map, delete a stage and every reference to it,
 * add an action to a stage. Each returns a new draft; nothing is mutated.
 */
type Draft = Record<string, unknown>;
type Row = Record<string, unknown>;

const list = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const stageIds = (draft: Draft): string[] =>
  list(draft.stages)
    .map((s) => s?.id)
    .filter((x): x is string => typeof x === "string");

/**
 * An id for a new stage no other stage has: the name's slug ("In cart" -> "in-cart", then "in-cart-2", ...), or
 * "stage-N" (N from the stage count up) when there is no usable name.
 */
export function uniqueStageId(draft: Draft, name = ""): string {
  const taken = new Set(stageIds(draft));
  const base = slugify(name).slice(0, 60);
  if (base) {
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
  for (let n = taken.size + 1; ; n++) if (!taken.has(`stage-${n}`)) return `stage-${n}`;
}

/** The draft with a new stage at the end (named `name` if given); the first stage of a journey becomes its start. */
export function addStage(draft: Draft, name = ""): { draft: Draft; id: string } {
  const id = uniqueStageId(draft, name);
  const stage: Row = name.trim() && name.trim() !== id ? { id, name: name.trim() } : { id };
  const next: Draft = { ...draft, stages: [...list(draft.stages), stage] };
  if (typeof draft.start !== "string" || !stageIds(draft).includes(draft.start)) next.start = id;
  return { draft: next, id };
}

export type Trigger = { on: string } | { after: string };

/** The draft with a transition from `from` (a stage id or "*") to `to` appended; `index` is its place in the list. */
export function addTransition(
  draft: Draft,
  from: string,
  to: string,
  trigger: Trigger,
): { draft: Draft; index: number } {
  const transitions = list(draft.transitions);
  return { draft: { ...draft, transitions: [...transitions, { from, to, ...trigger }] }, index: transitions.length };
}

/**
 * The draft without one arrow of the map: transition `index` from stage `from`. A transition from a list of stages
 * keeps its other sources; one from a single stage (or "*") goes.
 */
export function deleteEdge(draft: Draft, index: number, from: string): Draft {
  const transitions = list(draft.transitions);
  const t = transitions[index];
  if (!t) return draft;
  if (Array.isArray(t.from) && t.from.length > 1 && t.from.includes(from)) {
    const next = transitions.slice();
    next[index] = { ...t, from: t.from.filter((f) => f !== from) };
    return { ...draft, transitions: next };
  }
  return { ...draft, transitions: transitions.filter((_, i) => i !== index) };
}

export interface StageDeletion {
  draft: Draft;
  /** How many transitions, actions and webhooks went with the stage (they named only it). */
  removed: { transitions: number; actions: number; webhooks: number };
}

/** A reference (one id or a list) without `id`: undefined when nothing is left, "keep" when it never named it. */
const dropRef = (ref: unknown, id: string): unknown => {
  if (ref === id) return undefined;
  if (Array.isArray(ref) && ref.includes(id)) {
    const rest = ref.filter((r) => r !== id);
    return rest.length ? rest : undefined;
  }
  return ref;
};

/**
 * The draft without stage `id` and with every reference to it cleaned (the references `renameStage` carries): a
 * transition into it or only from it goes, a list of sources loses it; an action or webhook only for it goes, a list
 * loses it. The start moves to the first remaining stage that is not an exit (or the first one).
 */
export function deleteStage(draft: Draft, id: string): StageDeletion {
  const removed = { transitions: 0, actions: 0, webhooks: 0 };
  const stages = list(draft.stages);
  if (!stages.some((s) => s?.id === id)) return { draft, removed };
  const rest = stages.filter((s) => s?.id !== id);
  const next: Draft = { ...draft, stages: rest };
  if (draft.start === id) {
    const start = (rest.find((s) => s?.exit !== true) ?? rest[0])?.id;
    if (typeof start === "string") next.start = start;
    else delete next.start;
  }
  if (Array.isArray(draft.transitions))
    next.transitions = list(draft.transitions).flatMap((t) => {
      if (!t || typeof t !== "object") return [t];
      const from = t.from === "*" ? "*" : dropRef(t.from, id);
      if (t.to === id || from === undefined) {
        removed.transitions++;
        return [];
      }
      return [from === t.from ? t : { ...t, from }];
    });
  if (Array.isArray(draft.actions))
    next.actions = list(draft.actions).flatMap((a) => {
      if (!a || typeof a !== "object" || a.stage === undefined) return [a];
      const stage = dropRef(a.stage, id);
      if (stage === undefined) {
        removed.actions++;
        return [];
      }
      return [stage === a.stage ? a : { ...a, stage }];
    });
  if (Array.isArray(draft.webhooks))
    next.webhooks = list(draft.webhooks).flatMap((w) => {
      if (!w || typeof w !== "object" || !Array.isArray(w.stages)) return [w];
      const stages = dropRef(w.stages, id);
      if (stages === undefined) {
        removed.webhooks++;
        return [];
      }
      return [stages === w.stages ? w : { ...w, stages }];
    });
  return { draft: next, removed };
}

/** Does this action apply in stage `id`? Absent `stage` = every non-exit stage. */
export function actionInStage(action: Row, id: string, exit: boolean): boolean {
  const s = action?.stage;
  if (s === undefined) return !exit;
  return s === id || (Array.isArray(s) && s.includes(id));
}

/** The indexes of the actions that apply in stage `id` (in the journey's order). */
export function stageActions(draft: Draft, id: string): number[] {
  const exit = list(draft.stages).some((s) => s?.id === id && s.exit === true);
  return list(draft.actions).flatMap((a, i) => (a && typeof a === "object" && actionInStage(a, id, exit) ? [i] : []));
}

/** The draft with `action` appended for stage `id` only; `index` is its place in the list. */
export function addStageAction(draft: Draft, id: string, action: Row): { draft: Draft; index: number } {
  const actions = list(draft.actions);
  return { draft: { ...draft, actions: [...actions, { ...action, stage: id }] }, index: actions.length };
}
