import { z } from "zod";
import { EventType, Slug } from "./id.ts";

/**
 * A CSS selector the beacon matches clicks against with Element.closest(). Same bounds as the selectors of actions
 * (shared/src/schemas/action.ts); the browser runs it, so a selector it cannot parse simply matches nothing.
 */
const TrackSelector = z.string().min(1).max(512);

/** Path globs, as in the `path` condition ("**" any characters, "*" any run without "/", "?" one character). */
const PathGlob = z.string().min(1).max(512);

/**
 * Event types a tracking rule may not report: page views are the edge's own, `identify` and `traits` come from the
 * site's backend only (a browser sending them is refused), and a dismissal names its journey (`data-wm-dismiss`).
 */
export const UNTRACKABLE_EVENTS: readonly string[] = ["page_view", "identify", "traits", "dismiss"];

const TrackEvent = EventType.refine((e) => !UNTRACKABLE_EVENTS.includes(e), {
  message: `cannot be reported by a tracking rule (reserved: ${UNTRACKABLE_EVENTS.join(", ")})`,
});

/**
 * Events without code: a click on an element matching `selector` (the element or anything inside it), or a page
 * view of a path matching `url`, reports `event` like waymark.track(event) would. Events from rules are ordinary
 * events: transitions, goals and metrics of every journey see them.
 */
export const TrackRule = z.discriminatedUnion("on", [
  z.object({ on: z.literal("click"), selector: TrackSelector, event: TrackEvent, id: Slug.optional() }).strict(),
  z.object({ on: z.literal("view"), url: PathGlob, event: TrackEvent, id: Slug.optional() }).strict(),
]);
export type TrackRule = z.infer<typeof TrackRule>;

export const TrackRules = z.array(TrackRule).max(50);

/** A click rule as the page manifest carries it (compact: every page of the site gets the list). */
export const ManifestTrack = z.object({ s: z.string(), e: z.string() });
export type ManifestTrack = z.infer<typeof ManifestTrack>;
