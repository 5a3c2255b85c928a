#!/usr/bin/env python3
"""Reference posteriors for the next-best-action model (shared/src/nba/posterior.ts), computed with scipy.

    python3 scripts/nba-reference.py   # writes shared/test/nba/reference.json

shared/test/nba/posterior.test.ts feeds the same batches to updatePosterior and compares. Independent of the
TypeScript: the Laplace update of Chapelle & Li (2011, algorithm 3) written out here, the mode found by scipy's
trust-region optimizer (exact Hessian) rather than by the TypeScript's Newton and line search.
"""
import json
import math
import os

import numpy as np
from scipy.optimize import minimize

DIM = 128
PRIOR_RATE = 0.05
rng = np.random.default_rng(18)


def prior():
    m = np.zeros(DIM)
    m[0] = math.log(PRIOR_RATE / (1 - PRIOR_RATE))
    return m, np.ones(DIM)


def update(m, q, batch):
    slots = sorted({i for ex in batch for i in ex["idx"]})
    pos = {s: a for a, s in enumerate(slots)}
    X = np.zeros((len(batch), len(slots)))
    for j, ex in enumerate(batch):
        for i, v in zip(ex["idx"], ex["val"]):
            X[j, pos[i]] += v
    y = np.array([ex["label"] for ex in batch], dtype=float)
    m0, q0 = m[slots], q[slots]

    def f(w):
        s = X @ w
        return 0.5 * np.sum(q0 * (w - m0) ** 2) + np.sum(np.logaddexp(0, s) - y * s)

    def grad(w):
        p = 1 / (1 + np.exp(-(X @ w)))
        return q0 * (w - m0) + X.T @ (p - y)

    def hess(w):
        p = 1 / (1 + np.exp(-(X @ w)))
        return np.diag(q0) + X.T @ (X * (p * (1 - p))[:, None])

    res = minimize(f, m0, jac=grad, hess=hess, method="trust-exact", options={"gtol": 1e-13})
    w = res.x
    p = 1 / (1 + np.exp(-(X @ w)))
    m, q = m.copy(), q.copy()
    m[slots] = w
    q[slots] = q0 + (X ** 2).T @ (p * (1 - p))
    return m, q


cases = []
# 1: one example of each label; 2: three batches of 12 over 6 shared slots (a slot repeated within an example too).
m, q = prior()
single = [{"idx": [0, 5, 40], "val": [1, 1, 0.5], "label": 1}, {"idx": [0, 5, 77], "val": [1, 1, 1], "label": 0}]
m1, q1 = update(m, q, single)
cases.append({"name": "two examples from the prior", "batches": [single], "m": m1.tolist(), "q": q1.tolist()})

pool = [3, 9, 17, 42, 64, 100]
batches = []
m, q = prior()
for b in range(3):
    batch = []
    for _ in range(12):
        k = int(rng.integers(2, 5))
        chosen = sorted(rng.choice(pool, size=k, replace=False).tolist())
        idx = [0] + chosen + ([chosen[0]] if b == 2 else [])
        val = [1.0] + [round(float(v), 3) for v in rng.choice([1.0, 0.5, 0.25], size=len(idx) - 1)]
        label = int(rng.random() < (0.6 if 9 in chosen else 0.15))
        batch.append({"idx": idx, "val": val, "label": label})
    m, q = update(m, q, batch)
    batches.append(batch)
cases.append({"name": "three batches of twelve", "batches": batches, "m": m.tolist(), "q": q.tolist()})

# 3: a confident model: 200 positives in one slot and 200 negatives in another
m, q = prior()
big = [{"idx": [0, 11], "val": [1, 1], "label": 1 if j % 4 else 0} for j in range(200)]
big += [{"idx": [0, 12], "val": [1, 1], "label": 1 if j % 10 == 0 else 0} for j in range(200)]
m3, q3 = update(m, q, big)
cases.append({"name": "four hundred examples in one batch", "batches": [big], "m": m3.tolist(), "q": q3.tolist()})

out = os.path.join(os.path.dirname(__file__), "..", "shared", "test", "nba", "reference.json")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as fh:
    json.dump({"generatedBy": "scripts/nba-reference.py", "dim": DIM, "cases": cases}, fh, indent=1)
    fh.write("\n")
print("wrote", out)
