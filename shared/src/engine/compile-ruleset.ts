import type { Action } from "../schemas/action.ts";
import { Audience } from "../schemas/audience.ts";
import type { Condition } from "../schemas/condition.ts";
import { Journey } from "../schemas/journey.ts";
import type { Ruleset } from "../schemas/ruleset.ts";
import { indexGroups } from "./admission.ts";
import { durationMs } from "./duration-ms.ts";
import { compileOfferPoint, type CompiledOfferPoint } from "../nba/compile-offer-point.ts";
import { sameForEveryJourney } from "./eval-condition.ts";
import { compileGlob } from "./match-glob.ts";
import { actionTemplates } from "./render-action.ts";
import { isScriptUrlValue, unsafeAttributeName } from "./unsafe-attribute.ts";
import type { CompiledAction, CompiledJourney, CompiledRuleset, CompiledTransition } from "./types.ts";

/**
 * Normalizes a ruleset once per version: schema defaults, action ids and slots (numbered), durations in ms,
 * transitions indexed by event type and by stage, globs compiled, templates parsed, equal request conditions given
 * one memo index, journeys in arbitration order: decide does none of this per request. Cache the result by version.
 * Accepts a raw ruleset from storage: journeys failing the schema are skipped (listed in `skipped`), and so are
 * saved audiences (their conditions are then unknown: false).
 */
