import { appendAudit } from "./audit-log.ts";
import * as audiences from "./audience-table.ts";
import * as drafts from "./draft-table.ts";
import { insertRuleset } from "./insert-ruleset.ts";
import { refusableTransaction } from "./refusable-transaction.ts";
import { fail, type StoreResult } from "../store-result.ts";
import * as versions from "./version-table.ts";

/** Publishes the journeys of an old version as a NEW version (rollbackOf) and resets the drafts to match it. */
export function rollbackVersion(
  storage: DurableObjectStorage,
  version: number,
  actor: string,
): StoreResult<{ version: number }> {
  const sql = storage.sql;
  const read = versions.readVersion(sql, version);
  if ("missing" in read) return fail(404, `no version ${version}`);
  if ("corrupt" in read)
    return fail(400, `version ${version} is corrupt and cannot be restored`, [
      { path: ["version"], message: read.corrupt },
    ]);
  const target = read.ruleset;
  const at = Date.now();
  return refusableTransaction(storage, () => {
    const note = `rollback to v${version}`;
    const r = insertRuleset(sql, target.journeys, { actor, at, note }, version, target.audiences);
    if (!r.ok) return r;
    const keep = new Set(target.journeys.map((j) => j.id));
    for (const d of drafts.readDrafts(sql))
      // Drafts never published are work in progress, not part of any version: they stay.
      if (!keep.has(d.id) && d.publishedVersion !== null) drafts.deleteDraft(sql, d.id);
    for (const j of target.journeys)
      drafts.writeDraft(sql, {
        journey: j,
        status: j.paused ? "paused" : "published",
        at,
        by: actor,
        publishedVersion: r.value.version,
      });
    // Audiences likewise: published ones the old version lacks go, the old version's come back; unpublished stay.
    const keepAudiences = new Set(target.audiences.map((a) => a.id));
    for (const d of audiences.readAudienceDrafts(sql))
      if (!keepAudiences.has(d.id) && d.publishedVersion !== null) audiences.deleteAudienceDraft(sql, d.id);
    for (const a of target.audiences)
      audiences.writeAudienceDraft(sql, { audience: a, at, by: actor, publishedVersion: r.value.version });
    appendAudit(sql, { at, actor, action: "rollback", target: `v${r.value.version}`, detail: `to v${version}` });
    return r;
  });
}
