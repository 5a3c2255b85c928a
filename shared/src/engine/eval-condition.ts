import type { Condition } from "../schemas/condition.ts";
import type { TraceCheck } from "../schemas/decision.ts";
import { decayed } from "./apply-scores.ts";
import { durationMs } from "./duration-ms.ts";
import { matchGlob } from "./match-glob.ts";
import { touchFor } from "./touch.ts";
import type { ConditionEnv, ConditionResult } from "./types.ts";

/**
 * Evaluates one condition with a short human detail for traces, e.g. {ok: true, detail: "path /cart matches /cart*"}.
 * Request conditions without a request, and in_stage_for without a journey state, are unknown: false, even under "not".
 */
export function evalCondition(cond: Condition, env: ConditionEnv): ConditionResult {
  const out: ConditionResult = { ok: false, detail: "" };
  evalInto(cond, env, out);
  return out;
}

/** The same as a trace check labelled `check`, in one object (decide evaluates hundreds per request). */
export function checkCondition(cond: Condition, env: ConditionEnv, check: string): TraceCheck & ConditionResult {
  const out = { check, ok: false, detail: "" };
  evalInto(cond, env, out);
  return out;
}

/**
 * checkCondition through one decision's memo: a condition that reads only the request and the visitor (see
 * sameForEveryJourney) answers alike for every journey of a decision, so equal ones are evaluated once. `key`: the
 * condition's index in `memo` (compileRuleset gives equal conditions one index), or -1 to evaluate it anyway.
 * The memo must not outlive the decision (its env): decide makes a new one per call.
 */
export function checkConditionOnce(
  cond: Condition,
  env: ConditionEnv,
  check: string,
  key: number,
  memo: (ConditionResult | undefined)[],
): TraceCheck & ConditionResult {
  if (key < 0) return checkCondition(cond, env, check);
  const known = memo[key];
  if (known) return { check, ok: known.ok, detail: known.detail };
  const out = checkCondition(cond, env, check);
  memo[key] = { ok: out.ok, detail: out.detail };
  return out;
}

/**
 * Whether a condition's answer depends on nothing but env's request, visitor state, clock and half-life, never on
 * env.journeyState (in_stage_for). Saved audiences are left out (their conditions are looked up at evaluation).
 */
export function sameForEveryJourney(cond: Condition): boolean {
  switch (cond.type) {
    case "in_stage_for":
    case "audience":
      return false;
    case "any":
    case "all":
      return cond.conditions.every(sameForEveryJourney);
    default:
      return true;
  }
}

function evalInto(cond: Condition, env: ConditionEnv, out: ConditionResult): void {
  if (!evalPositive(cond, env, out) || !cond.not) return;
  out.ok = !out.ok;
  out.detail = `not (${out.detail})`;
}

