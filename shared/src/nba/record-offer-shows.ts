import type { Decision } from "../schemas/decision.ts";
import type { OfferMemory, VisitorState } from "../schemas/state.ts";
import type { CompiledRuleset } from "../engine/types.ts";
import type { CompiledOfferPoint } from "./compile-offer-point.ts";

const DAY_MS = 86_400_000;
/** The most shows kept per offer (OfferMemory's bound): a cap above it counts at most this many. */
const MAX_SHOWS = 100;

/**
 * Remembers the offers a decision showed (issue 18), on the journeys the visitor is in: which offer each decision
 * point shows until its attribution window ends (so the next pages keep it), and each capped offer's last shows.
 * Returns a new state (the same one when no offer was shown).
 *
 * Show times are read only by the caps (decide-offer.ts: shows this session >= perSession, shows in 24 h >= perDay),
 * so an offer keeps only its last max(perSession, perDay) shows of the last day, and an offer without caps none: the
 * caps decide exactly as with every show kept, and a visitor's state stops growing with each page an uncapped offer
 * is on (issue 19). A cap added in a later version counts the shows from that version on.
 */
export function recordOfferShows(
  state: VisitorState,
  decision: Decision,
  now: number,
  rules: CompiledRuleset,
): VisitorState {
  if (!decision.offers?.length) return state;
  let journeys: VisitorState["journeys"] | null = null;
  for (const c of decision.offers) {
    const js = (journeys ?? state.journeys)[c.journey];
    if (!js) continue;
    const point = offerPoint(rules, c.journey, c.action);
    const old: OfferMemory | undefined = js.offers?.[c.action];
    const shows: Record<string, number[]> = {};
    for (const [id, list] of Object.entries(old?.shows ?? {})) {
      const kept = lastShows(list, showsKept(point, id), now);
      if (kept.length) shows[id] = kept;
    }
    const mine = lastShows([...(shows[c.offer] ?? []), now], showsKept(point, c.offer), now);
    if (mine.length) shows[c.offer] = mine;
    const memory: OfferMemory = c.kept && old ? { ...old, shows } : { offer: c.offer, at: now, until: c.until, shows };
    journeys ??= { ...state.journeys };
    journeys[c.journey] = { ...js, offers: { ...js.offers, [c.action]: memory } };
  }
  return journeys ? { ...state, journeys } : state;
}

/** How many shows of an offer its caps read: the larger cap (0: no caps, or the offer is not in these rules). */
export function showsKept(point: CompiledOfferPoint | null, offerId: string): number {
  const o = point?.offers.find((x) => x.id === offerId);
  if (!o) return 0;
  return Math.min(MAX_SHOWS, Math.max(o.perSession ?? 0, o.perDay ?? 0));
}

function lastShows(list: readonly number[], keep: number, now: number): number[] {
  if (keep === 0) return [];
  const recent = list.filter((t) => t > now - DAY_MS);
  return recent.length > keep ? recent.slice(-keep) : recent;
}

function offerPoint(rules: CompiledRuleset, journey: string, action: string): CompiledOfferPoint | null {
  return rules.byId.get(journey)?.actions.find((a) => a.id === action)?.offer ?? null;
}
