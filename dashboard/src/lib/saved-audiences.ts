import { signal } from "@preact/signals";
import type { AudienceRecord } from "@waymark/shared";
import { call } from "../api.ts";

/** The saved audiences (GET /audiences), shared by the Audiences page and every condition editor's picker. */
export const savedAudiences = signal<AudienceRecord[] | null>(null);

let loading: Promise<void> | null = null;

/** Loads (or reloads, after a save or delete) the saved audiences; concurrent callers share one request. */
export function loadSavedAudiences(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = call((c) => c.listAudiences())
    .then((r) => {
      savedAudiences.value = r.audiences;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}
