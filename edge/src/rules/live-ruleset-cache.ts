import { compileRuleset } from "@waymark/shared/engine/compile-ruleset.ts";
import type { CompiledRuleset } from "@waymark/shared/engine/types.ts";
import type { Ruleset } from "@waymark/shared/schemas/ruleset.ts";

/** Answer of the store: the live version, and its ruleset unless the caller already holds that version. */
export type LiveLoader = (known: number | undefined) => Promise<{ version: number; ruleset: Ruleset | null }>;

export const EMPTY_COMPILED: CompiledRuleset = compileRuleset({ version: 0, journeys: [] });

/**
 * The live ruleset of one isolate: served from memory, re-checked at most every `ttlMs` in the background
 * (stale-while-revalidate), one load in flight at a time, and on failure the last good version keeps serving
 * (the empty version 0 if none was ever loaded).
 */
export class LiveRulesetCache {
  private current: { compiled: CompiledRuleset; checkedAt: number } | null = null;
  private failedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<CompiledRuleset> | null = null;

  constructor(
    private readonly opts: {
      ttlMs: number;
      now?: () => number;
      /** Called with every newly compiled version (to share it with the immutable-version cache). */
      onCompiled?: (compiled: CompiledRuleset) => void;
    },
  ) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** The live ruleset; `waitUntil` keeps a background refresh alive after the response is sent. */
  async get(load: LiveLoader, waitUntil?: (p: Promise<unknown>) => void): Promise<CompiledRuleset> {
    const cur = this.current;
    if (cur) {
      if (this.now() - cur.checkedAt >= this.opts.ttlMs) {
        const refresh = this.refresh(load).catch(() => undefined);
        waitUntil?.(refresh);
      }
      return cur.compiled;
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
          held.checkedAt = this.now();
          return held.compiled;
        }
        const compiled = compileRuleset(r.ruleset);
        this.current = { compiled, checkedAt: this.now() };
        this.opts.onCompiled?.(compiled);
        return compiled;
      })
      .catch((err: unknown) => {
        this.failedAt = this.now();
        // Keep serving the last good version; try the store again after another TTL.
        if (this.current) this.current.checkedAt = this.now();
        throw err;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}
