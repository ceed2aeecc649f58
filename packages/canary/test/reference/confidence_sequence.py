"""Independent computation of the beta-binomial mixture confidence sequence (Howard, Ramdas, McAuliffe and
Sekhon, Annals of Statistics 2021, section 3; Robbins 1970) with SciPy, for packages/canary/test/sequential.test.ts.

Reads JSON cases from stdin: [{"x", "n", "alpha", "a", "b", "p0"}], writes for each the log of the mixture's
likelihood ratio against p0, log M = ln B(a + x, b + n - x) - ln B(a, b) - x ln p0 - (n - x) ln(1 - p0), and the
interval {p : log M(p) < ln(1/alpha)}, its ends found by Brent's method. Nothing is shared with the TypeScript.
"""
import json
import math
import sys

from scipy.optimize import brentq
from scipy.special import betaln, xlog1py, xlogy


def log_ratio(x, n, p, a, b):
    return betaln(a + x, b + n - x) - betaln(a, b) - xlogy(x, p) - xlog1py(n - x, -p)


def bounds(x, n, alpha, a, b):
    level = math.log(1 / alpha)
    estimate = x / n
    f = lambda p: log_ratio(x, n, p, a, b) - level
    lower = 0.0 if x == 0 or f(1e-300) < 0 else brentq(f, 1e-300, estimate, xtol=1e-15, rtol=1e-13)
    upper = 1.0 if x == n or f(1 - 1e-16) < 0 else brentq(f, estimate, 1 - 1e-16, xtol=1e-15, rtol=1e-13)
    return lower, upper


out = []
for case in json.load(sys.stdin):
    lower, upper = bounds(case["x"], case["n"], case["alpha"], case["a"], case["b"])
    out.append({"logRatio": float(log_ratio(case["x"], case["n"], case["p0"], case["a"], case["b"])), "lower": lower, "upper": upper})
json.dump(out, sys.stdout)
