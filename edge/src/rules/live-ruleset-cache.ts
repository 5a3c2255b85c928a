import { compileRuleset } from "@waymark/shared/engine/compile-ruleset.ts";
import type { CompiledRuleset } from "@waymark/shared/engine/types.ts";
import type { Ruleset } from "@waymark/shared/schemas/ruleset.ts";

/**
 * Answer of a live check: the live version, its ruleset unless the caller already holds that version, and when the
 * store said so (default: now). An answer relayed from a data centre's cache (colo-live-check.ts) is older than the
 * moment it is read, and the publish bound counts from the store's answer.
 */
export interface LiveAnswer {
  version: number;
  ruleset: Ruleset | null;
  checkedAt?: number;
}
export type LiveLoader = (known: number | undefined) => Promise<LiveAnswer>;

export const EMPTY_COMPILED: CompiledRuleset = compileRuleset({ version: 0, journeys: [] });

/**
 * The live ruleset of one isolate: served from memory, re-checked at most every `ttlMs` in the background
 * (stale-while-revalidate), one load in flight at a time, and on failure the last good version keeps serving
 * (the empty version 0 if none was ever loaded).
 *
 * With `maxStaleMs`, a publish reaches pages within a hard bound: a version checked longer ago than that is not
 * served again without asking first. The request waits for the check, but at most `maxWaitMs`: a store slower than
 * that (far away, overloaded) must not cost the page its personalization, so the page gets the held version and the
 * check finishes in the background. Busy isolates never wait: their background check at `ttlMs` keeps them fresh.
 */
export class LiveRulesetCache {
  private current: { compiled: CompiledRuleset; checkedAt: number; recheckAfter: number } | null = null;
  private failedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<CompiledRuleset> | null = null;

  constructor(
    private readonly opts: {
      ttlMs: number;
      /** Never serve a version checked longer ago than this without asking (default: no bound). */
      maxStaleMs?: number;
      /** How long a request past maxStaleMs waits for the check before it takes the held version (default 20 ms). */
      maxWaitMs?: number;
      /**
       * Re-check up to this much before `ttlMs`, at random per check (default 0). Isolates that take their check
       * time from a shared answer (colo-live-check.ts) would otherwise all re-check at the same moment and all miss.
       */
      ttlJitterMs?: number;
      random?: () => number;
      now?: () => number;
      /** Called with every newly compiled version (to share it with the immutable-version cache). */
      onCompiled?: (compiled: CompiledRuleset) => void;
    },
  ) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private stamp<T extends { checkedAt: number; recheckAfter: number }>(entry: T, checkedAt: number): T {
    const jitter = this.opts.ttlJitterMs ? this.opts.ttlJitterMs * (this.opts.random ?? Math.random)() : 0;
    entry.checkedAt = checkedAt;
    entry.recheckAfter = this.opts.ttlMs - jitter;
    return entry;
  }

  /** The live ruleset; `waitUntil` keeps a background refresh alive after the response is sent. */
  async get(load: LiveLoader, waitUntil?: (p: Promise<unknown>) => void): Promise<CompiledRuleset> {
    const cur = this.current;
    if (cur) {
      const age = this.now() - cur.checkedAt;
      if (age < cur.recheckAfter) return cur.compiled;
      const refresh = this.refresh(load).catch(() => cur.compiled);
      waitUntil?.(refresh);
      if (this.opts.maxStaleMs === undefined || age < this.opts.maxStaleMs) return cur.compiled;
      return Promise.race([refresh, later(this.opts.maxWaitMs ?? 20, cur.compiled)]);
    }
    // Nothing loaded yet: this request waits for the store, but not again and again while it is failing.
    if (this.now() - this.failedAt < this.opts.ttlMs) return EMPTY_COMPILED;
    try {
      return await this.refresh(load);
    } catch {
      return EMPTY_COMPILED;
    }
  }

  private refresh(load: LiveLoader): Promise<CompiledRuleset> {
    if (this.inflight) return this.inflight;
    const held = this.current;
    this.inflight = load(held?.compiled.version)
      .then((r) => {
        if (r.ruleset === null) {
          if (!held || held.compiled.version !== r.version) throw new Error("store sent no ruleset for a new version");
          this.stamp(held, r.checkedAt ?? this.now());
          return held.compiled;
        }
        const compiled = compileRuleset(r.ruleset);
        this.current = this.stamp({ compiled, checkedAt: 0, recheckAfter: 0 }, r.checkedAt ?? this.now());
        this.opts.onCompiled?.(compiled);
        return compiled;
      })
      .catch((err: unknown) => {
        this.failedAt = this.now();
        // Keep serving the last good version; try the store again after another TTL.
        if (this.current) this.stamp(this.current, this.now());
        throw err;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}

/** Resolves with `value` after `ms`: the other side of a race, harmless once the race is decided. */
function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}
