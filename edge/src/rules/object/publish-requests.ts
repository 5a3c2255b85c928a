import type { PublishRequestRecord, PublishRequestStatus } from "@waymark/shared/schemas/access.ts";
import type { Journey } from "@waymark/shared/schemas/journey.ts";
import { Ruleset } from "@waymark/shared/schemas/ruleset.ts";
import { appendAudit } from "./audit-log.ts";
import { diffRulesets } from "./diff-rulesets.ts";
import { readDraftRuleset } from "./draft-ruleset.ts";
import * as drafts from "./draft-table.ts";
import { readLiveRuleset } from "./live-ruleset.ts";
import { parseJson } from "./parse-json.ts";
import { publishableJourneys, publishDrafts } from "./publish-drafts.ts";
import * as table from "./publish-request-table.ts";
import { refusableTransaction } from "./refusable-transaction.ts";
import { stableJson } from "./stable-json.ts";
import * as versions from "./version-table.ts";
import { fail, ok, type StoreResult } from "../store-result.ts";

/** What a publish makes live, without the version's own metadata: journeys, audiences, whatever a ruleset holds. */
const Content = Ruleset.omit({ version: true, publishedAt: true, publishedBy: true, note: true });

/** Stable JSON of a ruleset's content, so drafts, snapshots and the live version compare as strings. */
function contentJson(ruleset: unknown): string {
  const parsed = Content.safeParse(ruleset);
  return stableJson(parsed.success ? parsed.data : ruleset);
}

function journeysOf(json: string): Journey[] {
  const parsed = Content.safeParse(parseJson(json));
  return parsed.success ? parsed.data.journeys : [];
}

/** The drafts as a publish would take them, or the issues that would stop that publish (400). */
function draftContent(sql: SqlStorage): StoreResult<string> {
  const { issues } = publishableJourneys(drafts.readDrafts(sql));
  if (issues.length) return fail(400, "the drafts do not form a valid ruleset; nothing was requested", issues);
  return ok(contentJson(readDraftRuleset(sql).ruleset));
}

function liveContent(sql: SqlStorage): { version: number; json: string } {
  const live = readLiveRuleset(sql);
  return { version: live.version, json: contentJson(live.ruleset) };
}

/** What changed between two content snapshots: journeys by id ("a (changed)"), other parts (e.g. "audiences"). */
function changedParts(before: string, after: string): { path: string[]; text: string }[] {
  const a = parseJson(before) as Record<string, unknown> | null;
  const b = parseJson(after) as Record<string, unknown> | null;
  const journeys = diffRulesets(journeysOf(before), journeysOf(after))
    .filter((d) => d.change !== "unchanged")
    .map((d) => ({ path: ["journeys", d.id], text: `${d.id} (${d.change})` }));
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  keys.delete("journeys");
  const others = [...keys]
    .filter((k) => stableJson(a?.[k]) !== stableJson(b?.[k]))
    .sort()
    .map((k) => ({ path: [k], text: k }));
  return [...journeys, ...others];
}

/** A stored request as the API shows it; a pending one with its diff against the live version and staleness. */
function toRecord(
  r: table.PublishRequestRow,
  now: { live: { json: string }; drafts: string | null },
): PublishRequestRecord {
  const base: PublishRequestRecord = {
    id: r.id,
    status: r.status,
    note: r.note,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    baseVersion: r.baseVersion,
    journeys: journeysOf(r.snapshot).map((j) => j.id),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    publishedVersion: r.publishedVersion,
    current: false,
  };
  if (r.status !== "pending") return base;
  const current = now.drafts === r.snapshot;
  return {
    ...base,
    current,
    diff: diffRulesets(journeysOf(now.live.json), journeysOf(r.snapshot)),
    ...(current
      ? {}
      : {
          changedSince:
            now.drafts === null
              ? ["(the drafts are invalid)"]
              : changedParts(r.snapshot, now.drafts).map((c) => c.text),
        }),
  };
}

function nowState(sql: SqlStorage) {
  const d = draftContent(sql);
  return { live: liveContent(sql), drafts: d.ok ? d.value : null };
}

/** Requests, newest first, pending ones with their diff. */
export function listPublishRequests(
  sql: SqlStorage,
  status: PublishRequestStatus | null,
  limit: number,
): PublishRequestRecord[] {
  const now = nowState(sql);
  return table.listPublishRequestRows(sql, status, limit).map((r) => toRecord(r, now));
}

export function getPublishRequest(sql: SqlStorage, id: number): StoreResult<PublishRequestRecord> {
  const r = table.readPublishRequest(sql, id);
  return r ? ok(toRecord(r, nowState(sql))) : fail(404, `no publish request ${id}`);
}

