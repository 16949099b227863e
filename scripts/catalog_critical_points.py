#!/usr/bin/env python3
"""Reference data for Descent's catalog of test functions.

Produces
  Tests/DescentCoreTests/Fixtures/catalog_reference.json
  Sources/DescentCore/Catalog/CatalogCriticalPoints.generated.swift

from the sympy transcriptions of the published formulas in scripts/catalog_functions.py
(MGH 1981 and the Virtual Library of Simulation Experiments), never from the Swift code.

Critical points (every function of 1 or 2 variables, and the n = 2 instance of every N-D
function; 3-D and 4-D functions get the points a multi-start search finds, not claimed
complete):
  1. symbolic gradient and Hessian (sympy), lambdified to numpy;
  2. vectorised Newton from a dense grid of starts over the plot window (GRID² starts for
     2-D), plus scipy.optimize.root (hybr, exact Jacobian) from a coarser grid;
  3. candidates with a small gradient are deduplicated and refined with mpmath.findroot at
     50 digits (falling back to an exact check of nearby rationals where the Jacobian is
     singular, e.g. the monkey saddle's origin);
  4. points inside the window are kept and classified by the Hessian's eigenvalues at 50
     digits: degenerate when min|λ| <= 1e-25 * max(1, max|λ|); otherwise by signs;
  5. the search is repeated on a grid twice as fine; the two sets must agree (evidence the
     list is complete), and counts are checked against the literature.

Sample values: 10 seeded points per function (N-D at n = 2 and 5) uniform in the window;
values of the published formula at those exact doubles, computed at 40 digits, and of the
grammar formula string parsed independently by sympy (must agree to 1e-25 relative).

Run:  python3 scripts/catalog_critical_points.py              (about 20 minutes on 2 busy
      cores; Lévi N.13, Rastrigin and Ackley dominate)
      python3 scripts/catalog_critical_points.py --swift-only  (rewrites the Swift file
      from the committed fixture)
"""

import json
import math
import os
import sys
import time
from fractions import Fraction

import mpmath as mp
import numpy as np
import sympy as sp
from scipy.optimize import root

sys.path.insert(0, os.path.dirname(__file__))
from catalog_functions import FIXED, ND, nd_symbols  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "Tests/DescentCoreTests/Fixtures/catalog_reference.json")
GENERATED = os.path.join(ROOT, "Sources/DescentCore/Catalog/CatalogCriticalPoints.generated.swift")

mp.mp.dps = 50
DEGENERATE_RELATIVE = mp.mpf("1e-25")

# Functions with no minimum at all.
UNBOUNDED_BELOW = {"saddle", "monkey-saddle"}

# Literature counts of critical points in the window (1-D/2-D), checked below.
EXPECTED_COUNTS = {
    "himmelblau": {"minimum": 4, "maximum": 1, "saddle": 4},
    "six-hump-camel": {"minimum": 6, "maximum": 2, "saddle": 7},
    "goldstein-price": {"minimum": 4, "maximum": 1, "saddle": 4},
    "double-well": {"minimum": 2, "maximum": 1},
    "monkey-saddle": {"degenerate": 1},
    "beale": {"minimum": 1, "saddle": 2},  # (3, 0.5) minimum, (0, 1) and (0.1005, -2.6445) saddles
    "freudenstein-roth": {"minimum": 2, "saddle": 1},
    "dixon-price": {"minimum": 2, "saddle": 1},
    "styblinski-tang": {"minimum": 4, "maximum": 1, "saddle": 4},
    "rosenbrock": {"minimum": 1},
}


# Published points that must be among those found (position to 1e-4, kind).
KNOWN_POINTS = {
    "himmelblau": [((3, 2), "minimum"), ((-2.805118, 3.131312), "minimum"), ((-3.779310, -3.283186), "minimum"),
                   ((3.584428, -1.848126), "minimum"), ((-0.270845, -0.923039), "maximum")],
    "beale": [((3, 0.5), "minimum"), ((0, 1), "saddle")],
    "goldstein-price": [((0, -1), "minimum")],
    "six-hump-camel": [((0.0898, -0.7126), "minimum"), ((-0.0898, 0.7126), "minimum")],
    "branin": [((-math.pi, 12.275), "minimum"), ((math.pi, 2.275), "minimum"), ((9.42478, 2.475), "minimum")],
    "mccormick": [((-0.54719, -1.54719), "minimum")],
    "freudenstein-roth": [((5, 4), "minimum"), ((11.4128, -0.896805), "minimum")],
    "powell-badly-scaled": [((1.098159e-5, 9.106146), "minimum")],
    "brown-badly-scaled": [((1e6, 2e-6), "minimum")],
    "easom": [((math.pi, math.pi), "minimum")],
    "levi-13": [((1, 1), "minimum")],
    "double-well": [((math.sqrt(2),), "minimum"), ((-math.sqrt(2),), "minimum"), ((0,), "maximum")],
    "monkey-saddle": [((0, 0), "degenerate")],
}


