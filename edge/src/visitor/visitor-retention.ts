import { retentionMs } from "../privacy/retention.ts";

/** Preview sandboxes are throwaway: erased after a day without use. */
const SANDBOX_RETENTION_MS = 86_400_000;

export function visitorRetentionMs(env: Pick<Env, "RETENTION_DAYS">, sandbox: boolean): number {
  return sandbox ? SANDBOX_RETENTION_MS : retentionMs(env);
}

/** When the visitor is erased: the retention period after its last activity (its own, or its link's last use). */
export function visitorExpiresAt(lastSeenAt: number, linkSeenAt: number, retention: number): number {
  return Math.max(lastSeenAt, linkSeenAt) + retention;
}
