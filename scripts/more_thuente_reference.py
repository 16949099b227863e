#!/usr/bin/env python3
"""Golden values for Descent's MoreThuenteLineSearch from SciPy's port of MINPACK-2 dcsrch.

The six test functions of Moré & Thuente, "Line search algorithms with guaranteed
sufficient decrease" (ACM TOMS 20(3), 1994, §5, Tables 1–6), each from the four initial
steps 1e-3, 1e-1, 1e1, 1e3 with the paper's ftol/gtol: SciPy's DCSRCH (scipy/optimize/
_dcsrch.py, a line-by-line port of dcsrch/dcstep) gives the accepted step, φ there and the
number of φ evaluations (φ and φ′ are evaluated together, as Descent does).

Writes Tests/DescentOptimizersTests/Fixtures/more_thuente.json.
Usage: /tmp/refenv/bin/python scripts/more_thuente_reference.py
"""
import json
import math
import os

import scipy
from scipy.optimize._dcsrch import DCSRCH


def phi1(a, beta=2.0):
    return -a / (a * a + beta), (a * a - beta) / (a * a + beta) ** 2


def phi2(a, beta=0.004):
    t = a + beta
    return t**5 - 2 * t**4, 5 * t**4 - 8 * t**3


def phi3(a, beta=0.01, l=39):
    if a <= 1 - beta:
        p0, d0 = 1 - a, -1.0
    elif a >= 1 + beta:
        p0, d0 = a - 1, 1.0
    else:
        p0, d0 = (a - 1) ** 2 / (2 * beta) + beta / 2, (a - 1) / beta
    c = 2 * (1 - beta) / (l * math.pi)
    w = l * math.pi / 2
    return p0 + c * math.sin(w * a), d0 + c * w * math.cos(w * a)


def yanai(b1, b2):
    def gamma(b):
        return math.sqrt(1 + b * b) - b

    def phi(a):
        u = math.sqrt((1 - a) ** 2 + b2 * b2)
        v = math.sqrt(a * a + b1 * b1)
        return gamma(b1) * u + gamma(b2) * v, -gamma(b1) * (1 - a) / u + gamma(b2) * a / v

    return phi


FUNCTIONS = [
    ("phi1", phi1, 1e-3, 1e-1),
    ("phi2", phi2, 1e-1, 1e-1),
    ("phi3", phi3, 1e-1, 1e-1),
    ("yanai-0.001-0.001", yanai(0.001, 0.001), 1e-3, 1e-3),
    ("yanai-0.01-0.001", yanai(0.01, 0.001), 1e-3, 1e-3),
    ("yanai-0.001-0.01", yanai(0.001, 0.01), 1e-3, 1e-3),
]


def main():
    cases = []
    for name, fn, ftol, gtol in FUNCTIONS:
        for alpha0 in (1e-3, 1e-1, 1e1, 1e3):
            calls = [0]

            def phi(a, fn=fn):
                calls[0] += 1
                return fn(a)[0]

            def derphi(a, fn=fn):
                return fn(a)[1]

            f0, g0 = fn(0.0)
            search = DCSRCH(phi, derphi, ftol=ftol, gtol=gtol, xtol=1e-14, stpmin=0.0, stpmax=1e10)
            stp, fstp, _, task = search(alpha0, phi0=f0, derphi0=g0, maxiter=100)
            assert task.startswith(b"CONV"), (name, alpha0, task)
            cases.append({"function": name, "ftol": ftol, "gtol": gtol, "initialStep": alpha0, "step": stp,
                          "value": fstp, "slope": fn(stp)[1], "evaluations": calls[0]})
            print(f"{name:20} a0={alpha0:7.0e} -> stp={stp:.10g} evals={calls[0]}")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DescentOptimizersTests", "Fixtures",
                       "more_thuente.json")
    with open(out, "w") as fh:
        json.dump({"source": f"scipy {scipy.__version__} scipy.optimize._dcsrch.DCSRCH, xtol=1e-14",
                   "cases": cases}, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
