/**
 * Holm's step-down adjustment (controls the family-wise error rate): sorted ascending, the i-th smallest (from 0)
 * becomes max over j <= i of min(1, (m - j) p_(j)). Same order as given.
 */
export function holm(pValues: number[]): number[] {
  const m = pValues.length;
  const order = ascending(pValues);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, i) => {
    running = Math.max(running, Math.min(1, (m - i) * pValues[idx]));
    out[idx] = running;
  });
  return out;
}

/**
 * Benjamini-Hochberg step-up adjustment (controls the false discovery rate): sorted ascending, the i-th smallest
 * (from 1) becomes min over j >= i of min(1, m p_(j) / j). Same order as given.
 */
export function benjaminiHochberg(pValues: number[]): number[] {
  const m = pValues.length;
  const order = ascending(pValues);
  const out = new Array<number>(m);
  let running = 1;
  for (let i = m - 1; i >= 0; i--) {
    const idx = order[i];
    running = Math.min(running, Math.min(1, (m * pValues[idx]) / (i + 1)));
    out[idx] = running;
  }
  return out;
}

/** Indexes sorted by p-value, ties in input order (a stable sort), so the result does not depend on the engine. */
function ascending(pValues: number[]): number[] {
  return pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
}
