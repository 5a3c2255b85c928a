import type { Action, ChannelContent, ChannelJourney, ChannelOffer, Decision } from "@waymark/shared";

const text = (a: Action, key: "html" | "text" | "url" | "title"): string | null => {
  const v: unknown = Reflect.get(a, key);
  return typeof v === "string" ? v : null;
};

/** The content fields of a rendered action (any type: those without content give nulls). */
export function channelContent(a: Action): ChannelContent {
  return { html: text(a, "html"), text: text(a, "text"), url: text(a, "url"), title: text(a, "title") };
}

/**
 * Pure: the journeys the visitor is in after a decision, in priority order, each with the actions the page got
 * from it (rendered) and the trace's status. `enrolled`: the journeys of the visitor's state after the visit.
 */
export function channelJourneys(decision: Decision, enrolled: ReadonlySet<string>): ChannelJourney[] {
  return decision.trace
    .filter((t) => t.stage !== null && (enrolled.has(t.journey) || t.forced))
    .map((t) => ({
      journey: t.journey,
      stage: t.stage!,
      branch: t.holdout ? null : t.branch,
      holdout: t.holdout,
      status: t.status,
      actions: decision.actions
        .filter((a) => a.journey === t.journey)
        .map((a) => ({ id: a.actionId, type: a.action.type, slot: a.slot, ...channelContent(a.action) })),
      offer: offerOf(decision, t.journey),
    }));
}

/** The offer an offer decision point of the journey chose on this page (issue 18), with its rendered content. */
function offerOf(decision: Decision, journey: string): ChannelOffer | null {
  const a = decision.actions.find((x) => x.journey === journey && x.offer !== undefined);
  return a ? { id: a.offer!, actionId: a.actionId, ...channelContent(a.action) } : null;
}
