import { AuthoredJourney } from "@waymark/shared/authoring/authored-journey.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { RULESET_LIMITS } from "@waymark/shared/schemas/ruleset.ts";
import { zodIssues } from "../../http/errors.ts";
import { appendAudit } from "./audit-log.ts";
import * as audienceTable from "./audience-table.ts";
import * as drafts from "./draft-table.ts";
import { insertRuleset } from "./insert-ruleset.ts";
import { fail, type Issue, type StoreResult } from "../store-result.ts";

/** Pure: the journeys the drafts would publish, or the issues (with paths) that stop the publish. */
export function publishableJourneys(all: drafts.Draft[]): { journeys: Journey[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const journeys: Journey[] = [];
  for (const d of all) {
    if (!d.journey) {
      issues.push({ path: ["journeys", d.id], message: `${d.error}; save it again or delete it` });
      for (const i of d.issues ?? []) issues.push({ ...i, path: ["journeys", d.id, ...i.path] });
      continue;
    }
    const again = AuthoredJourney.safeParse(drafts.draftAsPublished(d.journey, d.status));
    if (!again.success)
      issues.push(...zodIssues(again.error).map((i) => ({ ...i, path: ["journeys", d.id, ...i.path] })));
    else journeys.push(again.data);
  }
  if (all.length > RULESET_LIMITS.maxJourneys)
    issues.push({ path: ["journeys"], message: `at most ${RULESET_LIMITS.maxJourneys} journeys per ruleset` });
  return { journeys, issues };
}

/**
 * Publishes every draft as a new immutable version, or refuses (400 with paths) without touching the live one.
 * The caller holds the transaction.
 */
export function publishDrafts(
  sql: SqlStorage,
  note: string | undefined,
  actor: string,
  at: number,
): StoreResult<{ version: number }> {
  const all = drafts.readDrafts(sql);
  const { journeys, issues } = publishableJourneys(all);
  const audiences = [];
  for (const d of audienceTable.readAudienceDrafts(sql)) {
    if (d.audience) audiences.push(d.audience);
    else issues.push({ path: ["audiences", d.id], message: `${d.error}; save it again or delete it` });
  }
  if (issues.length) return fail(400, "the drafts do not form a valid ruleset; nothing was published", issues);
  const r = insertRuleset(sql, journeys, { actor, at, note }, null, audiences);
  if (!r.ok) return r;
  audienceTable.markAudiencesPublished(sql, r.value.version);
  for (const d of all)
    drafts.writeDraft(sql, {
      journey: d.journey!,
      status: d.status === "paused" ? "paused" : "published",
      at: d.updatedAt,
      by: d.updatedBy,
      publishedVersion: r.value.version,
    });
  appendAudit(sql, { at, actor, action: "publish", target: `v${r.value.version}`, detail: note ?? null });
  return r;
}
