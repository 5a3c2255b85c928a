import type { Decision } from "../schemas/decision.ts";
import type { OfferMemory, VisitorState } from "../schemas/state.ts";

const DAY_MS = 86_400_000;
/** Shows kept per offer: caps count at most a day's, and no cap needs more. */
const MAX_SHOWS = 100;

/**
 * Remembers the offers a decision showed (issue 18), on the journeys the visitor is in: which offer each decision
 * point shows until its attribution window ends (so the next pages keep it), and each offer's shows of the last day
 * (its caps). Returns a new state (the same one when no offer was shown).
 */
export function recordOfferShows(state: VisitorState, decision: Decision, now: number): VisitorState {
  if (!decision.offers?.length) return state;
  let journeys: VisitorState["journeys"] | null = null;
  for (const c of decision.offers) {
    const js = (journeys ?? state.journeys)[c.journey];
    if (!js) continue;
    const old: OfferMemory | undefined = js.offers?.[c.action];
    const shows: Record<string, number[]> = {};
    for (const [id, list] of Object.entries(old?.shows ?? {})) {
      const recent = list.filter((t) => t > now - DAY_MS);
      if (recent.length) shows[id] = recent;
    }
    shows[c.offer] = [...(shows[c.offer] ?? []), now].slice(-MAX_SHOWS);
    const memory: OfferMemory = c.kept && old ? { ...old, shows } : { offer: c.offer, at: now, until: c.until, shows };
    journeys ??= { ...state.journeys };
    journeys[c.journey] = { ...js, offers: { ...js.offers, [c.action]: memory } };
  }
  return journeys ? { ...state, journeys } : state;
}
