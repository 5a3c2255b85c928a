import { z } from "zod";
import { StatsResponse } from "./stats.ts";

/**
 * GET /__waymark/api/program: the whole program's results (issue 16), the global holdout (control, "holdout") against
 * everyone personalized ("personalized"), by purchases and their revenue: the same figures as a journey's stats.
 */
export const ProgramResponse = StatsResponse.extend({
  /** GLOBAL_HOLDOUT now (0: off, so no new visitor is enrolled; earlier enrolments are still shown). */
  globalHoldout: z.number().min(0).max(1),
});
export type ProgramResponse = z.infer<typeof ProgramResponse>;
