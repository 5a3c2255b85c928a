import type { CompiledRuleset } from "@waymark/shared/engine/types.ts";

/** Immutable versions never change, so they are cached forever; only the number kept is bounded (LRU). */
export class VersionCache {
  private readonly entries = new Map<number, Promise<CompiledRuleset>>();

  constructor(private readonly max = 8) {}

  get(version: number, load: (version: number) => Promise<CompiledRuleset>): Promise<CompiledRuleset> {
    const hit = this.entries.get(version);
    if (hit) {
      this.entries.delete(version);
      this.entries.set(version, hit);
      return hit;
    }
    const p = load(version);
    this.set(version, p);
    // A failed load is not cached: the next call tries again.
    p.catch(() => {
      if (this.entries.get(version) === p) this.entries.delete(version);
    });
    return p;
  }

  put(compiled: CompiledRuleset): void {
    this.set(compiled.version, Promise.resolve(compiled));
  }

  private set(version: number, p: Promise<CompiledRuleset>): void {
    this.entries.delete(version);
    this.entries.set(version, p);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
