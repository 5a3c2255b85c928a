import { z } from "zod";

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_RE = /^(\d+)(ms|s|m|h|d)$/;

/** A duration such as "2s", "30m", "1h", "7d" (also "500ms"). */
export const Duration = z.string().regex(DURATION_RE, 'must be a duration like "30s", "30m", "1h" or "7d"');
export type Duration = z.infer<typeof Duration>;

/** Milliseconds in a duration string; throws on a string Duration would reject. */
export function parseDuration(value: string): number {
  const m = DURATION_RE.exec(value);
  if (!m) throw new Error(`invalid duration: ${value}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
