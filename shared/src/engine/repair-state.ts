import type { z } from "zod";
import { CartItem, Enrolment, JourneyState, Touch, VisitorState, type Cart } from "../schemas/state.ts";
import { summarize } from "./apply-cart.ts";
import { newVisitorState } from "./new-visitor-state.ts";

const MAX_RECENT_PATHS = 20;

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A stored visitor state made valid again, keeping every part that is valid: an invalid field, cart item, trait,
 * interest, journey field or path is replaced by its default (or dropped, for entries), never the whole state.
 * `repaired` names what was replaced ("cart.value", "journeys.cart.exposures", "traits.plan"; "state" when
 * nothing was usable). A journey whose stage or branch is unreadable is dropped: the visitor re-enters it at its start.
 *
 * repairState({ ...stored, cart: { ...cart, value: null } }, id, now) // -> value recomputed, ["cart.value"]
 */
export function repairState(raw: unknown, visitorId: string, now: number): { state: VisitorState; repaired: string[] } {
  const whole = VisitorState.safeParse(raw);
  if (whole.success) return { state: whole.data, repaired: [] };
  const fresh = newVisitorState(visitorId, now);
  if (!isRecord(raw)) return { state: fresh, repaired: ["state"] };
  const repaired: string[] = [];
  const state: Raw = {};
  for (const [key, schema] of Object.entries(VisitorState.shape)) {
    const r = (schema as z.ZodType).safeParse(raw[key]);
    if (r.success) state[key] = r.data;
    else if (key in PARTS) state[key] = PARTS[key](raw[key], key, repaired, now);
    else {
      repaired.push(key);
      state[key] = fresh[key as keyof VisitorState];
    }
    // Optional fields (touch, previousSessionAt) left without a value are left out, as JSON would.
    if (state[key] === undefined) delete state[key];
  }
  return { state: state as VisitorState, repaired };
}

type Part = (raw: unknown, path: string, repaired: string[], now: number) => unknown;

const Scalar = VisitorState.shape.traits.valueType;
const Score = VisitorState.shape.scores.shape.engagement;

/** The fields repaired piece by piece; the others are replaced whole by their default. */
const PARTS: Record<string, Part> = {
  cart: repairCart,
  traits: (raw, path, repaired) => record(raw, path, repaired, Scalar),
  scores: (raw, path, repaired, now) => {
    if (!isRecord(raw)) return flag(repaired, path, { engagement: 0, interests: {}, updatedAt: now });
    return {
      engagement: field(raw, "engagement", path, repaired, Score, 0),
      interests: record(raw.interests, `${path}.interests`, repaired, Score),
      updatedAt: field(raw, "updatedAt", path, repaired, Score, now),
    };
  },
  journeys: (raw, path, repaired, now) => {
    if (!isRecord(raw)) return flag(repaired, path, {});
    const out: Record<string, JourneyState> = {};
    for (const [id, js] of Object.entries(raw)) {
      const r = JourneyState.safeParse(js);
      if (r.success) out[id] = r.data;
      else {
        const fixed = repairJourney(js, `${path}.${id}`, repaired, now);
        if (fixed) out[id] = fixed;
      }
    }
    return out;
  },
  // Each touch on its own: an unreadable session touch is taken again at the next session's first page view.
  touch: (raw, path, repaired) => {
    if (!isRecord(raw)) return flag(repaired, path, undefined);
    return {
      first: field(raw, "first", path, repaired, Touch.nullable(), null),
      session: field(raw, "session", path, repaired, Touch.nullable(), null),
    };
  },
  recentPaths: (raw, path, repaired) => {
    const paths = list(raw, path, repaired, VisitorState.shape.recentPaths.element);
    return paths.length > MAX_RECENT_PATHS ? flag(repaired, path, paths.slice(-MAX_RECENT_PATHS)) : paths;
  },
};

