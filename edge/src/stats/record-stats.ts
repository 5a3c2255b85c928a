import { StatsEvent } from "@waymark/shared/schemas/stats.ts";
import { z } from "zod";
import { getConfig } from "../config.ts";
import { aggregateStats } from "./stats-row.ts";
import { shardName, shardOf } from "./stats-shards.ts";

const StatsEvents = z.array(StatsEvent).max(1_000);

/**
 * Counts journey facts for one visitor (shardKey: the visitor id): groups them by journey and calls each
 * journey's shard once. Throws when a shard write fails, so the caller (the visitor's Durable Object) can retry.
 */
export async function recordStats(env: Env, shardKey: string, events: StatsEvent[]): Promise<void> {
  const parsed = StatsEvents.safeParse(events);
  if (!parsed.success) throw new Error("recordStats: invalid stats events");
  if (!parsed.data.length) return;
  const byJourney = new Map<string, StatsEvent[]>();
  for (const e of parsed.data) {
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
  writeAnalytics(env, parsed.data);
}

/** Optional mirror into Workers Analytics Engine, when an ANALYTICS binding is configured. */
function writeAnalytics(env: Env, events: StatsEvent[]): void {
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
