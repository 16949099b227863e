#!/usr/bin/env python3
"""Descent's L-BFGS and BFGS against SciPy's L-BFGS-B and BFGS, side by side, in one run.

Runs `descent bench quasi-newton --format json` (Descent, a release build) and then SciPy
on the same problems: the Moré–Garbow–Hillstrom set (residuals as in
scripts/mgh_reference.py, f = r·r and gradient 2Jᵀr from sympy, lambdified to numpy) and
the chained Rosenbrock function (scipy.optimize.rosen / rosen_der) with n = 2, 100,
1,000, 10,000 from (−1.2, 1, −1.2, 1, …). SciPy runs with its defaults (L-BFGS-B:
m = 10, factr 1e7, pgtol 1e-5, maxfun 15,000; BFGS: gtol 1e-5, maxiter 200n), and
Descent with the same stopping rules (`descent bench quasi-newton`: L-BFGS stops at
‖∇f‖∞ ≤ 1e-5 or (fₖ − fₖ₊₁)/max(|fₖ|, |fₖ₊₁|, 1) ≤ 2.22e-9; BFGS at ‖∇f‖∞ ≤ 1e-5 or 200n
steps; both after 15,000 evaluations). `--strict` gives Descent its stricter rules
(‖∇f‖₂, no floor under the relative change, also for BFGS) and `--scipy-bfgs` runs
Descent's BFGS configured as SciPy's (Moré–Thuente, unscaled H₀, first trial from the last
decrease). Wall time is the fastest of repeated runs (until 0.05 s have passed),
measured inside each process around the minimizer call, with BLAS on one thread (both
sides are single-threaded; threaded BLAS on tiny matrices only adds overhead).

"solved" (✓) means the final f is within 1e-4 relative (1e-8 absolute where f* = 0) of a
minimum value the MGH paper prints (refined by scripts/mgh_reference.py), or below 1e-8
for the chained Rosenbrock function. The evaluation summary counts the runs both sides
solved; a run only one side solved is listed separately.

Usage:
  swift build -c release --product descent
  python3 scripts/bench_quasi_newton.py [--descent .build/release/descent] [--json out.json]
"""
import argparse
import json
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy loads BLAS
import subprocess
import sys
import time

import numpy as np
import scipy
import sympy as sp
from scipy.optimize import minimize, rosen, rosen_der

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mgh_reference as ref  # noqa: E402  (the independent problem definitions)


def numpy_problem(builder, n, start):
    """f and ∇f of Σ rᵢ² as numpy functions (two compiled branches for helical valley)."""
    X = sp.symbols(f"x0:{n}")

    def compile_branch(point):
        res = builder(list(X), point)
        J = sp.Matrix([[sp.diff(r, v) for v in X] for r in res])
        r_fn = sp.lambdify([X], res, "numpy")
        J_fn = sp.lambdify([X], J, "numpy")
        return r_fn, J_fn

    if builder is ref.helical_valley:
        branches = {True: compile_branch([1.0] + [0.0] * (n - 1)), False: compile_branch([-1.0] + [0.0] * (n - 1))}

        def pick(x):
            return branches[x[0] > 0]
    else:
        single = compile_branch(start)

        def pick(x):
            return single

    def f(x):
        r = np.asarray(pick(x)[0](x), dtype=float)
        return float(r @ r)

    def g(x):
        r_fn, J_fn = pick(x)
        r = np.asarray(r_fn(x), dtype=float)
        return 2.0 * (np.asarray(J_fn(x), dtype=float).T @ r)

    return f, g


def timed(fn, minimum_seconds=0.05):
    best, total, runs, result = float("inf"), 0.0, 0, None
    while True:
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        best, total, runs = min(best, dt), total + dt, runs + 1
        if total >= minimum_seconds or runs >= 1000:
            return result, best


def solved(problem, value, minima):
    if problem == "rosenbrock-chained":
        return value <= 1e-8
    for m in minima.get(problem, []):
        if (abs(value) <= 1e-8) if m == 0 else (abs(value - m) <= 1e-4 * abs(m)):
            return True
    return False


def load_minima():
    path = os.path.join(os.path.dirname(__file__), "..", "Tests", "DescentOptimizersTests", "Fixtures", "mgh_reference.json")
    with open(path) as fh:
        data = json.load(fh)
    return {p["name"]: [m["value"] for m in p["minima"]] for p in data["problems"]}


