import {
  nextWakeAt,
  statsFor,
  type CompiledRuleset,
  type Decision,
  type StageChange,
  type StatsEvent,
  type VisitorState,
} from "@waymark/shared";
import { webhookJobs, type WebhookJob } from "../webhooks/webhook-job.ts";

/** The work a new state causes besides its own row: stats to count, webhooks to fire, exposures, the next wake. */
export interface VisitPlan {
  stats: StatsEvent[];
  hooks: WebhookJob[];
  exposures: number;
  wake: number | null;
}

/** Pure: sandboxes (previews) never count in stats and never fire webhooks. */
export function planVisit(
  sandbox: boolean | undefined,
  rules: CompiledRuleset,
  state: VisitorState,
  changes: StageChange[],
  decision: Decision | null,
  now: number,
): VisitPlan {
  return {
    stats: sandbox ? [] : statsFor({ state, changes }, decision, now),
    hooks: sandbox ? [] : webhookJobs(state.visitorId, changes, rules),
    exposures: decision?.exposures.filter((e) => !e.holdout).length ?? 0,
    wake: nextWakeAt(state, rules, now),
  };
}