/** Snapshots the drafts as a pending request (400 when they could not be published, 409 when nothing changes). */
export function createPublishRequest(
  storage: DurableObjectStorage,
  note: string | null,
  actor: string,
): StoreResult<PublishRequestRecord> {
  const sql = storage.sql;
  const at = Date.now();
  const created = refusableTransaction(storage, (): StoreResult<number> => {
    const snapshot = draftContent(sql);
    if (!snapshot.ok) return snapshot;
    const live = liveContent(sql);
    if (snapshot.value === live.json) return fail(409, "the drafts match the live version: nothing to publish");
    const id = table.insertPublishRequest(sql, {
      note,
      requestedBy: actor,
      requestedAt: at,
      baseVersion: live.version,
      snapshot: snapshot.value,
    });
    appendAudit(sql, { at, actor, action: "publish.request", target: `request ${id}`, detail: note });
    return ok(id);
  });
  return created.ok ? getPublishRequest(sql, created.value) : created;
}

/**
 * Publishes exactly the request's snapshot, by a publisher other than the requester: refused (409, with what
 * changed) when the drafts moved on since the request, or when the live version already matches it.
 */
export function approvePublishRequest(
  storage: DurableObjectStorage,
  id: number,
  actor: string,
  note: string | null,
): StoreResult<{ request: PublishRequestRecord; version: number }> {
  const sql = storage.sql;
  const at = Date.now();
  const done = refusableTransaction(storage, (): StoreResult<number> => {
    const r = table.readPublishRequest(sql, id);
    if (!r) return fail(404, `no publish request ${id}`);
    if (r.status !== "pending") return fail(409, `publish request ${id} is already ${r.status}`);
    if (r.requestedBy === actor)
      return fail(
        403,
        `a publish request needs another publisher's approval: "${actor}" made request ${id} and cannot approve it`,
      );
    const current = draftContent(sql);
    if (!current.ok) return current;
    if (current.value !== r.snapshot) {
      const changed = changedParts(r.snapshot, current.value);
      return fail(
        409,
        `the drafts changed since request ${id} was made (${changed.map((c) => c.text).join(", ")}); nothing was published: ask for a new request`,
        changed.map((c) => ({ path: c.path, message: `changed since the request: ${c.text}` })),
      );
    }
    if (current.value === liveContent(sql).json)
      return fail(409, `the live version already matches request ${id}: nothing to publish`);
    // The approval is logged before the publish it causes (one transaction: both or neither).
    appendAudit(sql, {
      at,
      actor,
      action: "publish.approve",
      target: `request ${id}`,
      detail: `published as v${versions.nextVersionNumber(sql)}${note ? `: ${note}` : ""}`,
    });
    const provenance = `request ${id} by ${r.requestedBy}`;
    const published = publishDrafts(sql, r.note ? `${r.note} (${provenance})` : provenance, actor, at);
    if (!published.ok) return published;
    const version = published.value.version;
    table.decidePublishRequest(sql, id, { status: "approved", by: actor, at, note }, version);
    return ok(version);
  });
  if (!done.ok) return done;
  const request = getPublishRequest(sql, id);
  return request.ok ? ok({ request: request.value, version: done.value }) : request;
}

/**
 * Rejects (a publisher) or withdraws (the requester, or a publisher) a pending request. `mayDecide`: the caller is
 * a publisher or more, checked by the Worker where the role is known.
 */
export function closePublishRequest(
  storage: DurableObjectStorage,
  id: number,
  how: "rejected" | "withdrawn",
  actor: string,
  note: string | null,
  mayDecide: boolean,
): StoreResult<PublishRequestRecord> {
  const sql = storage.sql;
  const at = Date.now();
  const done = refusableTransaction(storage, (): StoreResult<null> => {
    const r = table.readPublishRequest(sql, id);
    if (!r) return fail(404, `no publish request ${id}`);
    if (r.status !== "pending") return fail(409, `publish request ${id} is already ${r.status}`);
    if (how === "withdrawn" && r.requestedBy !== actor && !mayDecide)
      return fail(403, `only "${r.requestedBy}", who made request ${id}, or a publisher may withdraw it`);
    table.decidePublishRequest(sql, id, { status: how, by: actor, at, note });
    appendAudit(sql, {
      at,
      actor,
      action: how === "rejected" ? "publish.reject" : "publish.withdraw",
      target: `request ${id}`,
      detail: note,
    });
    return ok(null);
  });
  return done.ok ? getPublishRequest(sql, id) : done;
}
