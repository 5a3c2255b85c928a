import { z } from "zod";

/** Identifiers of journeys, stages, branches and actions: URL- and log-safe slugs. */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, "must be letters, digits, '-' or '_' (max 64)");
export type Slug = z.infer<typeof Slug>;

/** Event type names, e.g. add_to_cart, rage_click. */
export const EventType = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, "must be snake_case: lowercase letters, digits and '_'");
export type EventType = z.infer<typeof EventType>;
