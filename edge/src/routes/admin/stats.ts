import { Slug } from "@waymark/shared/schemas/id.ts";
import { StatsBreakdownBy, StatsMethod, type StatsResponse } from "@waymark/shared/schemas/stats.ts";
import { z } from "zod";
import { parseOr400, ValidationError } from "../../http/errors.ts";
import { getPublishedRuleset } from "../../rules/published-ruleset.ts";
import { computeStats } from "../../stats/compute-stats.ts";
import { journeyDefinitions } from "../../stats/journey-definitions.ts";
import { readJourneyStats } from "../../stats/read-stats.ts";
import { statsCsv } from "../../stats/stats-csv.ts";
import { dayOf } from "../../stats/stats-row.ts";
import { json } from "../../http/json.ts";
import { queryParam, type RouteRequest, type WaymarkRouter } from "../../http/route-request.ts";

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && dayOf(Date.parse(`${d}T00:00:00Z`)) === d, {
    message: "must be a real date",
  });
const StatsQuery = z.object({
  journey: Slug,
  from: Day.optional(),
  to: Day.optional(),
  method: StatsMethod.default("sequential"),
  by: StatsBreakdownBy.optional(),
});

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

/**
 * Per-stage and per-branch figures and per-visitor results of one journey, summed over its stats shards, as JSON
 * or as CSV (one row per metric x group [x segment]). Both behind the admin token, like the rest of /api.
 */
export function registerStatsRoutes(router: WaymarkRouter): void {
  router.get("/__waymark/api/stats", async (req, env, ctx) => json(await statsOf(req, env, ctx)));
  router.get("/__waymark/api/stats.csv", async (req, env, ctx) => {
    const stats = await statsOf(req, env, ctx);
    return new Response(statsCsv(stats), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="waymark-${stats.journey}-${stats.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}

async function statsOf(req: RouteRequest, env: Env, ctx: ExecutionContext): Promise<StatsResponse> {
  const q = parseOr400(
    StatsQuery,
    {
      journey: queryParam(req, "journey"),
      from: queryParam(req, "from"),
      to: queryParam(req, "to"),
      method: queryParam(req, "method"),
      by: queryParam(req, "by"),
    },
    "invalid query",
  );
  const to = q.to ?? dayOf(Date.now());
  const from = q.from ?? dayOf(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS);
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (span < 1) throw new ValidationError("invalid query", [{ path: ["from"], message: "must not be after to" }]);
  if (span > MAX_DAYS)
    throw new ValidationError("invalid query", [{ path: ["from"], message: `at most ${MAX_DAYS} days` }]);
  const [data, rules] = await Promise.all([
    readJourneyStats(env, q.journey, from, to, q.by ?? null),
    getPublishedRuleset(env, ctx).catch(() => null),
  ]);
  const { definition, splitOf } = await journeyDefinitions(env, q.journey, rules, data.results.enrolments);
  return computeStats({
    journey: q.journey,
    from,
    to,
    ...data,
    definition,
    splitOf,
    method: q.method,
    by: q.by ?? null,
    stageIds: definition?.stages.map((s) => s.id),
    branchIds: definition?.branches.map((b) => b.id),
  });
}
