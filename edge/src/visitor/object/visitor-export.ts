import type { AdminVisitorView, CustomerView, DeliveryRecord, VisitorExport } from "../visitor-rpc.ts";
import { customerIdOf } from "../visitor-stub.ts";
import type { VisitorLink } from "./link.ts";
import type { VisitorStateStore } from "./state-store.ts";

/** Everything stored about the visitor (GET /__waymark/me). Never writes. */
export function exportVisitor(store: VisitorStateStore, link: VisitorLink, visitorId: string): VisitorExport {
  const loaded = store.read();
  return {
    ...loaded?.state,
    visitorId: loaded?.state.visitorId ?? visitorId,
    eventCount: loaded?.state.eventCount ?? 0,
    stored: !!loaded,
    events: store.ready ? readEventLog(store.sql) : [],
    linkedCustomer: customerIdOf(link.linkedTo()),
    link: link.view(),
    rulesetVersion: loaded ? (loaded.version === "draft" ? 0 : loaded.version) : null,
  };
}

/**
 * A customer's state as one of its linked browsers may see it (its /me): journeys, cart, counters and scores, the
 * names of the traits the backend set but not their values, and only the events this browser sent.
 */
export function exportForDevice(
  store: VisitorStateStore,
  link: VisitorLink,
  name: string,
  device: string,
): CustomerView {
  const { traits, recentPaths: _otherDevicesPages, ...rest } = exportVisitor(store, link, name);
  return {
    ...rest,
    traitNames: Object.keys(traits ?? {}),
    events: store.ready ? readEventLog(store.sql, device) : [],
  };
}

/** The events log, oldest first (GET /me); only one linked browser's events when `device` is given. */
export function readEventLog(sql: SqlStorage, device?: string): VisitorExport["events"] {
  const rows =
    device === undefined
      ? sql.exec<{ event_id: string | null; type: string; at: number; data: string | null }>(
          `SELECT event_id, type, at, data FROM events ORDER BY seq`,
        )
      : sql.exec<{ event_id: string | null; type: string; at: number; data: string | null }>(
          `SELECT event_id, type, at, data FROM events WHERE device = ? ORDER BY seq`,
          device,
        );
  return rows
    .toArray()
    .map((r) => ({ id: r.event_id, type: r.type, at: r.at, data: r.data === null ? null : JSON.parse(r.data) }));
}

/** Webhook outcomes, newest first (admin view). */
export function readDeliveries(sql: SqlStorage): DeliveryRecord[] {
  return sql
    .exec<DeliveryRecord & Record<string, SqlStorageValue>>(
      `SELECT id, journey, stage, url, status, attempts, at, detail FROM deliveries ORDER BY id DESC`,
    )
    .toArray();
}

/** Outbox work not delivered yet (admin view). */
export function readPending(sql: SqlStorage): AdminVisitorView["pending"] {
  return sql
    .exec<{ kind: string; attempts: number; next_at: number; last_error: string | null }>(
      `SELECT kind, attempts, next_at, last_error FROM outbox ORDER BY id`,
    )
    .toArray()
    .map((r) => ({ kind: r.kind, attempts: r.attempts, nextAt: r.next_at, lastError: r.last_error }));
}
