import { FEATURE_DIM } from "./feature-vector.ts";

/**
 * A diagonal Gaussian posterior over the weights of one offer's logistic regression (Chapelle & Li 2011, "An
 * Empirical Evaluation of Thompson Sampling", algorithm 3): weight i ~ N(m[i], 1 / q[i]).
 */
export interface Posterior {
  /** Means, FEATURE_DIM of them (index 0: the bias). */
  m: number[];
  /** Precisions (1 / variance), all > 0. */
  q: number[];
}

/** One labelled example: a sparse feature vector and whether the objective was reached (1) or not (0). */
export interface Example {
  idx: readonly number[];
  val: readonly number[];
  label: 0 | 1;
}

/** Prior propensity of an offer nobody has seen yet (the bias mean is its logit). */
export const PRIOR_RATE = 0.05;
/** Prior precision of every weight: a standard deviation of 1 on the log-odds scale. */
export const PRIOR_PRECISION = 1;

/** The prior: what an offer's model believes before its first example (so it is explored). */
export function priorPosterior(): Posterior {
  const m = new Array<number>(FEATURE_DIM).fill(0);
  m[0] = Math.log(PRIOR_RATE / (1 - PRIOR_RATE));
  return { m, q: new Array<number>(FEATURE_DIM).fill(PRIOR_PRECISION) };
}

export function sigmoid(s: number): number {
  return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
}

/**
 * The posterior after a batch (Laplace approximation): the new means are the mode of
 * 1/2 sum_i q_i (w_i - m_i)^2 + sum_j log(1 + exp(-y_j w.x_j)), found by Newton's method (full Hessian over the
 * slots the batch touches, with a backtracking line search), and each precision grows by
 * sum_j x_ij^2 p_j (1 - p_j) at the mode. Slots no example touches keep their values. Pure: returns a new posterior.
 */
export function updatePosterior(prior: Posterior, batch: readonly Example[]): Posterior {
  const m = prior.m.slice();
  const q = prior.q.slice();
  if (!batch.length) return { m, q };
  // Active slots and each example's entries as positions in them (duplicate slots summed).
  const pos = new Map<number, number>();
  const rows = batch.map((ex) => {
    const at = new Map<number, number>();
    for (let k = 0; k < ex.idx.length; k++) {
      const i = ex.idx[k];
      if (!pos.has(i)) pos.set(i, pos.size);
      const p = pos.get(i)!;
      at.set(p, (at.get(p) ?? 0) + ex.val[k]);
    }
    return { p: [...at.keys()], x: [...at.values()], y: ex.label };
  });
  const slots = [...pos.keys()];
  const n = slots.length;
  const m0 = slots.map((i) => prior.m[i]);
  const q0 = slots.map((i) => prior.q[i]);
  const w = m0.slice();
  const objective = (v: number[]) => {
    let f = 0;
    for (let a = 0; a < n; a++) f += 0.5 * q0[a] * (v[a] - m0[a]) ** 2;
    for (const r of rows) {
      let s = 0;
      for (let k = 0; k < r.p.length; k++) s += v[r.p[k]] * r.x[k];
      // log(1 + exp(s)) - y s, computed without overflow
      f += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - r.y * s;
    }
    return f;
  };
  let f = objective(w);
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array<number>(n);
    const H = new Array<number>(n * n).fill(0);
    for (let a = 0; a < n; a++) {
      g[a] = q0[a] * (w[a] - m0[a]);
      H[a * n + a] = q0[a];
    }
    for (const r of rows) {
      let s = 0;
      for (let k = 0; k < r.p.length; k++) s += w[r.p[k]] * r.x[k];
      const p = sigmoid(s);
      const c = p * (1 - p);
      for (let k = 0; k < r.p.length; k++) {
        g[r.p[k]] += (p - r.y) * r.x[k];
        for (let l = 0; l < r.p.length; l++) H[r.p[k] * n + r.p[l]] += c * r.x[k] * r.x[l];
      }
    }
    const d = choleskySolve(H, g, n);
    let step = 1;
    let next = w;
    let fn = f;
    for (let tries = 0; tries < 30; tries++) {
      next = w.map((x, a) => x - step * d[a]);
      fn = objective(next);
      if (fn <= f) break;
      step /= 2;
    }
    let moved = 0;
    for (let a = 0; a < n; a++) moved = Math.max(moved, Math.abs(next[a] - w[a]));
    if (fn > f) break; // no step lowers the objective: at the mode, to rounding
    for (let a = 0; a < n; a++) w[a] = next[a];
    // Newton converges quadratically: once a step moves no weight by 1e-10, the next would move it by ~1e-20.
    const done = moved < 1e-10 || f - fn <= 1e-15 * Math.abs(f);
    f = fn;
    if (done) break;
  }
  const qAdd = new Array<number>(n).fill(0);
  for (const r of rows) {
    let s = 0;
    for (let k = 0; k < r.p.length; k++) s += w[r.p[k]] * r.x[k];
    const p = sigmoid(s);
    for (let k = 0; k < r.p.length; k++) qAdd[r.p[k]] += r.x[k] * r.x[k] * p * (1 - p);
  }
  slots.forEach((i, a) => {
    m[i] = w[a];
    q[i] = q0[a] + qAdd[a];
  });
  return { m, q };
}

/** Solves H x = b for a symmetric positive definite H (n x n, row-major) by Cholesky. */
function choleskySolve(H: number[], b: number[], n: number): number[] {
  const L = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * n + j];
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}
