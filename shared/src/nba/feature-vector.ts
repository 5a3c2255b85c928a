import type { RequestContext } from "../schemas/context.ts";
import type { VisitorState } from "../schemas/state.ts";
import { decayed } from "../engine/apply-scores.ts";
import { hash01 } from "../engine/hash01.ts";
import { sourceClass } from "../engine/source-class.ts";

/**
 * Size of every feature vector and model: feature names are hashed into 1..FEATURE_DIM-1 (0 is the bias). Two names
 * may share a slot (the hashing trick): the model then learns their sum, which costs little at this size.
 */
export const FEATURE_DIM = 128;

/** Interests that enter the vector: the visitor's strongest few, each weighted by its share of the total. */
const TOP_INTERESTS = 3;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A sparse feature vector: slot indices, values, and the names they came from (for explanations). Slot 0 (the bias,
 * value 1) always comes first; names may repeat a slot when two hash together.
 */
export interface FeatureVector {
  idx: number[];
  val: number[];
  names: string[];
}

/** What the features are read from. `consent: false`: request-level features only (nothing stored is read). */
export interface FeatureInput {
  state: VisitorState;
  ctx: RequestContext | undefined;
  /** The visitor's stage in the decision point's journey. */
  stage: string;
  now: number;
  consent: boolean;
  halfLifeMs?: number;
}

const slotCache = new Map<string, number>();

/** The slot of a feature name (hashed; cached, the names repeat across visitors). */
export function featureSlot(name: string): number {
  let slot = slotCache.get(name);
  if (slot === undefined) {
    slot = 1 + Math.floor(hash01(`nba:${name}`) * (FEATURE_DIM - 1));
    if (slotCache.size < 10_000) slotCache.set(name, slot);
  }
  return slot;
}

/**
 * The features of one visitor at one decision point (documented in docs/concepts.md, "Next best action"):
 * request: device, country, source class, first path segment; with consent, also new/returning, visits, time since
 * the previous session, engagement, the top interests (by share), cart count and value (bucketed), and the stage.
 * @example offerFeatures({ state, ctx, stage: "browsing", now, consent: true }).names // ["bias", "device=mobile", ...]
 */
export function offerFeatures(input: FeatureInput): FeatureVector {
  const { state, ctx, now } = input;
  const v: FeatureVector = { idx: [0], val: [1], names: ["bias"] };
  const add = (name: string, value = 1) => {
    v.idx.push(featureSlot(name));
    v.val.push(value);
    v.names.push(name);
  };
  add(`device=${ctx?.device ?? "desktop"}`);
  const country = ctx?.country?.toUpperCase() ?? "";
  add(`country=${/^[A-Z]{2}$/.test(country) ? country : "XX"}`);
  add(`source=${ctx ? sourceClass(ctx.referrer, ctx.query, ctx.host) : "direct"}`);
  add(`path=${firstSegment(ctx?.path ?? "/")}`);
  if (!input.consent) return v;
  add(`visitor=${state.visits > 1 ? "returning" : "new"}`);
  add(`visits=${bucket(state.visits, [1, 3, 9], ["1", "2-3", "4-9", "10+"])}`);
  add(`since=${sinceBucket(state, now)}`);
  const engagement = decayed(state.scores.engagement, state.scores.updatedAt, now, input.halfLifeMs);
  add(`engagement=${bucket(engagement, [0, 5, 20], ["none", "low", "mid", "high"])}`);
  for (const [cat, share] of topInterests(state, now, input.halfLifeMs)) add(`interest=${cat}`, share);
  add(`cart=${bucket(state.cart.count, [0, 1, 3], ["empty", "1", "2-3", "4+"])}`);
  add(`cartValue=${bucket(state.cart.value, [0, 50, 150, 500], ["0", "<50", "50-150", "150-500", "500+"])}`);
  add(`stage=${input.stage}`);
  return v;
}

/** "/shoes/red" -> "/shoes"; the root and odd paths stay short (at most 40 characters). */
function firstSegment(path: string): string {
  const seg = path.split("/")[1] ?? "";
  return `/${seg.slice(0, 40)}`;
}

/** The label of the first bound `x` is at or under (the last label past every bound). */
function bucket(x: number, bounds: number[], labels: string[]): string {
  for (let i = 0; i < bounds.length; i++) if (x <= bounds[i]) return labels[i];
  return labels[bounds.length];
}

function sinceBucket(state: VisitorState, now: number): string {
  const prev = (state as { previousSessionAt?: number | null }).previousSessionAt;
  if (typeof prev !== "number") return state.visits > 1 ? "unknown" : "first";
  const ago = now - prev;
  return ago < HOUR ? "<1h" : ago < DAY ? "<1d" : ago < 7 * DAY ? "<7d" : "7d+";
}

/** The strongest interests (decayed to now) with their share of all positive interest, largest first. */
function topInterests(state: VisitorState, now: number, halfLifeMs?: number): [string, number][] {
  const all: [string, number][] = [];
  let total = 0;
  const { interests, updatedAt } = state.scores;
  for (const k in interests) {
    const s = decayed(interests[k], updatedAt, now, halfLifeMs);
    if (s > 0) {
      all.push([k.slice(0, 40), s]);
      total += s;
    }
  }
  if (!all.length) return [["none", 1]];
  all.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return all.slice(0, TOP_INTERESTS).map(([k, s]) => [k, Math.round((s / total) * 1000) / 1000]);
}
