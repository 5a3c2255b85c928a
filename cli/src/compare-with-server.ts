import type { JourneyRecord } from "@waymark/shared/schemas/api.ts";
import { journeyChanges, type FieldChange } from "./journey-changes.ts";
import type { LoadedJourney } from "./load-journeys.ts";

export interface JourneyComparison {
  id: string;
  file: string;
  /** new: not on the server; changed: the server's draft differs; unchanged: identical after defaults. */
  change: "new" | "changed" | "unchanged";
  fields: FieldChange[];
  /** Where the server's copy stands (absent for new journeys). */
  status?: JourneyRecord["status"];
  /** The server's draft differs from its live version. */
  unpublished?: boolean;
  local: LoadedJourney;
}

export interface ServerComparison {
  journeys: JourneyComparison[];
  /** On the server, in none of the files (push leaves them alone). */
  serverOnly: string[];
}

/** Local journeys against the server's drafts, both with the schema's defaults applied, so only meaning counts. */
export function compareWithServer(local: LoadedJourney[], remote: JourneyRecord[]): ServerComparison {
  const byId = new Map(remote.map((r) => [r.journey.id, r]));
  const journeys = local.map((l): JourneyComparison => {
    const r = byId.get(l.journey.id);
    const base = { id: l.journey.id, file: l.file, local: l };
    if (!r) return { ...base, change: "new", fields: [] };
    const fields = journeyChanges(plain(r.journey), plain(l.journey));
    return {
      ...base,
      change: fields.length ? "changed" : "unchanged",
      fields,
      status: r.status,
      unpublished: r.dirty,
    };
  });
  const localIds = new Set(local.map((l) => l.journey.id));
  const serverOnly = remote.map((r) => r.journey.id).filter((id) => !localIds.has(id));
  return { journeys, serverOnly: serverOnly.sort() };
}

/** Through JSON and back: what the API would store, without `undefined` keys. */
function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}
