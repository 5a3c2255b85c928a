/** The alarm's target: the earliest of the retention expiry, the next due transition and the next outbox delivery. */
export function alarmTime(expiresAt: number, wakeAt: number | null, nextOutboxAt: number | null): number {
  let at = expiresAt;
  if (wakeAt !== null && wakeAt < at) at = wakeAt;
  if (nextOutboxAt !== null && nextOutboxAt < at) at = nextOutboxAt;
  return at;
}
