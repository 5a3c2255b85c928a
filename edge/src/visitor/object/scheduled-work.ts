import type { VisitorState } from "@waymark/shared";
import type { PendingExports } from "../../export/pending-exports.ts";
import { flushOutbox } from "./outbox.ts";
import type { VisitorLink } from "./link.ts";
import { visitorExpiresAt, visitorRetentionMs } from "./retention.ts";
import type { VisitorStateStore } from "./state-store.ts";

/**
 * The alarm's target: the earliest of the retention expiry, the next due transition, the next outbox delivery and
 * the next retry of an erasure row the export queue refused (an opted-in-again visitor can still have one).
 */
export function alarmTime(
  expiresAt: number,
  wakeAt: number | null,
  nextOutboxAt: number | null,
  pendingExportAt: number | null,
): number {
  let at = expiresAt;
  if (wakeAt !== null && wakeAt < at) at = wakeAt;
  if (nextOutboxAt !== null && nextOutboxAt < at) at = nextOutboxAt;
  if (pendingExportAt !== null && pendingExportAt < at) at = pendingExportAt;
  return at;
}

/**
 * The alarm to set, given the one set now (`current`, null: none) and the earliest work waiting (`at`); null leaves
 * the alarm as it is. Only ever moves it earlier: a later retention time is rechecked when the earlier alarm fires,
 * so pages do not each set it. An alarm already past is replaced when nothing is due any more, though: `at` counts
 * every piece of work still waiting, so nothing is lost, and a delivery that took the due rows leaves the alarm its
 * retry or the next transition needs, not a spent one. While work is due, a past alarm stands (moving it would
 * only delay it).
 */
export function alarmToSet(current: number | null, at: number, now: number): number | null {
  if (current !== null && current <= now) return at > now ? at : null;
  return current === null || at < current ? Math.max(at, now) : null;
}

/**
 * The object's single alarm and the outbox it delivers: the alarm is set to the earliest scheduled work (a due
 * transition, an outbox delivery, the retention expiry), and at most one delivery runs at a time.
 */
export class ScheduledWork {
  /** Mirror of the stored alarm (null: none set). */
  alarmAt: number | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: VisitorStateStore,
    private readonly link: VisitorLink,
    private readonly pendingExports: PendingExports,
  ) {}

  schedule(state: VisitorState): void {
    const now = Date.now();
    const retention = visitorRetentionMs(this.env, this.store.sandbox);
    const expires = visitorExpiresAt(state.lastSeenAt, this.link.seenAt(), retention);
    const at = alarmTime(expires, this.store.wakeAt, this.store.nextOutboxAt(), this.pendingExports.nextAt());
    const next = alarmToSet(this.alarmAt, at, now);
    if (next !== null) void this.ctx.storage.setAlarm((this.alarmAt = next));
  }

  /** Moves the alarm up to `at` if that is earlier (work outside the visitor's state: an erased object's rows). */
  async moveEarlier(at: number | null): Promise<void> {
    if (at !== null && (this.alarmAt === null || at < this.alarmAt))
      await this.ctx.storage.setAlarm((this.alarmAt = at));
  }

  /**
   * The delivery running now, if any: an erasure waits for it, so it does not count the same stats again, and the
   * admin view, so it shows what the delivery left.
   */
  get busy(): boolean {
    return this.flushing !== null;
  }

  settled(): Promise<void> {
    return this.flushing ?? Promise.resolve();
  }

  /** Delivers the due outbox rows (joining a delivery already running), then sets the alarm for the rest. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
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
      const state = this.store.read()?.state;
      if (state) return this.schedule(state);
      // No state (a row left after an erasure): only the outbox needs the alarm.
      await this.moveEarlier(this.store.nextOutboxAt());
    })();
    return this.flushing;
  }
}
