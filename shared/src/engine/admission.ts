import type { VisitorState } from "../schemas/state.ts";
import { hash01 } from "./hash01.ts";
import type { CompiledJourney, CompiledRuleset } from "./types.ts";

/** Why a journey does not take a visitor in (a trace check): its name and the plain-words reason. */
export interface Refusal {
  check: string;
  detail: string;
}

/**
 * Whether the visitor is in the global holdout (GLOBAL_HOLDOUT): the program's control, kept out of every journey.
 * Sticky: a hash of the visitor id alone, so raising the share keeps everyone already held out.
 */
export function globallyHeldOut(visitorId: string, share: number | undefined): boolean {
  return share !== undefined && share > 0 && hash01(`${visitorId}:global-holdout`) < share;
}

/**
 * Whether the journey runs at `at`: not paused and within its schedule (start inclusive, end exclusive). A journey
 * that does not run neither takes visitors in, nor advances, nor acts; visitors in it keep their state.
 */
export function isRunning(j: CompiledJourney, at: number): boolean {
  return (
    !j.paused &&
    (j.scheduleStartMs === null || at >= j.scheduleStartMs) &&
    (j.scheduleEndMs === null || at < j.scheduleEndMs)
  );
}

/** The schedule's answer at `at`: null inside it, else "scheduled: starts ..." or "ended ...". */
export function scheduleRefusal(j: CompiledJourney, at: number): Refusal | null {
  if (j.scheduleStartMs !== null && at < j.scheduleStartMs)
    return { check: "schedule", detail: `scheduled: starts ${iso(j.scheduleStartMs)}` };
  if (j.scheduleEndMs !== null && at >= j.scheduleEndMs)
    return { check: "schedule", detail: `ended ${iso(j.scheduleEndMs)}` };
  return null;
}

/**
 * Whether a visitor not yet in journey `j` may enter it now (the journey runs and the visitor is not globally held
 * out: callers check those first). Null when they may, else why not:
 * - group: a visitor already in (or once in) another journey of the group never enters this one; otherwise the
 *   group's running journeys split visitors in equal shares by `hash01(visitorId:group:<slug>)`, in id order.
 * - traffic: within its share, `hash01(visitorId:journeyId:traffic) < traffic` enters (monotone: raising the
 *   traffic keeps everyone it admitted before).
 * O(1) per journey, O(group size) for grouped ones.
 */
export function admission(state: VisitorState, j: CompiledJourney, rules: CompiledRuleset, at: number): Refusal | null {
  if (j.group !== null) {
    const members = groupMembers(rules, j.group);
    let running = 0;
    let mine = -1;
    for (const g of members) {
      if (g !== j && state.journeys[g.id])
        return { check: "group", detail: `in group ${j.group}: enrolled in journey ${g.id}` };
      if (isRunning(g, at)) {
        if (g === j) mine = running;
        running++;
      }
    }
    if (mine >= 0 && running > 1) {
      const slot = Math.min(running - 1, Math.floor(hash01(`${state.visitorId}:group:${j.group}`) * running));
      if (slot !== mine) {
        const other = members.filter((g) => isRunning(g, at))[slot];
        return { check: "group", detail: `in group ${j.group}: this visitor's share goes to journey ${other.id}` };
      }
    }
  }
  if (j.traffic < 1 && !(hash01(`${state.visitorId}:${j.id}:traffic`) < j.traffic))
    return { check: "traffic", detail: `not in traffic share (${percent(j.traffic)} of visitors enter)` };
  return null;
}

/** The journeys of a group in id order (from the compiled index; rulesets built by hand are scanned). */
function groupMembers(rules: CompiledRuleset, group: string): readonly CompiledJourney[] {
  const indexed = rules.groups?.get(group);
  if (indexed) return indexed;
  return rules.journeys.filter((g) => g.group === group).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The exclusion groups of a list of journeys: slug -> its journeys in id order. */
export function indexGroups(journeys: readonly CompiledJourney[]): ReadonlyMap<string, readonly CompiledJourney[]> {
  const groups = new Map<string, CompiledJourney[]>();
  for (const j of journeys) {
    if (j.group === null) continue;
    const list = groups.get(j.group);
    if (list) list.push(j);
    else groups.set(j.group, [j]);
  }
  for (const list of groups.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return groups;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
