import { clickRules, type CompiledRuleset, type Decision, type PageManifest } from "@waymark/shared";

/** What a page's manifest carries beside its actions: the click rules and (for the exports) its exposures. */
export type ManifestExtras = Pick<PageManifest, "track" | "exposures">;

/**
 * The click rules of the ruleset's live journeys, and what the page exposed (a holdout as branch "holdout"), for
 * the page decision. finishPage puts the exposures in the manifest only when an export is switched on.
 */
export function manifestExtras(rules: CompiledRuleset, decision: Pick<Decision, "exposures">): ManifestExtras {
  const track = clickRules(rules);
  const exposures = decision.exposures.map((e) => ({
    journey: e.journey,
    stage: e.stage,
    branch: e.holdout ? "holdout" : (e.branch ?? "holdout"),
  }));
  return { ...(track.length ? { track } : {}), ...(exposures.length ? { exposures } : {}) };
}
