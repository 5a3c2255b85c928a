import { gammaQ } from "./gamma.ts";

export interface SrmResult {
  chi2: number;
  df: number;
  pValue: number;
}

/**
 * Sample-ratio mismatch: Pearson's chi-squared goodness of fit of the visitors observed per group against the
 * configured shares (normalized to sum to 1), df = groups - 1, p = Q(df / 2, chi2 / 2). Groups with a share of 0
 * and no visitors are left out; visitors in a group with a share of 0 are a mismatch by themselves (chi2 Infinity,
 * p 0). No visitors, or fewer than two groups: nothing to test (chi2 0, p 1).
 */
export function srmTest(observed: number[], expectedShares: number[]): SrmResult {
  if (observed.length !== expectedShares.length) throw new Error("srmTest: one expected share per observed group");
  const total = observed.reduce((a, b) => a + b, 0);
  const shareTotal = expectedShares.reduce((a, b) => a + Math.max(0, b), 0);
  let chi2 = 0;
  let groups = 0;
  for (let i = 0; i < observed.length; i++) {
    const share = Math.max(0, expectedShares[i]) / (shareTotal || 1);
    if (share === 0) {
      if (observed[i] > 0) return { chi2: Infinity, df: Math.max(1, observed.length - 1), pValue: 0 };
      continue;
    }
    groups++;
    const expected = total * share;
    chi2 += expected > 0 ? ((observed[i] - expected) * (observed[i] - expected)) / expected : 0;
  }
  const df = groups - 1;
  if (df < 1 || total <= 0) return { chi2: 0, df: Math.max(df, 0), pValue: 1 };
  return { chi2, df, pValue: gammaQ(df / 2, chi2 / 2) };
}