/** Valid items kept; count and value derived from them again (the usual culprits: a value stored as null). */
function repairCart(raw: unknown, path: string, repaired: string[]): Cart {
  if (!isRecord(raw)) return flag(repaired, path, summarize([], null, null));
  const items = list(raw.items, `${path}.items`, repaired, CartItem);
  const last = items.length ? items[items.length - 1] : null;
  const lastItem = field(raw, "lastItem", path, repaired, CartItem.nullable(), last);
  const updatedAt = field(raw, "updatedAt", path, repaired, VisitorState.shape.cart.shape.updatedAt, null);
  const cart = summarize(items, lastItem, updatedAt);
  if (raw.count !== cart.count) repaired.push(`${path}.count`);
  if (raw.value !== cart.value) repaired.push(`${path}.value`);
  return cart;
}

/** A journey's state with invalid fields defaulted, or null (dropped) when its stage or branch is unreadable. */
function repairJourney(raw: unknown, path: string, repaired: string[], now: number): JourneyState | null {
  const S = JourneyState.shape;
  if (
    !isRecord(raw) ||
    !S.stage.safeParse(raw.stage).success ||
    !S.branch.safeParse(raw.branch).success ||
    !S.holdout.safeParse(raw.holdout).success
  ) {
    repaired.push(path);
    return null;
  }
  const f = <T>(key: keyof JourneyState, schema: z.ZodType<T>, fallback: T) =>
    field(raw, key, path, repaired, schema, fallback);
  const stageSince = f("stageSince", S.stageSince, now);
  // An unreadable enrolment is dropped: the visitor is no longer measured in this journey (never counted twice).
  const enrolment =
    raw.enrolment === undefined ? undefined : field(raw, "enrolment", path, repaired, Enrolment, undefined);
  // Optional since issue 19 (see JourneyState): absent stays absent, an unreadable one is dropped.
  const lastExposedAt =
    raw.lastExposedAt === undefined
      ? undefined
      : field(raw, "lastExposedAt", path, repaired, S.lastExposedAt, undefined);
  const recentExposures =
    raw.recentExposures === undefined
      ? undefined
      : list(raw.recentExposures, `${path}.recentExposures`, repaired, Score);
  return {
    stage: raw.stage as string,
    stageSince,
    enteredAt: f("enteredAt", S.enteredAt, stageSince),
    branch: raw.branch as string | null,
    holdout: raw.holdout as boolean,
    exposures: f("exposures", S.exposures, 0),
    ...(lastExposedAt !== undefined ? { lastExposedAt } : {}),
    ...(recentExposures ? { recentExposures } : {}),
    dismissedAt: f("dismissedAt", S.dismissedAt, null),
    completedAt: f("completedAt", S.completedAt, null),
    exitedAt: f("exitedAt", S.exitedAt, null),
    version: f("version", S.version, 0),
    ...(enrolment ? { enrolment } : {}),
  };
}

/** raw[key] when valid, else the fallback (and `path.key` noted as repaired). */
function field<T>(raw: Raw, key: string, path: string, repaired: string[], schema: z.ZodType<T>, fallback: T): T {
  const r = schema.safeParse(raw[key]);
  return r.success ? r.data : flag(repaired, `${path}.${key}`, fallback);
}

/** The valid entries of a record (each invalid one noted and dropped); {} when it is not a record at all. */
function record<T>(raw: unknown, path: string, repaired: string[], schema: z.ZodType<T>): Record<string, T> {
  if (!isRecord(raw)) return flag(repaired, path, {});
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(raw)) {
    const r = schema.safeParse(v);
    if (r.success) out[k] = r.data;
    else repaired.push(`${path}.${k}`);
  }
  return out;
}

/** The valid elements of a list (each invalid one noted and dropped); [] when it is not a list at all. */
function list<T>(raw: unknown, path: string, repaired: string[], schema: z.ZodType<T>): T[] {
  if (!Array.isArray(raw)) return flag(repaired, path, []);
  const out: T[] = [];
  raw.forEach((v, i) => {
    const r = schema.safeParse(v);
    if (r.success) out.push(r.data);
    else repaired.push(`${path}.${i}`);
  });
  return out;
}

function flag<T>(repaired: string[], path: string, value: T): T {
  repaired.push(path);
  return value;
}
