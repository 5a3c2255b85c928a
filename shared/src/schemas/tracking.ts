import { z } from "zod";
import { Selector } from "./action.ts";
import { EventType, Slug } from "./id.ts";

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
 * Events without code: a click on an element matching `selector` (the element or anything inside it; the beacon
 * runs it with Element.closest(), and it is checked like the selectors of actions, so the visual editor and the
 * edge speak the same syntax), or a page view of a path matching `url`, reports `event` like waymark.track(event). Events from rules are ordinary
 * events: transitions, goals and metrics of every journey see them.
 */
export const TrackRule = z.discriminatedUnion("on", [
  z.object({ on: z.literal("click"), selector: Selector, event: TrackEvent, id: Slug.optional() }).strict(),
  z.object({ on: z.literal("view"), url: PathGlob, event: TrackEvent, id: Slug.optional() }).strict(),
]);
export type TrackRule = z.infer<typeof TrackRule>;

export const TrackRules = z.array(TrackRule).max(50);

/** A click rule as the page manifest carries it (compact: every page of the site gets the list). */
export const ManifestTrack = z.object({ s: z.string(), e: z.string() });
export type ManifestTrack = z.infer<typeof ManifestTrack>;
