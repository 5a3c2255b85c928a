import { parseDuration } from "../schemas/duration.ts";

const cache = new Map<string, number>();

/** parseDuration, memoized: conditions like in_stage_for carry durations evaluated on every request. */
export function durationMs(value: string): number {
  let ms = cache.get(value);
  if (ms === undefined) {
    ms = parseDuration(value);
    if (cache.size >= 1_000) cache.clear();
    cache.set(value, ms);
  }
  return ms;
}
