#!/usr/bin/env python3
"""Every critical point of the classic 2-D polynomial test functions in a box, by algebra.

Independent of Descent's multi-start Newton search: the gradient system ∇f = 0 is reduced to
one polynomial by the resultant R(x) = res_y(f_x, f_y) (sympy); the real roots of its
square-free part are found with
mpmath at 60 digits; y follows from the univariate polynomials f_x(x0, y), f_y(x0, y); each
candidate is polished by Newton at 60 digits, checked (|∇f| < 1e-40), deduplicated, and
classified by the eigenvalues of the exact Hessian (sympy). Writes
Tests/DescentAnalysisTests/Fixtures/critical_points_reference.json.

Usage: python3 scripts/critical_points_reference.py
"""
import json
import os

import mpmath as mp
import sympy as sp

mp.mp.dps = 60
x, y = sp.symbols("x y", real=True)

FUNCTIONS = {
    "himmelblau": ((x**2 + y - 11)**2 + (x + y**2 - 7)**2, [(-5, 5), (-5, 5)]),
    "six-hump-camel": ((4 - sp.Rational(21, 10) * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2,
                       [(-3, 3), (-2, 2)]),
    "goldstein-price": ((1 + (x + y + 1)**2 * (19 - 14 * x + 3 * x**2 - 14 * y + 6 * x * y + 3 * y**2))
                        * (30 + (2 * x - 3 * y)**2 * (18 - 32 * x + 12 * x**2 + 48 * y - 36 * x * y + 27 * y**2)),
                        [(-2, 2), (-2, 2)]),
    "beale": ((sp.Rational(3, 2) - x + x * y)**2 + (sp.Rational(9, 4) - x + x * y**2)**2
              + (sp.Rational(21, 8) - x + x * y**3)**2, [(-4.5, 4.5), (-4.5, 4.5)]),
    "freudenstein-roth": ((-13 + x + ((5 - y) * y - 2) * y)**2 + (-29 + x + ((y + 1) * y - 14) * y)**2,
                          [(-10, 30), (-3, 6)]),
}


def real_roots(poly_expr, var):
    p = sp.Poly(sp.expand(poly_expr), var)
    if p.degree() <= 0:
        return None  # identically zero (or constant)
    if all(c.is_Rational for c in p.all_coeffs()):
        p = p.sqf_part()  # multiple roots (Beale's x = 0) slow polyroots down
        if p.degree() <= 0:
            return []
    coeffs = [mp.mpf(sp.Rational(c).p) / mp.mpf(sp.Rational(c).q) for c in p.all_coeffs()]
    roots = mp.polyroots(coeffs, maxsteps=2000, extraprec=800)
    return [mp.re(r) for r in roots if abs(mp.im(r)) < mp.mpf(10)**-20]


def critical_points(f, box):
    fx, fy = sp.diff(f, x), sp.diff(f, y)
    hessian = sp.hessian(f, (x, y))
    grad_fn = sp.lambdify((x, y), [fx, fy], "mpmath")
    hess_fn = sp.lambdify((x, y), hessian, "mpmath")
    f_fn = sp.lambdify((x, y), f, "mpmath")
    resultant = sp.resultant(sp.expand(fx), sp.expand(fy), y)
    xs = real_roots(resultant, x)
    (xlo, xhi), (ylo, yhi) = box
    diag = mp.sqrt((xhi - xlo)**2 + (yhi - ylo)**2)
    found = []
    for x0 in xs:
        if not (xlo - 1e-9 <= x0 <= xhi + 1e-9):
            continue
        candidates = []
        for g in (fx, fy):
            ys = real_roots(g.subs(x, sp.Float(x0, 60)), y)
            if ys is not None:
                candidates += ys
        for y0 in candidates:
            p = mp.matrix([x0, y0])
            for _ in range(60):  # Newton polish at 60 digits
                g = mp.matrix(grad_fn(p[0], p[1]))
                h = mp.matrix(hess_fn(p[0], p[1]))
                try:
                    step = mp.lu_solve(h, g)
                except ZeroDivisionError:
                    break
                p = p - step
                if mp.norm(step) < mp.mpf(10)**-50:
                    break
            g = mp.matrix(grad_fn(p[0], p[1]))
            if mp.norm(g) > mp.mpf(10)**-40:
                continue
            if not (xlo <= p[0] <= xhi and ylo <= p[1] <= yhi):
                continue
            if any(mp.norm(p - q) < 1e-12 * diag for q, _ in found):
                continue
            h = mp.matrix(hess_fn(p[0], p[1]))
            ev = sorted(mp.eigsy(h)[0])
            found.append((p, ev))
    out = []
    for p, ev in found:
        if ev[0] > 0:
            kind = "minimum"
        elif ev[-1] < 0:
            kind = "maximum"
        elif ev[0] < 0 < ev[-1]:
            kind = "saddle"
        else:
            kind = "degenerate"
        out.append({"x": [float(p[0]), float(p[1])], "value": float(f_fn(p[0], p[1])),
                    "kind": kind, "eigenvalues": [float(e) for e in ev]})
    out.sort(key=lambda c: (c["value"], c["x"]))
    return out


cases = []
for name, (f, box) in FUNCTIONS.items():
    points = critical_points(f, box)
    kinds = {k: sum(1 for p in points if p["kind"] == k) for k in ("minimum", "saddle", "maximum", "degenerate")}
    print(name, len(points), kinds)
    cases.append({"name": name, "region": [list(map(float, b)) for b in box], "points": points})

path = os.path.join(os.path.dirname(__file__), "..", "Tests", "DescentAnalysisTests", "Fixtures",
                    "critical_points_reference.json")
with open(path, "w") as fh:
    json.dump({"source": "sympy resultants + mpmath (60 digits); scripts/critical_points_reference.py, sympy "
               + sp.__version__ + ", mpmath " + mp.__version__, "functions": cases}, fh, indent=1)
print("wrote", os.path.normpath(path))
