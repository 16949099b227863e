#!/usr/bin/env python3
"""Independent reference values for Descent's Moré–Garbow–Hillstrom problems.

Each problem is written again here, from the paper (J. J. Moré, B. S. Garbow,
K. E. Hillstrom, "Testing Unconstrained Optimization Software", ACM TOMS 7(1):17-41,
1981), as sympy residual expressions. For the standard start and three seeded points
near it, the script evaluates f = sum r_i^2, the gradient 2 J^T r and the Hessian
2 J^T J + 2 sum r_i Hess(r_i) exactly (sympy derivatives, mpmath at 40 digits) and
rounds to float64.

For every non-zero minimum value the paper prints, it also locates the minimizer
(scipy least_squares, then Newton's method in 40-digit mpmath arithmetic on the exact
gradient and Hessian) and records f* to 17 significant digits, after checking that it
agrees with the paper's printed digits (within one unit in the last place).

Output: Tests/DescentOptimizersTests/Fixtures/mgh_reference.json
Run:    python3 scripts/mgh_reference.py        (system python3: numpy, scipy, sympy, mpmath)
"""
import json
import os
import sys

import mpmath as mp
import numpy as np
import sympy as sp
from scipy.optimize import least_squares, minimize

mp.mp.dps = 40
R = sp.Rational
SEED = 20240611


def t_(i, d):
    return R(i, d)


# --- the problems, as functions (X, point) -> list of residual expressions -------------
# `point` (floats) is only used to pick a branch (helical valley's theta).

def rosenbrock(X, p):
    return [10 * (X[1] - X[0] ** 2), 1 - X[0]]


def freudenstein_roth(X, p):
    return [-13 + X[0] + ((5 - X[1]) * X[1] - 2) * X[1], -29 + X[0] + ((X[1] + 1) * X[1] - 14) * X[1]]


def powell_badly_scaled(X, p):
    return [10 ** 4 * X[0] * X[1] - 1, sp.exp(-X[0]) + sp.exp(-X[1]) - R(10001, 10000)]


def brown_badly_scaled(X, p):
    return [X[0] - 10 ** 6, X[1] - R(2, 10 ** 6), X[0] * X[1] - 2]


def beale(X, p):
    y = [R(3, 2), R(9, 4), R(21, 8)]
    return [y[i - 1] - X[0] * (1 - X[1] ** i) for i in (1, 2, 3)]


def jennrich_sampson(X, p):
    return [2 + 2 * i - (sp.exp(i * X[0]) + sp.exp(i * X[1])) for i in range(1, 11)]


def helical_valley(X, p):
    theta = sp.atan(X[1] / X[0]) / (2 * sp.pi)
    if p[0] < 0:
        theta += R(1, 2)
    return [10 * (X[2] - 10 * theta), 10 * (sp.sqrt(X[0] ** 2 + X[1] ** 2) - 1), X[2]]


BARD_Y = ["0.14", "0.18", "0.22", "0.25", "0.29", "0.32", "0.35", "0.39", "0.37", "0.58", "0.73", "0.96", "1.34", "2.10", "4.39"]


def bard(X, p):
    out = []
    for i in range(1, 16):
        u, v = i, 16 - i
        w = min(u, v)
        out.append(sp.Rational(BARD_Y[i - 1]) - (X[0] + u / (v * X[1] + w * X[2])))
    return out


GAUSS_Y = ["0.0009", "0.0044", "0.0175", "0.0540", "0.1295", "0.2420", "0.3521", "0.3989", "0.3521", "0.2420", "0.1295", "0.0540", "0.0175", "0.0044", "0.0009"]


def gaussian(X, p):
    return [X[0] * sp.exp(-X[1] * (R(8 - i, 2) - X[2]) ** 2 / 2) - sp.Rational(GAUSS_Y[i - 1]) for i in range(1, 16)]


MEYER_Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872]


def meyer(X, p):
    return [X[0] * sp.exp(X[1] / ((45 + 5 * i) + X[2])) - MEYER_Y[i - 1] for i in range(1, 17)]


def box3d(X, p):
    out = []
    for i in range(1, 11):
        t = R(i, 10)
        out.append(sp.exp(-t * X[0]) - sp.exp(-t * X[1]) - X[2] * (sp.exp(-t) - sp.exp(-10 * t)))
    return out


def powell_singular_block(x):
    return [x[0] + 10 * x[1], sp.sqrt(5) * (x[2] - x[3]), (x[1] - 2 * x[2]) ** 2, sp.sqrt(10) * (x[0] - x[3]) ** 2]


