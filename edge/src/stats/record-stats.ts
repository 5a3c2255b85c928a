import type { StatsEvent } from "@waymark/shared/schemas/stats.ts";
import { getConfig } from "../config.ts";
import { aggregateStats } from "./stats-row.ts";
import { shardName, shardOf } from "./stats-shards.ts";

const MAX_EVENTS = 1_000;
/** Every kind of fact (the type makes the list complete). */
const KINDS: Record<StatsEvent["kind"], true> = {
  entry: true,
  exposure: true,
  dismissal: true,
  conversion: true,
  transition: true,
  enroll: true,
  metric: true,
};

/**
 * Counts journey facts for one visitor (shardKey: the visitor id): groups them by journey and calls each
 * journey's shard once. Throws when a shard write fails, so the caller (the visitor's Durable Object) can retry.
 *
 * Callers are in-process only (the visitor's object, passing facts the engine built, or its own outbox rows), so
 * the facts are not parsed again here: a zod parse of every fact was a tenth of this call's CPU, paid after every
 * personalized page (issue 19). What is checked is what the aggregation branches on, so a fact of an unknown kind
 * is refused rather than counted as a counter. Parse StatsEvent before calling this with input from outside.
 */
export async function recordStats(env: Env, shardKey: string, events: readonly StatsEvent[]): Promise<void> {
  if (events.length > MAX_EVENTS || events.some((e) => !Object.hasOwn(KINDS, e?.kind) || typeof e.journey !== "string"))
    throw new Error("recordStats: invalid stats events");
  if (!events.length) return;
  const byJourney = new Map<string, StatsEvent[]>();
  for (const e of events) {
    const list = byJourney.get(e.journey);
    if (list) list.push(e);
    else byJourney.set(e.journey, [e]);
  }
  const shard = shardOf(shardKey);
  await Promise.all(
    [...byJourney].map(([journey, list]) =>
      env.STATS.getByName(shardName(journey, shard)).record(aggregateStats(list)),
    ),
  );
  writeAnalytics(env, events);
}

/** Optional mirror into Workers Analytics Engine, when an ANALYTICS binding is configured. */
function writeAnalytics(env: Env, events: readonly StatsEvent[]): void {
  const analytics = getConfig(env).analytics;
  if (!analytics) return;
  try {
    for (const e of events)
      analytics.writeDataPoint({
        indexes: [e.journey],
        blobs: [
          e.journey,
          e.kind,
          e.stage,
          e.branch ?? "holdout",
          ("from" in e ? e.from : null) ?? "",
          String(e.version),
        ],
        doubles: [1],
      });
  } catch {
    // Analytics Engine is a best-effort mirror; the Durable Object counters are the source of truth.
  }
}