# --- parsing Descent's grammar with sympy (independent of the Swift parser) ---------------

def parse_grammar(text, variables):
    names = {str(v): v for v in variables}
    names.update({
        "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "asin": sp.asin, "acos": sp.acos, "atan": sp.atan,
        "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt,
        "abs": sp.Abs, "min": sp.Min, "max": sp.Max, "pi": sp.pi, "e": sp.E,
        "sigmoid": lambda t: 1 / (1 + sp.exp(-t)), "softplus": lambda t: sp.log(1 + sp.exp(t)),
    })
    from sympy.parsing.sympy_parser import parse_expr
    import re
    # decimal literals are exact: 0.26 means 26/100, as in the paper
    exact = re.sub(r"(?<![A-Za-z0-9_.])(\d+\.\d*(?:e[+-]?\d+)?|\d+e[+-]?\d+)", r'Rational("\1")', text)
    return parse_expr(exact.replace("^", "**"), local_dict=names, global_dict={"Integer": sp.Integer,
                      "Float": sp.Float, "Rational": sp.Rational, "Symbol": sp.Symbol}, evaluate=True)


def fmt(v):
    """A double written with 17 significant digits (round-trips exactly)."""
    v = float(v)
    if v == 0:
        return 0.0
    return float(f"{v:.17g}")


def swift_double(v):
    v = float(v)
    s = f"{v:.17g}"
    if "e" not in s and "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s


# --- critical points --------------------------------------------------------------------

class Problem:
    def __init__(self, name, variables, expr, window):
        self.name = name
        self.vars = list(variables)
        self.expr = expr
        self.window = [(float(a), float(b)) for a, b in window]
        self.grad = [sp.diff(expr, v) for v in self.vars]
        self.hess = [[sp.diff(g, v) for v in self.vars] for g in self.grad]
        self.n = len(self.vars)
        self.f_np = sp.lambdify(self.vars, expr, "numpy")
        self.g_np = sp.lambdify(self.vars, self.grad, "numpy")
        self.h_np = sp.lambdify(self.vars, self.hess, "numpy")
        self.f_mp = sp.lambdify(self.vars, expr, "mpmath")
        self.g_mp = sp.lambdify(self.vars, self.grad, "mpmath")
        self.h_mp = sp.lambdify(self.vars, self.hess, "mpmath")

    def inside(self, p, slack=1e-9):
        return all(lo - slack * (hi - lo) <= float(c) <= hi + slack * (hi - lo)
                   for c, (lo, hi) in zip(p, self.window))

    def scale(self):
        return [hi - lo for lo, hi in self.window]


def newton_batch(prob, starts, iterations=80):
    """Pure Newton from every start at once (converges to minima, maxima and saddles)."""
    x = starts.copy()
    n = prob.n
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            g = np.array(np.broadcast_arrays(*prob.g_np(*x.T)), dtype=float).T
            h = np.array([[np.broadcast_to(prob.h_np(*x.T)[i][j], x.shape[0]) for j in range(n)]
                          for i in range(n)], dtype=float)
            h = np.moveaxis(h, (0, 1), (1, 2))
            ok = np.isfinite(h).all(axis=(1, 2)) & np.isfinite(g).all(axis=1)
            det_ok = np.abs(np.linalg.det(np.where(ok[:, None, None], h, np.eye(n)))) > 1e-300
            step = np.zeros_like(x)
            good = ok & det_ok
            if good.any():
                step[good] = np.linalg.solve(h[good], g[good][..., None])[..., 0]
            x = np.where(good[:, None], x - step, np.nan)
        g = np.array(np.broadcast_arrays(*prob.g_np(*x.T)), dtype=float).T
    return x, g


# Extra starts where a uniform grid cannot resolve the geometry: Powell's badly scaled
# function has its zeros at a coordinate of 1.1e-5, far below any grid spacing.
def extra_starts(name):
    if name == "powell-badly-scaled":
        small = np.concatenate([-np.logspace(-8, 0, 60), np.logspace(-8, 1, 80)])
        wide = np.linspace(-1, 10, 80)
        a, b = np.meshgrid(small, wide, indexing="ij")
        s = np.stack([a.ravel(), b.ravel()], axis=1)
        return np.concatenate([s, s[:, ::-1]])
    return None


