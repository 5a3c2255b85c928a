import type { Condition } from "../schemas/condition.ts";
import { decayed } from "./apply-scores.ts";
import { durationMs } from "./duration-ms.ts";
import { matchGlob } from "./match-glob.ts";
import type { ConditionEnv, ConditionResult } from "./types.ts";

/**
 * Evaluates one condition with a short human detail for traces, e.g. {ok: true, detail: "path /cart matches /cart*"}.
 * Request conditions without a request, and in_stage_for without a journey state, are unknown: false, even under "not".
 */
export function evalCondition(cond: Condition, env: ConditionEnv): ConditionResult {
  const r = evalPositive(cond, env);
  if (r === UNKNOWN_REQUEST || r === UNKNOWN_STAGE) return r;
  return cond.not ? { ok: !r.ok, detail: `not (${r.detail})` } : r;
}

const UNKNOWN_REQUEST: ConditionResult = { ok: false, detail: "no request to check" };
const UNKNOWN_STAGE: ConditionResult = { ok: false, detail: "not in this journey" };

function evalPositive(c: Condition, env: ConditionEnv): ConditionResult {
  const { ctx, state } = env;
  switch (c.type) {
    case "path": {
      if (!ctx) return UNKNOWN_REQUEST;
      const hit = firstGlob(c.glob, ctx.path, null);
      return hit !== undefined
        ? { ok: true, detail: `path ${ctx.path} matches ${hit}` }
        : { ok: false, detail: `path ${ctx.path} does not match ${list(c.glob)}` };
    }
    case "query": {
      if (!ctx) return UNKNOWN_REQUEST;
      const v = Object.hasOwn(ctx.query, c.param) ? ctx.query[c.param] : undefined;
      if (v === undefined) return { ok: false, detail: `query ${c.param} absent` };
      if (c.equals === undefined) return { ok: true, detail: `query ${c.param} present` };
      const ok = typeof c.equals === "string" ? c.equals === v : c.equals.includes(v);
      return { ok, detail: ok ? `query ${c.param}=${v}` : `query ${c.param}=${v} is not ${list(c.equals)}` };
    }
    case "referrer": {
      if (!ctx) return UNKNOWN_REQUEST;
      const ref = ctx.referrer;
      if (!ref) return { ok: false, detail: "no referrer" };
      if (c.contains !== undefined && !ref.toLowerCase().includes(c.contains.toLowerCase()))
        return { ok: false, detail: `referrer ${ref} does not contain ${c.contains}` };
      if (c.glob !== undefined) {
        const host = hostOf(ref);
        const hit = firstGlob(c.glob, ref, host);
        if (hit === undefined) return { ok: false, detail: `referrer ${ref} does not match ${list(c.glob)}` };
        return { ok: true, detail: `referrer ${ref} matches ${hit}` };
      }
      return {
        ok: true,
        detail: c.contains !== undefined ? `referrer ${ref} contains ${c.contains}` : `referrer ${ref}`,
      };
    }
    case "device": {
      if (!ctx) return UNKNOWN_REQUEST;
      const ok = Array.isArray(c.is) ? c.is.includes(ctx.device) : c.is === ctx.device;
      return { ok, detail: ok ? `device ${ctx.device} is ${ctx.device}` : `device ${ctx.device} is not ${list(c.is)}` };
    }
    case "country": {
      if (!ctx) return UNKNOWN_REQUEST;
      if (!ctx.country) return { ok: false, detail: "country unknown" };
      const cc = ctx.country.toUpperCase();
      let ok = false;
      for (const x of c.in) if (x.toUpperCase() === cc) ok = true;
      return { ok, detail: ok ? `country ${cc} in list` : `country ${cc} not in ${c.in.join(",")}` };
    }
    case "visits":
      return range("visits", state.visits, c.gte, c.lte);
    case "cookie": {
      if (!ctx) return UNKNOWN_REQUEST;
      const v = Object.hasOwn(ctx.cookies, c.name) ? ctx.cookies[c.name] : undefined;
      if (v === undefined) return { ok: false, detail: `cookie ${c.name} absent` };
      if (c.equals === undefined) return { ok: true, detail: `cookie ${c.name} present` };
      const ok = v === c.equals;
      return { ok, detail: `cookie ${c.name} ${ok ? "equals" : "does not equal"} ${c.equals}` };
    }
    case "cart": {
      const { count, value } = state.cart;
      if (c.minCount !== undefined && count < c.minCount)
        return { ok: false, detail: `cart count ${count} < ${c.minCount}` };
      if (c.minValue !== undefined && value < c.minValue)
        return { ok: false, detail: `cart value ${value} < ${c.minValue}` };
      return { ok: true, detail: `cart count ${count}, value ${value}` };
    }
    case "trait": {
      const v = Object.hasOwn(state.traits, c.name) ? state.traits[c.name] : undefined;
      if (v === undefined || v === null) return { ok: false, detail: `trait ${c.name} not set` };
      if (c.equals !== undefined && v !== c.equals)
        return { ok: false, detail: `trait ${c.name}=${v} is not ${c.equals}` };
      if (c.in !== undefined && !c.in.some((x) => x === v))
        return { ok: false, detail: `trait ${c.name}=${v} not in ${c.in.join(",")}` };
      return { ok: true, detail: `trait ${c.name}=${v}` };
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
      return range(`score ${c.name}`, value, c.gte, c.lte);
    }
    case "in_stage_for": {
      const js = env.journeyState;
      if (!js) return UNKNOWN_STAGE;
      const spent = env.now - js.stageSince;
      const shown = `in ${js.stage} for ${human(spent)}`;
      if (c.atLeast !== undefined && spent < durationMs(c.atLeast))
        return { ok: false, detail: `${shown} < ${c.atLeast}` };
      if (c.atMost !== undefined && spent > durationMs(c.atMost))
        return { ok: false, detail: `${shown} > ${c.atMost}` };
      return { ok: true, detail: shown };
    }
    case "any":
    case "all": {
      const wantAll = c.type === "all";
      const details: string[] = [];
      for (const sub of c.conditions) {
        const r = evalCondition(sub, env);
        details.push(r.detail);
        if (r.ok !== wantAll) return { ok: r.ok, detail: `${c.type}: ${r.detail}` };
      }
      return { ok: wantAll, detail: `${c.type}: ${details.join("; ")}` };
    }
  }
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

function range(label: string, v: number, gte: number | undefined, lte: number | undefined): ConditionResult {
  if (gte !== undefined && v < gte) return { ok: false, detail: `${label} ${v} < ${gte}` };
  if (lte !== undefined && v > lte) return { ok: false, detail: `${label} ${v} > ${lte}` };
  return {
    ok: true,
    detail: `${label} ${v}${gte !== undefined ? ` >= ${gte}` : ""}${lte !== undefined ? ` <= ${lte}` : ""}`,
  };
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
