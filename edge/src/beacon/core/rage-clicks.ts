/**
 * Rage clicks: `count` clicks within `windowMs`, all within `radiusPx` of the first. Returns a detector fed with
 * each click; it answers the number of clicks in the burst when one completes (then starts afresh), else 0.
 */
export function rageClickDetector(count: number, windowMs: number, radiusPx: number) {
  let burst: { x: number; y: number; t: number }[] = [];
  return (x: number, y: number, t: number): number => {
    const first = burst[0];
    if (first && (t - first.t > windowMs || Math.hypot(x - first.x, y - first.y) > radiusPx)) {
      // Keep the clicks that still fit the window around the newest one.
      burst = burst.filter((c) => t - c.t <= windowMs && Math.hypot(x - c.x, y - c.y) <= radiusPx);
    }
    burst.push({ x, y, t });
    if (burst.length < count) return 0;
    const n = burst.length;
    burst = [];
    return n;
  };
}
