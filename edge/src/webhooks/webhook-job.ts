import type { CompiledRuleset, StageChange, VisitorState, WebhookPayload } from "@waymark/shared";
import { stageActions } from "../channels/stage-actions.ts";

/** One webhook to deliver: where, and the exact body to sign and send. */
export interface WebhookJob {
  url: string;
  secretName?: string;
  journey: string;
  stage: string;
  body: string;
}

/**
 * The webhooks a visitor's stage changes fire (journey.webhooks: entering one of the listed stages). Each body says
 * what a channel needs to stay consistent with the site: the journey, stage and branch, the actions the visitor gets
 * there rendered with their values (`state`: the visitor after the visit), and `offer` (reserved, issue 18).
 */
export function webhookJobs(
  visitorId: string,
  changes: StageChange[],
  rules: CompiledRuleset,
  state?: VisitorState,
): WebhookJob[] {
  const jobs: WebhookJob[] = [];
  for (const c of changes) {
    if (c.goal || c.reason === "dismiss") continue; // goals and dismissals are not stage entries
    const hooks = rules.byId.get(c.journey)?.journey.webhooks;
    if (!hooks) continue;
    for (const h of hooks) {
      if (!h.stages.includes(c.to)) continue;
      const payload: WebhookPayload = {
        type: "stage_change",
        journey: c.journey,
        from: c.from,
        to: c.to,
        at: new Date(c.at).toISOString(),
        visitorId,
        branch: c.holdout ? null : c.branch,
        holdout: c.holdout,
        reason: c.reason,
        version: c.version,
        stage: c.to,
        actions: state ? stageActions(rules, c.journey, c.to, c.holdout ? null : c.branch, state, c.at) : [],
        offer: null,
      };
      const body = JSON.stringify(payload);
      jobs.push({ url: h.url, secretName: h.secretName, journey: c.journey, stage: c.to, body });
    }
  }
  return jobs;
}
