import type { VisitorState } from "../schemas/state.ts";

/** A visitor Waymark has never seen: no visits yet (the first page_view makes it 1), empty cart, zero scores. */
export function newVisitorState(visitorId: string, now: number): VisitorState {
  return {
    visitorId,
    createdAt: now,
    lastSeenAt: now,
    visits: 0,
    sessionStartedAt: now,
    pageViews: 0,
    eventCount: 0,
    cart: { items: [], count: 0, value: 0, lastItem: null, updatedAt: null },
    traits: {},
    scores: { engagement: 0, interests: {}, updatedAt: now },
    journeys: {},
    recentPaths: [],
    customerId: null,
  };
}
