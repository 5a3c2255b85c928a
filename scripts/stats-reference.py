#!/usr/bin/env python3
"""Reference values for the statistics library (shared/src/stats), computed with scipy.

    python3 scripts/stats-reference.py   # writes shared/test/stats/reference.json

The unit tests (shared/test/stats/reference.test.ts) compare the TypeScript functions with these values. Each
section is computed independently of the TypeScript: scipy's distributions (norm, chi2, chisquare,
false_discovery_control) where scipy has the function, else the textbook or published formula written out here.
Only scipy and numpy are needed (statsmodels is not assumed).
"""
import json
import math
import os
import subprocess
import sys

import numpy as np
import scipy
from scipy import stats

ALPHA = 0.05


def moments(values):
    v = np.asarray(values, dtype=float)
    return {"n": int(v.size), "sum": float(v.sum()), "sumSq": float((v * v).sum())}


def normal_cdf():
    xs = [-37.5, -30, -20, -12, -8.5, -6, -5, -3.5, -2.5758293035489, -1.96, -1.5, -1, -0.5, -1e-8, 0, 1e-8, 0.3,
          0.75, 1, 1.2815515655446004, 1.6448536269514722, 1.96, 2.5, 3, 4.5, 6, 8]
    return [{"x": x, "cdf": float(stats.norm.cdf(x)), "sf": float(stats.norm.sf(x))} for x in xs]


def normal_ppf():
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 0.0001, 0.001, 0.01, 0.02425, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.6,
          0.8, 0.9, 0.95, 0.975, 0.97575, 0.99, 0.999, 0.999999, 1 - 1e-10]
    return [{"p": p, "ppf": float(stats.norm.ppf(p))} for p in ps]


def chi2_sf():
    rows = []
    for df in [1, 2, 3, 4, 5, 9, 10, 30, 99, 150]:
        for x in [1e-6, 0.01, 0.5, 1, 2.5, 3.841458820694124, df, df + 0.5, 2 * df, 10.83, 25, 60, 150, 400]:
            rows.append({"x": x, "df": df, "sf": float(stats.chi2.sf(x, df))})
    return rows


def student_t():
    rows = []
    for df in [1, 1.7, 2, 3, 5, 9.4, 30, 120, 1000, 250000]:
        for x in [-4, -1.5, 0, 0.4, 1, 1.96, 2.5, 6, 40]:
            rows.append({"t": x, "df": df, "sf": float(stats.t.sf(x, df))})
        for p in [1e-10, 0.001, 0.025, 0.1, 0.5, 0.8, 0.975, 0.995]:
            rows.append({"p": p, "df": df, "ppf": float(stats.t.ppf(p, df))})
    return rows


def incomplete_beta():
    from scipy.special import betainc

    rows = []
    for a, b in [(0.5, 0.5), (1, 1), (2, 3), (0.5, 60), (60, 0.5), (15, 40), (300, 2.5), (5e5, 0.5)]:
        for x in [1e-8, 0.01, 0.2, 0.5, 0.8, 0.99, 0.999999]:
            rows.append({"x": x, "a": a, "b": b, "value": float(betainc(a, b, x))})
    return rows


def srm():
    cases = [
        ([500, 500], [0.5, 0.5]),
        ([4800, 5200], [0.5, 0.5]),
        ([480, 520], [0.5, 0.5]),
        ([1000, 1000, 2000], [1, 1, 2]),
        ([330, 350, 320], [1, 1, 1]),
        ([100, 900], [0.1, 0.9]),
        ([120, 880], [0.1, 0.9]),
        ([2451, 2502, 2547, 500], [0.3, 0.3, 0.3, 0.1]),
        ([7, 3], [0.5, 0.5]),
        ([50000, 50700], [0.5, 0.5]),
    ]
    rows = []
    for observed, shares in cases:
        total = sum(observed)
        shares_n = np.asarray(shares, dtype=float) / sum(shares)
        res = stats.chisquare(observed, f_exp=shares_n * total)
        rows.append({"observed": observed, "shares": shares, "chi2": float(res.statistic), "df": len(observed) - 1,
                     "pValue": float(res.pvalue)})
    return rows


def holm(p):
    """Holm step-down, by its definition."""
    m = len(p)
    order = sorted(range(m), key=lambda i: (p[i], i))
    out = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out


