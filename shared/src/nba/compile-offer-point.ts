import type { Action, Offer } from "../schemas/action.ts";
import type { Condition } from "../schemas/condition.ts";
import { durationMs } from "../engine/duration-ms.ts";
import { decisionPointKey } from "./model-snapshot.ts";

/** Attribution window of an offer action that names none. */
export const DEFAULT_ATTRIBUTION = "1d";

/** One candidate offer, ready for the hot path: its content as a plain page action, conditions and caps. */
export interface CompiledOffer {
  id: string;
  value: number;
  weight: number;
  when: Condition[] | null;
  whenLabels: string[];
  perSession: number | null;
  perDay: number | null;
  /** What showing the offer does to the page: a replace or an insert at the action's selector. */
  content: Action;
}

/** An offer action compiled once per ruleset version. */
export interface CompiledOfferPoint {
  /** The model's name, "<journey>/<action id>". */
  key: string;
  objective: string;
  attributionMs: number;
  offers: CompiledOffer[];
}

/** Compiles an offer action (null for every other type). */
export function compileOfferPoint(journeyId: string, actionId: string, a: Action): CompiledOfferPoint | null {
  if (a.type !== "offer") return null;
  return {
    key: decisionPointKey(journeyId, actionId),
    objective: a.objective,
    attributionMs: durationMs(a.attribution ?? DEFAULT_ATTRIBUTION),
    offers: a.offers.map((o) => ({
      id: o.id,
      value: o.value,
      weight: o.weight,
      when: o.when?.length ? o.when : null,
      whenLabels: (o.when ?? []).map((c, i) => `when[${i}] ${c.type}`),
      perSession: o.caps?.perSession ?? null,
      perDay: o.caps?.perDay ?? null,
      content: offerContent(a, o),
    })),
  };
}

/** The page change an offer makes: its html or text in place of the element's content, or html inserted around it. */
function offerContent(a: Extract<Action, { type: "offer" }>, o: Offer): Action {
  if (a.position === "replace")
    return o.text !== undefined
      ? { type: "replace", selector: a.selector, text: o.text }
      : { type: "replace", selector: a.selector, html: o.html };
  return { type: "insert", selector: a.selector, position: a.position, html: o.html ?? "" };
}
