import type { ManifestTrack } from "../schemas/tracking.ts";
import { matchGlob } from "./match-glob.ts";
import type { CompiledRuleset } from "./types.ts";

interface RulesIndex {
  clicks: ManifestTrack[];
  views: { glob: string; event: string }[];
}

// Per compiled ruleset (one per version): every page of the site asks for the same lists.
const indexes = new WeakMap<CompiledRuleset, RulesIndex>();

function index(rules: CompiledRuleset): RulesIndex {
  let ix = indexes.get(rules);
  if (ix) return ix;
  ix = { clicks: [], views: [] };
  const seenClicks = new Set<string>();
  const seenViews = new Set<string>();
  for (const j of rules.journeys) {
    if (j.paused) continue; // a paused journey neither advances nor acts: its rules report nothing either
    for (const r of j.journey.track ?? []) {
      // The same rule in two journeys is one event: reporting it twice would count a click twice everywhere.
      const key = JSON.stringify([r.on === "click" ? r.selector : r.url, r.event]);
      if (r.on === "click" && !seenClicks.has(key)) {
        seenClicks.add(key);
        ix.clicks.push({ s: r.selector, e: r.event });
      } else if (r.on === "view" && !seenViews.has(key)) {
        seenViews.add(key);
        ix.views.push({ glob: r.url, event: r.event });
      }
    }
  }
  indexes.set(rules, ix);
  return ix;
}

/** The click rules of the live journeys, deduplicated, as the page manifest carries them (the beacon applies them). */
export function clickRules(rules: CompiledRuleset): ManifestTrack[] {
  return index(rules).clicks;
}

/**
 * The events the view rules of the live journeys report for a page view of `path`: each event type once (two rules
 * for the same event on overlapping globs are one view), in rule order.
 */
export function viewRuleEvents(rules: CompiledRuleset, path: string): string[] {
  const out: string[] = [];
  for (const v of index(rules).views) if (!out.includes(v.event) && matchGlob(v.glob, path)) out.push(v.event);
  return out;
}
