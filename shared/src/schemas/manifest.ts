import { z } from "zod";
import { AppliedAction } from "./decision.ts";
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
    // Exports of exposures (journey, stage, branch) to the page's analytics: off unless switched on.
    dataLayer: z.boolean().optional(), // window.dataLayer.push({ event: "waymark_exposure", ... }) (GA4 / GTM)
    segment: z.boolean().optional(), // analytics.track("Waymark Exposure", ...) when Segment's analytics is loaded
  })
  .strict();
export type BeaconConfig = z.infer<typeof BeaconConfig>;

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
});
export type PageManifest = z.infer<typeof PageManifest>;

/** Reply of POST /__waymark/events: actions to show now (nudges), plus what was accepted. */
export const EventsReply = z.object({
  accepted: z.number().int().nonnegative(),
  actions: z.array(AppliedAction),
});
export type EventsReply = z.infer<typeof EventsReply>;
