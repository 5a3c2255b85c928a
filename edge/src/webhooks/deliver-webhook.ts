import { getConfig } from "../config.ts";
import { signWebhook } from "./sign-webhook.ts";
import type { WebhookJob } from "./webhook-job.ts";

export type DeliveryOutcome = { ok: true; detail: string } | { ok: false; retry: boolean; detail: string };

const TIMEOUT_MS = 10_000;

/** POSTs one signed webhook. 2xx = delivered; 4xx other than 408/429 = permanent failure; the rest retried. */
export async function deliverWebhook(env: Env, job: WebhookJob, now: number): Promise<DeliveryOutcome> {
  // Only WEBHOOK_* secrets are candidates (config.ts): a journey cannot name another secret as its key.
  const secret = getConfig(env).webhookSecrets.get(job.secretName ?? "WEBHOOK_SECRET") ?? null;
  if (!secret) return { ok: false, retry: false, detail: "no signing secret configured (WEBHOOK_SECRET)" };
  const signature = await signWebhook(job.body, secret, Math.floor(now / 1000));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(job.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-waymark-signature": signature,
        "user-agent": "Waymark-Webhook/1",
      },
      body: job.body,
      signal: abort.signal,
    });
    await res.body?.cancel();
    if (res.ok) return { ok: true, detail: `HTTP ${res.status}` };
    const retry = res.status >= 500 || res.status === 408 || res.status === 429;
    return { ok: false, retry, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, retry: true, detail: err instanceof Error ? err.name : "network error" };
  } finally {
    clearTimeout(timer);
  }
}
