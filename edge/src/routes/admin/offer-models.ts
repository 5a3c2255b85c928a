import { Slug } from "@waymark/shared/schemas/id.ts";
import { z } from "zod";
import { parseOr400, StatusError } from "../../http/errors.ts";
import { json } from "../../http/json.ts";
import { queryParam, type WaymarkRouter } from "../../http/route-request.ts";
import type { ModelReport } from "../../models/model-rpc.ts";
import { getPublishedRuleset } from "../../rules/published-ruleset.ts";

/** One offer decision point of a live journey, with what its model has learned. */
export interface OfferPointReport extends ModelReport {
  action: string;
  objective: string;
  /** The offers as the journey lists them (id, name, value, weight): the model may not have seen them all yet. */
  candidates: { id: string; name?: string; value: number; weight: number }[];
}

const Query = z.object({ journey: Slug });

/**
 * GET /__waymark/api/offers?journey=<id>: per offer decision point of the live journey, per offer, the examples its
 * model learned from, conversions, base propensity and the learned propensity by segment (device, source, interest).
 */
export function registerOfferModelRoutes(router: WaymarkRouter): void {
  router.get("/__waymark/api/offers", async (req, env, ctx) => {
    const q = parseOr400(Query, { journey: queryParam(req, "journey") }, "invalid query");
    const rules = await getPublishedRuleset(env, ctx);
    const j = rules.byId.get(q.journey);
    if (!j) throw new StatusError(404, `no live journey "${q.journey}"`);
    const points: OfferPointReport[] = await Promise.all(
      j.actions
        .filter((a) => a.offer && a.action.type === "offer")
        .map(async (a) => {
          const report = await env.MODELS.getByName(a.offer!.key).report(a.offer!.key);
          const action = a.action as Extract<typeof a.action, { type: "offer" }>;
          return {
            ...report,
            action: a.id,
            objective: a.offer!.objective,
            candidates: action.offers.map((o) => ({
              id: o.id,
              ...(o.name === undefined ? {} : { name: o.name }),
              value: o.value,
              weight: o.weight,
            })),
          };
        }),
    );
    return json({ journey: q.journey, points });
  });
}
