/**
 * The share of all visitors each branch gets: its weight over the total, of those not held out.
 * null where the inputs are not numbers yet (being typed) or no branch has weight.
 */
export function branchShares(branches: readonly { weight?: unknown }[], holdout: unknown): (number | null)[] {
  const h = holdout === undefined ? 0 : holdout;
  const weights = branches.map((b) => (b.weight === undefined ? 1 : b.weight));
  if (typeof h !== "number" || h < 0 || h > 1 || weights.some((w) => typeof w !== "number" || w < 0))
    return branches.map(() => null);
  const total = (weights as number[]).reduce((a, b) => a + b, 0);
  if (total <= 0) return branches.map(() => null);
  return (weights as number[]).map((w) => (w / total) * (1 - h));
}
