/** A fixed one-minute window counter (in memory: a visitor's object is single-threaded). */
export class RateWindow {
  private windowStart = 0;
  private count = 0;

  /** Takes n units if they fit under the limit this minute; otherwise returns the seconds until the next window. */
  take(n: number, limit: number, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.count = 0;
    }
    if (this.count + n > limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000)) };
    }
    this.count += n;
    return { ok: true };
  }
}
