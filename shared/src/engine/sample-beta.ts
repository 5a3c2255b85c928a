/** A Beta(a, b) draw from an injected uniform source, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(a: number, b: number, random: () => number): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x + y === 0 ? 0.5 : x / (x + y);
}

/** Marsaglia-Tsang for shape >= 1; shape < 1 via the Gamma(shape + 1) * U^(1/shape) boost. */
export function sampleGamma(shape: number, random: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(uniform(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform(random);
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function normal(random: () => number): number {
  // Box-Muller; one of the pair is enough here.
  return Math.sqrt(-2 * Math.log(uniform(random))) * Math.cos(2 * Math.PI * random());
}

/** A uniform draw in (0, 1): log(0) would be -Infinity. */
function uniform(random: () => number): number {
  const u = random();
  return u > 0 && u < 1 ? u : 0.5;
}
