#!/usr/bin/env python3
"""Descent's optimizer step beside PyTorch (for-loop, foreach, fused) and Optax (jit+donate),
in the same run, with the definitions of /work/shared/reference/README.md ("Comparing
Descent with them"): float32 parameters, a fixed random gradient, one step = one call that
updates parameters and state in place, median of >= 10 timed steps after warm-up;
1 core = pinned to CPU 0 with taskset and 1 thread everywhere; 2 cores = both CPUs.

    swift build -c release --product descent
    /tmp/refenv/bin/python scripts/bench_optimizers.py [--descent "descent bench optimizers"]

Prints ms per step for every implementation and the ratio Descent / peer (< 1: Descent
faster). Each framework runs in its own child process.
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
    args = ap.parse_args()
    if args.child:
        print(json.dumps({"torch": child_torch, "optax": child_optax}[args.child]()))
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
    with open("/tmp/bench_optimizers.json", "w") as fh:
        json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
