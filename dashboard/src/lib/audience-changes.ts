import type { AudienceRecord, Ruleset } from "@waymark/shared";

export interface AudienceChange {
  id: string;
  name: string;
  change: "added" | "changed" | "removed";
}

/**
 * The saved audiences a publish would change (they are not in the journeys' diff): drafts not live yet, drafts
 * differing from the live version, and live audiences whose draft was deleted.
 */
export function audienceChanges(
  drafts: readonly AudienceRecord[],
  live: Pick<Ruleset, "audiences"> | null,
): AudienceChange[] {
  const out: AudienceChange[] = [];
  for (const r of drafts)
    if (r.dirty) out.push({ id: r.id, name: r.audience.name, change: r.published ? "changed" : "added" });
  const draftIds = new Set(drafts.map((r) => r.id));
  for (const a of live?.audiences ?? [])
    if (!draftIds.has(a.id)) out.push({ id: a.id, name: a.name, change: "removed" });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
