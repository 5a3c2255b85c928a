import { lnGamma, stirlingSeries } from "./gamma.ts";
import { normalQuantile } from "./normal.ts";

const EPS = 1e-16;
const MAX_ITER = 100_000;
const TINY = 1e-300;

/**
 * The regularized incomplete beta function I_x(a, b) (a, b > 0, 0 <= x <= 1): the continued fraction of Numerical
 * Recipes §6.4 (`betai`/`betacf`, modified Lentz), on I_x(a, b) or on 1 - I_{1-x}(b, a), whichever converges fast.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) return NaN;
  return betaRegularized(x, 1 - x, Math.log(x), Math.log1p(-x), a, b);
}

/** I_x(a, b) from x, y = 1 - x and their logarithms, each as precise as the caller can give them. */
function betaRegularized(x: number, y: number, lnX: number, lnY: number, a: number, b: number): number {
  if (x === 0 || y === 0) return x === 0 ? 0 : 1;
  const front = Math.exp(a * lnX + b * lnY - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). With a large argument the three terms are huge and nearly cancel
 * (ln Γ(5e6) is 7e7, so 1e-16 of it is 1e-8), so there the difference ln Γ(a) - ln Γ(a + b) is taken from Stirling's
 * formula term by term, a being the larger argument: -(a - 1/2) log1p(b / a) - b ln(a + b) + b + series(a) -
 * series(a + b).
 */
export function lnBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 15) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const sum = big + small;
  return (
    lnGamma(small) -
    (big - 0.5) * Math.log1p(small / big) -
    small * Math.log(sum) +
    small +
    stirlingSeries(big) -
    stirlingSeries(sum)
  );
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** The upper tail P(T > t) of Student's t with `df` degrees of freedom (df > 0, need not be an integer). */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  // P(|T| > |t|) = I_x(df / 2, 1 / 2) with x = df / (df + t²) = 1 / (1 + r), r = t² / df. x, 1 - x and their logs
  // are computed from r directly, so neither a tiny t (x rounding to 1) nor a huge df loses precision.
  const r = (t * t) / df;
  const tail =
    0.5 * betaRegularized(1 / (1 + r), r / (1 + r), -Math.log1p(r), Math.log(r) - Math.log1p(r), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

/**
 * The quantile of Student's t: the t with P(T <= t) = p. Closed forms for 1 and 2 degrees of freedom; otherwise
 * Newton's method on ln P(T > t) against ln t, started from the Cornish-Fisher expansion (Abramowitz and Stegun
 * 26.7.5), which alone is exact enough from 1,000 degrees of freedom. In those coordinates the tail is nearly a
 * straight line (it falls like t^-df), so a few steps reach ~1e-13 from the centre to 1e-300, with bisection as a
 * fallback should Newton ever stall.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // tan(pi (p - 1/2)) = -1 / tan(pi p): written on the smaller tail, so p = 1e-10 keeps its precision.
  if (df === 1) return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // Solve on the smaller tail: P(T > x) = q with x > 0.
  const q = p < 0.5 ? p : 1 - p;
  const lnQ = Math.log(q);
  const z = -normalQuantile(q);
  // From 1,000 degrees of freedom and within 5 standard deviations the expansion is exact to ~1e-12 (checked
  // against scipy), and it costs nothing: the common case for large groups.
  if (df >= 1000 && z <= 5) return p < 0.5 ? -cornishFisher(z, df) : cornishFisher(z, df);
  let u = Math.log(Math.max(cornishFisher(z, df), 1e-300));
  let converged = false;
  for (let i = 0; i < 60 && Number.isFinite(u); i++) {
    const x = Math.exp(u);
    const sf = studentTSf(x, df);
    // d ln sf / d ln x = -pdf(x) x / sf(x)
    const slope = (-studentTPdf(x, df) * x) / sf;
    const step = (Math.log(sf) - lnQ) / slope;
    if (!Number.isFinite(step)) break;
    u -= Math.max(-2, Math.min(2, step)); // at most a factor e² per step while far away
    // The tail itself is computed to ~1e-13, so steps below 1e-12 are noise.
    if (Math.abs(step) < 1e-12) {
      converged = true;
      break;
    }
  }
  const x = converged ? Math.exp(u) : bisectTail(q, df);
  return p < 0.5 ? -x : x;
}

/** The density of Student's t. */
export function studentTPdf(t: number, df: number): number {
  const lnC = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Cornish-Fisher expansion of the t quantile in powers of 1 / df from the normal quantile z (A&S 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** The x > 0 with P(T > x) = q, by bisection (the fallback). */
function bisectTail(q: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (studentTSf(hi, df) > q && hi < 1e300) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 2100; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (studentTSf(mid, df) > q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Welch-Satterthwaite degrees of freedom of a difference of two means, from each mean's variance and group size. */
export function welchDf(varianceOfMeanT: number, nT: number, varianceOfMeanC: number, nC: number): number {
  const sum = varianceOfMeanT + varianceOfMeanC;
  const denominator = (varianceOfMeanT * varianceOfMeanT) / (nT - 1) + (varianceOfMeanC * varianceOfMeanC) / (nC - 1);
  return denominator > 0 ? (sum * sum) / denominator : nT + nC - 2;
}
