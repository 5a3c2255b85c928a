import type { Journey } from "@waymark/shared/schemas/journey.ts";
import type { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { readAudienceDrafts } from "./audience-table.ts";
import * as drafts from "./draft-table.ts";

/** Stored rows that no longer validate, by journey id (audiences: "audience:<id>"). */
export type Corrupt = { id: string; message: string }[];

/** The drafts (journeys and audiences) as they would be published (version 0), leaving out corrupt rows. */
export function readDraftRuleset(sql: SqlStorage): { ruleset: Ruleset; corrupt: Corrupt } {
  const corrupt: Corrupt = [];
  const journeys: Journey[] = [];
  for (const d of drafts.readDrafts(sql)) {
    if (d.journey) journeys.push(drafts.draftAsPublished(d.journey, d.status));
    else corrupt.push({ id: d.id, message: d.error ?? "corrupt" });
  }
  const audiences = [];
  for (const d of readAudienceDrafts(sql)) {
    if (d.audience) audiences.push(d.audience);
    else corrupt.push({ id: `audience:${d.id}`, message: d.error ?? "corrupt" });
  }
  return { ruleset: { version: 0, publishedAt: Date.now(), journeys, audiences }, corrupt };
}