def powell_singular(X, p):
    return powell_singular_block(X)


def wood(X, p):
    return [10 * (X[1] - X[0] ** 2), 1 - X[0], sp.sqrt(90) * (X[3] - X[2] ** 2), 1 - X[2],
            sp.sqrt(10) * (X[1] + X[3] - 2), (X[1] - X[3]) / sp.sqrt(10)]


KO_Y = ["0.1957", "0.1947", "0.1735", "0.1600", "0.0844", "0.0627", "0.0456", "0.0342", "0.0323", "0.0235", "0.0246"]
KO_U = ["4", "2", "1", "0.5", "0.25", "0.167", "0.125", "0.1", "0.0833", "0.0714", "0.0625"]


def kowalik_osborne(X, p):
    out = []
    for y, u in zip(KO_Y, KO_U):
        u = sp.Rational(u)
        out.append(sp.Rational(y) - X[0] * (u ** 2 + u * X[1]) / (u ** 2 + u * X[2] + X[3]))
    return out


def brown_dennis(X, p):
    out = []
    for i in range(1, 21):
        t = R(i, 5)
        out.append((X[0] + t * X[1] - sp.exp(t)) ** 2 + (X[2] + X[3] * sp.sin(t) - sp.cos(t)) ** 2)
    return out


OSB1_Y = ["0.844", "0.908", "0.932", "0.936", "0.925", "0.908", "0.881", "0.850", "0.818", "0.784", "0.751", "0.718", "0.685", "0.658", "0.628", "0.603", "0.580", "0.558", "0.538", "0.522", "0.506", "0.490", "0.478", "0.467", "0.457", "0.448", "0.438", "0.431", "0.424", "0.420", "0.414", "0.411", "0.406"]


def osborne1(X, p):
    return [sp.Rational(OSB1_Y[i]) - (X[0] + X[1] * sp.exp(-10 * i * X[3]) + X[2] * sp.exp(-10 * i * X[4])) for i in range(33)]


def biggs_exp6(X, p):
    out = []
    for i in range(1, 14):
        t = R(i, 10)
        y = sp.exp(-t) - 5 * sp.exp(-10 * t) + 3 * sp.exp(-4 * t)
        out.append(X[2] * sp.exp(-t * X[0]) - X[3] * sp.exp(-t * X[1]) + X[5] * sp.exp(-t * X[4]) - y)
    return out


OSB2_Y = ("1.366 1.191 1.112 1.013 0.991 0.885 0.831 0.847 0.786 0.725 0.746 0.679 0.608 0.655 0.616 "
          "0.606 0.602 0.626 0.651 0.724 0.649 0.649 0.694 0.644 0.624 0.661 0.612 0.558 0.533 0.495 "
          "0.500 0.423 0.395 0.375 0.372 0.391 0.396 0.405 0.428 0.429 0.523 0.562 0.607 0.653 0.672 "
          "0.708 0.633 0.668 0.645 0.632 0.591 0.559 0.597 0.625 0.739 0.710 0.729 0.720 0.636 0.581 "
          "0.428 0.292 0.162 0.098 0.054").split()


def osborne2(X, p):
    out = []
    for i in range(65):
        t = R(i, 10)
        model = (X[0] * sp.exp(-t * X[4]) + X[1] * sp.exp(-X[5] * (t - X[8]) ** 2)
                 + X[2] * sp.exp(-X[6] * (t - X[9]) ** 2) + X[3] * sp.exp(-X[7] * (t - X[10]) ** 2))
        out.append(sp.Rational(OSB2_Y[i]) - model)
    return out


def watson(X, p):
    n = len(X)
    out = []
    for i in range(1, 30):
        t = R(i, 29)
        s1 = sum((j - 1) * X[j - 1] * t ** (j - 2) for j in range(2, n + 1))
        s2 = sum(X[j - 1] * t ** (j - 1) for j in range(1, n + 1))
        out.append(s1 - s2 ** 2 - 1)
    out.append(X[0])
    out.append(X[1] - X[0] ** 2 - 1)
    return out


def extended_rosenbrock(X, p):
    out = []
    for i in range(0, len(X), 2):
        out += [10 * (X[i + 1] - X[i] ** 2), 1 - X[i]]
    return out


def extended_powell_singular(X, p):
    out = []
    for k in range(0, len(X), 4):
        out += powell_singular_block(X[k:k + 4])
    return out


def penalty1(X, p):
    a = sp.sqrt(R(1, 10 ** 5))
    return [a * (x - 1) for x in X] + [sum(x ** 2 for x in X) - R(1, 4)]


