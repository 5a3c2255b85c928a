import type { CompiledRuleset, StageChange } from "@waymark/shared";

/** One webhook to deliver: where, and the exact body to sign and send. */
export interface WebhookJob {
  url: string;
  secretName?: string;
  journey: string;
  stage: string;
  body: string;
}

/** The webhooks a visitor's stage changes fire (journey.webhooks: entering one of the listed stages). */
export function webhookJobs(visitorId: string, changes: StageChange[], rules: CompiledRuleset): WebhookJob[] {
  const jobs: WebhookJob[] = [];
  for (const c of changes) {
    if (c.goal || c.reason === "dismiss") continue; // goals and dismissals are not stage entries
    const hooks = rules.byId.get(c.journey)?.journey.webhooks;
    if (!hooks) continue;
    for (const h of hooks) {
      if (!h.stages.includes(c.to)) continue;
      const body = JSON.stringify({
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
      });
      jobs.push({ url: h.url, secretName: h.secretName, journey: c.journey, stage: c.to, body });
    }
  }
  return jobs;
}
