import { DurableObject } from "cloudflare:workers";
import type { PublishRequestRecord, PublishRequestStatus } from "@waymark/shared/schemas/access.ts";
import type { AuditEntry, DiffResponse, JourneyRecord, VersionList } from "@waymark/shared/schemas/api.ts";
import type { QaResult } from "@waymark/shared/schemas/qa.ts";
import type { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import type { AudienceRecord } from "@waymark/shared/schemas/audience.ts";
import { deleteAudienceDraft, getAudienceRecord, listAudienceRecords, putAudienceDraft } from "./audience-drafts.ts";
import { appendAudit, listAudit } from "./audit-log.ts";
import { diffRefs, type RulesetRefName } from "./diff-refs.ts";
import { discardJourneyDraft } from "./discard-draft.ts";
import { readDraftRuleset, type Corrupt } from "./draft-ruleset.ts";
import { deleteJourneyDraft, getJourneyRecord, listJourneyRecords, putJourneyDraft } from "./journey-drafts.ts";
import { readLiveRuleset, readRulesetVersion, type LiveRuleset } from "./live-ruleset.ts";
import { pauseJourney } from "./pause-journey.ts";
import { publishDrafts } from "./publish-drafts.ts";
import {
  approvePublishRequest,
  closePublishRequest,
  createPublishRequest,
  getPublishRequest,
  listPublishRequests,
} from "./publish-requests.ts";
import { listQa, recordQa } from "./qa-table.ts";
import { refusableTransaction } from "./refusable-transaction.ts";
import { rollbackVersion } from "./rollback-version.ts";
import { ensureRulesSchema } from "./rules-schema.ts";
import { seedStore, shouldSeedDemoJourneys } from "./seed-store.ts";
import type { StoreResult } from "../store-result.ts";
import { listVersionSummaries } from "./version-table.ts";

export type { LiveRuleset } from "./live-ruleset.ts";

/**
 * The source of truth for journeys (one named instance, "rules"): drafts, immutable numbered versions,
 * the live pointer, the audit log and QA results. Every stored row is re-validated when read.
 */
export class RulesStore extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      ensureRulesSchema(this.sql);
      seedStore(ctx.storage, shouldSeedDemoJourneys(env));
    });
  }

  // ---- published rulesets (the Worker's cache and the visitor objects read these)

  /** The live version, falling back to the newest older version that still validates if its row is corrupt. */
  getLive(known?: number): LiveRuleset {
    return readLiveRuleset(this.sql, known);
  }

  getVersion(version: number): StoreResult<Ruleset> {
    return readRulesetVersion(this.sql, version);
  }

  /** The drafts as they would be published (version 0), leaving out corrupt rows. */
  getDrafts(): { ruleset: Ruleset; corrupt: Corrupt } {
    return readDraftRuleset(this.sql);
  }

  // ---- journeys (drafts)

  listJourneys(): { journeys: JourneyRecord[]; corrupt: Corrupt } {
    return listJourneyRecords(this.sql);
  }

  getJourney(id: string): StoreResult<JourneyRecord> {
    return getJourneyRecord(this.sql, id);
  }

  /** Creates or replaces a draft. "paused" in the body pauses (true) or unpauses (false) it. */
  putJourney(input: unknown, actor: string): StoreResult<{ record: JourneyRecord; created: boolean }> {
    return putJourneyDraft(this.ctx.storage, input, actor);
  }

  /** Removes a draft; the journey leaves the live site at the next publish. */
  deleteJourney(id: string, actor: string): boolean {
    return deleteJourneyDraft(this.ctx.storage, id, actor);
  }

  /** Discards one journey's draft: it becomes the journey's live version again (discardJourneyDraft). */
  discardDraft(id: string, actor: string): StoreResult<JourneyRecord> {
    return discardJourneyDraft(this.ctx.storage, id, actor);
  }

  /** Pauses or resumes a journey; a live journey's pause is published at once (pauseJourney). */
  setPaused(id: string, paused: boolean, actor: string): StoreResult<JourneyRecord> {
    return pauseJourney(this.ctx.storage, id, paused, actor);
  }

  // ---- saved audiences (drafts, published with the journeys: audience-drafts.ts)

  listAudiences(): { audiences: AudienceRecord[]; corrupt: Corrupt } {
    return listAudienceRecords(this.sql);
  }

  getAudience(id: string): StoreResult<AudienceRecord> {
    return getAudienceRecord(this.sql, id);
  }

  putAudience(input: unknown, actor: string): StoreResult<{ record: AudienceRecord; created: boolean }> {
    return putAudienceDraft(this.ctx.storage, input, actor);
  }

  /** Refused (409) while a journey or another audience uses it. */
  deleteAudience(id: string, actor: string): StoreResult<null> {
    return deleteAudienceDraft(this.ctx.storage, id, actor);
  }

  // ---- versions

  /** Publishes every draft as a new immutable version, or refuses (400 with paths) without touching the live one. */
  publish(note: string | undefined, actor: string, unapproved = false): StoreResult<{ version: number }> {
    return refusableTransaction(this.ctx.storage, () => {
      const at = Date.now();
      const r = publishDrafts(this.sql, note, actor, at);
      // An admin publishing past REQUIRE_APPROVAL: on the record, in the same transaction as the publish.
      if (r.ok && unapproved)
        appendAudit(this.sql, {
          at,
          actor,
          action: "publish.unapproved",
          target: `v${r.value.version}`,
          detail: "published directly by an admin while approvals are required (REQUIRE_APPROVAL)",
        });
      return r;
    });
  }

  /** Publishes the journeys of an old version as a NEW version (rollbackOf) and resets the drafts to match it. */
  rollback(version: number, actor: string): StoreResult<{ version: number }> {
    return rollbackVersion(this.ctx.storage, version, actor);
  }

  listVersions(): VersionList {
    return { live: readLiveRuleset(this.sql).version, versions: listVersionSummaries(this.sql) };
  }

  /** Diff of two versions ("live" = the live one, "draft" = the drafts), with JSON pointers of changed fields. */
  diff(from: RulesetRefName, to: RulesetRefName): StoreResult<DiffResponse> {
    return diffRefs(this.sql, from, to);
  }

  // ---- publish requests (approvals: publish-requests.ts)

  listPublishRequests(status: PublishRequestStatus | null, limit: number): PublishRequestRecord[] {
    return listPublishRequests(this.sql, status, limit);
  }

  getPublishRequest(id: number): StoreResult<PublishRequestRecord> {
    return getPublishRequest(this.sql, id);
  }

  requestPublish(note: string | null, actor: string): StoreResult<PublishRequestRecord> {
    return createPublishRequest(this.ctx.storage, note, actor);
  }

  approvePublishRequest(
    id: number,
    actor: string,
    note: string | null,
  ): StoreResult<{ request: PublishRequestRecord; version: number }> {
    return approvePublishRequest(this.ctx.storage, id, actor, note);
  }

  closePublishRequest(
    id: number,
    how: "rejected" | "withdrawn",
    actor: string,
    note: string | null,
    mayDecide: boolean,
  ): StoreResult<PublishRequestRecord> {
    return closePublishRequest(this.ctx.storage, id, how, actor, note, mayDecide);
  }

  // ---- audit and QA

  audit(limit: number): AuditEntry[] {
    return listAudit(this.sql, limit);
  }

  /** For actions taken outside the store (e.g. issuing a preview token) that belong in the log. */
  recordAudit(actor: string, action: string, target: string | null, detail: string | null): void {
    appendAudit(this.sql, { at: Date.now(), actor, action, target, detail });
  }

  recordQa(input: unknown, actor: string): StoreResult<QaResult> {
    return recordQa(this.ctx.storage, input, actor);
  }

  listQa(journey: string | null): QaResult[] {
    return listQa(this.sql, journey);
  }
}
