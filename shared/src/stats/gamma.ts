/**
 * ln Γ(x) for x > 0, to ~1e-15 absolute: Stirling's series (terms to x^-15) at x >= 15, the recurrence
 * Γ(x) = Γ(x + k) / (x (x + 1) ... (x + k - 1)) below that, the reflection formula below 0.5.
 */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  let shift = 0;
  let product = 1;
  while (x + shift < 15) product *= x + shift++;
  const z = x + shift;
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + stirlingSeries(z) - Math.log(product);
}

/** ln Γ(z) - ((z - 1/2) ln z - z + ln(2 pi) / 2): the tail of Stirling's series, exact to 1e-16 for z >= 15. */
export function stirlingSeries(z: number): number {
  const r = 1 / (z * z);
  let series = 0;
  for (let i = STIRLING.length - 1; i >= 0; i--) series = series * r + STIRLING[i];
  return series / z;
}

/** B(2k) / (2k (2k - 1)), k = 1..8: the coefficients of Stirling's series in powers of 1 / z². */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

const EPS = 1e-16;
const MAX_ITER = 10_000;
const TINY = 1e-300;

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) (a > 0, x >= 0): the series for P
 * below x < a + 1, Lentz's continued fraction for Q above (Numerical Recipes §6.2, `gser`/`gcf`), so each side is
 * computed where it converges fast and the small tail is never 1 - (something close to 1).
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** The regularized lower incomplete gamma function P(a, x) = 1 - Q(a, x). */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** P(a, x) by its series; converges quickly for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITER; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz); converges quickly for x >= a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}
