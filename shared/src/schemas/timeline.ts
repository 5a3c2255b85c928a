import { z } from "zod";
import { DeviceClass } from "./condition.ts";
import { Duration } from "./duration.ts";
import { VisitorEvent } from "./event.ts";
import { EventType, Slug } from "./id.ts";

const Label = z.string().max(200).optional();

/** Request-level facts a simulated page view carries (defaults: desktop, no country, no referrer, no cookies). */
export const SimulatedRequest = z
  .object({
    device: DeviceClass.optional(),
    country: z.string().length(2).nullable().optional(),
    referrer: z.string().max(2_048).nullable().optional(),
    cookies: z.record(z.string().max(128), z.string().max(512)).optional(),
    host: z.string().min(1).max(253).optional(),
  })
  .strict();
export type SimulatedRequest = z.infer<typeof SimulatedRequest>;

/** One step of a simulated visitor: a page view, an event, or time passing (what the visitor's alarm would do). */
export const TimelineStep = z.union([
  SimulatedRequest.extend({ page: z.string().min(1).max(2_048), label: Label }).strict(),
  z.object({ event: EventType, data: VisitorEvent.shape.data, label: Label }).strict(),
  z.object({ wait: Duration, label: Label }).strict(),
]);
export type TimelineStep = z.infer<typeof TimelineStep>;

/**
 * A visitor timeline for offline simulation (`waymark simulate`, the dashboard's simulator): the shared engine is
 * run step by step from `start`, so "what does this visitor see now, and in 30 minutes?" has one answer everywhere.
 */
export const Timeline = z
  .object({
    /** The visitor id decides branch and holdout (a deterministic hash), as it does at the edge. */
    visitorId: z.string().min(1).max(64).default("simulated-visitor"),
    /** ISO date-time or milliseconds since epoch; default 2025-01-01T00:00:00Z, so runs are reproducible. */
    start: z.union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()]).optional(),
    /** Defaults for every page step (a page step may override them). */
    request: SimulatedRequest.optional(),
    /** Decide as a preview would: this journey, optionally at this stage and branch. */
    force: z.object({ journey: Slug, stage: Slug.optional(), branch: Slug.optional() }).strict().optional(),
    /** GLOBAL_HOLDOUT to simulate (0..1, default 0): a visitor id in the global holdout gets no journey. */
    globalHoldout: z.number().min(0).max(1).optional(),
    steps: z.array(TimelineStep).min(1).max(1_000),
  })
  .strict();
export type Timeline = z.infer<typeof Timeline>;
export type TimelineInput = z.input<typeof Timeline>;
