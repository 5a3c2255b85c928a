import { getConfig } from "../config.ts";

/** RETENTION_DAYS in milliseconds. */
export function retentionMs(env: Partial<Env>): number {
  return getConfig(env).retentionDays * 86_400_000;
}
