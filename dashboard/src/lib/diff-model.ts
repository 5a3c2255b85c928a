import type { DiffResponse } from "@waymark/shared";
import { diffPointers, getPointer } from "./json-pointer.ts";

export interface DiffFieldRow {
  pointer: string;
  /** The value as short JSON, or null when the field is absent on that side. */
  before: string | null;
  after: string | null;
}

export interface DiffJourneyModel {
  id: string;
  change: DiffResponse["journeys"][number]["change"];
  name: string;
  rows: DiffFieldRow[];
}

const MAX_VALUE = 400;

/** A value as one line of JSON, shortened for the table (null when absent). */
export function showValue(v: unknown): string | null {
  if (v === undefined) return null;
  const s = JSON.stringify(v);
  return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE - 1) + "…" : s;
}

const nameOf = (j: unknown, fallback: string) =>
  j && typeof j === "object" && typeof (j as { name?: unknown }).name === "string"
    ? (j as { name: string }).name
    : fallback;

/**
 * The rows the diff view shows per journey: changed fields with both sides; the server's pointers when it
 * sent them, else computed here. Unchanged journeys last, so what a publish will change is read first.
 */
export function diffModel(diff: DiffResponse): DiffJourneyModel[] {
  const order = { changed: 0, added: 1, removed: 2, unchanged: 3 } as const;
  return diff.journeys
    .map((j): DiffJourneyModel => {
      const pointers = j.change === "changed" ? (j.fields?.length ? j.fields : diffPointers(j.before, j.after)) : [];
      return {
        id: j.id,
        change: j.change,
        name: nameOf(j.after ?? j.before, j.id),
        rows: pointers.map((p) => ({
          pointer: p,
          before: showValue(getPointer(j.before, p)),
          after: showValue(getPointer(j.after, p)),
        })),
      };
    })
    .sort((a, b) => order[a.change] - order[b.change] || a.id.localeCompare(b.id));
}

/** "2 changed, 1 added" - what a publish would do, for the button's confirmation. */
export function diffSummary(models: readonly DiffJourneyModel[]): string {
  const counts = new Map<string, number>();
  for (const m of models) if (m.change !== "unchanged") counts.set(m.change, (counts.get(m.change) ?? 0) + 1);
  if (!counts.size) return "no changes";
  return [...counts.entries()].map(([c, n]) => `${n} ${c}`).join(", ");
}
