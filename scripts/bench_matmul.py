"""Matrix multiplication on the shapes model training uses: Descent's kernel
(`descent bench matmul --format json`) side by side with NumPy (OpenBLAS) and PyTorch,
single-threaded by default, printing the time ratios.

    swift build -c release
    /tmp/refenv/bin/python scripts/bench_matmul.py [--descent .build/release/descent] [--threads 1]

A ratio < 1 means Descent is faster. Shapes (m×k @ k×n, transposes as backprop needs)
are those of the digits MLP 64-128-64-10 at batch 64, plus square 64/128/256.
"""
import argparse
import json
import os
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--descent", default=".build/release/descent")
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--repeats", type=int, default=21)
args = parser.parse_args()
for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]:
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402  (after the thread settings)
import torch  # noqa: E402

torch.set_num_threads(args.threads)

out = subprocess.run(
    [args.descent, "bench", "matmul", "--format", "json", "--threads", str(args.threads), "--repeats", str(args.repeats)],
    check=True, capture_output=True, text=True).stdout
descent = json.loads(out)["results"]

TRANSPOSES = {  # shape name → (transposeA, transposeB), as in MatmulBench.swift
    "dW1": (True, False), "dW2": (True, False), "dH1": (False, True), "dH2": (False, True)}


def median_time(fn, flops):
    calls = max(1, int(2e6 / max(1, flops / 20)))
    times = []
    for r in range(args.repeats + 1):
        t = time.perf_counter()
        for _ in range(calls):
            fn()
        if r:
            times.append((time.perf_counter() - t) / calls)
    times.sort()
    return times[len(times) // 2]


print(f"{'shape':28} {'Descent µs':>10} {'NumPy µs':>9} {'torch µs':>9} {'D/NumPy':>8} {'D/torch':>8}")
for row in descent:
    m, n, k = row["m"], row["n"], row["k"]
    ta, tb = next((v for key, v in TRANSPOSES.items() if key in row["shape"]), (False, False))
    rng = np.random.default_rng(0)
    a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(np.float32)
    c = np.empty((m, n), np.float32)
    A = a.T if ta else a
    B = b.T if tb else b
    t_np = median_time(lambda: np.matmul(A, B, out=c), 2 * m * n * k)
    at, bt, ct = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(c)
    At = at.T if ta else at
    Bt = bt.T if tb else bt
    t_torch = median_time(lambda: torch.matmul(At, Bt, out=ct), 2 * m * n * k)
    d = row["medianMicroseconds"] * 1e-6
    print(f"{row['shape']:28} {d*1e6:10.2f} {t_np*1e6:9.2f} {t_torch*1e6:9.2f} {d/t_np:8.2f} {d/t_torch:8.2f}")
print(f"threads: {args.threads}; numpy {np.__version__}, torch {torch.__version__}; ratio = Descent time / peer time")
