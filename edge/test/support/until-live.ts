import { env } from "cloudflare:test";
import { vi } from "vitest";
import { getPublishedRuleset, LIVE_TTL_MS } from "../../src/rules/published-ruleset.ts";

/** How far untilLive has moved the clock so far (each call must move it past the last refresh). */
let skew = 0;

/**
 * Moves this isolate's clock past the live cache's TTL and waits for its refresh, instead of waiting 5 s: after it,
 * pages through SELF get `version` (a second publish in the same file needs a second call).
 */
export async function untilLive(version: number): Promise<void> {
  const real = Date.now.bind(Date);
  const spy = vi.spyOn(Date, "now").mockImplementation(() => real() + skew);
  try {
    for (let i = 0; i < 5; i++) {
      skew += LIVE_TTL_MS + 1_000;
      const refreshes: Promise<unknown>[] = [];
      const ctx = { waitUntil: (p: Promise<unknown>) => refreshes.push(p) } as unknown as ExecutionContext;
      if ((await getPublishedRuleset(env, ctx)).version === version) return;
      await Promise.all(refreshes);
    }
    throw new Error(`version ${version} never went live`);
  } finally {
    spy.mockRestore();
  }
}