def bh(p):
    """Benjamini-Hochberg step-up, by its definition (checked against scipy below)."""
    m = len(p)
    order = sorted(range(m), key=lambda i: (p[i], i))
    out = [0.0] * m
    running = 1.0
    for rank in range(m - 1, -1, -1):
        i = order[rank]
        running = min(running, min(1.0, m * p[i] / (rank + 1)))
        out[i] = running
    return out


def adjustments():
    families = [
        [0.01, 0.04, 0.03, 0.005],
        [0.2, 0.001, 0.049, 0.5, 0.03, 0.8],
        [0.05],
        [0.04, 0.04, 0.04],
        [1e-8, 0.9, 0.012, 0.012, 0.3, 0.6, 0.0001, 0.07, 0.02, 0.5],
    ]
    rows = []
    for p in families:
        b = bh(p)
        scipy_bh = stats.false_discovery_control(p, method="bh").tolist()
        assert np.allclose(b, scipy_bh, rtol=1e-12, atol=0), (b, scipy_bh)
        rows.append({"p": p, "holm": holm(p), "bh": [float(x) for x in scipy_bh]})
    return rows


def rho(alpha, planned):
    """Waudby-Smith et al. 2023 (arXiv 2103.06476v7) eq. 161; GrowthBook gbstats sequential_rho."""
    la = -2 * math.log(alpha)
    return math.sqrt((la + math.log(la + 1)) / planned)


def cs_half_width(s2, n, alpha, planned):
    """Eq. 9: sqrt(s2) * sqrt(2 (n rho^2 + 1) ln(sqrt(n rho^2 + 1) / alpha) / (n rho)^2), s2 per observation."""
    r = rho(alpha, planned)
    return math.sqrt(s2) * math.sqrt(2 * (n * r * r + 1) * math.log(math.sqrt(n * r * r + 1) / alpha) / (n * r) ** 2)


def cs_p_value(est, se, n, alpha, planned):
    """Eq. 155, as gbstats SequentialTwoSidedTTest.p_value: 1 / e-value, capped at 1."""
    r = rho(alpha, planned)
    st2 = est * est * n / (se * se)
    tr2p1 = n * r * r + 1
    evalue = math.exp(r * r * st2 / (2 * tr2p1)) / math.sqrt(tr2p1)
    return min(1 / evalue, 1.0)


def sample_var(m):
    return (m["sumSq"] - m["sum"] ** 2 / m["n"]) / (m["n"] - 1)


def welch(t_values, c_values, method, planned, alpha=ALPHA):
    """Difference of means with the Welch standard error: scipy's Welch t-test (ttest_ind, equal_var=False) and its
    confidence interval for the fixed method; the confidence sequence on the same standard error otherwise."""
    t, c = moments(t_values), moments(c_values)
    vt, vc = sample_var(t), sample_var(c)
    mt, mc = t["sum"] / t["n"], c["sum"] / c["n"]
    est = mt - mc
    se = math.sqrt(vt / t["n"] + vc / c["n"])
    n = t["n"] + c["n"]
    rel_se = math.sqrt(vt / t["n"] / mc**2 + vc / c["n"] * mt**2 / mc**4)
    if method == "fixed":
        res = stats.ttest_ind(t_values, c_values, equal_var=False)
        ci = res.confidence_interval(1 - alpha)
        low, high, p = float(ci.low), float(ci.high), float(res.pvalue)
        rel_half = float(stats.t.ppf(1 - alpha / 2, res.df)) * rel_se
    else:
        half = cs_half_width(se * se * n, n, alpha, planned)
        low, high, p = est - half, est + half, cs_p_value(est, se, n, alpha, planned)
        rel_half = cs_half_width(rel_se * rel_se * n, n, alpha, planned)
    rel = (mt - mc) / mc
    return {"est": est, "low": low, "high": high, "se": se, "pValue": p, "rel": rel, "relLow": rel - rel_half,
            "relHigh": rel + rel_half}


def agresti_caffo(xt, nt, xc, nc, method, planned, alpha=ALPHA):
    """Agresti & Caffo (2000): add one success and one failure to each group, then the Wald interval."""
    pt, pc = (xt + 1) / (nt + 2), (xc + 1) / (nc + 2)
    se = math.sqrt(pt * (1 - pt) / (nt + 2) + pc * (1 - pc) / (nc + 2))
    centre = pt - pc
    n = max(nt + nc, 1)
    if method == "fixed":
        half = float(stats.norm.ppf(1 - alpha / 2)) * se
        p = float(2 * stats.norm.sf(abs(centre) / se))
    else:
        half = cs_half_width(se * se * n, n, alpha, planned)
        p = cs_p_value(centre, se, n, alpha, planned)
    est = (xt / nt if nt else 0) - (xc / nc if nc else 0)
    return {"est": est, "low": max(-1.0, centre - half), "high": min(1.0, centre + half), "se": se, "pValue": p}


