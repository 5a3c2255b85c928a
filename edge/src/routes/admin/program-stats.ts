import { PROGRAM_ID, PROGRAM_METRICS, PROGRAM_PERSONALIZED, PROGRAM_STAGE } from "@waymark/shared/engine/program.ts";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { ProgramResponse } from "@waymark/shared/schemas/program.ts";
import { StatsBreakdownBy, StatsMethod } from "@waymark/shared/schemas/stats.ts";
import { z } from "zod";
import { getConfig } from "../../config.ts";
import { parseOr400, ValidationError } from "../../http/errors.ts";
import { json } from "../../http/json.ts";
import { queryParam, type RouteRequest, type WaymarkRouter } from "../../http/route-request.ts";
import { computeStats } from "../../stats/compute-stats.ts";
import { readJourneyStats } from "../../stats/read-stats.ts";
import { dayOf } from "../../stats/stats-row.ts";

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD")
  .refine((d) => dayOf(Date.parse(`${d}T00:00:00Z`)) === d, { message: "must be a real date" });
const ProgramQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  method: StatsMethod.default("sequential"),
  by: StatsBreakdownBy.optional(),
});

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

/**
 * The program as a journey for the stats code: one stage, the "personalized" group against the global holdout as
 * control (its share as the holdout, for the sample-ratio check), measured by the program metrics.
 */
export function programDefinition(globalHoldout: number): Journey {
  return Journey.parse({
    id: "program",
    name: "Program",
    stages: [{ id: PROGRAM_STAGE }],
    start: PROGRAM_STAGE,
    branches: [{ id: PROGRAM_PERSONALIZED, weight: 1 }],
    holdout: globalHoldout,
    metrics: PROGRAM_METRICS,
  });
}

/** The whole program's uplift (issue 16): the same figures, intervals and verdicts as a journey's results page. */
export function registerProgramStatsRoute(router: WaymarkRouter): void {
  router.get("/__waymark/api/program", async (req, env) => json(await programStats(req, env)));
}

async function programStats(req: RouteRequest, env: Env): Promise<ProgramResponse> {
  const q = parseOr400(
    ProgramQuery,
    {
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
  const globalHoldout = getConfig(env).globalHoldout;
  const data = await readJourneyStats(env, PROGRAM_ID, from, to, q.by ?? null);
  // With the holdout off, the definition keeps the holdout as control so earlier enrolments still compare.
  const definition = programDefinition(globalHoldout > 0 ? globalHoldout : 0.5);
  const stats = computeStats({
    journey: PROGRAM_ID,
    from,
    to,
    ...data,
    definition,
    // The share may have changed over time: the sample-ratio check is against today's only while it is on.
    splitOf: () => (globalHoldout > 0 ? definition : undefined),
    method: q.method,
    by: q.by ?? null,
    stageIds: [PROGRAM_STAGE],
    branchIds: [PROGRAM_PERSONALIZED],
  });
  return { ...stats, globalHoldout };
}
