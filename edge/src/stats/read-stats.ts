import type { StatsBreakdownBy } from "@waymark/shared/schemas/stats.ts";
import type { FlowTotal, ShardResults } from "./object/stats-shard.ts";
import type { CounterRow } from "./stats-row.ts";
import { shardName, STATS_SHARDS } from "./stats-shards.ts";

/** All shards of one journey's counters, read in parallel and concatenated. */
export async function readStats(
  env: Env,
  journey: string,
  fromDay: string,
  toDay: string,
): Promise<{ rows: CounterRow[]; flows: FlowTotal[] }> {
  const parts = await Promise.all(
    Array.from({ length: STATS_SHARDS }, (_, i) => env.STATS.getByName(shardName(journey, i)).read(fromDay, toDay)),
  );
  return { rows: parts.flatMap((p) => p.rows), flows: parts.flatMap((p) => p.flows) };
}

/** All shards of one journey's per-visitor results (see StatsShard.results), concatenated. */
export async function readResults(
  env: Env,
  journey: string,
  fromDay: string,
  toDay: string,
  by: StatsBreakdownBy | null,
): Promise<ShardResults> {
  const parts = await Promise.all(
    Array.from({ length: STATS_SHARDS }, (_, i) =>
      env.STATS.getByName(shardName(journey, i)).results(fromDay, toDay, by),
    ),
  );
  return {
    enrolments: parts.flatMap((p) => p.enrolments),
    sums: parts.flatMap((p) => p.sums),
    ...(by
      ? {
          segments: {
            enrolments: parts.flatMap((p) => p.segments?.enrolments ?? []),
            sums: parts.flatMap((p) => p.segments?.sums ?? []),
          },
        }
      : {}),
  };
}
