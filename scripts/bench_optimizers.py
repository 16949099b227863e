#!/usr/bin/env python3
"""Descent's optimizer step beside PyTorch (for-loop, foreach, fused) and Optax (jit+donate),
in the same run, with the definitions of /work/shared/reference/README.md ("Comparing
Descent with them"): float32 parameters, a fixed random gradient, one step = one call that
updates parameters and state in place, median of >= 10 timed steps after warm-up;
1 core = pinned to CPU 0 with taskset and 1 thread everywhere; 2 cores = both CPUs.

    swift build -c release --product descent
    /tmp/refenv/bin/python scripts/bench_optimizers.py [--descent .build/release/descent] [--only steps|loop]

Prints ms per step for every implementation and the ratio Descent / peer (< 1: Descent
faster). Each framework runs in its own child process.

`--only loop` (part of the default run) times 1,000 Adam steps on the 2-D Rosenbrock
function, `100 (y - x^2)^2 + (1 - x)^2` from (-1.2, 1) at lr 1e-2, the whole run, as the
reference peers' `rosen2d` section: Descent's `minimize` on the formula compiled by
`FormulaObjective` (`descent bench loop`; interpreted, and compiled to native code as
"minimize (native formula)"), beside JAX/Optax (`jax.jit` of a `lax.scan` over
the 1,000 steps, and a Python loop over a jitted step), PyTorch (autograd +
`torch.optim.Adam`), NumPy and plain Python (hand-written Adam and gradient), pinned to
one core.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

SIZES = [1_000_000, 10_000_000]
BYTES = {"adam": 28, "adamw": 28, "sgd-momentum": 20, "lion": 20}


def timeit(fn, warmup=10, reps=15):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return 0.5 * (ts[(reps - 1) // 2] + ts[reps // 2])


def child_torch():
    import torch
    torch.manual_seed(0)
    out = []
    makers = {
        "adam": lambda p, **kw: torch.optim.Adam([p], lr=1e-3, **kw),
        "adamw": lambda p, **kw: torch.optim.AdamW([p], lr=1e-3, weight_decay=1e-2, **kw),
        "sgd-momentum": lambda p, **kw: torch.optim.SGD([p], lr=1e-3, momentum=0.9, **kw),
    }
    for n in SIZES:
        grad = torch.randn(n, dtype=torch.float32)
        for name, make in makers.items():
            for variant, kw in [("for-loop", {"foreach": False}), ("foreach", {"foreach": True}),
                                ("fused", {"fused": True})]:
                p = torch.nn.Parameter(torch.randn(n, dtype=torch.float32))
                p.grad = grad
                opt = make(p, **kw)
                out.append(dict(lib="PyTorch", variant=variant, opt=name, n=n,
                                ms=timeit(opt.step) * 1e3))
        try:
            from lion_pytorch import Lion
            p = torch.nn.Parameter(torch.randn(n, dtype=torch.float32))
            p.grad = grad
            opt = Lion([p], lr=1e-4)
            out.append(dict(lib="lion-pytorch", variant="for-loop", opt="lion", n=n,
                            ms=timeit(opt.step) * 1e3))
        except ImportError:
            pass
    return out


def child_optax():
    import jax
    import jax.numpy as jnp
    import optax
    out = []
    makers = {"adam": lambda: optax.adam(1e-3), "adamw": lambda: optax.adamw(1e-3, weight_decay=1e-2),
              "sgd-momentum": lambda: optax.sgd(1e-3, momentum=0.9), "lion": lambda: optax.lion(1e-4)}
    key = jax.random.PRNGKey(0)
    for n in SIZES:
        kg, kp = jax.random.split(key)
        g = jax.random.normal(kg, (n,), dtype=jnp.float32).block_until_ready()
        for name, make in makers.items():
            tx = make()

            def step(p, s, g, tx=tx):
                u, s = tx.update(g, s, p)
                return optax.apply_updates(p, u), s
            jstep = jax.jit(step, donate_argnums=(0, 1))
            st = {"p": jax.random.normal(kp, (n,), dtype=jnp.float32)}
            st["s"] = tx.init(st["p"])

            def one(st=st, jstep=jstep):
                p, s = jstep(st["p"], st["s"], g)
                jax.block_until_ready((p, s))
                st["p"], st["s"] = p, s
            one()
            out.append(dict(lib="Optax", variant="jit+donate", opt=name, n=n, ms=timeit(one) * 1e3))
    return out


LOOP_STEPS = 1000
LOOP_LR = 1e-2


def loop_timeit(fn, warmup=2, reps=10):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return 0.5 * (ts[(reps - 1) // 2] + ts[reps // 2]), ts[0]


def child_loop():
    """1,000 Adam steps on 2-D Rosenbrock: the peers' rosen2d definitions."""
    import math
    out = []

    def rosen(x, y):
        return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2

    def py_run():
        x, y = -1.2, 1.0
        m0 = m1 = v0 = v1 = 0.0
        b1, b2, eps = 0.9, 0.999, 1e-8
        for t in range(1, LOOP_STEPS + 1):
            gx = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x)
            gy = 200.0 * (y - x * x)
            m0 = b1 * m0 + (1 - b1) * gx
            m1 = b1 * m1 + (1 - b1) * gy
            v0 = b2 * v0 + (1 - b2) * gx * gx
            v1 = b2 * v1 + (1 - b2) * gy * gy
            c1, c2 = 1 - b1 ** t, 1 - b2 ** t
            x -= LOOP_LR * (m0 / c1) / (math.sqrt(v0 / c2) + eps)
            y -= LOOP_LR * (m1 / c1) / (math.sqrt(v1 / c2) + eps)
        return rosen(x, y)
    med, mn = loop_timeit(py_run)
    out.append(dict(lib="Python", variant="float64 scalars, hand-written Adam", ms=med * 1e3, ms_min=mn * 1e3,
                    f=py_run()))

    import numpy as np

    def np_run():
        x = np.array([-1.2, 1.0])
        m = np.zeros(2)
        v = np.zeros(2)
        b1, b2, eps = 0.9, 0.999, 1e-8
        for t in range(1, LOOP_STEPS + 1):
            g = np.array([-2.0 * (1.0 - x[0]) - 400.0 * x[0] * (x[1] - x[0] ** 2), 200.0 * (x[1] - x[0] ** 2)])
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            x = x - LOOP_LR * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        return rosen(x[0], x[1])
    med, mn = loop_timeit(np_run)
    out.append(dict(lib="NumPy", variant="float64[2], hand-written Adam", ms=med * 1e3, ms_min=mn * 1e3,
                    f=float(np_run())))

    try:
        import torch

        def torch_run():
            p = torch.tensor([-1.2, 1.0], dtype=torch.float32, requires_grad=True)
            opt = torch.optim.Adam([p], lr=LOOP_LR)
            for _ in range(LOOP_STEPS):
                opt.zero_grad(set_to_none=True)
                loss = (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
                loss.backward()
                opt.step()
            with torch.no_grad():
                return float(rosen(p[0], p[1]))
        med, mn = loop_timeit(torch_run, warmup=1, reps=5)
        out.append(dict(lib="PyTorch", variant="float32, autograd + torch.optim.Adam", ms=med * 1e3,
                        ms_min=mn * 1e3, f=torch_run()))
    except ImportError:
        pass

    import jax
    import jax.numpy as jnp
    import optax

    def f(p):
        return (1.0 - p[0]) ** 2 + 100.0 * (p[1] - p[0] ** 2) ** 2
    tx = optax.adam(LOOP_LR)
    x0 = jnp.array([-1.2, 1.0], dtype=jnp.float32)

    def step(p, s):
        u, s = tx.update(jax.grad(f)(p), s, p)
        return optax.apply_updates(p, u), s
    jstep = jax.jit(step)

    def loop_run():
        p, s = x0, tx.init(x0)
        for _ in range(LOOP_STEPS):
            p, s = jstep(p, s)
        return float(f(p))
    med, mn = loop_timeit(loop_run, warmup=1, reps=5)
    out.append(dict(lib="JAX/Optax", variant="float32, Python loop over jax.jit(step)", ms=med * 1e3,
                    ms_min=mn * 1e3, f=loop_run()))

    @jax.jit
    def scan_run(p):
        s = tx.init(p)

        def body(c, _):
            return step(*c), None
        (p, s), _ = jax.lax.scan(body, (p, s), None, length=LOOP_STEPS)
        return p
    scan_run(x0).block_until_ready()
    med, mn = loop_timeit(lambda: scan_run(x0).block_until_ready(), warmup=3, reps=41)
    out.append(dict(lib="JAX/Optax", variant="float32, jax.jit(lax.scan over 1000 steps)", ms=med * 1e3,
                    ms_min=mn * 1e3, f=float(f(scan_run(x0)))))
    return out


def run_descent_loop(binary):
    cmd = ["taskset", "-c", "0", binary, "bench", "loop", "--format", "json"]
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    report = json.loads(p.stdout)
    return [dict(lib="Descent", variant=f"{r['scalar']}, {r['variant']}", ms=r["msTotal"], ms_min=r["msMin"],
                 f=r["finalLoss"]) for r in report["rows"]]


def loop_table(binary):
    rows = run_descent_loop(binary) + run_child("loop", 1) + run_descent_loop(binary)
    best = {}
    for r in rows:
        key = (r["lib"], r["variant"])
        if key not in best or r["ms"] < best[key]["ms"]:
            best[key] = r
    scan = next((r["ms"] for k, r in best.items() if "lax.scan" in k[1]), None)
    # Descent/it: Descent's Float minimize (the native-formula row when the C compiler ran)
    # over each peer; the interpreted and native rows are both listed.
    mine = (best.get(("Descent", "Float, minimize (native formula)")) or best.get(("Descent", "Float, minimize"), {})).get("ms")
    print(f"\n{LOOP_STEPS} Adam steps (lr {LOOP_LR}) on 2-D Rosenbrock from (-1.2, 1), whole run, 1 core")
    print(f"{'implementation':58} {'ms':>9} {'ms min':>9} {'/ JAX scan':>10} {'Descent/it':>10}  final f")
    for (lib, variant), r in sorted(best.items(), key=lambda kv: kv[1]["ms"]):
        vs_scan = f"{r['ms'] / scan:10.2f}" if scan else ""
        ratio = "" if lib == "Descent" or mine is None else f"{mine / r['ms']:10.3f}"
        print(f"{lib + ' ' + variant:58} {r['ms']:9.4f} {r['ms_min']:9.4f} {vs_scan:>10} {ratio:>10}  {r['f']:.6g}")
    return rows


def run_child(which, cores):
    env = dict(os.environ, OMP_NUM_THREADS=str(cores), MKL_NUM_THREADS=str(cores),
               OPENBLAS_NUM_THREADS=str(cores), JAX_PLATFORMS="cpu")
    if cores == 1:
        env["XLA_FLAGS"] = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
    cmd = ["taskset", "-c", "0" if cores == 1 else "0,1", sys.executable, __file__, "--child", which]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr[-2000:], file=sys.stderr)
        return []
    return json.loads(p.stdout.strip().splitlines()[-1])


