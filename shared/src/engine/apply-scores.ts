import type { VisitorState } from "../schemas/state.ts";
import type { ScoringOptions } from "./types.ts";

export const DEFAULT_HALF_LIFE_MS = 7 * 86_400_000;

/** Engagement points per event type; unknown types count 0. Friction signals lower it. */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  page_view: 1,
  add_to_cart: 5,
  remove_from_cart: -1,
  purchase: 10,
  identify: 2,
  dismiss: -1,
  rage_click: -2,
  dead_click: -1,
  back_and_forth: -1,
  hesitation: -1,
  form_error: -1,
  scroll_thrash: -1,
};

const MAX_INTERESTS = 50;
/** Interests decayed below this are dropped, so the state stays small. */
const FORGET_BELOW = 0.01;

/** A score `value` last updated at `since`, decayed to `now` (exponential, by half-life). */
export function decayed(value: number, since: number, now: number, halfLifeMs = DEFAULT_HALF_LIFE_MS): number {
  if (value === 0 || now <= since) return value;
  return value * Math.pow(0.5, (now - since) / halfLifeMs);
}

/** Scores after an event at `at`: decay since the last update, then the event's weight and interest. */
export function applyScores(
  scores: VisitorState["scores"],
  type: string,
  data: Record<string, unknown> | undefined,
  at: number,
  opts: ScoringOptions = {},
): VisitorState["scores"] {
  const halfLife = opts.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
  const weight = opts.weights?.[type] ?? DEFAULT_WEIGHTS[type] ?? 0;
  const category = type === "page_view" || type === "add_to_cart" ? data?.category : undefined;
  if (weight === 0 && (typeof category !== "string" || category === "")) return scores;
  const since = scores.updatedAt;
  const interests: Record<string, number> = {};
  for (const [k, v] of Object.entries(scores.interests)) {
    const d = round(decayed(v, since, at, halfLife));
    if (Math.abs(d) >= FORGET_BELOW) interests[k] = d;
  }
  if (typeof category === "string" && category !== "") {
    interests[category] = round((interests[category] ?? 0) + 1);
    const keys = Object.keys(interests);
    if (keys.length > MAX_INTERESTS) {
      // Forget the weakest interests, never the one just shown.
      const weakest = keys.filter((k) => k !== category).sort((a, b) => interests[a] - interests[b]);
      for (const k of weakest.slice(0, keys.length - MAX_INTERESTS)) delete interests[k];
    }
  }
  const engagement = round(decayed(scores.engagement, since, at, halfLife) + weight);
  return { engagement, interests, updatedAt: Math.max(since, at) };
}

/** Scores stay within this either way, whatever the weights (configurable) add up to. */
const MAX_SCORE = 1e9;

// Four decimals keep stored state readable without drifting meaningfully. Clamped, and never -0 (JSON writes it as 0,
// so a stored state would not read back as written); NaN (an odd half-life) counts as 0.
function round(n: number): number {
  const r = Math.round(Math.min(MAX_SCORE, Math.max(-MAX_SCORE, n)) * 10_000) / 10_000;
  return Number.isNaN(r) ? 0 : r + 0;
}
