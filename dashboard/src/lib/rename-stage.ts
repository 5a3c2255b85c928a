type Draft = Record<string, unknown>;
type Row = Record<string, unknown>;

const swap = (ref: unknown, from: string, to: string): unknown => {
  if (ref === from) return to;
  if (Array.isArray(ref)) return ref.map((r) => (r === from ? to : r));
  return ref;
};

const rows = (list: unknown): Row[] | undefined =>
  Array.isArray(list) ? list.map((r) => (r && typeof r === "object" ? (r as Row) : r) as Row) : undefined;

/**
 * The draft with stage `index` given the id `to`, and every reference to its old id following it: the start stage,
 * transitions' `from` (one id or a list) and `to`, actions' `stage`, webhooks' `stages`. (Metrics and conditions name
 * no stage.) References only follow when the rename is unambiguous: while an id is typed it can pass through the id
 * of another stage ("ab" -> "a" on the way to "ac"), and that stage's references must not be taken along.
 */
export function renameStage(draft: Draft, index: number, to: string): Draft {
  const stages = rows(draft.stages) ?? [];
  const stage = stages[index];
  if (!stage) return draft;
  const from = stage.id;
  const nextStages = stages.map((s, i) => (i === index ? { ...s, id: to } : s));
  const next: Draft = { ...draft, stages: nextStages };
  const others = stages.filter((_, i) => i !== index).map((s) => s?.id);
  if (typeof from !== "string" || from === to || others.includes(from) || others.includes(to)) return next;

  if (next.start === from) next.start = to;
  const transitions = rows(draft.transitions);
  if (transitions)
    next.transitions = transitions.map((t) =>
      t && typeof t === "object" && (t.from !== undefined || t.to !== undefined)
        ? { ...t, ...(t.from !== undefined && { from: swap(t.from, from, to) }), ...(t.to === from && { to }) }
        : t,
    );
  const actions = rows(draft.actions);
  if (actions)
    next.actions = actions.map((a) =>
      a && typeof a === "object" && a.stage !== undefined ? { ...a, stage: swap(a.stage, from, to) } : a,
    );
  const webhooks = rows(draft.webhooks);
  if (webhooks)
    next.webhooks = webhooks.map((w) =>
      w && typeof w === "object" && Array.isArray(w.stages) ? { ...w, stages: swap(w.stages, from, to) } : w,
    );
  return next;
}

/** Is this edit the id of a stage (whose references then follow it)? */
export function stageIdIndex(path: readonly (string | number)[]): number | null {
  return path.length === 3 && path[0] === "stages" && typeof path[1] === "number" && path[2] === "id" ? path[1] : null;
}
