import type { VisitorState } from "@waymark/shared";

/**
 * The state as if everything recorded had happened `byMs` earlier (QA and previews jump time forward this way,
 * so "after" transitions, sessions and caps behave as they will for real). Returns a new state.
 */
export function shiftStateTime(state: VisitorState, byMs: number): VisitorState {
  const t = (v: number) => v - byMs;
  const tn = (v: number | null) => (v === null ? null : v - byMs);
  const journeys: VisitorState["journeys"] = {};
  for (const [id, js] of Object.entries(state.journeys)) {
    journeys[id] = {
      ...js,
      stageSince: t(js.stageSince),
      enteredAt: t(js.enteredAt),
      // Absent unless stored before issue 19 (lastExposedAt) or the journey has a cap (recentExposures).
      ...(js.lastExposedAt !== undefined ? { lastExposedAt: tn(js.lastExposedAt) } : {}),
      ...(js.recentExposures ? { recentExposures: js.recentExposures.map(t) } : {}),
      dismissedAt: tn(js.dismissedAt),
      completedAt: tn(js.completedAt),
      exitedAt: tn(js.exitedAt),
      // Metric windows run from the enrolment.
      ...(js.enrolment ? { enrolment: { ...js.enrolment, at: t(js.enrolment.at) } } : {}),
      // Offer decision points: the offer kept until its attribution window ends, and the shows its caps count.
      ...(js.offers
        ? {
            offers: Object.fromEntries(
              Object.entries(js.offers).map(([k, o]) => [
                k,
                {
                  ...o,
                  at: t(o.at),
                  until: t(o.until),
                  shows: Object.fromEntries(Object.entries(o.shows).map(([id, list]) => [id, list.map(t)])),
                },
              ]),
            ),
          }
        : {}),
    };
  }
  return {
    ...state,
    createdAt: t(state.createdAt),
    lastSeenAt: t(state.lastSeenAt),
    sessionStartedAt: t(state.sessionStartedAt),
    cart: { ...state.cart, updatedAt: tn(state.cart.updatedAt) },
    scores: { ...state.scores, updatedAt: t(state.scores.updatedAt) },
    journeys,
    ...(state.touch
      ? {
          touch: {
            first: state.touch.first && { ...state.touch.first, at: t(state.touch.first.at) },
            session: state.touch.session && { ...state.touch.session, at: t(state.touch.session.at) },
          },
        }
      : {}),
    ...(typeof state.previousSessionAt === "number" ? { previousSessionAt: t(state.previousSessionAt) } : {}),
  };
}