def penalty2(X, p):
    n = len(X)
    a = sp.sqrt(R(1, 10 ** 5))
    out = [X[0] - R(1, 5)]
    for i in range(2, n + 1):
        y = sp.exp(R(i, 10)) + sp.exp(R(i - 1, 10))
        out.append(a * (sp.exp(X[i - 1] / 10) + sp.exp(X[i - 2] / 10) - y))
    for i in range(n + 1, 2 * n):
        out.append(a * (sp.exp(X[i - n] / 10) - sp.exp(R(-1, 10))))
    out.append(sum((n - j + 1) * X[j - 1] ** 2 for j in range(1, n + 1)) - 1)
    return out


def variably_dimensioned(X, p):
    s = sum((j + 1) * (X[j] - 1) for j in range(len(X)))
    return [x - 1 for x in X] + [s, s ** 2]


def trigonometric(X, p):
    n = len(X)
    c = sum(sp.cos(x) for x in X)
    return [n - c + (i + 1) * (1 - sp.cos(X[i])) - sp.sin(X[i]) for i in range(n)]


def brown_almost_linear(X, p):
    n = len(X)
    s = sum(X)
    return [X[i] + s - (n + 1) for i in range(n - 1)] + [sp.prod(X) - 1]


def discrete_boundary_value(X, p):
    n = len(X)
    h = R(1, n + 1)
    xx = [0] + list(X) + [0]
    return [2 * xx[i] - xx[i - 1] - xx[i + 1] + h ** 2 * (xx[i] + i * h + 1) ** 3 / 2 for i in range(1, n + 1)]


def discrete_integral_equation(X, p):
    n = len(X)
    h = R(1, n + 1)
    t = [None] + [i * h for i in range(1, n + 1)]
    cube = [None] + [(X[j - 1] + t[j] + 1) ** 3 for j in range(1, n + 1)]
    out = []
    for i in range(1, n + 1):
        s1 = sum(t[j] * cube[j] for j in range(1, i + 1))
        s2 = sum((1 - t[j]) * cube[j] for j in range(i + 1, n + 1))
        out.append(X[i - 1] + h * ((1 - t[i]) * s1 + t[i] * s2) / 2)
    return out


def broyden_tridiagonal(X, p):
    n = len(X)
    xx = [0] + list(X) + [0]
    return [(3 - 2 * xx[i]) * xx[i] - xx[i - 1] - 2 * xx[i + 1] + 1 for i in range(1, n + 1)]


def broyden_banded(X, p):
    n = len(X)
    out = []
    for i in range(1, n + 1):
        s = sum(X[j - 1] * (1 + X[j - 1]) for j in range(max(1, i - 5), min(n, i + 1) + 1) if j != i)
        out.append(X[i - 1] * (2 + 5 * X[i - 1] ** 2) + 1 - s)
    return out


def linear_full_rank(X, p, m=20):
    n = len(X)
    s = sum(X)
    return [X[i] - R(2, m) * s - 1 for i in range(n)] + [-R(2, m) * s - 1 for _ in range(n, m)]


def chebyquad(X, p):
    n = len(X)
    m = n
    out = []
    for i in range(1, m + 1):
        total = 0
        for x in X:
            y = 2 * x - 1
            total += sp.chebyshevt(i, y)
        integral = 0 if i % 2 == 1 else R(-1, i * i - 1)
        out.append(total / n - integral)
    return out


def biggs_exp6_symmetric(X, p):
    """Biggs EXP6 on the manifold x1 = x5, x3 + x6 = a (X = x1, x2, a, x4), where the
    paper's local minimum 5.65565e-3 lies; f is flat along x3 - x6 there (singular
    Hessian), so f* is computed on the 4-variable reduced problem."""
    out = []
    for i in range(1, 14):
        t = R(i, 10)
        y = sp.exp(-t) - 5 * sp.exp(-10 * t) + 3 * sp.exp(-4 * t)
        out.append(X[2] * sp.exp(-t * X[0]) - X[3] * sp.exp(-t * X[1]) - y)
    return out


def alternate(n, pattern):
    return [pattern[i % len(pattern)] for i in range(n)]


def bv_start(n):
    h = 1 / (n + 1)
    return [(j * h) * (j * h - 1) for j in range(1, n + 1)]


