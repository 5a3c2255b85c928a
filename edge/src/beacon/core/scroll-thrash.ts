/**
 * Scroll thrashing: the scroll direction reverses `count` times within `windowMs`. Moves shorter than `minTravel`
 * pixels since the last turn are ignored (trackpad jitter). Feed it scroll positions; it answers the number of
 * reversals when thrashing is detected (then starts afresh), else 0.
 */
export function scrollThrashDetector(count: number, windowMs: number, minTravel = 40) {
  let anchor: number | null = null; // position of the last turn (or the start)
  let dir = 0;
  let turns: number[] = [];
  return (y: number, t: number): number => {
    if (anchor === null) {
      anchor = y;
      return 0;
    }
    const delta = y - anchor;
    if (Math.abs(delta) < minTravel) return 0;
    const d = Math.sign(delta);
    if (dir !== 0 && d !== dir) {
      turns = turns.filter((at) => t - at <= windowMs);
      turns.push(t);
    }
    dir = d;
    anchor = y;
    if (turns.length < count) return 0;
    const n = turns.length;
    turns = [];
    return n;
  };
}
