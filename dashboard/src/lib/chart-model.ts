export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartSeries {
  key: string;
  d: string;
  points: { x: number; y: number; value: number; day: string }[];
}

/** A round axis maximum at or above `max` (1, 2, 5 x 10^n), so ticks land on readable numbers. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 5, 10]) if (m * exp >= max) return m * exp;
  return 10 * exp;
}

/**
 * Lines for the daily series of the given keys, in SVG coordinates inside `box` (y grows downward),
 * with whole-number y ticks and at most ~8 x labels.
 */
export function chartModel<K extends string>(
  daily: readonly ({ day: string } & Record<K, number>)[],
  keys: readonly K[],
  box: ChartBox,
) {
  const innerW = box.width - box.left - box.right;
  const innerH = box.height - box.top - box.bottom;
  const max = niceMax(Math.max(0, ...daily.flatMap((d) => keys.map((k) => d[k]))));
  const x = (i: number) => box.left + (daily.length <= 1 ? innerW / 2 : (i * innerW) / (daily.length - 1));
  const y = (v: number) => box.top + innerH - (v / max) * innerH;
  const series: ChartSeries[] = keys.map((key) => {
    const points = daily.map((d, i) => ({ x: x(i), y: y(d[key]), value: d[key], day: d.day }));
    const d = points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    return { key, d, points };
  });
  // Whole-number ticks: max is 1, 2 or 5 x 10^n, so 5 steps (or max steps below 5) divide it evenly.
  const steps = max < 5 ? max : 5;
  const yTicks = Array.from({ length: steps + 1 }, (_, i) => {
    const value = (max * i) / steps;
    return { value, y: y(value) };
  });
  const every = Math.max(1, Math.ceil(daily.length / 8));
  const xTicks = daily.flatMap((d, i) => (i % every === 0 ? [{ label: d.day.slice(5), x: x(i) }] : []));
  return { series, yTicks, xTicks, max };
}