export function compileRuleset(
  ruleset: Pick<Ruleset, "version"> & { journeys: readonly unknown[]; audiences?: readonly unknown[] },
): CompiledRuleset {
  const journeys: CompiledJourney[] = [];
  const skipped: CompiledRuleset["skipped"] = [];
  for (const raw of ruleset.journeys) {
    const parsed = Journey.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : "?";
      skipped.push({ id, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      continue;
    }
    journeys.push(compileJourney(parsed.data));
  }
  journeys.sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const audiences = compileAudiences(ruleset.audiences ?? [], skipped);
  const byId = new Map(journeys.map((j) => [j.id, j]));
  return {
    version: ruleset.version ?? 0,
    journeys,
    byId,
    skipped,
    audiences,
    groups: indexGroups(journeys),
    slotCount: indexSlots(journeys),
    conditionCount: indexConditions(journeys),
  };
}

/**
 * Gives equal journey-independent conditions (sameForEveryJourney) of journeys and actions one memo index, so a
 * decision evaluates each once (checkConditionOnce); returns how many there are.
 */
function indexConditions(journeys: readonly CompiledJourney[]): number {
  const index = new Map<string, number>();
  const keys = (conds: readonly Condition[] | null): number[] =>
    (conds ?? []).map((c) => {
      if (!sameForEveryJourney(c)) return -1;
      const json = JSON.stringify(c);
      let i = index.get(json);
      if (i === undefined) index.set(json, (i = index.size));
      return i;
    });
  for (const j of journeys) {
    j.whenKeys = keys(j.when);
    for (const a of j.actions) a.whenKeys = keys(a.when);
  }
  return index.size;
}

/** Numbers the distinct slots (CompiledAction.slotIndex), so a decision's claims are an array; returns how many. */
function indexSlots(journeys: readonly CompiledJourney[]): number {
  const index = new Map<string, number>();
  for (const j of journeys)
    for (const a of j.actions) {
      let i = index.get(a.slot);
      if (i === undefined) index.set(a.slot, (i = index.size));
      a.slotIndex = i;
    }
  return index.size;
}

/** Saved audiences by id, their globs compiled; one failing the schema is skipped as "audience:<id>". */
function compileAudiences(raw: readonly unknown[], skipped: CompiledRuleset["skipped"]): Map<string, Condition[]> {
  const out = new Map<string, Condition[]>();
  for (const a of raw) {
    const parsed = Audience.safeParse(a);
    if (!parsed.success) {
      const id = typeof (a as { id?: unknown })?.id === "string" ? (a as { id: string }).id : "?";
      skipped.push({
        id: `audience:${id}`,
        message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
      continue;
    }
    warmGlobs(parsed.data.conditions);
    out.set(parsed.data.id, parsed.data.conditions);
  }
  return out;
}

const narrowed = new WeakMap<CompiledRuleset, Map<string, CompiledRuleset>>();

/**
 * The ruleset narrowed to one journey (cached per ruleset): a preview is QA of one journey, so no other journey may
 * act, redirect or be traced in its sandbox. An unknown id gives an empty ruleset of the same version.
 */
export function onlyJourney(rules: CompiledRuleset, journeyId: string): CompiledRuleset {
  let byJourney = narrowed.get(rules);
  if (!byJourney) narrowed.set(rules, (byJourney = new Map()));
  let one = byJourney.get(journeyId);
  if (!one) {
    const journeys = rules.journeys.filter((j) => j.id === journeyId);
    const byId = new Map(journeys.map((j) => [j.id, j]));
    one = {
      version: rules.version,
      journeys,
      byId,
      skipped: [],
      audiences: rules.audiences,
      groups: indexGroups(journeys),
      slotCount: rules.slotCount,
      conditionCount: rules.conditionCount,
    };
    byJourney.set(journeyId, one);
  }
  return one;
}

function compileJourney(j: Journey): CompiledJourney {
  const stageIds = new Set(j.stages.map((s) => s.id));
  const exitStages = new Set(j.stages.filter((s) => s.exit).map((s) => s.id));
  const byEvent = new Map<string, CompiledTransition[]>();
  const afterByStage = new Map<string, CompiledTransition[]>();
  j.transitions.forEach((t, index) => {
    const from = t.from === "*" ? null : new Set(Array.isArray(t.from) ? t.from : [t.from]);
    const ct: CompiledTransition = {
      index,
      from,
      to: t.to,
      on: t.on ?? null,
      afterMs: t.after === undefined ? null : durationMs(t.after),
      after: t.after ?? null,
      when: t.when?.length ? t.when : null,
    };
    if (ct.on !== null) push(byEvent, ct.on, ct);
    else for (const s of from ?? stageIds) push(afterByStage, s, ct);
    warmGlobs(t.when);
  });
  const stageList = j.stages.map((s) => s.id);
  const actions = j.actions.map((a, index) =>
    compileAction(j.id, a, index, j.allowScripts === true, stageList, exitStages),
  );
  warmGlobs(j.when);
  const branches = j.branches.map((b) => ({ id: b.id, weight: b.weight }));
  return {
    id: j.id,
    priority: j.priority,
    journey: j,
    start: j.start,
    stageIds,
    stageList,
    startNo: stageList.indexOf(j.start),
    exitStages,
    byEvent,
    afterByStage,
    hasAfter: afterByStage.size > 0,
    branches,
    branchIds: new Set(branches.map((b) => b.id)),
    branchList: branches.map((b) => b.id),
    totalWeight: branches.reduce((sum, b) => sum + b.weight, 0),
    holdout: j.holdout,
    allocation: j.allocation,
    when: j.when?.length ? j.when : null,
    whenLabels: labels(j.when),
    whenKeys: [], // set by indexConditions, across the ruleset
    actions,
    goals: new Set(j.goals ?? []),
    caps: {
      perSession: j.caps?.perSession ?? null,
      perDay: j.caps?.perDay ?? null,
      dismissCooldownMs: j.caps?.dismissCooldown ? durationMs(j.caps.dismissCooldown) : null,
    },
    reentry: {
      policy: j.reentry?.policy ?? "always",
      cooldownMs: j.reentry?.cooldown ? durationMs(j.reentry.cooldown) : 0,
    },
    paused: j.paused === true,
    scheduleStartMs: j.schedule?.start === undefined ? null : Date.parse(j.schedule.start),
    scheduleEndMs: j.schedule?.end === undefined ? null : Date.parse(j.schedule.end),
    traffic: j.traffic,
    group: j.group ?? null,
  };
}

function compileAction(
  journeyId: string,
  a: Action,
  index: number,
  allowScripts: boolean,
  stageList: readonly string[],
  exitStages: ReadonlySet<string>,
): CompiledAction {
  warmGlobs(a.when);
  const stages = a.stage === undefined ? null : Array.isArray(a.stage) ? a.stage : [a.stage];
  const branches = a.branch === undefined ? null : Array.isArray(a.branch) ? a.branch : [a.branch];
  const id = a.id ?? `a${index}`;
  const slot = a.slot ?? defaultSlot(a);
  return {
    id,
    index,
    slot,
    slotIndex: -1, // set by indexSlots, across the ruleset
    stages: stages && new Set(stages),
    inStage: stageList.map((s) => (stages ? stages.includes(s) : !exitStages.has(s))),
    branches: branches && new Set(branches),
    details: {
      stage: stages ? `only in stage ${stages.join(", ")}` : "not in exit stages",
      branch: branches ? `only for branch ${branches.join(", ")}` : "",
      slot: `slot ${slot} already taken`,
    },
    when: a.when?.length ? a.when : null,
    whenLabels: labels(a.when),
    whenKeys: [], // set by indexConditions, across the ruleset
    claim: { journey: journeyId, actionId: id },
    refused: allowScripts ? null : refusal(a),
    nudge: a.type === "nudge",
    action: a,
    templates: actionTemplates(a),
    ...offerPointOf(journeyId, id, a),
  };
}

/** The schema lets any attribute name through; on* handlers, srcdoc and javascript: URLs are scripts. */
function refusal(a: Action): string | null {
  if (a.type !== "set_attribute") return null;
  const unsafe = unsafeAttributeName(a.name);
  if (unsafe) return unsafe;
  // A URL attribute starting with a template could still become a script URL: decide checks the rendered value.
  return isScriptUrlValue(a.name, a.value) ? `script URL in ${a.name} needs "allowScripts": true` : null;
}

/** The compiled offer point of an offer action (its offers' globs warmed), spread into the compiled action. */
function offerPointOf(journeyId: string, id: string, a: Action): { offer?: CompiledOfferPoint } {
  const point = compileOfferPoint(journeyId, id, a);
  if (!point) return {};
  for (const o of point.offers) warmGlobs(o.when ?? undefined);
  return { offer: point };
}

/** "<selector>|<position or type>"; attributes also by name, so two journeys may set different attributes. */
function defaultSlot(a: Action): string {
  switch (a.type) {
    case "nudge":
      return "nudge";
    case "redirect":
      return "redirect";
    case "insert":
      return `${a.selector}|${a.position}`;
    case "offer":
      return `${a.selector}|${a.position}`;
    case "set_attribute":
      return `${a.selector}|set_attribute:${a.name}`;
    default:
      return `${a.selector}|${a.type}`;
  }
}

function labels(conds: readonly Condition[] | undefined): string[] {
  return (conds ?? []).map((c, i) => `when[${i}] ${c.type}`);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Compiles the globs of conditions now, so the first request after a publish does not pay for it. */
function warmGlobs(conds: readonly Condition[] | undefined): void {
  for (const c of conds ?? []) {
    if (c.type === "path" || c.type === "landing" || (c.type === "referrer" && c.glob !== undefined)) {
      const g = c.glob as string | string[];
      for (const glob of Array.isArray(g) ? g : [g]) compileGlob(glob);
    } else if (c.type === "any" || c.type === "all") warmGlobs(c.conditions);
  }
}
