import { jsonPointer } from "./json-pointer.ts";

export interface FieldChange {
  /** JSON pointer of the field, e.g. "/actions/0/html". */
  pointer: string;
  before: unknown;
  after: unknown;
}

/**
 * Field-level differences between two JSON values (e.g. a journey on the server and in a file), deepest first
 * differing field each. Absent and `undefined` are the same thing, as they are once serialized.
 */
export function journeyChanges(before: unknown, after: unknown, path: (string | number)[] = []): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      out.push(...journeyChanges(before[i], after[i], [...path, i]));
    return out;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => journeyChanges(before[k], after[k], [...path, k]));
  }
  return [{ pointer: jsonPointer(path), before, after }];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value as one short line for a readable diff. */
export function showValue(v: unknown, max = 70): string {
  if (v === undefined) return "(absent)";
  const s = JSON.stringify(v);
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}
