import type { CompiledRuleset, ModelSnapshot } from "@waymark/shared";

/** How stale a decision point's model may be in one isolate: a learned batch reaches pages within about this long. */
export const MODEL_TTL_MS = 10_000;

type Loader = (key: string) => Promise<ModelSnapshot>;

interface Entry {
  snapshot: ModelSnapshot | null;
  checkedAt: number;
  inflight: boolean;
}

const pointsOf = new WeakMap<CompiledRuleset, string[]>();

/** The model names ("<journey>/<action id>") of a ruleset's offer decision points, listed once per version. */
export function offerPoints(rules: CompiledRuleset): string[] {
  let keys = pointsOf.get(rules);
  if (!keys) {
    keys = [];
    for (const j of rules.journeys) for (const a of j.actions) if (a.offer) keys.push(a.offer.key);
    pointsOf.set(rules, keys);
  }
  return keys;
}

/**
 * Models of one isolate (a Worker isolate or a visitor object's): served from memory and refreshed in the background
 * at most every `ttlMs` per decision point, one load at a time. Never awaited on a page: a decision point whose model
 * has not loaded yet decides with the prior (explores), and a failed load keeps the last snapshot.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: { ttlMs: number; now?: () => number; max?: number }) {}

  /** The snapshots this isolate holds for the ruleset's decision points; stale or missing ones start loading. */
  get(rules: CompiledRuleset, load: Loader, waitUntil?: (p: Promise<unknown>) => void): Record<string, ModelSnapshot> {
    const keys = offerPoints(rules);
    const out: Record<string, ModelSnapshot> = {};
    if (!keys.length) return out;
    const now = this.opts.now ? this.opts.now() : Date.now();
    for (const key of keys) {
      let e = this.entries.get(key);
      if (!e) {
        e = { snapshot: null, checkedAt: Number.NEGATIVE_INFINITY, inflight: false };
        this.entries.set(key, e);
        this.trim();
      }
      if (e.snapshot) out[key] = e.snapshot;
      if (!e.inflight && now - e.checkedAt >= this.opts.ttlMs) {
        const entry = e;
        entry.inflight = true;
        const p = load(key)
          .then((s) => {
            entry.snapshot = s;
          })
          .catch(() => undefined)
          .finally(() => {
            entry.checkedAt = this.opts.now ? this.opts.now() : Date.now();
            entry.inflight = false;
          });
        waitUntil?.(p);
      }
    }
    return out;
  }

  private trim(): void {
    const max = this.opts.max ?? 200;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
  }
}

const cache = new ModelCache({ ttlMs: MODEL_TTL_MS });

/** The models for a ruleset's decision points, from this isolate's memory (see ModelCache). */
export function getModels(
  env: Env,
  rules: CompiledRuleset,
  waitUntil?: (p: Promise<unknown>) => void,
): Record<string, ModelSnapshot> {
  return cache.get(rules, (key) => env.MODELS.getByName(key).snapshot(key), waitUntil);
}