def run_descent(command, cores):
    cmd = shlex.split(command) + ["--threads", str(cores), "--format", "json", "--no-rosenbrock"]
    if cores == 1:
        cmd = ["taskset", "-c", "0"] + cmd
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    report = json.loads(p.stdout)
    return [dict(lib="Descent", variant="fused", opt=r["optimizer"], n=r["n"], ms=r["ms"])
            for r in report["results"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--descent", default=".build/release/descent bench optimizers",
                    help="the command that runs Descent's benchmark")
    ap.add_argument("--child")
    ap.add_argument("--only", choices=["steps", "loop"], help="run one part (default: both)")
    args = ap.parse_args()
    if args.child:
        print(json.dumps({"torch": child_torch, "optax": child_optax, "loop": child_loop}[args.child]()))
        return
    binary = shlex.split(args.descent)[0]
    if args.only == "loop":
        loop_table(binary)
        return
    rows = []
    for cores in (1, 2):
        for source in ("descent", "torch", "optax", "descent"):
            recs = run_descent(args.descent, cores) if source == "descent" else run_child(source, cores)
            for r in recs:
                r["cores"] = cores
            rows += recs
            print(f"[bench] cores={cores} {source}: {len(recs)} rows", file=sys.stderr)
    # Descent ran twice (before and after the peers): keep the better of the two medians.
    best = {}
    for r in rows:
        key = (r["lib"], r["variant"], r["opt"], r["n"], r["cores"])
        best[key] = min(best.get(key, float("inf")), r["ms"])
    print(f"{'optimizer':13} {'n':>9} {'cores':>5}  {'implementation':28} {'ms/step':>9} {'GB/s':>6} {'Descent/it':>10}")
    for opt in BYTES:
        for n in SIZES:
            for cores in (1, 2):
                mine = best.get(("Descent", "fused", opt, n, cores))
                for key, ms in sorted(best.items(), key=lambda kv: (kv[0][0] != "Descent", kv[0][0], kv[0][1])):
                    lib, variant, o, nn, c = key
                    if (o, nn, c) != (opt, n, cores):
                        continue
                    ratio = "" if lib == "Descent" or mine is None else f"{mine / ms:10.2f}"
                    gbps = BYTES[opt] * n / (ms * 1e-3) * 1e-9
                    print(f"{opt:13} {n:>9} {cores:>5}  {lib + ' ' + variant:28} {ms:9.3f} {gbps:6.1f} {ratio:>10}")
                print()
    if args.only != "steps":
        rows += loop_table(binary)
    with open("/tmp/bench_optimizers.json", "w") as fh:
        json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
