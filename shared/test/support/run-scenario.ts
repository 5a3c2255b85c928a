import { expect } from "vitest";
import { applyEvent } from "../../src/engine/apply-event.ts";
import { compileRuleset } from "../../src/engine/compile-ruleset.ts";
import { decide } from "../../src/engine/decide.ts";
import { nextWakeAt } from "../../src/engine/next-wake-at.ts";
import { recordExposures } from "../../src/engine/record-exposures.ts";
import { statsFor } from "../../src/engine/stats-for.ts";
import { eventBatch, pageView, timePasses } from "../../src/engine/visit.ts";
import type { Advance, DecideOptions } from "../../src/engine/types.ts";
import type { Visit } from "../../src/engine/visit.ts";
import type { Dims, StatsEvent } from "../../src/schemas/stats.ts";
import type { RequestContext } from "../../src/schemas/context.ts";
import type { Decision } from "../../src/schemas/decision.ts";
import type { VisitorEvent } from "../../src/schemas/event.ts";
import { Decision as DecisionSchema } from "../../src/schemas/decision.ts";
import { VisitorState as VisitorStateSchema } from "../../src/schemas/state.ts";
import { T0, ctxFrom, journeyFrom, offsetMs, resolveTimes, stateFrom } from "./fixtures.ts";

/**
 * A scenario: a ruleset, a visitor, and steps in time. The visit steps are what every host runs (shared/engine/visit):
 *   page    pageView: page view + decide + count exposures     events  eventBatch: the events (`events`, or
 *   advance timePasses: due "after" transitions to `at`                `event`) + the nudges of moved journeys
 * and finer steps for engine details:
 *   event   applyEvent(event) only      decide  decide (pure)      expose  decide + recordExposures
 * Each step's expectation (same index in `expected`) may check: stages, journeys (partial states), changes
 * ("journey from>to reason [exit] [goal]"), state (partial), nextWakeAt, actions ("journey/actionId"), html,
 * status (per journey), actionStatus ("journey/actionId" -> status), lostTo, exposures, redirect, checks, stats,
 * cartIds (the cart's item ids in order, space-separated), facts (page/events steps: the visit's enroll and metric
 * facts, "enroll journey group dims" and "metric journey id group delta delta2 dims", group "holdout" for null).
 */
export interface Scenario {
  journeys: unknown[];
  version?: number;
  visitor?: string;
  state?: Record<string, unknown>;
  /** GLOBAL_HOLDOUT for every step (issue 16). */
  globalHoldout?: number;
  steps: Step[];
}

interface Step {
  at?: string | number;
  do: "event" | "events" | "advance" | "decide" | "page" | "expose";
  event?: VisitorEvent;
  events?: VisitorEvent[];
  ctx?: Partial<RequestContext>;
  mode?: "page" | "event";
  force?: DecideOptions["force"];
}

type Expect = Record<string, any>;

export function runScenario(input: Scenario, expected: Expect[]): void {
  expect(expected.length, "one expectation per step").toBe(input.steps.length);
  const rules = compileRuleset({ version: input.version ?? 1, journeys: input.journeys.map(journeyFrom) });
  expect(rules.skipped).toEqual([]);
  let state = stateFrom(input.state, input.visitor ?? "v0");
  const globalHoldout = input.globalHoldout;
  input.steps.forEach((step, i) => {
    const now = T0 + offsetMs(step.at);
    const ctx = ctxFrom(step.ctx);
    let advance: Advance | null = null;
    let decision: Decision | null = null;
    const before = JSON.stringify(state);
    if (step.do === "event")
      advance = applyEvent(state, step.event!, rules, { now, ctx: step.ctx ? ctx : undefined, globalHoldout });
    else if (step.do === "advance") advance = timePasses(state, rules, now);
    else if (step.do === "page") {
      const visit = pageView(state, rules, ctx, { now, force: step.force, globalHoldout });
      advance = visit;
      decision = visit.decision;
    } else if (step.do === "events") {
      const events = step.events ?? [step.event!];
      const visit = eventBatch(state, rules, events, {
        now,
        ctx: step.ctx ? ctx : undefined,
        force: step.force,
        globalHoldout,
      });
      advance = visit;
      decision = visit.decision;
    }
    expect(JSON.stringify(state), "inputs are never mutated").toBe(before);
    if (advance) state = advance.state;
    if (step.do === "decide" || step.do === "expose") {
      const snapshot = JSON.stringify(state);
      decision = decide(state, rules, ctx, { now, mode: step.mode ?? "page", force: step.force, globalHoldout });
      expect(JSON.stringify(state), "decide is pure").toBe(snapshot);
      if (step.do === "expose") state = recordExposures(state, rules, decision, now);
    }
    if (decision) expect(DecisionSchema.safeParse(decision).success, "decision fits its schema").toBe(true);
    expect(VisitorStateSchema.safeParse(state).success, "state fits its schema").toBe(true);
    check(`step ${i} (${step.do} at ${step.at ?? 0})`, expected[i] ?? {}, { state, advance, decision, rules, now });
  });
}