def candidates(prob, grid):
    axes = [np.linspace(lo, hi, grid if prob.n <= 2 else max(4, grid)) for lo, hi in prob.window]
    if prob.n <= 2:
        mesh = np.meshgrid(*axes, indexing="ij")
        starts = np.stack([m.ravel() for m in mesh], axis=1)
        # jitter so no start sits exactly on a symmetry line
        starts = starts + 1e-7 * np.array(prob.scale())
        more = extra_starts(prob.name)
        if more is not None:
            starts = np.concatenate([starts, more])
    else:
        rng = np.random.default_rng(7)
        lo = np.array([w[0] for w in prob.window])
        hi = np.array([w[1] for w in prob.window])
        starts = lo + (hi - lo) * rng.random((grid ** 2, prob.n))
    x, g = newton_batch(prob, starts)
    found = []
    fin = np.isfinite(x).all(axis=1) & np.isfinite(g).all(axis=1)
    gn = np.linalg.norm(g, axis=1)
    for p, ok, norm in zip(x, fin, gn):
        if ok and norm < 1e-6 * (1 + abs(prob.f_np(*p))) and prob.inside(p, 1e-3):
            found.append(p)
    # scipy.optimize.root from a coarser grid (a second, independent solver)
    coarse = starts[:: max(1, len(starts) // 400)]
    for s in coarse:
        with np.errstate(all="ignore"):
            r = root(lambda v: np.array(prob.g_np(*v), dtype=float), s,
                     jac=lambda v: np.array(prob.h_np(*v), dtype=float), method="hybr")
        if r.success and np.all(np.isfinite(r.x)) and prob.inside(r.x, 1e-3):
            found.append(r.x)
    return dedupe(prob, found)


def dedupe(prob, points, rel=1e-6):
    scale = np.array(prob.scale())
    out = []
    for p in points:
        if not any(np.all(np.abs((np.asarray(p, float) - np.asarray(q, float)) / scale) < rel) for q in out):
            out.append(np.asarray(p, float))
    return out


def refine(prob, p):
    """Newton's method on the gradient at 60 digits (mpmath LU solves)."""
    with mp.workdps(60):
        r = mp.matrix([mp.mpf(float(c)) for c in p])
        try:
            for _ in range(200):
                g = mp.matrix(prob.g_mp(*r))
                h = mp.matrix(prob.h_mp(*r))
                step = mp.lu_solve(h, g)
                r = r - step
                if mp.norm(step) <= mp.mpf(10) ** -55 * max(1, mp.norm(r)):
                    break
            r = [r[i] for i in range(prob.n)]
            if max(abs(v) for v in prob.g_mp(*r)) < mp.mpf(10) ** -40 * (1 + abs(prob.f_mp(*r))):
                return snap(prob, r)
        except (ZeroDivisionError, ValueError, TypeError):
            pass
    # Degenerate points: Newton converges only linearly. Try small rationals nearby.
    exact = [sp.Rational(Fraction(float(c)).limit_denominator(1000)) for c in p]
    subs = dict(zip(prob.vars, exact))
    if all(sp.simplify(g.subs(subs)) == 0 for g in prob.grad):
        return [mp.mpf(sp.Rational(v).p) / mp.mpf(sp.Rational(v).q) for v in exact]
    raise RuntimeError(f"{prob.name}: could not refine critical point near {list(p)}")


def snap(prob, r):
    """Replaces coordinates within 1e-40 of a small rational (0, -0.6, ...) by it exactly."""
    out = []
    for c in r:
        q = Fraction(float(c)).limit_denominator(10**7)
        exact = mp.mpf(q.numerator) / q.denominator
        out.append(exact if abs(c - exact) < mp.mpf(10) ** -40 else c)
    if out != r and max(abs(v) for v in prob.g_mp(*out)) > mp.mpf(10) ** -40:
        return r
    return out


def classify(prob, r):
    h = mp.matrix(prob.h_mp(*r)) if prob.n > 1 else mp.matrix([[prob.h_mp(*r)[0][0]]])
    eig = mp.eigsy(h, eigvals_only=True) if prob.n > 1 else [h[0, 0]]
    eig = sorted([mp.mpf(e) for e in eig])
    big = max(1, max(abs(e) for e in eig))
    if min(abs(e) for e in eig) <= DEGENERATE_RELATIVE * big:
        kind = "degenerate"
    elif all(e > 0 for e in eig):
        kind = "minimum"
    elif all(e < 0 for e in eig):
        kind = "maximum"
    else:
        kind = "saddle"
    return kind, eig


def critical_points(prob, grid, extra=()):
    pts = []
    for c in candidates(prob, grid):
        try:
            r = refine(prob, c)
        except RuntimeError as err:
            print("   ", err)
            continue
        if prob.inside(r):
            pts.append(r)
    pts.extend(extra)
    uniq = []
    for r in pts:
        if not any(all(abs(a - b) <= mp.mpf(10) ** -20 * max(1, abs(b)) for a, b in zip(r, q)) for q in uniq):
            uniq.append(r)
    result = []
    for r in uniq:
        if any(r is e for e in extra):
            kind, eig = "minimum", []  # a non-differentiable point supplied by the caller
        else:
            kind, eig = classify(prob, r)
        value = prob.f_mp(*r)
        if abs(value) < mp.mpf(10) ** -45:
            value = mp.mpf(0)  # an exact zero, computed to 50 digits
        result.append({"x": r, "value": value, "kind": kind, "eigenvalues": eig})
    result.sort(key=lambda c: [float(v) for v in c["x"]])
    return result


def polynomial_count(prob):
    """For polynomial gradients: the number of real solutions in the window, from the
    resultant (an exact elimination, independent of the multi-start search)."""
    if prob.n != 2 or not all(g.is_polynomial(*prob.vars) for g in prob.grad):
        return None
    gx, gy = [sp.Poly(sp.expand(g), *prob.vars) for g in prob.grad]
    xv, yv = prob.vars
    res = sp.Poly(sp.resultant(gx.as_expr(), gy.as_expr(), yv), xv)
    if res.is_zero:
        return None
    (xlo, xhi), (ylo, yhi) = prob.window
    count = 0
    for xr in set(sp.Poly(res, xv).sqf_part().real_roots()):
        if not (xlo <= float(xr) <= xhi):
            continue
        xval = sp.Float(sp.N(xr, 40), 40)
        # roots in y of whichever gradient component is not identically zero at this x
        first, other = prob.grad[1], prob.grad[0]
        if sp.Poly(sp.expand(first.subs(xv, xr)), yv).is_zero:
            first, other = other, first
        ys = sp.Poly(sp.expand(first.subs(xv, xval)), yv).nroots(n=30, maxsteps=200)
        for yr in set(ys):
            if abs(sp.im(yr)) > 1e-15 or not (ylo <= float(sp.re(yr)) <= yhi):
                continue
            if abs(sp.N(other.subs({xv: xval, yv: sp.re(yr)}), 30)) < 1e-8 * (1 + abs(float(prob.f_np(float(xval), float(sp.re(yr)))))):
                count += 1
    return count


# --- main -------------------------------------------------------------------------------

def sample_points(window, count, seed):
    rng = np.random.default_rng(seed)
    lo = np.array([w[0] for w in window], float)
    hi = np.array([w[1] for w in window], float)
    return [list(map(float, lo + (hi - lo) * rng.random(len(window)))) for _ in range(count)]


def main():
    t0 = time.time()
    fixture = {"generatedBy": "scripts/catalog_critical_points.py",
               "degenerateTolerance": "min|eigenvalue| <= 1e-25 * max(1, max|eigenvalue|) at 50 digits",
               "functions": {}}
    problems = []  # (name, dimension, Problem, kind)
    for name, (variables, expr, text, window, fstar) in FIXED.items():
        problems.append((name, len(variables), Problem(name, variables, expr, window), text, fstar, "fixed"))
    for name, (expr_of, text_of, win_of) in ND.items():
        for n in (2, 5):
            v = nd_symbols(n)
            problems.append((name, n, Problem(name, v, expr_of(v), [win_of(n)] * n), text_of(n), None, "nd"))

    seed = 20240
    for name, n, prob, text, fstar, family in problems:
        entry = fixture["functions"].setdefault(name, {"family": family, "instances": {}})
        inst = {"dimension": n, "formula": text, "window": [list(w) for w in prob.window]}
        # formula string vs published expression
        parsed = parse_grammar(text, prob.vars)
        parsed_mp = sp.lambdify(prob.vars, parsed, "mpmath")
        samples = []
        seed += 1
        for p in sample_points(prob.window, 10, seed):
            mpp = [mp.mpf(c) for c in p]
            with mp.workdps(40):
                value = prob.f_mp(*mpp)
                check = parsed_mp(*mpp)
            if abs(value - check) > mp.mpf(10) ** -25 * max(1, abs(value)):
                raise SystemExit(f"{name} n={n}: grammar string disagrees with the published formula at {p}")
            samples.append({"x": p, "value": fmt(value)})
        inst["samples"] = samples
        # critical points
        if n <= 2 and not (family == "nd" and n != 2):
            t1 = time.time()
            grid = {"levi-13": 160, "rastrigin": 120, "ackley": 120, "easom": 120}.get(name, 100)
            if n == 1:
                grid = 400
            extra = []
            if name == "ackley":
                extra = [[mp.mpf(0), mp.mpf(0)]]
            cps = critical_points(prob, grid, extra)
            fine = critical_points(prob, 2 * grid - 1 if n == 2 else grid * 4, extra)
            if len(fine) != len(cps):
                print(f"  WARNING {name}: {len(cps)} points on grid {grid}, {len(fine)} on the finer grid")
                cps = fine if len(fine) > len(cps) else cps
            if name == "ackley":
                for c in cps:
                    if all(v == 0 for v in c["x"]):
                        c["kind"] = "minimum"  # non-differentiable cone point (see Ackley.swift)
                        c["eigenvalues"] = []
            exact = polynomial_count(prob)
            if exact is not None and exact != len(cps):
                raise SystemExit(f"{name}: resultant says {exact} critical points, search found {len(cps)}")
            counts = {}
            for c in cps:
                counts[c["kind"]] = counts.get(c["kind"], 0) + 1
            exp = EXPECTED_COUNTS.get(name)
            if exp is not None and counts != exp:
                raise SystemExit(f"{name}: found {counts}, literature says {exp}")
            for point, kind in KNOWN_POINTS.get(name, []):
                if not any(c["kind"] == kind and all(abs(float(a) - b) < 1e-4 * max(1, abs(b))
                                                     for a, b in zip(c["x"], point)) for c in cps):
                    raise SystemExit(f"{name}: the published {kind} at {point} was not found")
            print(f"{name:24s} n={n} critical points {len(cps):4d} {counts}  ({time.time() - t1:.1f}s)")
            inst["criticalPoints"] = [
                {"x": [fmt(v) for v in c["x"]], "value": fmt(c["value"]), "kind": c["kind"],
                 "eigenvalues": [fmt(e) for e in c["eigenvalues"]]} for c in cps]
            inst["criticalPointsComplete"] = True
            if name not in UNBOUNDED_BELOW:
                minima = [c for c in cps if c["kind"] in ("minimum", "degenerate")]
                best = min(c["value"] for c in minima)
                if fstar is not None and abs(best - fstar) > 1e-12 * max(1, abs(fstar)):
                    raise SystemExit(f"{name}: lowest minimum {best}, literature f* = {fstar}")
                inst["globalMinima"] = [
                    {"x": [fmt(v) for v in c["x"]], "value": fmt(c["value"]), "kind": c["kind"]}
                    for c in minima if abs(c["value"] - best) <= mp.mpf(10) ** -20 * max(1, abs(best))]
        entry["instances"][str(n)] = inst
    global_minima_nd(fixture)
    global_minima_fixed_high(fixture)
    with open(FIXTURE, "w") as fh:
        json.dump(fixture, fh, indent=1)
        fh.write("\n")
    write_swift(fixture)
    print(f"done in {time.time() - t0:.0f}s")


def global_minima_nd(fixture):
    """Global minima of the N-D functions at n = 2 and 5, from their published formulas."""
    t = mp.findroot(lambda s: 4 * s**3 - 32 * s + 5, -2.9)  # Styblinski-Tang: d/dt (t^4-16t^2+5t) = 0
    phi = (t**4 - 16 * t**2 + 5 * t) / 2
    for n in (2, 5):
        def put(name, points, value, kind="minimum"):
            inst = fixture["functions"][name]["instances"][str(n)]
            inst.setdefault("globalMinimaFormula", [
                {"x": [fmt(v) for v in p], "value": fmt(value), "kind": kind} for p in points])
        put("rosenbrock", [[1] * n], 0)
        put("sphere", [[0] * n], 0)
        put("rastrigin", [[0] * n], 0)
        put("ackley", [[0] * n], 0)
        put("zakharov", [[0] * n], 0)
        put("styblinski-tang", [[t] * n], n * phi)
        # Dixon-Price: x_i = 2^(-(2^i - 2)/2^i); x_2..x_(n-1) must be >= 0, x_n's sign is free.
        xs = [mp.mpf(2) ** (-(mp.mpf(2) ** i - 2) / mp.mpf(2) ** i) for i in range(1, n + 1)]
        put("dixon-price", [xs, xs[:-1] + [-xs[-1]]], 0)
        put("trid", [[i * (n + 1 - i) for i in range(1, n + 1)]], -n * (n + 4) * (n - 1) / mp.mpf(6))
        for name in ("rosenbrock", "sphere", "rastrigin", "ackley", "zakharov", "styblinski-tang",
                     "dixon-price", "trid"):
            inst = fixture["functions"][name]["instances"][str(n)]
            f = Problem(name, nd_symbols(n), ND[name][0](nd_symbols(n)), [(0, 1)] * n).f_mp
            for m in inst["globalMinimaFormula"]:
                assert abs(f(*[mp.mpf(v) for v in m["x"]]) - m["value"]) < 1e-9 * max(1, abs(m["value"])), name


def global_minima_fixed_high(fixture):
    """3-D and 4-D MGH functions: the global minimum published in MGH 1981 (f* = 0)."""
    known = {"helical-valley": [[1, 0, 0]], "wood": [[1, 1, 1, 1]], "powell-singular": [[0, 0, 0, 0]]}
    for name, points in known.items():
        variables, expr, _, window, _ = FIXED[name]
        prob = Problem(name, variables, expr, window)
        inst = fixture["functions"][name]["instances"][str(len(variables))]
        out = []
        for p in points:
            r = [mp.mpf(v) for v in p]
            assert all(g == 0 for g in prob.g_mp(*r)), name
            kind, _ = classify(prob, r)
            out.append({"x": [fmt(v) for v in r], "value": fmt(prob.f_mp(*r)), "kind": kind})
        inst["globalMinima"] = out
        inst["criticalPoints"] = [dict(o, eigenvalues=[]) for o in out]
        inst["criticalPointsComplete"] = False


def write_swift(fixture):
    kinds = {"minimum": ".minimum", "maximum": ".maximum", "saddle": ".saddle", "degenerate": ".degenerate"}
    lines = [
        "// GENERATED by scripts/catalog_critical_points.py — do not edit by hand.",
        "//",
        "// Critical points of the catalog's functions: symbolic gradients (sympy), multi-start",
        "// Newton and scipy.optimize.root over the plot window, refined with mpmath at 50 digits,",
        "// classified by the Hessian's eigenvalues (degenerate when min|λ| ≤ 1e-25·max(1, max|λ|)).",
        "// Each table is flat: per point its coordinates, its value, then its kind code",
        "// (0 minimum, 1 maximum, 2 saddle, 3 degenerate). Values are rounded to 17 digits.",
        "",
        "extension CatalogTables {",
    ]
    code = {"minimum": 0, "maximum": 1, "saddle": 2, "degenerate": 3}
    for name, entry in fixture["functions"].items():
        for n, inst in entry["instances"].items():
            if "criticalPoints" not in inst:
                continue
            ident = "".join(w.capitalize() if i else w for i, w in enumerate(name.replace("-", " ").split()))
            ident = ident.replace("13", "Thirteen")
            for key in ("criticalPoints", "globalMinima"):
                if key == "globalMinima" and entry["family"] == "nd":
                    continue  # N-D minima come from closed forms in Swift, for any n
                rows = inst.get(key)
                if rows is None:
                    continue
                label = f"{ident}{'' if key == 'criticalPoints' else 'GlobalMinima'}"
                what = ("critical point" if key == "criticalPoints" else "global minim") + (
                    ("s" if key == "criticalPoints" else "a") if len(rows) != 1 else ("" if key == "criticalPoints" else "um"))
                lines.append(f"  /// {name} (n = {n}): {len(rows)} {what}.")
                lines.append(f"  static let {label}: [Double] = [")
                for c in rows:
                    vals = [swift_double(v) for v in c["x"]] + [swift_double(c["value"]), f"{code[c['kind']]}"]
                    lines.append("    " + ", ".join(vals) + ",")
                lines.append("  ]")
    lines.append("}")
    lines.append("")
    with open(GENERATED, "w") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    if "--swift-only" in sys.argv:
        with open(FIXTURE) as fh:
            write_swift(json.load(fh))
    else:
        main()