/** Fills `out`; returns false when the answer is unknown (no request, not in the journey). */
function evalPositive(c: Condition, env: ConditionEnv, out: ConditionResult): boolean {
  const { ctx, state } = env;
  switch (c.type) {
    case "path": {
      if (!ctx) return unknown(out, "no request to check");
      const hit = firstGlob(c.glob, ctx.path, null);
      return hit !== undefined
        ? set(out, true, `path ${ctx.path} matches ${hit}`)
        : set(out, false, `path ${ctx.path} does not match ${list(c.glob)}`);
    }
    case "query": {
      if (!ctx) return unknown(out, "no request to check");
      const v = Object.hasOwn(ctx.query, c.param) ? ctx.query[c.param] : undefined;
      if (v === undefined) return set(out, false, `query ${c.param} absent`);
      if (c.equals === undefined) return set(out, true, `query ${c.param} present`);
      const ok = typeof c.equals === "string" ? c.equals === v : c.equals.includes(v);
      return set(out, ok, ok ? `query ${c.param}=${v}` : `query ${c.param}=${v} is not ${list(c.equals)}`);
    }
    case "referrer": {
      const t = c.touch ? touchFor(state, c.touch, ctx) : null;
      if (c.touch && !t) return unknown(out, "no page view or request to check");
      if (!c.touch && !ctx) return unknown(out, "no request to check");
      const ref = t ? t.referrer : ctx!.referrer;
      if (!ref) return set(out, false, t ? `no referrer ${touchWords(c.touch)}` : "no referrer");
      if (c.contains !== undefined && !ref.toLowerCase().includes(c.contains.toLowerCase()))
        return set(out, false, `referrer ${ref} does not contain ${c.contains}`);
      if (c.glob !== undefined) {
        const host = hostOf(ref);
        const hit = firstGlob(c.glob, ref, host);
        if (hit === undefined) return set(out, false, `referrer ${ref} does not match ${list(c.glob)}`);
        return set(out, true, `referrer ${ref} matches ${hit}`);
      }
      return set(out, true, c.contains !== undefined ? `referrer ${ref} contains ${c.contains}` : `referrer ${ref}`);
    }
    case "device": {
      if (!ctx) return unknown(out, "no request to check");
      const ok = Array.isArray(c.is) ? c.is.includes(ctx.device) : c.is === ctx.device;
      return set(out, ok, ok ? `device ${ctx.device} is ${ctx.device}` : `device ${ctx.device} is not ${list(c.is)}`);
    }
    case "country": {
      if (!ctx) return unknown(out, "no request to check");
      if (!ctx.country) return set(out, false, "country unknown");
      const cc = ctx.country.toUpperCase();
      let ok = false;
      for (const x of c.in) if (x.toUpperCase() === cc) ok = true;
      return set(out, ok, ok ? `country ${cc} in list` : `country ${cc} not in ${c.in.join(",")}`);
    }
    case "visits":
      return range(out, "visits", state.visits, c.gte, c.lte);
    case "cookie": {
      if (!ctx) return unknown(out, "no request to check");
      const v = Object.hasOwn(ctx.cookies, c.name) ? ctx.cookies[c.name] : undefined;
      if (v === undefined) return set(out, false, `cookie ${c.name} absent`);
      if (c.equals === undefined) return set(out, true, `cookie ${c.name} present`);
      const ok = v === c.equals;
      return set(out, ok, `cookie ${c.name} ${ok ? "equals" : "does not equal"} ${c.equals}`);
    }
    case "cart": {
      const { count, value } = state.cart;
      if (c.minCount !== undefined && count < c.minCount) return set(out, false, `cart count ${count} < ${c.minCount}`);
      if (c.minValue !== undefined && value < c.minValue) return set(out, false, `cart value ${value} < ${c.minValue}`);
      return set(out, true, `cart count ${count}, value ${value}`);
    }
    case "trait": {
      const v = Object.hasOwn(state.traits, c.name) ? state.traits[c.name] : undefined;
      if (v === undefined || v === null) return set(out, false, `trait ${c.name} not set`);
      if (c.equals !== undefined && v !== c.equals) return set(out, false, `trait ${c.name}=${v} is not ${c.equals}`);
      if (c.in !== undefined && !c.in.some((x) => x === v))
        return set(out, false, `trait ${c.name}=${v} not in ${c.in.join(",")}`);
      return set(out, true, `trait ${c.name}=${v}`);
    }
    case "score": {
      const s = state.scores;
      const raw =
        c.name === "engagement"
          ? s.engagement
          : c.name.startsWith("interest:")
            ? (s.interests[c.name.slice(9)] ?? 0)
            : 0;
      const value = Math.round(decayed(raw, s.updatedAt, env.now, env.halfLifeMs) * 100) / 100;
      return range(out, `score ${c.name}`, value, c.gte, c.lte);
    }
    case "in_stage_for": {
      const js = env.journeyState;
      if (!js) return unknown(out, "not in this journey");
      const spent = env.now - js.stageSince;
      const shown = `in ${js.stage} for ${human(spent)}`;
      if (c.atLeast !== undefined && spent < durationMs(c.atLeast)) return set(out, false, `${shown} < ${c.atLeast}`);
      if (c.atMost !== undefined && spent > durationMs(c.atMost)) return set(out, false, `${shown} > ${c.atMost}`);
      return set(out, true, shown);
    }
    case "utm": {
      const t = touchFor(state, c.touch ?? "session", ctx);
      if (!t) return unknown(out, "no page view or request to check");
      const name = `utm_${c.param} ${touchWords(c.touch)}`;
      const v = t.utm[c.param];
      if (v === undefined) return set(out, false, `no ${name}`);
      if (c.equals === undefined) return set(out, true, `${name} is ${v}`);
      // Case does not matter: campaigns are tagged "Newsletter" and "newsletter" alike.
      const lower = v.toLowerCase();
      const ok =
        typeof c.equals === "string"
          ? c.equals.toLowerCase() === lower
          : c.equals.some((e) => e.toLowerCase() === lower);
      return set(out, ok, ok ? `${name} is ${v}` : `${name} is ${v}, not ${list(c.equals)}`);
    }
    case "source": {
      const t = touchFor(state, c.touch ?? "session", ctx);
      if (!t) return unknown(out, "no page view or request to check");
      const ok = c.in.includes(t.source);
      const name = `source ${touchWords(c.touch)}`;
      return set(out, ok, ok ? `${name} is ${t.source}` : `${name} is ${t.source}, not ${c.in.join(" | ")}`);
    }
    case "landing": {
      const t = touchFor(state, c.touch ?? "session", ctx);
      if (!t) return unknown(out, "no page view or request to check");
      const hit = firstGlob(c.glob, t.landing, null);
      const name = `landing page ${touchWords(c.touch)}`;
      return hit !== undefined
        ? set(out, true, `${name} ${t.landing} matches ${hit}`)
        : set(out, false, `${name} ${t.landing} does not match ${list(c.glob)}`);
    }
    case "session": {
      if (c.gte !== undefined || c.lte !== undefined) {
        range(out, "session", state.visits, c.gte, c.lte);
        if (!out.ok || (c.sinceLastAtLeast === undefined && c.sinceLastAtMost === undefined)) return true;
      }
      if (c.sinceLastAtLeast === undefined && c.sinceLastAtMost === undefined)
        return set(out, true, `session ${state.visits}`);
      const prev = state.previousSessionAt ?? null;
      if (prev === null) return set(out, false, `session ${state.visits}: no previous session`);
      const gap = state.sessionStartedAt - prev;
      const shown = `previous session ended ${human(gap)} before this one`;
      if (c.sinceLastAtLeast !== undefined && gap < durationMs(c.sinceLastAtLeast))
        return set(out, false, `${shown} < ${c.sinceLastAtLeast}`);
      if (c.sinceLastAtMost !== undefined && gap > durationMs(c.sinceLastAtMost))
        return set(out, false, `${shown} > ${c.sinceLastAtMost}`);
      return set(out, true, shown);
    }
    case "audience": {
      const conds = env.audiences?.get(c.id);
      if (!conds) return unknown(out, `audience ${c.id} is not published`);
      // Publishing refuses cycles and deep nesting; this bound keeps a damaged store from recursing forever.
      if (audienceDepth >= MAX_AUDIENCE_EVAL_DEPTH) return unknown(out, `audience ${c.id} nests too deep`);
      audienceDepth++;
      try {
        const details: string[] = [];
        for (const sub of conds) {
          const r = evalCondition(sub, env);
          if (!r.ok) return set(out, false, `audience ${c.id}: ${r.detail}`);
          details.push(r.detail);
        }
        return set(out, true, `audience ${c.id}: ${details.join("; ")}`);
      } finally {
        audienceDepth--;
      }
    }
    case "any":
    case "all": {
      const wantAll = c.type === "all";
      const details: string[] = [];
      for (const sub of c.conditions) {
        const r = evalCondition(sub, env);
        details.push(r.detail);
        if (r.ok !== wantAll) return set(out, r.ok, `${c.type}: ${r.detail}`);
      }
      return set(out, wantAll, `${c.type}: ${details.join("; ")}`);
    }
  }
}

