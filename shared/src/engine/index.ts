// The pure journey engine: no I/O, time and randomness injected. Used by the Worker's Durable Objects,
// the dashboard's simulator, the extension's trace view and the CLI's `waymark simulate`.
//
// Signatures (the contract between the engine and its callers):
//   compileRuleset(ruleset): CompiledRuleset
//       Once per version: normalized journeys (defaults applied, action ids "a<i>", slots), durations in ms,
//       transitions indexed by event type, globs compiled. Pure data + closures; cache it by version.
//       Accepts raw stored journeys: ones failing the schema are skipped and listed in `skipped`.
//   newVisitorState(visitorId: string, now: number): VisitorState
//   applyEvent(state, event: VisitorEvent, rules: CompiledRuleset, opts: { now: number, random?: () => number,
//              ctx?: RequestContext, scoring?, banditStats? }): Advance
//       Records the event: counters, session/visits (page_view), cart (add/remove/purchase), scores, traits
//       (identify/traits), dismissals (type "dismiss", data.journey), goals; first applies "after" transitions
//       already due at the event's time, then the event's own transitions. Enters journeys lazily at their start.
//   advanceTime(state, rules, now): Advance          - due "after" transitions only (chained if several are due).
//   nextWakeAt(state, rules, after?): number | null   - earliest time an "after" transition becomes due (> after).
//   decide(state, rules, ctx: RequestContext, opts: { now: number, mode: "page" | "event",
//          force?: { journey: string, stage?: string, branch?: string }, random?, banditStats? }): Decision
//       Page mode: page actions + nudges for the current stages; event mode: only nudges (shown at once by
//       the beacon). Conditions, branch/holdout, caps, dismissals, slot arbitration; full trace.
//       Every string field of an applied action is HTML (`text` and nudge `title` are escaped whole).
//   recordExposures(state, rules, decision, now): VisitorState - exposure counts and cap bookkeeping.
//   statsFor(advance: Advance | null, decision: Decision | null, now): StatsEvent[] - what to count.
//   assignBranch(visitorId, journey: CompiledJourney, random?, banditStats?): { branch: string | null, holdout }
//   renderTemplate(template: string, values: TemplateValues): string   - {{path}} / {{path | "default"}}, escaped.
//   templateValues(state: VisitorState): TemplateValues
//   evalCondition(cond, env: ConditionEnv): { ok: boolean, detail: string }
//   matchGlob(glob: string, path: string): boolean
//   escapeHtml(s: string): string
//   repairState(raw: unknown, visitorId, now): { state: VisitorState, repaired: string[] } - a stored state made
//       valid field by field (invalid fields/entries defaulted or dropped, never the whole state).
// The visit (what every host calls; the functions above are its steps):
//   pageView(state, rules, ctx, { now, random?, force? }): Visit     - page view (+ its view rules' events) -> decide
//     -> count exposures.
//   eventBatch(state, rules, events, { now, ctx?, isStored?, source?, ... }): Visit - events -> nudges of moved
//     journeys; source "browser" never changes traits or the customer id.
//   timePasses(state, rules, now): Visit                              - due "after" transitions (alarm, waits).
//   seededRandom(seed: number | string): () => number                 - mulberry32, for reproducible simulations.
//   clickRules(rules): { s, e }[]  viewRuleEvents(rules, path): string[] - tracking rules of live journeys.
// Metrics (issue 14): the visit enrols a visitor at their first entry into a journey and keeps their metric values
// (JourneyState.enrolment); statsFor/metricFacts turn the changes into "enroll" and "metric" facts.
//   sourceClass(referrer, query, host): SourceClass   dimsOf(state, ctx): Dims   compiledMetrics(journey)
//   optOutFacts(state, rules, now): StatsEvent[]      - the opt_out metric facts, computed just before an erasure.
// where Advance = { state: VisitorState, changes: StageChange[] } and
//   StageChange = { journey, from: string | null, to, at, reason: string, branch: string | null, holdout: boolean,
//                   version: number, exit: boolean, goal: boolean }
export * from "./compile-ruleset.ts";
export * from "./new-visitor-state.ts";
export * from "./apply-event.ts";
export * from "./advance-time.ts";
export * from "./next-wake-at.ts";
export * from "./decide.ts";
export * from "./record-exposures.ts";
export * from "./stats-for.ts";
export * from "./source-class.ts";
export * from "./dims.ts";
export * from "./metric-values.ts";
export * from "./metric-opt-out.ts";
export * from "./program.ts";
export { globallyHeldOut, isRunning } from "./admission.ts";
export * from "./assign-branch.ts";
export * from "./render-template.ts";
export * from "./template-values.ts";
export * from "./eval-condition.ts";
export * from "./match-glob.ts";
export * from "./escape-html.ts";
export * from "./repair-state.ts";
export * from "./visit.ts";
export * from "./seeded-random.ts";
export * from "./track-rules.ts";
export * from "./types.ts";
export { DEFAULT_WEIGHTS, DEFAULT_HALF_LIFE_MS } from "./apply-scores.ts";
export { SESSION_GAP_MS, SERVER_ONLY_EVENT_TYPES } from "./apply-visitor-event.ts";
export { hash01 } from "./hash01.ts";
