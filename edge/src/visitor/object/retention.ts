import { getConfig } from "../../config.ts";

const DAY_MS = 86_400_000;
/** Preview sandboxes are throwaway: erased after a day without use. */
const SANDBOX_RETENTION_MS = DAY_MS;

/** How long the visitor is kept after its last activity: RETENTION_DAYS, or a day for a preview sandbox. */
export function visitorRetentionMs(env: Env, sandbox: boolean): number {
  return sandbox ? SANDBOX_RETENTION_MS : getConfig(env).retentionDays * DAY_MS;
}

/** When the visitor is erased: the retention period after its last activity (its own, or its link's last use). */
export function visitorExpiresAt(lastSeenAt: number, linkSeenAt: number, retention: number): number {
  return Math.max(lastSeenAt, linkSeenAt) + retention;
}
