import type { FlowTotal } from "./object/stats-shard.ts";
import type { StatsRow } from "./stats-row.ts";
import { shardName, STATS_SHARDS } from "./stats-shards.ts";

/** All shards of one journey's counters, read in parallel and concatenated. */
export async function readStats(
  env: Env,
  journey: string,
  fromDay: string,
  toDay: string,
): Promise<{ rows: StatsRow[]; flows: FlowTotal[] }> {
  const parts = await Promise.all(
    Array.from({ length: STATS_SHARDS }, (_, i) => env.STATS.getByName(shardName(journey, i)).read(fromDay, toDay)),
  );
  return { rows: parts.flatMap((p) => p.rows), flows: parts.flatMap((p) => p.flows) };
}
