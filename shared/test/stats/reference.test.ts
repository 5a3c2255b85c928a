// The statistics library against values computed by scipy (scripts/stats-reference.py -> reference.json).
import { describe, expect, it } from "vitest";
import {
  benjaminiHochberg,
  compareMeans,
  holm,
  incompleteBeta,
  normalCdf,
  normalQuantile,
  normalSf,
  gammaQ,
  sequentialHalfWidth,
  sequentialRho,
  srmTest,
  studentTQuantile,
  studentTSf,
  visitorsNeeded,
  type Method,
  type Moments,
} from "../../src/stats/index.ts";
import reference from "./reference.json";

/** |actual - expected| <= rel * |expected| (+ abs for values that are 0 or round to nothing). */
function close(actual: number, expected: number, rel: number, abs = 0): void {
  const tol = rel * Math.abs(expected) + abs;
  if (!(Math.abs(actual - expected) <= tol)) expect.fail(`${actual} is not within ${tol} of ${expected}`);
}

describe("normal distribution (scipy.stats.norm)", () => {
  it.each(reference.normalCdf)("cdf and sf at $x", ({ x, cdf, sf }) => {
    close(normalCdf(x), cdf, 1e-9);
    close(normalSf(x), sf, 1e-9);
  });
  it.each(reference.normalQuantile)("quantile at $p", ({ p, ppf }) => {
    // Near p = 1 the input itself carries only ~1e-16 absolute precision, so the quantile's error is bounded by that.
    close(normalQuantile(p), ppf, 1e-9, p > 0.999 ? 1e-7 : 0);
  });
});

describe("chi-squared upper tail (scipy.stats.chi2.sf) via the regularized incomplete gamma function", () => {
  it.each(reference.chi2Sf)("df $df, x $x", ({ x, df, sf }) => {
    close(gammaQ(df / 2, x / 2), sf, 1e-9);
  });
});

describe("Student's t (scipy.stats.t) via the regularized incomplete beta function", () => {
  const tails = reference.studentT.filter((r) => "sf" in r) as { t: number; df: number; sf: number }[];
  const quantiles = reference.studentT.filter((r) => "ppf" in r) as { p: number; df: number; ppf: number }[];
  it.each(tails)("sf at $t, df $df", ({ t, df, sf }) => close(studentTSf(t, df), sf, 1e-9));
  it.each(quantiles)("quantile at $p, df $df", ({ p, df, ppf }) => close(studentTQuantile(p, df), ppf, 1e-9, 1e-15));
});

describe("regularized incomplete beta function (scipy.special.betainc)", () => {
  // Values below 1e-300 are 0 to both; 1e-9 relative, or 1e-300 absolute for those.
  it.each(reference.incompleteBeta)("I_$x($a, $b)", ({ x, a, b, value }) =>
    close(incompleteBeta(x, a, b), value, 1e-9, 1e-300),
  );
});

describe("srmTest (scipy.stats.chisquare)", () => {
  it.each(reference.srm)("$observed against $shares", ({ observed, shares, chi2, df, pValue }) => {
    const r = srmTest(observed, shares);
    close(r.chi2, chi2, 1e-9, 1e-12);
    expect(r.df).toBe(df);
    close(r.pValue, pValue, 1e-9);
  });
});

describe("multiple comparisons (Holm by definition, BH = scipy.stats.false_discovery_control)", () => {
  it.each(reference.adjustments)("$p", ({ p, holm: h, bh }) => {
    holm(p).forEach((v, i) => close(v, h[i], 1e-12));
    benjaminiHochberg(p).forEach((v, i) => close(v, bh[i], 1e-12));
  });
});

describe("confidence sequence half-width (Waudby-Smith et al. eq. 9 and 161)", () => {
  it.each(reference.sequentialHalfWidth)(
    "s2 $s2, n $n, alpha $alpha, planned $plannedN",
    ({ s2, n, alpha, plannedN, rho, halfWidth }) => {
      close(sequentialRho(alpha, plannedN), rho, 1e-12);
      // The library takes the standard error of the estimate: se = sqrt(s2 / n).
      close(sequentialHalfWidth(Math.sqrt(s2 / n), n, alpha, plannedN), halfWidth, 1e-9);
    },
  );
});

describe("compareMeans (scipy's Welch t-test and interval / Agresti-Caffo; fixed and sequential)", () => {
  it.each(reference.comparisons.map((r, i) => ({ ...r, i })))(
    "#$i $method binary=$binary planned $plannedN",
    ({ treatment, control, binary, method, plannedN, expected }) => {
      const c = compareMeans(treatment as Moments, control as Moments, { method: method as Method, binary, plannedN });
      expect(c).not.toBeNull();
      for (const k of ["est", "low", "high", "se", "pValue"] as const) close(c![k], expected[k], 1e-9, 1e-14);
      if ("rel" in expected) {
        close(c!.rel!, expected.rel!, 1e-9, 1e-14);
        close(c!.relLow!, expected.relLow!, 1e-9, 1e-14);
        close(c!.relHigh!, expected.relHigh!, 1e-9, 1e-14);
      }
    },
  );
});

describe("visitorsNeeded, fixed horizon (textbook two-proportion formula)", () => {
  it.each(reference.visitorsNeededFixed)("$control.sum of $control.n, effect $effect", ({ control, effect, fixed }) => {
    expect(visitorsNeeded(control, effect, { method: "fixed", binary: true })).toBe(fixed);
  });
});