def scipy_rows(bfgs_max_n):
    rows = []
    problems = []
    for name, builder, n, m, start, minima in ref.PROBLEMS:
        f, g = numpy_problem(builder, n, start)
        problems.append((name, n, np.array(start, float), f, g))
    for n in (2, 100, 1000, 10000):
        problems.append(("rosenbrock-chained", n, np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(n)]), rosen, rosen_der))
    for name, n, x0, f, g in problems:
        for method, label in (("L-BFGS-B", "lbfgs"), ("BFGS", "bfgs")):
            if method == "BFGS" and n > bfgs_max_n:
                continue
            r, seconds = timed(lambda: minimize(f, x0, jac=g, method=method))
            rows.append({"problem": name, "n": n, "method": label, "iterations": int(r.nit),
                         "functionEvaluations": int(r.nfev), "gradientEvaluations": int(r.njev),
                         "seconds": seconds, "finalValue": float(r.fun), "message": str(r.message)})
        print(f"scipy {name} n={n} done", file=sys.stderr)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--descent", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "descent"))
    ap.add_argument("--json", help="also write both sides' rows to this file")
    ap.add_argument("--scipy-bfgs-max-n", type=int, default=1000,
                    help="largest n for SciPy's BFGS (its update is O(n^3) per step: ~25 min at n = 1,000)")
    ap.add_argument("--strict", action="store_true", help="Descent stops on its stricter rules (see above)")
    ap.add_argument("--scipy-bfgs", action="store_true", help="Descent's BFGS configured as SciPy's")
    args = ap.parse_args()

    command = [args.descent, "bench", "quasi-newton", "--format", "json"]
    command += ["--strict"] if args.strict else []
    command += ["--scipy-bfgs"] if args.scipy_bfgs else []
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    descent = {(r["problem"], r["n"], r["method"]): r for r in json.loads(out)}
    print("descent done", file=sys.stderr)
    scipy_side = {(r["problem"], r["n"], r["method"]): r for r in scipy_rows(args.scipy_bfgs_max_n)}
    minima = load_minima()

    header = (f"{'problem':26} {'n':>6} {'method':6} | {'iters D/S':>13} | {'f evals D/S':>13} {'ratio':>6} | "
              f"{'time D':>9} {'time S':>9} {'speedup':>8} | {'final f Descent':>16} {'final f SciPy':>16}")
    print(f"Descent (D) vs SciPy {scipy.__version__} (S): L-BFGS vs L-BFGS-B, BFGS vs BFGS; ✓ = reached f*")
    print(header)
    print("-" * len(header))
    both = fewer_or_same = faster = total = only_descent = only_scipy = 0
    for key in scipy_side:
        if key not in descent:
            continue
        d, s = descent[key], scipy_side[key]
        total += 1
        ds, ss = solved(key[0], d["finalValue"], minima), solved(key[0], s["finalValue"], minima)
        ratio = d["functionEvaluations"] / max(s["functionEvaluations"], 1)
        speedup = s["seconds"] / max(d["seconds"], 1e-12)
        faster += d["seconds"] < s["seconds"]
        if ds and ss:
            both += 1
            fewer_or_same += d["functionEvaluations"] <= s["functionEvaluations"]
        only_descent += ds and not ss
        only_scipy += ss and not ds
        mark = lambda ok: "✓" if ok else "✗"
        print(f"{key[0]:26} {key[1]:>6} {key[2]:6} | {d['iterations']:>6}/{s['iterations']:<6} | "
              f"{d['functionEvaluations']:>6}/{s['functionEvaluations']:<6} {ratio:6.2f} | "
              f"{d['seconds']:9.2e} {s['seconds']:9.2e} {speedup:7.1f}x | "
              f"{d['finalValue']:14.6e} {mark(ds)} {s['finalValue']:14.6e} {mark(ss)}")
    print(f"\nBoth solved {both}/{total} runs; among them Descent used no more f evaluations in {fewer_or_same}. "
          f"Only Descent solved {only_descent}, only SciPy {only_scipy}. Descent was faster in {faster}/{total}.")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"descent": list(descent.values()), "scipy": list(scipy_side.values())}, fh, indent=1)


if __name__ == "__main__":
    main()
