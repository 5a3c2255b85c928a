import { z } from "zod";
import type { LiveAnswer, LiveLoader } from "./live-ruleset-cache.ts";

/**
 * How fresh a data centre's shared answer must be for an isolate to take it instead of asking the rules object.
 * Half the isolate's re-check interval (LIVE_TTL_MS): an answer taken from the shared cache keeps the time the
 * rules object gave it, so the publish bound (LIVE_MAX_STALE_MS) still counts from the real check.
 */
export const COLO_FRESH_MS = 2_000;

/** The named cache (not `caches.default`, which the zone's CDN fills from visitors' URLs: nobody else writes here). */
export const COLO_CACHE_NAME = "waymark-live-version";

/**
 * How long a check waits for the cache before it asks the store instead. The cache is a local read (well under a
 * millisecond on Cloudflare); one that does not answer must not hold the isolate's single in-flight check, or the
 * isolate would keep serving its version past the publish bound.
 */
export const COLO_READ_TIMEOUT_MS = 50;

/** What one isolate leaves for the others of its data centre: the live version and when the store said so. */
const LivePointer = z.object({ version: z.number().int().nonnegative(), checkedAt: z.number() });

/** The store's side: the live version, and its ruleset unless the caller already holds that version. */
type StoreLoad = (known: number | undefined) => Promise<{ version: number; ruleset: LiveAnswer["ruleset"] }>;

export interface ColoCheckOptions {
  /** The data centre's cache (Cloudflare: per data centre and zone; a no-op on workers.dev, where this adds nothing). */
  cache: () => Promise<Cache>;
  /** The key's origin: the site's own host, as Cloudflare asks of cache keys. */
  origin: string;
  now: () => number;
  /** Keeps the pointer write alive after the response (it is never awaited on the page). */
  waitUntil?: (p: Promise<unknown>) => void;
}

/**
 * Wraps the rules store's live check with a per-data-centre answer (issue 19): thousands of isolates re-checking every
 * few seconds would each call the one rules object; with this, an isolate first reads the version another isolate of
 * its data centre got from the store less than COLO_FRESH_MS ago, and calls the store only when that is missing,
 * stale, older than what it holds, or names a version it does not hold (a publish: it needs the ruleset). So the
 * rules object sees about one check per data centre per COLO_FRESH_MS, and an idle isolate in a busy data centre
 * stays within the publish bound without a second Durable Object call on its page.
 *
 * Any cache fault (missing, unreadable, a body that is not a pointer) falls through to the store: the cache can make
 * a check cheaper, never wrong.
 */
export function coloLiveLoader(store: StoreLoad, opts: ColoCheckOptions): LiveLoader {
  const key = `${opts.origin}/__waymark/internal/live-version`;
  return async (known) => {
    const shared = await readPointer(opts, key);
    if (shared && known !== undefined && shared.version === known) {
      return { version: known, ruleset: null, checkedAt: shared.checkedAt };
    }
    const checkedAt = opts.now();
    const answer = await store(known);
    const write = writePointer(opts, key, { version: answer.version, checkedAt });
    if (opts.waitUntil) opts.waitUntil(write);
    else await write;
    return { ...answer, checkedAt };
  };
}

async function readPointer(opts: ColoCheckOptions, key: string): Promise<z.infer<typeof LivePointer> | null> {
  const read = async () => {
    const hit = await (await opts.cache()).match(key);
    return hit ? LivePointer.safeParse(await hit.json()) : null;
  };
  try {
    const p = await Promise.race([read(), timeout(COLO_READ_TIMEOUT_MS)]);
    if (!p?.success) return null;
    const age = opts.now() - p.data.checkedAt;
    // A pointer from the future (clock skew between machines) counts as stale rather than as fresh forever.
    return age >= 0 && age < COLO_FRESH_MS ? p.data : null;
  } catch {
    return null;
  }
}

/** Resolves with null after `ms`: the losing side of a race is harmless. */
function timeout(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

async function writePointer(opts: ColoCheckOptions, key: string, p: z.infer<typeof LivePointer>): Promise<void> {
  try {
    const body = JSON.stringify(p);
    // max-age only bounds how long the cache keeps it; freshness is decided from checkedAt on read.
    const headers = { "content-type": "application/json", "cache-control": "max-age=10" };
    await (await opts.cache()).put(key, new Response(body, { headers }));
  } catch {
    // The next check asks the store again: a cache that cannot be written costs a call, nothing else.
  }
}
