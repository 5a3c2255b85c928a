import { z } from "zod";
import { CART_LIMITS, EVENT_LIMITS } from "./event-limits.ts";
import { EventType } from "./id.ts";

// The limits live in a module without zod (the beacon bundles it); re-exported here, where they are enforced.
export { CART_LIMITS, EVENT_LIMITS };

const DataNumber = z.number().min(-EVENT_LIMITS.maxAbsNumber).max(EVENT_LIMITS.maxAbsNumber);
const Scalar = z.union([z.string().max(EVENT_LIMITS.maxStringLength), DataNumber, z.boolean(), z.null()]);
const Value = z.union([Scalar, z.array(Scalar).max(50), z.record(z.string().max(64), Scalar)]);

/** A visitor event, from the beacon, the site's own code, or a backend. */
export const VisitorEvent = z
  .object({
    type: EventType,
    data: z
      .record(z.string().max(64), Value)
      .refine((d) => Object.keys(d).length <= EVENT_LIMITS.maxDataKeys, `at most ${EVENT_LIMITS.maxDataKeys} keys`)
      .optional(),
    /** Milliseconds since epoch; the server clamps it to [now - 1 day, now]. Defaults to arrival time. */
    at: z.number().int().nonnegative().optional(),
    /** Idempotency key: an event with an id already recorded for this visitor is ignored. */
    id: z.string().min(1).max(64).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.type !== "add_to_cart" && e.type !== "remove_from_cart") return;
    const { price, quantity } = e.data ?? {};
    if (typeof price === "number" && Math.abs(price) > CART_LIMITS.maxPrice)
      ctx.addIssue({ code: "custom", path: ["data", "price"], message: `at most ${CART_LIMITS.maxPrice} either way` });
    if (typeof quantity === "number" && quantity > CART_LIMITS.maxQuantity)
      ctx.addIssue({ code: "custom", path: ["data", "quantity"], message: `at most ${CART_LIMITS.maxQuantity}` });
  });
export type VisitorEvent = z.infer<typeof VisitorEvent>;

/** Body of POST /__waymark/events: one event, or a batch. */
export const EventsBody = z.union([
  VisitorEvent,
  z.object({ events: z.array(VisitorEvent).min(1).max(EVENT_LIMITS.maxBatch) }).strict(),
]);
export type EventsBody = z.infer<typeof EventsBody>;

/** Data of an add_to_cart / remove_from_cart event. */
export const CartItemData = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  sku: z.string().optional(),
  name: z.string().optional(),
  price: z.number().min(-CART_LIMITS.maxPrice).max(CART_LIMITS.maxPrice).optional(),
  quantity: z.number().int().positive().max(CART_LIMITS.maxQuantity).optional(),
  category: z.string().optional(),
});
export type CartItemData = z.infer<typeof CartItemData>;

/** Event types the engine itself understands. */
export const BUILTIN_EVENTS = [
  "page_view",
  "add_to_cart",
  "remove_from_cart",
  "purchase",
  "dismiss",
  "rage_click",
  "dead_click",
  "back_and_forth",
  "hesitation",
  "form_error",
  "scroll_thrash",
] as const;
