import { z } from "zod";
import { VisitorState } from "./state.ts";

/** One event of a visitor's log, as GET /me and the admin view list it (oldest first). */
export const VisitorLogEntry = z.object({
  id: z.string().nullable(),
  type: z.string(),
  at: z.number(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type VisitorLogEntry = z.infer<typeof VisitorLogEntry>;

/** A webhook sent (or to send) when the visitor entered a stage. */
export const WebhookDelivery = z.object({
  id: z.number(),
  journey: z.string(),
  stage: z.string(),
  url: z.string(),
  status: z.enum(["pending", "delivered", "failed", "skipped"]),
  attempts: z.number(),
  at: z.number(),
  detail: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/**
 * GET /__waymark/api/visitors/:visitorId (admin): what the visitor's own /me shows (the stored state's fields, the
 * recent events, the link to a customer), plus webhook outcomes, the outbox work not done yet and the next alarm.
 * Read-only: the dashboard's visitor lookup shows it.
 */
export const AdminVisitorView = VisitorState.partial().extend({
  visitorId: z.string(),
  eventCount: z.number(),
  stored: z.boolean(),
  events: z.array(VisitorLogEntry),
  linkedCustomer: z.string().nullable(),
  link: z
    .object({
      customerId: z.string(),
      active: z.boolean(),
      via: z.enum(["token", "server"]),
      expiresAt: z.number().nullable(),
    })
    .nullable(),
  rulesetVersion: z.number().nullable(),
  deliveries: z.array(WebhookDelivery),
  pending: z.array(
    z.object({ kind: z.string(), attempts: z.number(), nextAt: z.number(), lastError: z.string().nullable() }),
  ),
  alarmAt: z.number().nullable(),
});
export type AdminVisitorView = z.infer<typeof AdminVisitorView>;
