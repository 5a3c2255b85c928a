import type { StatsBreakdownBy } from "@waymark/shared/schemas/stats.ts";
import type { ShardResults } from "./object/results-tables.ts";
import type { FlowTotal } from "./object/stats-shard.ts";
import type { CounterRow } from "./stats-row.ts";
import { shardName, STATS_SHARDS } from "./stats-shards.ts";

/**
 * All shards of one journey, read in parallel (one call each): counters of the days in [fromDay, toDay] with the
 * all-time flows, and per-visitor results up to toDay (see StatsShard.results), concatenated.
 */
export async function readJourneyStats(
  env: Env,
  journey: string,
  fromDay: string,
  toDay: string,
  by: StatsBreakdownBy | null,
): Promise<{ rows: CounterRow[]; flows: FlowTotal[]; results: ShardResults }> {
  const parts = await Promise.all(
    Array.from({ length: STATS_SHARDS }, (_, i) =>
      env.STATS.getByName(shardName(journey, i)).snapshot(fromDay, toDay, by),
    ),
  );
  const results = parts.map((p) => p.results);
  return {
    rows: parts.flatMap((p) => p.rows),
    flows: parts.flatMap((p) => p.flows),
    results: {
      enrolments: results.flatMap((r) => r.enrolments),
      sums: results.flatMap((r) => r.sums),
      ...(by
        ? {
            segments: {
              enrolments: results.flatMap((r) => r.segments?.enrolments ?? []),
              sums: results.flatMap((r) => r.segments?.sums ?? []),
            },
          }
        : {}),
    },
  };
}
