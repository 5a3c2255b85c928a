import { z } from "zod";

/** What one exported row records. */
export const ExportRecordType = z.enum(["event", "exposure", "stage_change", "conversion", "erasure"]);
export type ExportRecordType = z.infer<typeof ExportRecordType>;

/** Why a visitor's data was erased: POST /opt-out, DELETE /me, or consent withdrawn (CONSENT_MODE=required). */
export const ErasureReason = z.enum(["opt_out", "delete", "consent_withdrawn"]);
export type ErasureReason = z.infer<typeof ErasureReason>;

const nullableText = (description: string) => z.string().nullable().describe(description);

/**
 * One row of the warehouse export (a line of the gzipped NDJSON files in EXPORT_BUCKET): flat and typed, every field
 * present on every row (null where it does not apply), so one table schema loads every type in BigQuery, Snowflake,
 * DuckDB or R2 SQL. docs/export-schema.json is generated from this schema by scripts/openapi.mjs.
 */
export const ExportRecord = z
  .object({
    record_id: z
      .string()
      .min(1)
      .max(64)
      .describe("Stable id of the record: a retry re-sends the same id, so deduplicate on it downstream."),
    schema_version: z.literal(1).describe("Version of this schema."),
    type: ExportRecordType.describe(
      "event: an accepted event (page views included); exposure: a journey shown (or held out) on a page or " +
        "nudge; stage_change: a visitor moved to a stage; conversion: a goal reached; erasure: the visitor's " +
        "data was erased: delete every row of this visitor_id with at_ms <= this row's at_ms.",
    ),
    at: z.iso.datetime().describe("When it happened, ISO 8601 UTC (event time; the file's dt= partition is its date)."),
    at_ms: z.number().int().nonnegative().describe("The same instant, in milliseconds since the Unix epoch."),
    visitor_id: z
      .string()
      .min(1)
      .describe(
        "Pseudonymous visitor id: the browser's random wm_vid, or for a customer identified by the site " +
          '"c_" + the first 32 hex digits of SHA-256("customer:<customer id>").',
      ),
    device_id: nullableText("On a customer's rows: the linked browser (wm_vid) that sent the event, else null."),
    journey: nullableText("Journey id (exposure, stage_change, conversion)."),
    stage: nullableText("Stage entered (stage_change, conversion) or shown (exposure)."),
    from_stage: nullableText("Stage left (stage_change, conversion); null on entering the journey."),
    branch: nullableText("Branch of the visitor in the journey; null in the holdout."),
    holdout: z.boolean().nullable().describe("In the journey's holdout (control) group."),
    rules_version: z.number().int().nullable().describe("Published ruleset version that decided it."),
    reason: nullableText('Why the stage changed: "enter", "on:<event>", "after:<duration>", "goal:<event>", ...'),
    exit: z.boolean().nullable().describe("The journey ended with this change."),
    action_ids: z.array(z.string()).describe("Exposure: the actions shown; empty for other types."),
    event_type: nullableText('Event type ("page_view", "add_to_cart", ...).'),
    event_id: nullableText("The event's own id when the sender gave one (idempotency key)."),
    event_data: nullableText(
      'The event\'s data as a JSON string (parse with JSON functions downstream); {"_truncated": true} when the row ' +
        "would pass the queue's message size limit (100 KB).",
    ),
    erasure: ErasureReason.nullable().describe("Erasure: why the data was erased."),
  })
  .strict();
export type ExportRecord = z.infer<typeof ExportRecord>;

/** The JSON Schema of an export row (docs/export-schema.json). */
export function exportJsonSchema(): Record<string, unknown> {
  return {
    title: "Waymark export record",
    ...z.toJSONSchema(ExportRecord, { target: "draft-2020-12" }),
  };
}
