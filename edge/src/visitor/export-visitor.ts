import { readEventLog } from "./read-visitor-logs.ts";
import type { VisitorExport } from "./visitor-rpc.ts";
import type { VisitorLink } from "./visitor-link.ts";
import type { VisitorStateStore } from "./visitor-state-store.ts";

/** Everything stored about the visitor (GET /__waymark/me). Never writes. */
export function exportVisitor(store: VisitorStateStore, link: VisitorLink, visitorId: string): VisitorExport {
  const loaded = store.read();
  return {
    ...loaded?.state,
    visitorId: loaded?.state.visitorId ?? visitorId,
    eventCount: loaded?.state.eventCount ?? 0,
    stored: !!loaded,
    events: store.ready ? readEventLog(store.sql) : [],
    linkedCustomer: link.linkedTo()?.slice("customer:".length) ?? null,
    rulesetVersion: loaded ? (loaded.version === "draft" ? 0 : loaded.version) : null,
  };
}