# name, builder, n, m, start, published minima [(value, digits, start-hint for the minimizer or None)]
PROBLEMS = [
    ("rosenbrock", rosenbrock, 2, 2, [-1.2, 1], [(0, None, None)]),
    ("freudenstein-roth", freudenstein_roth, 2, 2, [0.5, -2], [(0, None, None), (48.9842, 6, [11.41, -0.8968])]),
    ("powell-badly-scaled", powell_badly_scaled, 2, 2, [0, 1], [(0, None, None)]),
    ("brown-badly-scaled", brown_badly_scaled, 2, 3, [1, 1], [(0, None, None)]),
    ("beale", beale, 2, 3, [1, 1], [(0, None, None)]),
    ("jennrich-sampson", jennrich_sampson, 2, 10, [0.3, 0.4], [(124.362, 6, [0.2578, 0.2578])]),
    ("helical-valley", helical_valley, 3, 3, [-1, 0, 0], [(0, None, None)]),
    ("bard", bard, 3, 15, [1, 1, 1], [(8.21487e-3, 6, [1, 1, 1])]),
    ("gaussian", gaussian, 3, 15, [0.4, 1, 0], [(1.12793e-8, 6, [0.4, 1, 0])]),
    ("meyer", meyer, 3, 16, [0.02, 4000, 250], [(87.9458, 6, [0.0056, 6181, 345])]),
    ("box3d", box3d, 3, 10, [0, 10, 20], [(0, None, None)]),
    ("powell-singular", powell_singular, 4, 4, [3, -1, 0, 1], [(0, None, None)]),
    ("wood", wood, 4, 6, [-3, -1, -3, -1], [(0, None, None)]),
    ("kowalik-osborne", kowalik_osborne, 4, 11, [0.25, 0.39, 0.415, 0.39], [(3.07505e-4, 6, [0.25, 0.39, 0.415, 0.39])]),
    ("brown-dennis", brown_dennis, 4, 20, [25, 5, -5, -1], [(85822.2, 6, [25, 5, -5, -1])]),
    ("osborne1", osborne1, 5, 33, [0.5, 1.5, -1, 0.01, 0.02], [(5.46489e-5, 6, [0.5, 1.5, -1, 0.01, 0.02])]),
    ("biggs-exp6", biggs_exp6, 6, 13, [1, 2, 1, 1, 1, 1], [(0, None, None), (5.65565e-3, 6, ("reduced", biggs_exp6_symmetric, 4, [1.7114, 17.6832, 2.3262, 5.1865],
                                               lambda y: [y[0], y[1], y[2] / 2, y[3], y[0], y[2] / 2]))]),
    ("osborne2", osborne2, 11, 65, [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5], [(4.01377e-2, 6, [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5])]),
    ("watson", watson, 9, 31, [0] * 9, [(1.39976e-6, 6, [0] * 9)]),
    ("extended-rosenbrock", extended_rosenbrock, 10, 10, alternate(10, [-1.2, 1]), [(0, None, None)]),
    ("extended-powell-singular", extended_powell_singular, 12, 12, alternate(12, [3, -1, 0, 1]), [(0, None, None)]),
    ("penalty1", penalty1, 10, 11, list(range(1, 11)), [(7.08765e-5, 6, list(range(1, 11)))]),
    ("penalty2", penalty2, 10, 20, [0.5] * 10, [(2.93660e-4, 6, [0.5] * 10)]),
    ("variably-dimensioned", variably_dimensioned, 10, 12, [1 - j / 10 for j in range(1, 11)], [(0, None, None)]),
    ("trigonometric", trigonometric, 10, 10, [0.1] * 10, [(0, None, None)]),
    ("brown-almost-linear", brown_almost_linear, 10, 10, [0.5] * 10, [(0, None, None), (1, None, None)]),
    ("discrete-boundary-value", discrete_boundary_value, 10, 10, bv_start(10), [(0, None, None)]),
    ("discrete-integral-equation", discrete_integral_equation, 10, 10, bv_start(10), [(0, None, None)]),
    ("broyden-tridiagonal", broyden_tridiagonal, 10, 10, [-1] * 10, [(0, None, None)]),
    ("broyden-banded", broyden_banded, 10, 10, [-1] * 10, [(0, None, None)]),
    ("linear-full-rank", linear_full_rank, 10, 20, [1] * 10, [(10, None, None)]),
    ("chebyquad", chebyquad, 8, 8, [j / 9 for j in range(1, 9)], [(3.51687e-3, 6, [j / 9 for j in range(1, 9)])]),
]


