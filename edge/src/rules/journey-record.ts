import type { JourneyRecord } from "@waymark/shared/schemas/api.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { draftAsPublished, type Draft } from "./draft-table.ts";
import { stableJson } from "./stable-json.ts";

/** Pure: a draft as the admin API shows it; "dirty" when it differs from the live version of the journey. */
export function toJourneyRecord(d: Draft, journey: Journey, live: Map<string, Journey>): JourneyRecord {
  const published = live.get(d.id);
  const dirty = !published || stableJson(draftAsPublished(journey, d.status)) !== stableJson(published);
  return {
    id: d.id,
    journey,
    status: d.status,
    dirty,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
    publishedVersion: d.publishedVersion,
  };
}
