import type { VisitorState } from "@waymark/shared";
import { flushOutbox, STATS_BATCH_DELAY_MS } from "./outbox.ts";
import type { VisitorLink } from "./link.ts";
import { visitorExpiresAt, visitorRetentionMs } from "./retention.ts";
import type { VisitorStateStore } from "./state-store.ts";

/** The alarm's target: the earliest of the retention expiry, the next due transition and the next outbox delivery. */
export function alarmTime(expiresAt: number, wakeAt: number | null, nextOutboxAt: number | null): number {
  let at = expiresAt;
  if (wakeAt !== null && wakeAt < at) at = wakeAt;
  if (nextOutboxAt !== null && nextOutboxAt < at) at = nextOutboxAt;
  return at;
}

/**
 * How long the alarm stays behind a delivery that started at once: it is only the safety net of an object stopped
 * before the delivery ended. Once the outbox is empty the alarm moves back to its own time.
 */
export const SAFETY_NET_MS = 60_000;

/**
 * The object's single alarm and the outbox it delivers: the alarm is set to the earliest scheduled work (a due
 * transition, an outbox delivery, the retention expiry), and at most one delivery runs at a time.
 */
export class ScheduledWork {
  /** Mirror of the stored alarm (null: none set). */
  alarmAt: number | null = null;
  /** The alarm time set as a delivery's safety net (see schedule), until it is moved. */
  private netAt: number | null = null;
  private flushing: Promise<void> | null = null;
  /** When the last delivery started (in memory: an object that just started delivers at once). */
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: VisitorStateStore,
    private readonly link: VisitorLink,
  ) {}

  /**
   * Whether a visit's stats and export rows go out at once rather than with the alarm: no delivery started within
   * the batching delay. That is a visitor's first page, or one after a pause (most page views): the object is not
   * woken again by an alarm a few seconds later just for them (a billed request each on Cloudflare). A visitor
   * loading pages faster gets one delivery per delay, the alarm's, with all of them (issue 19).
   */
  deliversNow(now: number): boolean {
    return this.flushing === null && now - this.lastFlushAt >= STATS_BATCH_DELAY_MS;
  }

  /** The delivery running now, if any (an erasure waits for it, so it does not count the same stats again). */
  settled(): Promise<void> {
    return this.flushing ?? Promise.resolve();
  }

  /** `deliveringNow`: the caller starts a delivery at once (flush), so the outbox needs the alarm only as a net. */
  schedule(state: VisitorState, deliveringNow = false): void {
    const now = Date.now();
    let outbox = this.store.nextOutboxAt();
    if (deliveringNow && outbox !== null) outbox = Math.max(outbox, now + SAFETY_NET_MS);
    const at = this.target(state, outbox);
    // Only ever move the alarm earlier: a later retention time is rechecked when the earlier alarm fires.
    if (this.alarmAt === null || at < this.alarmAt) {
      this.alarmAt = Math.max(at, now);
      this.netAt = deliveringNow && at === outbox ? this.alarmAt : null;
      void this.ctx.storage.setAlarm(this.alarmAt);
    }
  }

  private target(state: VisitorState, outbox: number | null): number {
    const retention = visitorRetentionMs(this.env, this.store.sandbox);
    return alarmTime(visitorExpiresAt(state.lastSeenAt, this.link.seenAt(), retention), this.store.wakeAt, outbox);
  }

  /**
   * Delivers the due outbox rows (joining a delivery already running), then sets the alarm for the rest, or, when
   * the alarm was only this delivery's safety net and nothing is left, back to its own time.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.lastFlushAt = Date.now();
    this.flushing = (async () => {
      try {
        const shardKey = this.store.read()?.state.visitorId ?? "unknown";
        await flushOutbox(this.store.sql, this.env, shardKey, Date.now());
      } catch (err) {
        console.error("waymark: outbox flush failed", err instanceof Error ? err.name : "unknown");
      } finally {
        this.flushing = null;
      }
      if (!this.store.ready) return;
      const next = this.store.nextOutboxAt();
      if (next !== null && (this.alarmAt === null || next < this.alarmAt)) {
        this.alarmAt = next;
        this.netAt = null;
        await this.ctx.storage.setAlarm(next);
      } else if (next === null && this.netAt !== null && this.alarmAt === this.netAt) {
        this.netAt = null;
        const state = this.store.read()?.state;
        if (state) await this.ctx.storage.setAlarm((this.alarmAt = this.target(state, null)));
      }
    })();
    return this.flushing;
  }
}