class Compiled:
    """f, gradient and Hessian of sum r_i^2, exact, evaluated with mpmath."""

    def __init__(self, builder, n, branch_point):
        self.X = sp.symbols(f"x0:{n}")
        res = builder(list(self.X), branch_point)
        self.m = len(res)
        J = [[sp.diff(r, v) for v in self.X] for r in res]
        self.r = sp.lambdify([self.X], res, "mpmath")
        self.J = sp.lambdify([self.X], J, "mpmath")
        # sum_i r_i Hess(r_i) as one matrix expression with symbols w_i for r_i
        W = sp.symbols(f"w0:{self.m}")
        S = [[sum(W[i] * sp.diff(J[i][a], self.X[b]) for i in range(self.m)) for b in range(n)] for a in range(n)]
        self.S = sp.lambdify([self.X, W], S, "mpmath")
        self.n = n

    def all(self, x):
        x = [mp.mpf(v) for v in x]
        r = self.r(x)
        J = mp.matrix(self.J(x))
        rv = mp.matrix(r)
        f = sum(v * v for v in r)
        g = 2 * (J.T * rv)
        H = 2 * (J.T * J) + 2 * mp.matrix(self.S(x, r))
        return f, g, H


def refine(c, x):
    x = mp.matrix([mp.mpf(v) for v in x])
    for _ in range(60):
        f, g, H = c.all(list(x))
        try:
            step = mp.lu_solve(H, g)
        except ZeroDivisionError:  # singular Hessian at the minimizer: keep the float64 point
            break
        x = x - step
        if mp.norm(step) < mp.mpf(10) ** -30 * (1 + mp.norm(x)):
            break
    f, g, H = c.all(list(x))
    return x, f, g


def find_minimizer(builder, n, hint, start):
    def fun(x):
        return np.array([float(v) for v in Compiled.cache.r(list(x))])

    c = Compiled.cache
    if isinstance(hint, tuple):  # minimize a reduced problem instead (see its docstring)
        _, reduced, k, x0, expand = hint
        Compiled.cache = Compiled(reduced, k, x0)
        y, f, g = find_minimizer(reduced, k, x0, x0)
        Compiled.cache = c
        x = expand(list(y))
        f_full, g_full, _ = c.all(x)  # the same point in the full problem
        assert abs(f_full - f) <= mp.mpf(10) ** -30 * f, (f_full, f)
        return x, f_full, g_full
    if hint == "bfgs":
        res = minimize(lambda x: float(c.all(x)[0]), np.array(start, float),
                       jac=lambda x: np.array([float(v) for v in c.all(x)[1]]), method="BFGS", options={"gtol": 1e-10})
        x = res.x
    else:
        x = least_squares(fun, np.array(hint, float), method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000).x
    return refine(c, x)


def main():
    rng = np.random.default_rng(SEED)
    out = {"source": "scripts/mgh_reference.py", "seed": SEED,
           "paper": "Moré, Garbow & Hillstrom, ACM TOMS 7(1):17-41, 1981", "problems": []}
    for name, builder, n, m, start, minima in PROBLEMS:
        start = [float(v) for v in start]
        points = [start]
        for _ in range(3):
            scale = 0.1 * (1 + np.abs(np.array(start)))
            points.append(list(np.array(start) + scale * rng.standard_normal(n)))
        entries = []
        for p in points:
            c = Compiled(builder, n, p)
            assert c.m == m, (name, c.m, m)
            f, g, H = c.all(p)
            entries.append({"x": [float(v) for v in p], "value": float(f), "gradient": [float(v) for v in g],
                            "hessian": [float(H[i, j]) for i in range(n) for j in range(n)]})
        Compiled.cache = Compiled(builder, n, start)
        mins = []
        for value, digits, hint in minima:
            entry = {"published": value, "significantDigits": digits}
            if value != 0 and hint is not None:
                x, f, g = find_minimizer(builder, n, hint, start)
                assert mp.norm(g) < 1e-8, (name, mp.norm(g))
                entry["gradientNormAtMinimizer"] = float(mp.norm(g))
                # The paper's digits agree with f* to within one unit in the last printed place
                # (it sometimes truncates: 48.98425... is printed 48.9842).
                unit = 10.0 ** (int(np.floor(np.log10(abs(value)))) - digits + 1)
                assert abs(float(f) - value) <= unit, (name, mp.nstr(f, 20), value)
                entry["value"] = float(f)
                entry["minimizer"] = [float(v) for v in x]
            else:
                entry["value"] = float(value)
            mins.append(entry)
            print(f"{name:28s} f* = {entry['value']!r:24} (paper {value})", file=sys.stderr)
        out["problems"].append({"name": name, "n": n, "m": m, "start": start, "points": entries, "minima": mins})
    path = os.path.join(os.path.dirname(__file__), "..", "Tests", "DescentOptimizersTests", "Fixtures", "mgh_reference.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(path), file=sys.stderr)


if __name__ == "__main__":
    main()
