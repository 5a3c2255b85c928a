import type { JourneyDiff } from "@waymark/shared/schemas/api.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { stableJson } from "./stable-json.ts";

/** Per journey: added, removed, changed (with JSON pointers of the fields that differ) or unchanged. */
export function diffRulesets(before: readonly Journey[], after: readonly Journey[]): JourneyDiff[] {
  const a = new Map(before.map((j) => [j.id, j]));
  const b = new Map(after.map((j) => [j.id, j]));
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  return ids.map((id): JourneyDiff => {
    const x = a.get(id);
    const y = b.get(id);
    if (!x) return { id, change: "added", after: y };
    if (!y) return { id, change: "removed", before: x };
    const fields = diffPointers(x, y);
    return fields.length ? { id, change: "changed", before: x, after: y, fields } : { id, change: "unchanged" };
  });
}

/** JSON pointers (RFC 6901) of every leaf or subtree that differs between two JSON values. */
export function diffPointers(x: unknown, y: unknown, at = ""): string[] {
  if (stableJson(x) === stableJson(y)) return [];
  const bothArrays = Array.isArray(x) && Array.isArray(y);
  const bothObjects = isObject(x) && isObject(y);
  if (!bothArrays && !bothObjects) return [at || "/"];
  const keys = bothArrays
    ? Array.from({ length: Math.max((x as unknown[]).length, (y as unknown[]).length) }, (_, i) => String(i))
    : [...new Set([...Object.keys(x as object), ...Object.keys(y as object)])].sort();
  const out: string[] = [];
  for (const k of keys) {
    const xv = (x as Record<string, unknown>)[k];
    const yv = (y as Record<string, unknown>)[k];
    out.push(...diffPointers(xv, yv, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
