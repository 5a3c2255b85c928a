/** Shards per journey: enough to spread writes, few enough that a stats read fans out cheaply. */
export const STATS_SHARDS = 4;

/** FNV-1a (32-bit): a stable, cheap hash so one visitor's facts always land on the same shard. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Shard index of a shard key (usually the visitor id). */
export function shardOf(shardKey: string): number {
  return fnv1a(shardKey) % STATS_SHARDS;
}

/** Durable Object name of one shard of a journey's counters. */
export function shardName(journey: string, shard: number): string {
  return `${journey}:${shard}`;
}
