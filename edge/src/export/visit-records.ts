import type { Visit } from "@waymark/shared";
import type { ErasureReason, ExportRecord, ExportRecordType } from "./export-record.ts";

/** Who a visit's records belong to, and how record ids are made (a random UUID; injected for tests). */
export interface RecordSource {
  /** The object's visitor id (a browser's wm_vid or "customer:<id>"; made pseudonymous when sent). */
  visitorId: string;
  /** On a customer's object: the linked browser that sent the events. */
  device: string | null;
  /** A page view: its path (no query string: it may hold personal data). */
  pagePath: string | null;
  rulesVersion: number;
  now: number;
  newId?: () => string;
}

/** A row with every field null but the ones each type sets. */
export function blankRecord(
  type: ExportRecordType,
  at: number,
  visitorId: string,
  id: string,
  device: string | null = null,
): ExportRecord {
  return {
    record_id: id,
    schema_version: 1,
    type,
    at: new Date(at).toISOString(),
    at_ms: at,
    visitor_id: visitorId,
    device_id: device,
    journey: null,
    stage: null,
    from_stage: null,
    branch: null,
    holdout: null,
    rules_version: null,
    reason: null,
    exit: null,
    action_ids: [],
    event_type: null,
    event_id: null,
    event_data: null,
    erasure: null,
  };
}

/**
 * Pure: the export rows of one stored visit, in order: the page view (pages), the accepted events, the stage changes
 * and conversions (goals), the exposures. Ids are made once here and stored with the rows in the outbox, so every
 * retry sends the same ids.
 */
export function visitRecords(visit: Visit, src: RecordSource): ExportRecord[] {
  const newId = src.newId ?? (() => crypto.randomUUID());
  const row = (type: ExportRecordType, at: number) => blankRecord(type, at, src.visitorId, newId(), src.device);
  const out: ExportRecord[] = [];
  if (src.pagePath !== null)
    out.push({
      ...row("event", src.now),
      rules_version: src.rulesVersion,
      event_type: "page_view",
      event_data: JSON.stringify({ path: src.pagePath }),
    });
  for (const e of visit.logged)
    out.push({
      ...row("event", e.at),
      rules_version: src.rulesVersion,
      event_type: e.type,
      event_id: e.id,
      event_data: e.data === null || e.data === undefined ? null : JSON.stringify(e.data),
    });
  for (const c of visit.changes)
    out.push({
      ...row(c.goal ? "conversion" : "stage_change", c.at),
      journey: c.journey,
      stage: c.to,
      from_stage: c.from,
      branch: c.holdout ? null : c.branch,
      holdout: c.holdout,
      rules_version: c.version,
      reason: c.reason,
      exit: c.exit,
    });
  for (const x of visit.decision?.exposures ?? [])
    out.push({
      ...row("exposure", visit.decision?.at ?? src.now),
      journey: x.journey,
      stage: x.stage,
      branch: x.holdout ? null : x.branch,
      holdout: x.holdout,
      rules_version: visit.decision?.version ?? src.rulesVersion,
      action_ids: x.actionIds,
    });
  return out;
}

/** The tombstone row an erasure leaves in the export, so downstream tables can delete the visitor's rows. */
export function erasureRecord(visitorId: string, reason: ErasureReason, at: number, id = crypto.randomUUID()) {
  return { ...blankRecord("erasure", at, visitorId, id), erasure: reason };
}
