"""The digits done-when check and benchmark, side by side in one run: an MLP 64-128-64-10
(ReLU, He-normal weights, zero biases), Adam lr 1e-3, batch 64, 30 epochs, on the UCI digits
with a stratified 80/20 split (seed 0) and standardization fitted on the training part.

Prints each framework's median epoch time (training updates only, one core) and final
validation accuracy, and Descent's time ratio to each (< 1: Descent is faster).

    swift build -c release
    taskset -c 0 /tmp/refenv/bin/python scripts/bench_digits_mlp.py [--descent .build/release/descent] \
        [--optimizer adam] [--rounds 5]

(taskset pins every framework to the same core; on a shared machine use --rounds and read
the load average printed at the end.)

Until the Adam optimizer lands in Descent, pass --optimizer gd --lr 0.05 to time the same
network with plain SGD (the peers still use Adam; the update is a small part of an epoch).
Splits differ between frameworks (each uses its own seeded shuffle), as do initial weights,
so accuracies agree to within a few tenths of a percent, not exactly.
"""
import argparse
import json
import os
import subprocess
import time

parser = argparse.ArgumentParser()
parser.add_argument("--descent", default=".build/release/descent")
parser.add_argument("--optimizer", default="adam")
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--rounds", type=int, default=1,
                    help="run every framework this many times, interleaved, and report the median of the "
                         "per-round median epoch times (the machine is shared and noisy)")
args = parser.parse_args()
for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "XLA_FLAGS"]:
    os.environ[var] = str(args.threads) if var != "XLA_FLAGS" else "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"

import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

X, y = load_digits(return_X_y=True)
Xtr, Xva, ytr, yva = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
scaler = StandardScaler().fit(Xtr)
Xtr = scaler.transform(Xtr).astype(np.float32)
Xva = scaler.transform(Xva).astype(np.float32)
results = {}


def torch_run(fused):
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64), torch.nn.ReLU(),
                                torch.nn.Linear(64, 10))
    for m in model:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, fused=fused)
    xt, yt = torch.from_numpy(Xtr), torch.from_numpy(ytr)
    g = torch.Generator().manual_seed(0)
    times = []
    for _ in range(args.epochs):
        t = time.perf_counter()
        perm = torch.randperm(len(xt), generator=g)
        for i in range(0, len(xt), 64):
            idx = perm[i:i + 64]
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t)
    with torch.no_grad():
        acc = (model(torch.from_numpy(Xva)).argmax(1).numpy() == yva).mean()
    return float(np.median(times)), float(acc)


def jax_run():
    import jax
    import jax.numpy as jnp
    import optax
    key = jax.random.PRNGKey(0)
    sizes = [64, 128, 64, 10]
    params = []
    for i, o in zip(sizes[:-1], sizes[1:]):
        key, sub = jax.random.split(key)
        params.append((jax.random.normal(sub, (i, o)) * np.sqrt(2 / i), jnp.zeros(o)))

    def loss_fn(p, x, y):
        for W, b in p[:-1]:
            x = jax.nn.relu(x @ W + b)
        W, b = p[-1]
        return optax.softmax_cross_entropy_with_integer_labels(x @ W + b, y).mean()

    opt = optax.adam(1e-3)
    state = opt.init(params)

    @jax.jit
    def step(p, s, x, y):
        loss, g = jax.value_and_grad(loss_fn)(p, x, y)
        u, s = opt.update(g, s, p)
        return optax.apply_updates(p, u), s, loss

    rng = np.random.default_rng(0)
    times = []
    for _ in range(args.epochs):
        t = time.perf_counter()
        perm = rng.permutation(len(Xtr))
        for i in range(0, len(Xtr), 64):
            idx = perm[i:i + 64]
            params, state, loss = step(params, state, Xtr[idx], ytr[idx])
        loss.block_until_ready()
        times.append(time.perf_counter() - t)

    def predict(p, x):
        for W, b in p[:-1]:
            x = jax.nn.relu(x @ W + b)
        return x @ p[-1][0] + p[-1][1]
    acc = (np.asarray(predict(params, Xva)).argmax(1) == yva).mean()
    return float(np.median(times[1:])), float(acc)  # epoch 1 includes compilation


cmd = [args.descent, "train", "--data", "digits", "--model", "mlp:128,64", "--activation", "relu", "--init", "he",
       "--optimizer", args.optimizer, "--lr", str(args.lr), "--batch-size", "64", "--epochs", str(args.epochs),
       "--validation", "0.2", "--seed", "0", "--format", "json"]
env = dict(os.environ)


def descent_run():
    out = json.loads(subprocess.run(["taskset", "-c", "0"] + cmd if args.threads == 1 else cmd, check=True,
                                    capture_output=True, text=True, env=env).stdout)
    return float(np.median([h["seconds"] for h in out["history"]])), out["result"]["validationAccuracy"]


runs = {f"Descent ({args.optimizer})": descent_run, "PyTorch Adam (foreach)": lambda: torch_run(False),
        "PyTorch Adam (fused)": lambda: torch_run(True), "JAX/Optax (jit)": jax_run}
samples = {name: [] for name in runs}
for _ in range(args.rounds):
    for name, run in runs.items():
        samples[name].append(run())
results = {name: (float(np.median([t for t, _ in s])), s[-1][1]) for name, s in samples.items()}
descent_epoch = results[f"Descent ({args.optimizer})"][0]

print(f"{'framework':26} {'median epoch ms':>15} {'val acc':>8} {'Descent/peer':>13}")
for name, (t, acc) in results.items():
    print(f"{name:26} {t*1e3:15.2f} {acc*100:7.2f}% {descent_epoch/t:13.2f}")
print(f"{args.epochs} epochs, batch 64, {len(Xtr)} training samples; threads {args.threads}; "
      f"median over {args.rounds} round(s); load average {os.getloadavg()[0]:.1f}")
