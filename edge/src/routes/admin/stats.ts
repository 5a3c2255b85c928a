import { Slug } from "@waymark/shared/schemas/id.ts";
import { z } from "zod";
import { parseOr400, ValidationError } from "../../http/errors.ts";
import { getPublishedRuleset } from "../../rules/published-ruleset.ts";
import { computeStats } from "../../stats/compute-stats.ts";
import { readStats } from "../../stats/read-stats.ts";
import { dayOf } from "../../stats/stats-row.ts";
import { json } from "../../http/json.ts";
import { queryParam, type WaymarkRouter } from "../../http/route-request.ts";

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && dayOf(Date.parse(`${d}T00:00:00Z`)) === d, {
    message: "must be a real date",
  });
const StatsQuery = z.object({ journey: Slug, from: Day.optional(), to: Day.optional() });

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

/** Per-stage and per-branch figures of one journey, summed over its stats shards. */
export function registerStatsRoutes(router: WaymarkRouter): void {
  router.get("/__waymark/api/stats", async (req, env, ctx) => {
    const q = parseOr400(
      StatsQuery,
      { journey: queryParam(req, "journey"), from: queryParam(req, "from"), to: queryParam(req, "to") },
      "invalid query",
    );
    const to = q.to ?? dayOf(Date.now());
    const from = q.from ?? dayOf(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS);
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (span < 1) throw new ValidationError("invalid query", [{ path: ["from"], message: "must not be after to" }]);
    if (span > MAX_DAYS)
      throw new ValidationError("invalid query", [{ path: ["from"], message: `at most ${MAX_DAYS} days` }]);
    const [data, rules] = await Promise.all([
      readStats(env, q.journey, from, to),
      getPublishedRuleset(env, ctx).catch(() => null),
    ]);
    const journey = rules?.byId.get(q.journey)?.journey;
    return json(
      computeStats({
        journey: q.journey,
        from,
        to,
        ...data,
        stageIds: journey?.stages.map((s) => s.id),
        branchIds: journey?.branches.map((b) => b.id),
      }),
    );
  });
}
