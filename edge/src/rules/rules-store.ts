import { DurableObject } from "cloudflare:workers";
import type {
  AuditEntry,
  DiffResponse,
  JourneyRecord,
  JourneyStatus,
  VersionList,
} from "@waymark/shared/schemas/api.ts";
import { Journey } from "@waymark/shared/schemas/journey.ts";
import { QaResultInput, type QaResult } from "@waymark/shared/schemas/qa.ts";
import { Ruleset, RULESET_LIMITS } from "@waymark/shared/schemas/ruleset.ts";
import { compileRuleset } from "@waymark/shared/engine/compile-ruleset.ts";
import { SEED_JOURNEYS } from "@waymark/shared/seed/seed-journeys.ts";
import { zodIssues } from "../http/errors.ts";
import { appendAudit, listAudit } from "./audit-log.ts";
import { diffRulesets } from "./diff-rulesets.ts";
import * as drafts from "./draft-table.ts";
import { insertQa, listQa } from "./qa-table.ts";
import { ensureRulesSchema, getMeta, setMeta } from "./rules-schema.ts";
import { stableJson } from "./stable-json.ts";
import { fail, ok, type Issue, type StoreResult } from "./store-result.ts";
import * as versions from "./version-table.ts";

/** The live ruleset as the Worker's cache asks for it: `ruleset` is null when the caller already has `version`. */
export interface LiveRuleset {
  version: number;
  ruleset: Ruleset | null;
  /** Versions skipped because their stored JSON no longer validates. */
  corrupt: { version: number; message: string }[];
}

type Corrupt = { id: string; message: string }[];

