import { z } from "zod";
import { AppliedAction } from "./decision.ts";
import { EventType } from "./id.ts";
import { ManifestTrack } from "./tracking.ts";

/** Thresholds of the beacon's behaviour signals (configurable per site, defaults in the beacon). */
export const BeaconConfig = z
  .object({
    rageClicks: z.number().int().min(2).max(20).optional(), // clicks ...
    rageWindowMs: z.number().int().min(100).max(10_000).optional(), // ... within this window ...
    rageRadiusPx: z.number().int().min(5).max(500).optional(), // ... within this radius
    hesitationMs: z.number().int().min(1_000).max(600_000).optional(), // dwell without progress
    backAndForthCount: z.number().int().min(2).max(20).optional(), // A->B->A... switches
    formErrorCount: z.number().int().min(1).max(20).optional(),
    scrollThrashCount: z.number().int().min(2).max(50).optional(), // direction changes ...
    scrollThrashWindowMs: z.number().int().min(200).max(20_000).optional(), // ... within this window
    flushMs: z.number().int().min(100).max(60_000).optional(), // batch window for events
    // The page's analytics (docs/events-and-beacon.md). Reading its ecommerce events is on where the page has a
    // dataLayer / Segment's analytics (false: off); exporting exposures (journey, stage, branch) to it is off unless
    // `true` (or `exposures: true`): window.dataLayer.push({ event: "waymark_exposure", ... }) (GA4 / GTM),
    // analytics.track("Waymark Exposure", ...) (Segment).
    dataLayer: z
      .union([
        z.boolean(),
        z
          .object({
            // More GA4 / dataLayer event names -> the Waymark event type each is reported as.
            events: z
              .record(
                z.string().min(1).max(64),
                // identify and traits are the backend's (SERVER_ONLY_EVENT_TYPES): the events endpoint refuses them.
                EventType.refine((t) => t !== "identify" && t !== "traits", "reserved for your backend"),
              )
              .refine((m) => Object.keys(m).length <= 50, "at most 50 names")
              .optional(),
            exposures: z.boolean().optional(),
          })
          .strict(),
      ])
      .optional(),
    segment: z.boolean().optional(),
  })
  .strict();
export type BeaconConfig = z.infer<typeof BeaconConfig>;

/** Does the site export exposures to its analytics (then the manifest lists them, holdouts included)? */
export const exportsExposures = (c: BeaconConfig): boolean =>
  c.dataLayer === true || (typeof c.dataLayer == "object" && c.dataLayer.exposures === true) || c.segment === true;

/**
 * What the edge tells the beacon about the page it personalized, embedded in the page as
 * <script type="application/json" id="__waymark">{...}</script> (escaped for a script context).
 * `applied` lets the beacon restore edge changes a client framework re-render removed; `nudges` are shown on load.
 */
export const PageManifest = z.object({
  version: z.number().int().nonnegative(),
  applied: z.array(AppliedAction),
  nudges: z.array(AppliedAction),
  config: BeaconConfig,
  /** True on a preview (forced) page: the beacon tags events so they never touch real state. */
  preview: z.boolean().optional(),
  /** Click rules of the live journeys (selector, event), for the beacon's one delegated click listener. */
  track: z.array(ManifestTrack).optional(),
  /**
   * What this page exposed (journey, stage, branch; "holdout" for the control group), only when an export is
   * switched on in the config: otherwise the page says nothing of holdouts.
   */
  exposures: z.array(z.object({ journey: z.string(), stage: z.string(), branch: z.string() })).optional(),
  /** CONSENT_MODE=required: the beacon reports the page's consent frameworks (TCF, Consent Mode) to the edge. */
  consent: z.boolean().optional(),
});
export type PageManifest = z.infer<typeof PageManifest>;

/** Reply of POST /__waymark/events: actions to show now (nudges), plus what was accepted. */
export const EventsReply = z.object({
  accepted: z.number().int().nonnegative(),
  actions: z.array(AppliedAction),
});
export type EventsReply = z.infer<typeof EventsReply>;
