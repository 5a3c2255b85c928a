import type { Decision } from "../schemas/decision.ts";
import type { StatsEvent } from "../schemas/stats.ts";
import type { VisitorState } from "../schemas/state.ts";
import { unpackDims } from "./dims.ts";
import { compiledMetrics } from "./metric-values.ts";
import { programFacts } from "./program.ts";
import type { Advance, CompiledRuleset } from "./types.ts";

/**
 * The countable facts of an advance and a decision: per stage change a "transition" and an "entry" of the stage
 * entered, a "conversion" per goal, a "dismissal" per dismiss, an "exposure" per exposure (holdout: branch null).
 * With `measured` (the state before the visit and the rules), also the per-visitor facts of issue 14: see
 * metricFacts.
 */
export function statsFor(
  advance: Advance | null,
  decision: Decision | null,
  now: number,
  measured?: { before: VisitorState; rules: CompiledRuleset },
): StatsEvent[] {
  const out: StatsEvent[] = [];
  for (const c of advance?.changes ?? []) {
    const base = { journey: c.journey, version: c.version, stage: c.to, branch: c.holdout ? null : c.branch };
    if (c.goal) out.push({ kind: "conversion", ...base, at: c.at });
    else if (c.reason === "dismiss") out.push({ kind: "dismissal", ...base, at: c.at });
    else {
      out.push({ kind: "transition", ...base, from: c.from, at: c.at });
      out.push({ kind: "entry", ...base, at: c.at });
    }
  }
  for (const e of decision?.exposures ?? []) {
    out.push({
      kind: "exposure",
      journey: e.journey,
      version: decision!.version,
      stage: e.stage,
      branch: e.holdout ? null : e.branch,
      at: decision!.at ?? now,
    });
  }
  if (measured && advance) metricFacts(measured.before, advance.state, measured.rules, now, out);
  return out;
}

/**
 * The facts of what a visit did to the visitor's metric values, by comparing the journey states before and after:
 * an "enroll" when the visitor was enrolled in a journey (their first entry), and a "metric" per metric whose value
 * changed, with delta = new - old and delta2 = new^2 - old^2 (so a group's sum and sum of squares are sums of
 * deltas, whatever the number of events in between). Both carry the group and dims of the enrolment. The program
 * enrolment (program.ts) gives the same facts under the pseudo-journey "__program".
 */
export function metricFacts(
  before: VisitorState,
  after: VisitorState,
  rules: CompiledRuleset,
  now: number,
  out: StatsEvent[] = [],
): StatsEvent[] {
  for (const j of rules.journeys) {
    const js = after.journeys[j.id];
    const en = js?.enrolment;
    const was = before.journeys[j.id]?.enrolment;
    // The engine replaces an enrolment when it changes a value, so an unchanged one is the same object.
    if (!en || en === was) continue;
    const base = { journey: j.id, version: rules.version, branch: en.branch, dims: unpackDims(en.dims) };
    if (!was) out.push({ kind: "enroll", ...base, stage: j.start, at: en.at });
    for (const m of compiledMetrics(j)) {
      const old = was?.values?.[m.id] ?? 0;
      const value = en.values?.[m.id] ?? 0;
      if (value === old) continue;
      out.push({
        kind: "metric",
        ...base,
        stage: js.stage,
        at: now,
        metric: m.id,
        delta: value - old,
        delta2: value * value - old * old,
      });
    }
  }
  programFacts(before, after, rules.version, now, out);
  return out;
}