/** How deep audiences are being evaluated right now (evaluation is synchronous, so a module counter is enough). */
let audienceDepth = 0;
const MAX_AUDIENCE_EVAL_DEPTH = 8;

/** "of this session" or "of the first visit", for trace details. */
function touchWords(scope: "first" | "session" | undefined): string {
  return scope === "first" ? "of the first visit" : "of this session";
}

/** The first glob matching `a` (or `b`, when given). No closures: this runs per condition per request. */
function firstGlob(globs: string | string[], a: string, b: string | null): string | undefined {
  if (typeof globs === "string") return matchGlob(globs, a) || (b !== null && matchGlob(globs, b)) ? globs : undefined;
  for (const g of globs) if (matchGlob(g, a) || (b !== null && matchGlob(g, b))) return g;
  return undefined;
}

function list(m: string | string[]): string {
  return typeof m === "string" ? m : m.join(" | ");
}

function range(
  out: ConditionResult,
  label: string,
  v: number,
  gte: number | undefined,
  lte: number | undefined,
): boolean {
  if (gte !== undefined && v < gte) return set(out, false, `${label} ${v} < ${gte}`);
  if (lte !== undefined && v > lte) return set(out, false, `${label} ${v} > ${lte}`);
  return set(
    out,
    true,
    `${label} ${v}${gte !== undefined ? ` >= ${gte}` : ""}${lte !== undefined ? ` <= ${lte}` : ""}`,
  );
}

function hostOf(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@]+@)?([^/?#:]+)/i.exec(url);
  return m ? m[2].toLowerCase() : null;
}

function human(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  if (ms < 86_400_000) return `${Math.round(ms / 360_000) / 10}h`;
  return `${Math.round(ms / 8_640_000) / 10}d`;
}

function set(out: ConditionResult, ok: boolean, detail: string): true {
  out.ok = ok;
  out.detail = detail;
  return true;
}

function unknown(out: ConditionResult, detail: string): false {
  out.ok = false;
  out.detail = detail;
  return false;
}