function check(
  label: string,
  e: Expect,
  r: { state: any; advance: Advance | null; decision: Decision | null; rules: any; now: number },
): void {
  const { state, advance, decision } = r;
  const x = resolveTimes(e);
  if (x.stages)
    for (const [id, stage] of Object.entries(x.stages))
      expect(state.journeys[id]?.stage ?? null, `${label}: stage of ${id}`).toBe(stage);
  if (x.journeys)
    for (const [id, js] of Object.entries(x.journeys))
      expect(state.journeys[id], `${label}: journey ${id}`).toMatchObject(js as object);
  if (x.changes) expect(advance?.changes.map(describeChange) ?? [], `${label}: changes`).toEqual(x.changes);
  if (x.state) expect(state, `${label}: state`).toMatchObject(x.state);
  if (x.facts)
    expect(((advance as Visit | null)?.stats ?? []).flatMap(describeFact), `${label}: enroll/metric facts`).toEqual(
      x.facts,
    );
  if (x.cartIds)
    expect(state.cart.items.map((i: { id: string }) => i.id).join(" "), `${label}: cart item ids`).toBe(x.cartIds);
  if ("nextWakeAt" in x) expect(nextWakeAt(state, r.rules), `${label}: nextWakeAt`).toBe(x.nextWakeAt);
  if (!decision) return;
  if (x.actions)
    expect(
      decision.actions.map((a) => `${a.journey}/${a.actionId}`),
      `${label}: actions`,
    ).toEqual(x.actions);
  if (x.html)
    expect(
      decision.actions.map((a) => (a.action as any).html ?? (a.action as any).text ?? (a.action as any).value),
      `${label}: html`,
    ).toEqual(x.html);
  if (x.status)
    for (const [id, status] of Object.entries(x.status))
      expect(decision.trace.find((t) => t.journey === id)?.status, `${label}: status of ${id}`).toBe(status);
  if (x.actionStatus)
    for (const [key, status] of Object.entries(x.actionStatus))
      expect(actionTrace(decision, key)?.status, `${label}: status of ${key}`).toBe(status);
  if (x.actionDetail)
    for (const [key, detail] of Object.entries(x.actionDetail))
      expect(actionTrace(decision, key)?.detail ?? "", `${label}: detail of ${key}`).toContain(detail);
  if (x.lostTo)
    for (const [key, to] of Object.entries(x.lostTo)) {
      const lt = actionTrace(decision, key)?.lostTo;
      expect(lt ? `${lt.journey}/${lt.actionId}` : null, `${label}: ${key} lost to`).toBe(to);
    }
  if (x.exposures) expect(decision.exposures, `${label}: exposures`).toEqual(x.exposures);
  if ("redirect" in x) expect(decision.redirect, `${label}: redirect`).toEqual(x.redirect);
  if (x.checks)
    for (const [id, checks] of Object.entries(x.checks))
      expect(decision.trace.find((t) => t.journey === id)?.checks, `${label}: checks of ${id}`).toMatchObject(
        checks as object[],
      );
  if (x.trace)
    for (const [id, t] of Object.entries(x.trace))
      expect(
        decision.trace.find((tr) => tr.journey === id),
        `${label}: trace of ${id}`,
      ).toMatchObject(t as object);
  if (x.traceOrder)
    expect(
      decision.trace.map((t) => t.journey),
      `${label}: trace order`,
    ).toEqual(x.traceOrder);
  if (x.stats)
    expect(
      statsFor(advance, decision, r.now).map((s) => `${s.kind} ${s.journey} ${s.stage} ${s.branch ?? "holdout"}`),
      `${label}: stats`,
    ).toEqual(x.stats);
}

function actionTrace(d: Decision, key: string) {
  const [journey, id] = key.split("/");
  return d.trace.find((t) => t.journey === journey)?.actions.find((a) => a.id === id);
}

function describeFact(f: StatsEvent): string[] {
  const group = f.branch ?? "holdout";
  const dims = (d: Dims) => `${d.device}.${d.country}.${d.visitor}.${d.source}`;
  if (f.kind === "enroll") return [`enroll ${f.journey} ${group} ${dims(f.dims)}`];
  if (f.kind === "metric") return [`metric ${f.journey} ${f.metric} ${group} ${f.delta} ${f.delta2} ${dims(f.dims)}`];
  return [];
}

function describeChange(c: Advance["changes"][number]): string {
  return `${c.journey} ${c.from ?? "-"}>${c.to} ${c.reason}${c.exit ? " exit" : ""}${c.goal ? " goal" : ""}`;
}

export { T0 };
