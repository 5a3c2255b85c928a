import type { FieldPath } from "./field-key.ts";

/**
 * A copy of `root` with the value at `path` replaced (copying only along the path); `undefined` removes an
 * object key. Missing containers are created (an array when the next step is a number).
 */
export function setIn<T>(root: T, path: FieldPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const container: unknown = root ?? (typeof head === "number" ? [] : {});
  const child = (container as Record<string | number, unknown>)[head];
  const next = setIn(child, rest, value);
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[head as number] = next;
    return copy as T;
  }
  const copy = { ...(container as Record<string, unknown>) };
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy as T;
}

/** The value at `path`, or undefined. */
export function getIn(root: unknown, path: FieldPath): unknown {
  let cur = root;
  for (const step of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}

/** A list with one item removed, or undefined when it becomes empty and `dropEmpty` is set. */
export function without<T>(list: readonly T[] | undefined, index: number, dropEmpty = false): T[] | undefined {
  const next = (list ?? []).filter((_, i) => i !== index);
  return dropEmpty && next.length === 0 ? undefined : next;
}

/** A list with item `index` moved by `delta` (clamped). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  const next = list.slice();
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}
