/**
 * A small seeded PRNG (mulberry32), so a simulation gives the same answer on every run and machine. A string seed
 * (a visitor id) is hashed to 32 bits first. Only branch allocation by Thompson sampling draws from it.
 * @example const random = seededRandom("v-1"); random(); // 0 <= x < 1, the same sequence every run
 */
export function seededRandom(seed: number | string): () => number {
  let a = 0;
  if (typeof seed === "number") a = seed | 0;
  else for (const ch of seed) a = (Math.imul(a, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
