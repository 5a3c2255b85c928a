/** Retries: 30 s, 1 min, 2 min ... capped at 1 h, at most MAX_ATTEMPTS tries in all. */
export const MAX_ATTEMPTS = 8;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
