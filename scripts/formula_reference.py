#!/usr/bin/env python3
"""Golden values for the formula language: value, gradient and Hessian computed by sympy.

Each formula is translated to sympy (``^`` → ``**``; sigmoid, softplus, sign, min, max,
abs, pi and e mapped to their sympy definitions), differentiated symbolically, and
evaluated at a fixed point with 40-digit arithmetic, then rounded to the nearest double.
Points avoid kinks and ties, so every derivative is the classical one.

Run:  python3 scripts/formula_reference.py
Writes Tests/DescentCoreTests/Fixtures/formula_reference.json (tests never run Python).
"""
import json
import os
import re

import sympy as sp

# (formula, point) — the point lists coordinates in parameter order (x, y, z first, then
# the other names alphabetically, digit suffixes numerically).
CASES = [
    ("0.5*x^2 + 10*y^2", [1.8, 0.5]),
    ("(x^2+y-11)^2+(x+y^2-7)^2", [-0.27, -0.92]),
    ("sin(x)*cos(y) + 0.1*(x^2+y^2)", [0.7, -1.3]),
    ("log(1+exp(x-2*y))", [0.3, -0.4]),
    ("100*(y-x^2)^2+(1-x)^2", [-1.2, 1.0]),
    ("tan(x*y) + atan(x - y)", [0.3, 0.8]),
    ("asin(x/2) + acos(y/3)", [0.6, -1.1]),
    ("sinh(x)*cosh(y) - tanh(x*y)", [0.4, -0.7]),
    ("exp(-x^2 - y^2)*sqrt(1 + x^2*y^2)", [0.35, -0.8]),
    ("x^y + y^x", [1.7, 2.3]),
    ("abs(x - 1)^3 + abs(y)*x", [0.2, -0.6]),
    ("min(x^2, y) + max(x*y, 1)", [1.2, 2.0]),
    ("sigmoid(x*y) + softplus(x - y)", [0.8, -1.5]),
    ("softplus(3*x) - log(sigmoid(y))", [-2.0, 0.7]),
    ("x^-2 + y^-3 + (x*y)^(1/3)", [1.3, 0.9]),
    ("x*y*z + z^2*sin(x) - exp(y*z)/10", [0.5, -0.3, 1.1]),
    ("(x-1)^2 + (y-w)^2 + z*w - sign(w)*w", [0.2, 0.4, -0.6, 1.3]),
    ("x10*x1 + x2^2*x10 - cos(x1*x2)", [0.3, -0.8, 1.6]),
    ("e^x + pi*y^2 + 2^(x*y)", [0.4, 0.6]),
    ("-x^2 + 2^-y + (x - y)^4/(1 + y^2)", [1.1, 0.3]),
    ("sqrt(x^2 + y^2)", [3.0, 4.0]),
    ("log(x)*exp(-y)/(1 + x^2)", [2.5, 0.5]),
    ("(x^3 - 3*x*y^2)/(1 + x^2 + y^2)^2", [-0.9, 0.45]),
]

FUNCTIONS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "asin": sp.asin, "acos": sp.acos,
    "atan": sp.atan, "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "exp": sp.exp,
    "log": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs, "sign": sp.sign, "min": sp.Min,
    "max": sp.Max, "sigmoid": lambda t: 1 / (1 + sp.exp(-t)),
    "softplus": lambda t: sp.log(1 + sp.exp(t)), "pi": sp.pi, "e": sp.E,
}


def variable_order(names):
    def key(name):
        group = {"x": 0, "y": 1, "z": 2}.get(name, 3)
        letter, digits = name[0], name[1:]
        return (group, letter.lower(), letter.isupper(), len(digits), digits)
    return sorted(names, key=key)


def main():
    cases = []
    for text, point in CASES:
        names = set(re.findall(r"\b([A-Za-z][0-9]*)\b(?!\s*\()", text)) - {"e"}
        order = variable_order(names)
        assert len(order) == len(point), (text, order)
        symbols = {name: sp.Symbol(name, real=True) for name in order}
        expr = sp.parse_expr(text.replace("^", "**"), local_dict={**FUNCTIONS, **symbols})
        xs = [symbols[n] for n in order]
        at = {s: sp.Rational(v) for s, v in zip(xs, point)}  # the exact binary value

        def num(e):
            return float(sp.N(e.subs(at), 40))

        grad = [sp.diff(expr, s) for s in xs]
        hess = [[sp.diff(g, s) for s in xs] for g in grad]
        cases.append({
            "formula": text,
            "variables": order,
            "point": point,
            "value": num(expr),
            "gradient": [num(g) for g in grad],
            "hessian": [[num(h) for h in row] for row in hess],
        })
    out = os.path.join(os.path.dirname(__file__), "..", "Tests", "DescentCoreTests", "Fixtures",
                       "formula_reference.json")
    with open(out, "w") as f:
        json.dump({"source": "sympy " + sp.__version__ + ", scripts/formula_reference.py",
                   "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
