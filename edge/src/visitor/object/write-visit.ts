import type { LoggedEvent, OfferChoice, VisitorState } from "@waymark/shared";
import type { ExportRecord } from "../../export/export-record.ts";
import { writeOfferExamples } from "../../models/visitor/offer-examples.ts";
import { STATS_BATCH_DELAY_MS, enqueueExport } from "./outbox.ts";
import type { VisitPlan } from "./visit-plan.ts";

const EVENT_LOG_LIMIT = 1_000;
const DELIVERY_LOG_LIMIT = 100;

export interface VisitWrite {
  state: VisitorState;
  rulesVersion: number;
  stageChanges: number;
  plan: VisitPlan;
  events: LoggedEvent[];
  /** The linked browser that sent the events (on a customer's object), else null. */
  device: string | null;
  /** Trim the events log to its limit (done now and then, not on every insert). */
  trimEvents: boolean;
  now: number;
  /** Warehouse export rows (only when EXPORT_QUEUE is bound): they leave with the stats batch. */
  exports?: readonly ExportRecord[];
  /** Offers the visit showed (issue 18; none in sandboxes): examples to open, and open ones to label. */
  offers?: readonly OfferChoice[];
}

/** Writes the state row, the events and the outbox work they cause. The caller runs it inside one transaction. */
export function writeVisit(sql: SqlStorage, w: VisitWrite): void {
  const { state, plan, now } = w;
  sql.exec(
    `INSERT INTO state (id, visitor_id, json, version, event_count, page_views, exposures, stage_changes,
       last_seen_at, wake_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, version = excluded.version,
       event_count = excluded.event_count, page_views = excluded.page_views,
       exposures = state.exposures + excluded.exposures, stage_changes = state.stage_changes + excluded.stage_changes,
       last_seen_at = excluded.last_seen_at, wake_at = excluded.wake_at`,
    state.visitorId,
    JSON.stringify(state),
    w.rulesVersion,
    state.eventCount,
    state.pageViews,
    plan.exposures,
    w.stageChanges,
    state.lastSeenAt,
    plan.wake,
  );
  for (const e of w.events)
    sql.exec(
      `INSERT INTO events (event_id, type, at, data, device) VALUES (?, ?, ?, ?, ?)`,
      e.id,
      e.type,
      e.at,
      e.data === null || e.data === undefined ? null : JSON.stringify(e.data),
      w.device,
    );
  if (w.trimEvents) sql.exec(`DELETE FROM events WHERE seq <= (SELECT MAX(seq) FROM events) - ?`, EVENT_LOG_LIMIT);
  if (plan.stats.length)
    sql.exec(
      `INSERT INTO outbox (kind, payload, next_at) VALUES ('stats', ?, ?)`,
      JSON.stringify(plan.stats),
      now + STATS_BATCH_DELAY_MS,
    );
  if (w.exports?.length) enqueueExport(sql, w.exports, now + STATS_BATCH_DELAY_MS);
  writeOfferExamples(sql, state, w.offers ?? [], now);
  for (const job of plan.hooks) {
    const delivery = sql
      .exec<{ id: number }>(
        `INSERT INTO deliveries (journey, stage, url, status, at) VALUES (?, ?, ?, 'pending', ?) RETURNING id`,
        job.journey,
        job.stage,
        job.url,
        now,
      )
      .one().id;
    sql.exec(
      `INSERT INTO outbox (kind, payload, next_at, delivery_id) VALUES ('webhook', ?, ?, ?)`,
      JSON.stringify(job),
      now,
      delivery,
    );
  }
  if (plan.hooks.length)
    sql.exec(`DELETE FROM deliveries WHERE id <= (SELECT MAX(id) FROM deliveries) - ?`, DELIVERY_LOG_LIMIT);
}
