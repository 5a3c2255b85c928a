/** Longest wait between two attempts, whatever the server asks. */
export const MAX_RETRY_DELAY_MS = 60_000;

/**
 * How long to wait before retry number `attempt` (1-based): the server's Retry-After (seconds or an HTTP date) when
 * given, else exponential backoff from 1 s with jitter (`random` in [0, 1)), capped at 30 s.
 */
export function retryDelay(attempt: number, retryAfter: string | null, now: number, random: number): number {
  if (retryAfter) {
    const secs = Number(retryAfter);
    const ms = /^\d+$/.test(retryAfter.trim()) ? secs * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(MAX_RETRY_DELAY_MS, Math.max(0, ms));
  }
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + random / 2));
}
