import { z } from "zod";
import { EventType } from "./id.ts";

/** Limits that keep one event small; the edge enforces body size separately (413). */
export const EVENT_LIMITS = { maxDataKeys: 50, maxStringLength: 1_000, maxBatch: 50 } as const;

const Scalar = z.union([z.string().max(EVENT_LIMITS.maxStringLength), z.number().finite(), z.boolean(), z.null()]);
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
  .strict();
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
  price: z.number().finite().optional(),
  quantity: z.number().int().positive().optional(),
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
