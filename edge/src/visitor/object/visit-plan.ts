import { nextWakeAt, type CompiledRuleset, type StatsEvent, type Visit } from "@waymark/shared";
import { webhookJobs, type WebhookJob } from "../../webhooks/webhook-job.ts";

/** The work a visit causes besides its own row: stats to count, webhooks to fire, exposures, the next wake. */
export interface VisitPlan {
  stats: StatsEvent[];
  hooks: WebhookJob[];
  exposures: number;
  wake: number | null;
}

/** Pure: sandboxes (previews) never count in stats and never fire webhooks. */
export function planVisit(sandbox: boolean | undefined, rules: CompiledRuleset, visit: Visit, now: number): VisitPlan {
  return {
    stats: sandbox ? [] : visit.stats,
    hooks: sandbox ? [] : webhookJobs(visit.state.visitorId, visit.changes, rules, visit.state),
    exposures: visit.exposures,
    wake: nextWakeAt(visit.state, rules, now),
  };
}
