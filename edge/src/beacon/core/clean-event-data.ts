// Mirrors the VisitorEvent limits of shared/src/schemas/event.ts, so one careless track() call cannot get a whole
// batch refused with a 400. Runs in the beacon: the bounds come from the plain constants module (no zod).
import { MAX_CART_PRICE, MAX_CART_QUANTITY, MAX_EVENT_NUMBER } from "@waymark/shared/schemas/event-limits.ts";

const MAX_KEYS = 50;
const MAX_KEY = 64;
const MAX_STRING = 1_000;
const MAX_ARRAY = 50;

type Scalar = string | number | boolean | null;
type Value = Scalar | Scalar[] | Record<string, Scalar>;

export const EVENT_TYPE_RE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A value the endpoint accepts, or undefined. Numbers: finite and within MAX_EVENT_NUMBER either way; a top-level
 * `price` (`key`) within MAX_CART_PRICE and a `quantity` within MAX_CART_QUANTITY, in every event (the endpoint
 * checks them on cart events; knowing the type would cost the beacon more bytes than these rare values are worth).
 */
function scalar(v: unknown, key?: unknown): Scalar | undefined {
  if (v === null || typeof v === "boolean") return v;
  if (typeof v === "number")
    return Math.abs(v) <= (key === "price" ? MAX_CART_PRICE : key === "quantity" ? MAX_CART_QUANTITY : MAX_EVENT_NUMBER)
      ? v
      : undefined; // NaN and ±Infinity fail too
  if (typeof v === "string") return v.slice(0, MAX_STRING);
  return undefined;
}

function entries(o: object): [string, unknown][] {
  return Object.keys(o)
    .slice(0, MAX_KEYS)
    .map((k) => [k.slice(0, MAX_KEY), (o as Record<string, unknown>)[k]]);
}

/**
 * Event data reduced to what the events endpoint accepts: scalars, arrays of scalars, flat objects of scalars,
 * numbers within their bounds (scalar). Anything else (functions, nested objects, NaN, numbers out of bounds) is
 * dropped rather than failing the event, so one careless value never gets a whole batch refused.
 */
export function cleanEventData(data: unknown): Record<string, Value> | undefined {
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const out: Record<string, Value> = {};
  for (const [k, v] of entries(data)) {
    const s = scalar(v, k);
    if (s !== undefined) out[k] = s;
    else if (Array.isArray(v))
      out[k] = v
        .map(scalar) // its index, passed as the key, never names a cart field
        .filter((x): x is Scalar => x !== undefined)
        .slice(0, MAX_ARRAY);
    else if (v && typeof v === "object") {
      const rec: Record<string, Scalar> = {};
      for (const [k2, v2] of entries(v)) {
        const s2 = scalar(v2);
        if (s2 !== undefined) rec[k2] = s2;
      }
      out[k] = rec;
    }
  }
  return out;
}
