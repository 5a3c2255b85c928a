import { compileRuleset } from "@waymark/shared/engine/compile-ruleset.ts";
import type { CompiledRuleset } from "@waymark/shared/engine/types.ts";
import { COLO_CACHE_NAME, coloLiveLoader } from "./colo-live-check.ts";
import { EMPTY_COMPILED, LiveRulesetCache, type LiveLoader } from "./live-ruleset-cache.ts";
import { rulesStore } from "./rules-stub.ts";
import { VersionCache } from "./version-cache.ts";

/**
 * After this long, an isolate re-checks the live version in the background while serving the one it holds (at a
 * random point of the last LIVE_TTL_JITTER_MS of it, so the isolates of a data centre do not all check at once).
 */
export const LIVE_TTL_MS = 4_000;
export const LIVE_TTL_JITTER_MS = 1_000;
/**
 * The hard bound (issue 19): an isolate never serves a version checked longer ago than this without asking first,
 * so a publish reaches every page within it (unless the store is slower than LIVE_MAX_WAIT_MS to answer).
 */
export const LIVE_MAX_STALE_MS = 5_000;
/** How long a page past the bound waits for the check (a far or slow store costs freshness, not personalization). */
export const LIVE_MAX_WAIT_MS = 20;

const versionCache = new VersionCache(8);
const liveCache = new LiveRulesetCache({
  ttlMs: LIVE_TTL_MS,
  ttlJitterMs: LIVE_TTL_JITTER_MS,
  maxStaleMs: LIVE_MAX_STALE_MS,
  maxWaitMs: LIVE_MAX_WAIT_MS,
  onCompiled: (c) => versionCache.put(c),
});

/**
 * The live ruleset for the hot path, from this isolate's memory: it is re-checked at most every 4 s, in the
 * background, one check at a time; a page after 5 s without a check waits (up to 20 ms) for one; when the store
 * fails the last good version keeps serving. With `origin` (the site's origin, for a page), a check first reads what
 * another isolate of the same data centre learnt less than 2 s ago (colo-live-check.ts), so the rules object is not
 * asked by every isolate, and an idle isolate's page makes no second Durable Object call in a busy data centre.
 */
export function getPublishedRuleset(env: Env, ctx?: ExecutionContext, origin?: string): Promise<CompiledRuleset> {
  const waitUntil = ctx ? (p: Promise<unknown>) => ctx.waitUntil(p) : undefined;
  const store = async (known: number | undefined) => {
    const live = await rulesStore(env).getLive(known);
    return { version: live.version, ruleset: live.ruleset };
  };
  const load: LiveLoader =
    origin && typeof caches !== "undefined"
      ? coloLiveLoader(store, { cache: coloCache, origin, now: Date.now, waitUntil })
      : store;
  return liveCache.get(load, waitUntil);
}

let coloCachePromise: Promise<Cache> | null = null;
function coloCache(): Promise<Cache> {
  coloCachePromise ??= caches.open(COLO_CACHE_NAME);
  // A failed open is tried again on the next check rather than remembered.
  coloCachePromise.catch(() => (coloCachePromise = null));
  return coloCachePromise;
}

/** One immutable version (a decision names its version, so it never mixes two); rejects if it cannot be loaded. */
export function getRulesetVersion(env: Env, version: number): Promise<CompiledRuleset> {
  if (version === 0) return Promise.resolve(EMPTY_COMPILED);
  return versionCache.get(version, async (v) => {
    const r = await rulesStore(env).getVersion(v);
    if (!r.ok) throw new Error(`ruleset version ${v}: ${r.error}`);
    return compileRuleset(r.value);
  });
}

/** The ruleset a call names: a published version (cached per isolate), version 0 (empty), or the drafts. */
export function loadRuleset(env: Env, ref: number | "draft"): Promise<CompiledRuleset> {
  return ref === "draft" ? getDraftRuleset(env) : getRulesetVersion(env, ref);
}

/** The current drafts as a ruleset (version 0), for draft previews. Not cached: a marketer expects edits at once. */
export async function getDraftRuleset(env: Env): Promise<CompiledRuleset> {
  const { ruleset } = await rulesStore(env).getDrafts();
  return compileRuleset(ruleset);
}
