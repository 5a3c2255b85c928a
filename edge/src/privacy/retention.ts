const DEFAULT_RETENTION_DAYS = 30;

/** RETENTION_DAYS as a number of days (default 30; bad values fall back to the default). */
export function retentionDays(env: Pick<Env, "RETENTION_DAYS">): number {
  const n = Number(env.RETENTION_DAYS);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 3650) : DEFAULT_RETENTION_DAYS;
}

export function retentionMs(env: Pick<Env, "RETENTION_DAYS">): number {
  return retentionDays(env) * 86_400_000;
}