def comparisons():
    rng = np.random.default_rng(14)
    rows = []
    continuous = [
        (np.array([3.0, 5.0]), np.array([1.0, 2.0, 2.5])),
        (rng.normal(10.5, 3, 5), rng.normal(10, 6, 8)),
        (rng.normal(10.5, 3, 400), rng.normal(10, 3, 380)),
        (rng.exponential(20, 1500) * (rng.random(1500) < 0.1), rng.exponential(20, 1600) * (rng.random(1600) < 0.08)),
        (rng.poisson(2.2, 250), rng.poisson(2.0, 260)),
        (rng.normal(0.02, 1, 20000), rng.normal(0, 1, 20000)),
    ]
    for t_values, c_values in continuous:
        t, c = moments(t_values), moments(c_values)
        for method, planned in [("fixed", 5000), ("sequential", 5000), ("sequential", 50000)]:
            rows.append({"treatment": t, "control": c, "binary": False, "method": method, "plannedN": planned,
                         "expected": welch(t_values, c_values, method, planned)})
    binary = [(120, 1000, 100, 1000), (1200, 10000, 1000, 10000), (0, 10, 0, 10), (10, 10, 0, 10), (1, 1, 1, 1),
              (0, 0, 0, 0), (3, 150, 9, 160), (5000, 5000, 4990, 5000), (37, 400, 52, 410)]
    for xt, nt, xc, nc in binary:
        for method, planned in [("fixed", 5000), ("sequential", 5000), ("sequential", 20000)]:
            rows.append({"treatment": {"n": nt, "sum": xt, "sumSq": xt}, "control": {"n": nc, "sum": xc, "sumSq": xc},
                         "binary": True, "method": method, "plannedN": planned,
                         "expected": agresti_caffo(xt, nt, xc, nc, method, planned)})
    return rows


def half_widths():
    rows = []
    for alpha in [0.05, 0.01, 0.1]:
        for planned in [1000, 5000, 100000]:
            for n in [10, 100, 1000, 5000, 20000, 1000000]:
                for s2 in [0.09, 1.0, 250.0]:
                    rows.append({"s2": s2, "n": n, "alpha": alpha, "plannedN": planned, "rho": rho(alpha, planned),
                                 "halfWidth": cs_half_width(s2, n, alpha, planned)})
    return rows


def visitors_needed():
    """Fixed-horizon sample size per group: (z(1-a/2) + z(power))^2 (vC + vT) / effect^2, rounded up."""
    rows = []
    for x, n, effect in [(100, 1000, 0.02), (50, 1000, 0.01), (500, 1000, 0.05), (990, 1000, 0.02), (0, 500, 0.02)]:
        p = (x + 1) / (n + 2)
        q = p + effect if p + effect <= 1 else p - effect
        z = stats.norm.ppf(1 - ALPHA / 2) + stats.norm.ppf(0.8)
        rows.append({"control": {"n": n, "sum": x, "sumSq": x}, "binary": True, "effect": effect,
                     "fixed": math.ceil(z * z * (p * (1 - p) + q * (1 - q)) / effect**2)})
    return rows


def main():
    out = {
        "generatedBy": "scripts/stats-reference.py",
        "scipy": scipy.__version__,
        "python": sys.version.split()[0],
        "normalCdf": normal_cdf(),
        "normalQuantile": normal_ppf(),
        "chi2Sf": chi2_sf(),
        "studentT": student_t(),
        "incompleteBeta": incomplete_beta(),
        "srm": srm(),
        "adjustments": adjustments(),
        "sequentialHalfWidth": half_widths(),
        "comparisons": comparisons(),
        "visitorsNeededFixed": visitors_needed(),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "shared", "test", "stats", "reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    # Formatted as `npm run check` expects, so a rerun with the same scipy leaves the committed file unchanged.
    subprocess.run(["npx", "prettier", "--write", "--log-level", "warn", path], check=True)
    print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
