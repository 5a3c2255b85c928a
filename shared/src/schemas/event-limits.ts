// Plain constants, no zod: the beacon (edge/scripts/build-beacon.mjs) bundles this module to clean event data the
// way the events endpoint checks it, without pulling in the schemas. It imports the single numbers, so the bundle
// carries only those.

/** Every number in event data is finite and at most this either way (integers up to it are exact). */
export const MAX_EVENT_NUMBER = 1e15;
/** A cart event's `price`, either way. */
export const MAX_CART_PRICE = 1e12;
/** A cart event's `quantity`. */
export const MAX_CART_QUANTITY = 1e6;

/**
 * Limits that keep one event small; the edge enforces body size separately (413). Every number in `data` is finite
 * and at most `maxAbsNumber` either way (1e15: integers up to it are exact, and sums of a few stay finite).
 */
export const EVENT_LIMITS = {
  maxDataKeys: 50,
  maxStringLength: 1_000,
  maxBatch: 50,
  maxAbsNumber: MAX_EVENT_NUMBER,
} as const;

/**
 * Bounds on the cart numbers. An add_to_cart / remove_from_cart event with a `price` beyond `maxPrice` either way or
 * a `quantity` above `maxQuantity` is refused; the engine clamps an item's quantity, the cart's count and its value
 * to these bounds, so a stored cart stays finite whatever arrives. `maxItems` bounds the distinct items of a cart:
 * adding a new item to a full cart drops the least recently added-to one (shared/src/engine/apply-cart.ts), so one
 * visitor's state cannot grow without bound.
 */
export const CART_LIMITS = {
  maxPrice: MAX_CART_PRICE,
  maxQuantity: MAX_CART_QUANTITY,
  maxCount: 1e9,
  maxValue: 1e15,
  maxItems: 100,
} as const;