const EMPTY_RULESET: Ruleset = { version: 0, publishedAt: 0, journeys: [] };
const SEED_ACTOR = "waymark";

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
      this.seedIfEmpty();
    });
  }

  /** A brand-new store gets the seed journeys, published as version 1; once only, even if they are deleted later. */
  private seedIfEmpty(): void {
    if (getMeta(this.sql, "seeded")) return;
    this.ctx.storage.transactionSync(() => {
      if (drafts.countDrafts(this.sql) === 0 && versions.countVersions(this.sql) === 0) {
        const now = Date.now();
        for (const input of SEED_JOURNEYS) {
          const parsed = Journey.safeParse(input);
          if (!parsed.success) {
            console.error(`waymark: seed journey ${input.id} is invalid; skipped`);
            continue;
          }
          drafts.writeDraft(this.sql, {
            journey: parsed.data,
            status: "draft",
            at: now,
            by: SEED_ACTOR,
            publishedVersion: null,
          });
        }
        const r = this.publishDrafts("seed journeys", SEED_ACTOR, now);
        if (!r.ok) console.error(`waymark: seeding failed: ${r.error}`);
      }
      setMeta(this.sql, "seeded", "1");
    });
  }

  // ---- published rulesets (the Worker's cache and the visitor objects read these)

  /** The live version, falling back to the newest older version that still validates if its row is corrupt. */
  getLive(known?: number): LiveRuleset {
    const pointer = versions.livePointer(this.sql);
    if (pointer === 0) return { version: 0, ruleset: known === 0 ? null : EMPTY_RULESET, corrupt: [] };
    if (known === pointer) return { version: pointer, ruleset: null, corrupt: [] };
    const corrupt: LiveRuleset["corrupt"] = [];
    for (const v of versions.versionNumbers(this.sql)) {
      if (v > pointer) continue;
      const read = versions.readVersion(this.sql, v);
      if ("ruleset" in read) return { version: v, ruleset: known === v ? null : read.ruleset, corrupt };
      if ("corrupt" in read) {
        console.error(`waymark: ruleset version ${v} is corrupt (${read.corrupt}); serving an older one`);
        corrupt.push({ version: v, message: read.corrupt });
      }
    }
    return { version: 0, ruleset: known === 0 ? null : EMPTY_RULESET, corrupt };
  }

  getVersion(version: number): StoreResult<Ruleset> {
    if (version === 0) return ok(EMPTY_RULESET);
    const read = versions.readVersion(this.sql, version);
    if ("ruleset" in read) return ok(read.ruleset);
    if ("corrupt" in read) return fail(500, `version ${version} is corrupt: ${read.corrupt}`);
    return fail(404, `no version ${version}`);
  }

  /** The drafts as they would be published (version 0), leaving out corrupt rows. */
  getDrafts(): { ruleset: Ruleset; corrupt: Corrupt } {
    const corrupt: Corrupt = [];
    const journeys: Journey[] = [];
    for (const d of drafts.readDrafts(this.sql)) {
      if (d.journey) journeys.push(drafts.draftAsPublished(d.journey, d.status));
      else corrupt.push({ id: d.id, message: d.error ?? "corrupt" });
    }
    return { ruleset: { version: 0, publishedAt: Date.now(), journeys }, corrupt };
  }

  // ---- journeys (drafts)

  listJourneys(): { journeys: JourneyRecord[]; corrupt: Corrupt } {
    const live = this.liveJourneys();
    const journeys: JourneyRecord[] = [];
    const corrupt: Corrupt = [];
    for (const d of drafts.readDrafts(this.sql)) {
      if (d.journey) journeys.push(toRecord(d, d.journey, live));
      else corrupt.push({ id: d.id, message: d.error ?? "corrupt" });
    }
    return { journeys, corrupt };
  }

  getJourney(id: string): StoreResult<JourneyRecord> {
    const d = drafts.readDraft(this.sql, id);
    if (!d) return fail(404, `no journey "${id}"`);
    if (!d.journey) return fail(500, d.error ?? "stored draft is corrupt");
    return ok(toRecord(d, d.journey, this.liveJourneys()));
  }

  /** Creates or replaces a draft. "paused" in the body pauses (true) or unpauses (false) it. */
  putJourney(input: unknown, actor: string): StoreResult<{ record: JourneyRecord; created: boolean }> {
    const parsed = Journey.safeParse(input);
    if (!parsed.success) return fail(400, "invalid journey", zodIssues(parsed.error));
    const journey = parsed.data;
    const existing = drafts.readDraft(this.sql, journey.id);
    if (!existing && drafts.countDrafts(this.sql) >= RULESET_LIMITS.maxJourneys)
      return fail(400, "too many journeys", [
        { path: [], message: `at most ${RULESET_LIMITS.maxJourneys} journeys; delete one first` },
      ]);
    const live = this.liveJourneys();
    let status: JourneyStatus = existing?.status ?? "draft";
    if (journey.paused === true) status = "paused";
    else if (journey.paused === false || status !== "paused") status = live.has(journey.id) ? "published" : "draft";
    const at = Date.now();
    this.ctx.storage.transactionSync(() => {
      drafts.writeDraft(this.sql, {
        journey,
        status,
        at,
        by: actor,
        publishedVersion: existing?.publishedVersion ?? null,
      });
      appendAudit(this.sql, { at, actor, action: existing ? "journey.update" : "journey.create", target: journey.id });
    });
    const saved = drafts.readDraft(this.sql, journey.id)!;
    return ok({ record: toRecord(saved, saved.journey!, live), created: !existing });
  }

  /** Removes a draft; the journey leaves the live site at the next publish. */
  deleteJourney(id: string, actor: string): boolean {
    let deleted = false;
    this.ctx.storage.transactionSync(() => {
      deleted = drafts.deleteDraft(this.sql, id);
      if (deleted) appendAudit(this.sql, { at: Date.now(), actor, action: "journey.delete", target: id });
    });
    return deleted;
  }

  /**
   * Pauses or resumes a journey. A kill switch must act at once, so when the journey is live this also publishes
   * a new version: the live one with only this journey's "paused" flag changed (other draft edits stay drafts).
   */
  setPaused(id: string, paused: boolean, actor: string): StoreResult<JourneyRecord> {
    const d = drafts.readDraft(this.sql, id);
    if (!d) return fail(404, `no journey "${id}"`);
    if (!d.journey) return fail(500, d.error ?? "stored draft is corrupt");
    const live = this.getLive();
    const inLive = live.ruleset?.journeys.some((j) => j.id === id) ?? false;
    const at = Date.now();
    const status: JourneyStatus = paused ? "paused" : inLive ? "published" : "draft";
    const result = this.transaction((): StoreResult<null> => {
      let publishedVersion = d.publishedVersion;
      if (inLive && live.ruleset) {
        const journeys = live.ruleset.journeys.map((j) => (j.id === id ? drafts.draftAsPublished(j, status) : j));
        const r = this.insertRuleset(journeys, { actor, at, note: `${paused ? "pause" : "resume"} ${id}` }, null);
        if (!r.ok) return r;
        publishedVersion = r.value.version;
      }
      drafts.writeDraft(this.sql, { journey: d.journey!, status, at, by: actor, publishedVersion });
      appendAudit(this.sql, { at, actor, action: paused ? "journey.pause" : "journey.resume", target: id });
      return ok(null);
    });
    if (!result.ok) return result;
    return this.getJourney(id);
  }

  // ---- versions

  /** Publishes every draft as a new immutable version, or refuses (400 with paths) without touching the live one. */
  publish(note: string | undefined, actor: string): StoreResult<{ version: number }> {
    return this.transaction(() => this.publishDrafts(note, actor, Date.now()));
  }

  private publishDrafts(note: string | undefined, actor: string, at: number): StoreResult<{ version: number }> {
    const issues: Issue[] = [];
    const journeys: Journey[] = [];
    const all = drafts.readDrafts(this.sql);
    for (const d of all) {
      if (!d.journey) {
        issues.push({ path: ["journeys", d.id], message: `${d.error}; save it again or delete it` });
        for (const i of d.issues ?? []) issues.push({ ...i, path: ["journeys", d.id, ...i.path] });
        continue;
      }
      const again = Journey.safeParse(drafts.draftAsPublished(d.journey, d.status));
      if (!again.success)
        issues.push(...zodIssues(again.error).map((i) => ({ ...i, path: ["journeys", d.id, ...i.path] })));
      else journeys.push(again.data);
    }
    if (all.length > RULESET_LIMITS.maxJourneys)
      issues.push({ path: ["journeys"], message: `at most ${RULESET_LIMITS.maxJourneys} journeys per ruleset` });
    if (issues.length) return fail(400, "the drafts do not form a valid ruleset; nothing was published", issues);
    const r = this.insertRuleset(journeys, { actor, at, note }, null);
    if (!r.ok) return r;
    for (const d of all)
      drafts.writeDraft(this.sql, {
        journey: d.journey!,
        status: d.status === "paused" ? "paused" : "published",
        at: d.updatedAt,
        by: d.updatedBy,
        publishedVersion: r.value.version,
      });
    appendAudit(this.sql, { at, actor, action: "publish", target: `v${r.value.version}`, detail: note ?? null });
    return r;
  }

  /** Publishes the journeys of an old version as a NEW version (rollbackOf) and resets the drafts to match it. */
  rollback(version: number, actor: string): StoreResult<{ version: number }> {
    const read = versions.readVersion(this.sql, version);
    if ("missing" in read) return fail(404, `no version ${version}`);
    if ("corrupt" in read)
      return fail(400, `version ${version} is corrupt and cannot be restored`, [
        { path: ["version"], message: read.corrupt },
      ]);
    const target = read.ruleset;
    const at = Date.now();
    return this.transaction(() => {
      const r = this.insertRuleset(target.journeys, { actor, at, note: `rollback to v${version}` }, version);
      if (!r.ok) return r;
      const keep = new Set(target.journeys.map((j) => j.id));
      for (const d of drafts.readDrafts(this.sql))
        // Drafts never published are work in progress, not part of any version: they stay.
        if (!keep.has(d.id) && d.publishedVersion !== null) drafts.deleteDraft(this.sql, d.id);
      for (const j of target.journeys)
        drafts.writeDraft(this.sql, {
          journey: j,
          status: j.paused ? "paused" : "published",
          at,
          by: actor,
          publishedVersion: r.value.version,
        });
      appendAudit(this.sql, { at, actor, action: "rollback", target: `v${r.value.version}`, detail: `to v${version}` });
      return r;
    });
  }

  listVersions(): VersionList {
    return { live: this.getLive().version, versions: versions.listVersionSummaries(this.sql) };
  }

  /** Diff of two versions ("live" = the live one, "draft" = the drafts), with JSON pointers of changed fields. */
  diff(from: number | "live" | "draft", to: number | "live" | "draft"): StoreResult<DiffResponse> {
    const a = this.resolve(from);
    if (!a.ok) return a;
    const b = this.resolve(to);
    if (!b.ok) return b;
    return ok({ from: a.value.label, to: b.value.label, journeys: diffRulesets(a.value.journeys, b.value.journeys) });
  }

  private resolve(ref: number | "live" | "draft"): StoreResult<{ label: number | "draft"; journeys: Journey[] }> {
    if (ref === "draft") return ok({ label: "draft", journeys: this.getDrafts().ruleset.journeys });
    const n = ref === "live" ? this.getLive().version : ref;
    const r = this.getVersion(n);
    return r.ok ? ok({ label: n, journeys: r.value.journeys }) : r;
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
    const parsed = QaResultInput.safeParse(input);
    if (!parsed.success) return fail(400, "invalid QA result", zodIssues(parsed.error));
    const result: QaResult = { ...parsed.data, id: crypto.randomUUID(), by: actor, at: Date.now() };
    this.ctx.storage.transactionSync(() => {
      insertQa(this.sql, result);
      const what = `${result.stage}/${result.branch}: ${result.status}`;
      appendAudit(this.sql, { at: result.at, actor, action: "qa.record", target: result.journey, detail: what });
    });
    return ok(result);
  }

  listQa(journey: string | null): QaResult[] {
    return listQa(this.sql, journey);
  }

  // ---- internals

  /** Validates a complete ruleset (schema, limits, the engine compiles every journey) and makes it live. */
  private insertRuleset(
    journeys: Journey[],
    meta: { actor: string; at: number; note?: string },
    rollbackOf: number | null,
  ): StoreResult<{ version: number }> {
    const version = versions.nextVersionNumber(this.sql);
    const candidate = {
      version,
      publishedAt: meta.at,
      publishedBy: meta.actor.slice(0, 200),
      ...(meta.note ? { note: meta.note.slice(0, 2_000) } : {}),
      journeys: [...journeys].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    };
    const parsed = Ruleset.safeParse(candidate);
    if (!parsed.success) return fail(400, "invalid ruleset; nothing was published", zodIssues(parsed.error));
    const skipped = compileRuleset(parsed.data).skipped;
    if (skipped.length)
      return fail(
        400,
        "the engine cannot compile this ruleset; nothing was published",
        skipped.map((s) => ({ path: ["journeys", s.id], message: s.message })),
      );
    versions.insertVersion(this.sql, parsed.data, rollbackOf);
    versions.setLivePointer(this.sql, version);
    return ok({ version });
  }

  /** Runs `fn` in one storage transaction, rolled back when it answers a refusal. */
  private transaction<T>(fn: () => StoreResult<T>): StoreResult<T> {
    let result: StoreResult<T> | undefined;
    try {
      this.ctx.storage.transactionSync(() => {
        result = fn();
        if (!result.ok) throw new Refused();
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
    }
    return result!;
  }

  private liveJourneys(): Map<string, Journey> {
    return new Map((this.getLive().ruleset?.journeys ?? []).map((j) => [j.id, j]));
  }
}

class Refused extends Error {}

function toRecord(d: drafts.Draft, journey: Journey, live: Map<string, Journey>): JourneyRecord {
  const published = live.get(d.id);
  const dirty = !published || stableJson(drafts.draftAsPublished(journey, d.status)) !== stableJson(published);
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
