import type { DraftJourney } from "./apply-change.ts";

/** One saved edit: the journey draft before (null: the edit created the journey) and after it. */
export interface HistoryEntry {
  label: string;
  journey: string;
  before: DraftJourney | null;
  after: DraftJourney;
}

export interface EditHistory {
  done: HistoryEntry[];
  undone: HistoryEntry[];
}

export const emptyHistory: EditHistory = { done: [], undone: [] };

/** What to write to bring the draft back: a journey to save, or "delete" for a journey the session created. */
export type Restore = { journey: string; draft: DraftJourney | null };

/** The history after a new edit (a new edit ends what could be redone, as in every editor). */
export function record(h: EditHistory, entry: HistoryEntry): EditHistory {
  return { done: [...h.done, entry].slice(-100), undone: [] };
}

/** The draft to restore to undo the last edit, and the history after it; null when there is nothing to undo. */
export function undo(h: EditHistory): { restore: Restore; history: EditHistory } | null {
  const last = h.done[h.done.length - 1];
  if (!last) return null;
  return {
    restore: { journey: last.journey, draft: last.before },
    history: { done: h.done.slice(0, -1), undone: [...h.undone, last] },
  };
}

/** The draft to write to redo the last undone edit, and the history after it; null when there is nothing to redo. */
export function redo(h: EditHistory): { restore: Restore; history: EditHistory } | null {
  const next = h.undone[h.undone.length - 1];
  if (!next) return null;
  return {
    restore: { journey: next.journey, draft: next.after },
    history: { done: [...h.done, next], undone: h.undone.slice(0, -1) },
  };
}
