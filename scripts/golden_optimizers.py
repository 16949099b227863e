#!/usr/bin/env python3
"""Golden trajectories for Descent's first-order optimizers.

Runs the reference implementations in float64 and writes every step's parameters to
Tests/DescentOptimizersTests/Fixtures/optimizers/<name>.json (PyTorch forms) and
.../conventions.json (the Optax / Keras forms Descent reproduces as options).

    /tmp/refenv/bin/python scripts/golden_optimizers.py

References (versions are recorded in every fixture):
  torch.optim.{SGD, Adagrad, RMSprop, Adam, AdamW, NAdam, Adamax, RAdam, Adadelta, Muon}
  lion_pytorch.Lion, schedulefree.AdamWScheduleFree
  optax.{rmsprop, adagrad, amsgrad, nadam, nadamw, adam(eps_root), lion} under jax x64
  keras.optimizers.Adam (JAX backend, float64) for TensorFlow's epsilon-hat form

Gradients are written by hand below, in exactly the order of operations the Swift tests
use, so that both sides feed the optimizer bit-identical gradients. The default torch dtype
is float64 so that optimizer-internal scalar tensors (step counts, NAdam's mu_product) are
float64 too. torch.optim.Muon runs its Newton-Schulz iteration in bfloat16; the script
replaces that one function by the same code without the cast (Descent runs it in the
parameters' precision).
"""
import importlib.metadata as md
import json
import math
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

STEPS = 200
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "DescentOptimizersTests", "Fixtures", "optimizers")


# --------------------------------------------------------------------------------------
# Test functions: f is not needed, only the gradient (same expression order as the Swift test)
# --------------------------------------------------------------------------------------
def grad_ravine(p):
    x, y = p
    return [x, 20.0 * y]


def grad_rosenbrock(p):
    x, y = p
    return [-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)]


def grad_nonseparable(p):
    # f = log(1 + exp(x - 2y)) + 0.5 (x + y)^2 + 0.1 x^2 y^2
    x, y = p
    s = 1.0 / (1.0 + math.exp(-(x - 2.0 * y)))
    return [s + (x + y) + 0.2 * x * y * y, -2.0 * s + (x + y) + 0.2 * x * x * y]


REG_A = [(1.0, 2.0), (-1.0, 0.5), (0.3, -0.7)]
REG_T = [(0.5, -1.0), (1.0, 0.25), (-0.2, 0.4)]


def grad_regression(p):
    # f = 0.5 sum_k |W a_k + b - t_k|^2, W 2x2 row-major p[0:4], b = p[4:6]
    g = [0.0] * 6
    for (a0, a1), (t0, t1) in zip(REG_A, REG_T):
        r0 = p[0] * a0 + p[1] * a1 + p[4] - t0
        r1 = p[2] * a0 + p[3] * a1 + p[5] - t1
        g[0] += r0 * a0
        g[1] += r0 * a1
        g[2] += r1 * a0
        g[3] += r1 * a1
        g[4] += r0
        g[5] += r1
    return g


FUNCTIONS = {
    "ravine": (grad_ravine, [1.8, 0.5]),
    "rosenbrock": (grad_rosenbrock, [-1.2, 1.0]),
    "nonseparable": (grad_nonseparable, [1.5, -1.0]),
    "regression": (grad_regression, [0.1, -0.2, 0.3, 0.05, 0.0, -0.1]),
}
THREE = ["ravine", "rosenbrock", "nonseparable"]


# --------------------------------------------------------------------------------------
# Runners
# --------------------------------------------------------------------------------------
def run_torch(make, function, sign=1.0, shapes=None, extra=None, dtype=torch.float64, start=None):
    """make(params) -> optimizer (or list of optimizers). shapes: list of tensor shapes the
    flat vector is cut into (row-major). In float32 the gradient is computed in float64 at
    the float32 point and rounded, as the Swift test does."""
    grad, default_start = FUNCTIONS[function]
    start = start or default_start
    n = len(start)
    shapes = shapes or [(n,)]
    params, offset = [], 0
    for s in shapes:
        k = int(np.prod(s))
        params.append(torch.nn.Parameter(
            torch.tensor(start[offset:offset + k], dtype=dtype).reshape(s)))
        offset += k
    opts = make(params)
    opts = opts if isinstance(opts, list) else [opts]
    traj = [list(start)]
    evaluation = None
    for _ in range(STEPS):
        flat = [v for p in params for v in p.detach().reshape(-1).tolist()]
        g = [sign * v for v in grad(flat)]
        offset = 0
        for p in params:
            k = p.numel()
            p.grad = torch.tensor(g[offset:offset + k], dtype=dtype).reshape(p.shape)
            offset += k
        for o in opts:
            o.step()
        traj.append([v for p in params for v in p.detach().reshape(-1).tolist()])
        if extra is not None:
            evaluation = evaluation or [list(start)]
            evaluation.append(extra(opts[0], params))
    return traj, evaluation


def run_optax(tx, function, sign=1.0):
    import jax.numpy as jnp
    import optax
    grad, start = FUNCTIONS[function]
    p = jnp.array(start, dtype=jnp.float64)
    state = tx.init(p)
    traj = [list(start)]
    for _ in range(STEPS):
        g = jnp.array([sign * v for v in grad([float(v) for v in p])], dtype=jnp.float64)
        u, state = tx.update(g, state, p)
        p = optax.apply_updates(p, u)
        traj.append([float(v) for v in p])
    return traj


def run_keras(make, function):
    import keras
    keras.config.set_floatx("float64")
    grad, start = FUNCTIONS[function]
    v = keras.Variable(np.array(start, dtype=np.float64), dtype="float64")
    opt = make()
    traj = [list(start)]
    for _ in range(STEPS):
        g = np.array(grad([float(x) for x in np.asarray(v.value)]), dtype=np.float64)
        opt.apply_gradients([(keras.ops.convert_to_tensor(g, dtype="float64"), v)])
        traj.append([float(x) for x in np.asarray(v.value)])
    return traj


# --------------------------------------------------------------------------------------
# torch.optim.Muon with the Newton-Schulz iteration in the parameters' dtype
# --------------------------------------------------------------------------------------
def _ns_same_dtype(grad, ns_coefficients, ns_steps, eps):
    a, b, c = ns_coefficients
    ortho_grad = grad.clone()
    if grad.size(0) > grad.size(1):
        ortho_grad = ortho_grad.T
    ortho_grad.div_(ortho_grad.norm().clamp(min=eps))
    for _ in range(ns_steps):
        gram_matrix = ortho_grad @ ortho_grad.T
        gram_update = torch.addmm(gram_matrix, gram_matrix, gram_matrix, beta=b, alpha=c)
        ortho_grad = torch.addmm(ortho_grad, gram_update, ortho_grad, beta=a)
    if grad.size(0) > grad.size(1):
        ortho_grad = ortho_grad.T
    return ortho_grad


import torch.optim._muon as _muon_module  # noqa: E402

_muon_module._zeropower_via_newtonschulz = _ns_same_dtype


# --------------------------------------------------------------------------------------
# Cases: Descent OptimizerSpec fields -> reference optimizer
# --------------------------------------------------------------------------------------
def g(spec, key, default):
    return spec.get(key, default)


def torch_optimizer(spec):
    """The reference optimizer for a Descent spec (PyTorch's defaults where a field is absent)."""
    name = spec["name"]
    lr = spec["learningRate"]
    wd = g(spec, "weightDecay", None)
    mx = g(spec, "maximize", False)
    betas = (g(spec, "beta1", 0.9), g(spec, "beta2", 0.999))
    if name in ("gd", "sgd", "momentum", "nesterov"):
        mom = g(spec, "momentum", {"momentum": 0.9, "nesterov": 0.9}.get(name, 0.0))
        nest = g(spec, "nesterov", name == "nesterov")
        return "torch.optim.SGD", lambda ps: torch.optim.SGD(
            ps, lr=lr, momentum=mom, dampening=g(spec, "dampening", 0.0), weight_decay=wd or 0.0,
            nesterov=nest, maximize=mx, foreach=False)
    if name == "adagrad":
        return "torch.optim.Adagrad", lambda ps: torch.optim.Adagrad(
            ps, lr=lr, lr_decay=g(spec, "lrDecay", 0.0), weight_decay=wd or 0.0,
            initial_accumulator_value=g(spec, "initialAccumulatorValue", 0.0),
            eps=g(spec, "epsilon", 1e-10), maximize=mx, foreach=False)
    if name == "rmsprop":
        return "torch.optim.RMSprop", lambda ps: torch.optim.RMSprop(
            ps, lr=lr, alpha=g(spec, "alpha", 0.99), eps=g(spec, "epsilon", 1e-8),
            weight_decay=wd or 0.0, momentum=g(spec, "momentum", 0.0),
            centered=g(spec, "centered", False), maximize=mx, foreach=False)
    if name in ("adam", "amsgrad"):
        ams = g(spec, "amsgrad", name == "amsgrad")
        cls = torch.optim.AdamW if g(spec, "decoupledWeightDecay", False) else torch.optim.Adam
        return f"torch.optim.{cls.__name__}", lambda ps: cls(
            ps, lr=lr, betas=betas, eps=g(spec, "epsilon", 1e-8), weight_decay=wd or 0.0,
            amsgrad=ams, maximize=mx, foreach=False)
    if name == "adamw":
        return "torch.optim.AdamW", lambda ps: torch.optim.AdamW(
            ps, lr=lr, betas=betas, eps=g(spec, "epsilon", 1e-8),
            weight_decay=1e-2 if wd is None else wd, amsgrad=g(spec, "amsgrad", False),
            maximize=mx, foreach=False)
    if name in ("nadam", "nadamw"):
        dec = name == "nadamw" or g(spec, "decoupledWeightDecay", False)
        return "torch.optim.NAdam", lambda ps: torch.optim.NAdam(
            ps, lr=lr, betas=betas, eps=g(spec, "epsilon", 1e-8),
            weight_decay=(1e-2 if name == "nadamw" else 0.0) if wd is None else wd,
            momentum_decay=g(spec, "momentumDecay", 4e-3), decoupled_weight_decay=dec,
            maximize=mx, foreach=False)
    if name == "adamax":
        return "torch.optim.Adamax", lambda ps: torch.optim.Adamax(
            ps, lr=lr, betas=betas, eps=g(spec, "epsilon", 1e-8), weight_decay=wd or 0.0,
            maximize=mx, foreach=False)
    if name == "radam":
        return "torch.optim.RAdam", lambda ps: torch.optim.RAdam(
            ps, lr=lr, betas=betas, eps=g(spec, "epsilon", 1e-8), weight_decay=wd or 0.0,
            decoupled_weight_decay=g(spec, "decoupledWeightDecay", False), maximize=mx,
            foreach=False)
    if name == "adadelta":
        return "torch.optim.Adadelta", lambda ps: torch.optim.Adadelta(
            ps, lr=lr, rho=g(spec, "rho", 0.9), eps=g(spec, "epsilon", 1e-6),
            weight_decay=wd or 0.0, maximize=mx, foreach=False)
    if name == "lion":
        from lion_pytorch import Lion
        return "lion_pytorch.Lion", lambda ps: Lion(
            ps, lr=lr, betas=(g(spec, "beta1", 0.9), g(spec, "beta2", 0.99)),
            weight_decay=wd or 0.0)
    if name == "schedule-free-adamw":
        from schedulefree import AdamWScheduleFree

        def make(ps):
            o = AdamWScheduleFree(
                ps, lr=lr, betas=(g(spec, "beta1", 0.9), g(spec, "beta2", 0.999)),
                eps=g(spec, "epsilon", 1e-8), weight_decay=wd or 0.0,
                warmup_steps=g(spec, "warmupSteps", 0), r=g(spec, "r", 0.0),
                weight_lr_power=g(spec, "weightLearningRatePower", 2.0))
            o.train()
            return o
        return "schedulefree.AdamWScheduleFree", make
    if name == "muon":
        def make(ps):
            muon_kw = dict(
                lr=lr, weight_decay=0.1 if wd is None else wd, momentum=g(spec, "momentum", 0.95),
                nesterov=g(spec, "nesterov", True), eps=g(spec, "epsilon", 1e-7),
                ns_steps=g(spec, "newtonSchulzSteps", 5),
                adjust_lr_fn=g(spec, "learningRateAdjustment", None))
            if "newtonSchulzCoefficients" in spec:
                muon_kw["ns_coefficients"] = tuple(spec["newtonSchulzCoefficients"])
            mats = [p for p in ps if p.ndim == 2]
            vecs = [p for p in ps if p.ndim == 1]
            opts = [torch.optim.Muon(mats, **muon_kw)]
            if vecs:  # Descent's fallback: PyTorch's AdamW defaults at Muon's schedule
                opts.append(torch.optim.AdamW(vecs, foreach=False))
            return opts
        return "torch.optim.Muon (Newton-Schulz in float64) + torch.optim.AdamW for vectors", make
    raise ValueError(name)


def sf_evaluation_point(opt, params):
    """x = lerp(y, z, 1 - 1/beta1): what AdamWScheduleFree.eval() would put in the params."""
    beta1 = opt.param_groups[0]["betas"][0]
    out = []
    for p in params:
        z = opt.state[p]["z"]
        out += torch.lerp(p.detach(), z, 1 - 1 / beta1).reshape(-1).tolist()
    return out


# name -> list of (label, spec fields, {function: overrides}); lr may depend on the function
CASES = {
    "gd": [
        ("plain", {}, {"ravine": {"learningRate": 0.04}, "rosenbrock": {"learningRate": 1e-3},
                       "nonseparable": {"learningRate": 0.1}}),
        ("decay-maximize", {"weightDecay": 0.1, "maximize": True, "gradientSign": -1},
         {"ravine": {"learningRate": 0.02}, "rosenbrock": {"learningRate": 5e-4},
          "nonseparable": {"learningRate": 0.05}}),
    ],
    "momentum": [
        ("default", {}, {"ravine": {"learningRate": 0.04}, "rosenbrock": {"learningRate": 2e-4},
                         "nonseparable": {"learningRate": 0.05}}),
        ("dampening-decay", {"momentum": 0.8, "dampening": 0.3, "weightDecay": 0.05},
         {"ravine": {"learningRate": 0.03}, "rosenbrock": {"learningRate": 5e-4},
          "nonseparable": {"learningRate": 0.1}}),
    ],
    "nesterov": [
        ("default", {}, {"ravine": {"learningRate": 0.04}, "rosenbrock": {"learningRate": 2e-4},
                         "nonseparable": {"learningRate": 0.05}}),
        ("decay-maximize", {"momentum": 0.7, "weightDecay": 0.01, "maximize": True, "gradientSign": -1},
         {"ravine": {"learningRate": 0.02}, "rosenbrock": {"learningRate": 4e-4},
          "nonseparable": {"learningRate": 0.1}}),
    ],
    "adagrad": [
        ("default", {"learningRate": 0.1}, {}),
        ("decay-accumulator", {"learningRate": 0.5, "lrDecay": 0.01, "initialAccumulatorValue": 0.1,
                               "weightDecay": 0.01, "epsilon": 1e-6}, {}),
    ],
    "rmsprop": [
        ("default", {"learningRate": 0.01}, {}),
        ("centered-momentum", {"learningRate": 0.003, "alpha": 0.9, "centered": True,
                               "momentum": 0.5, "weightDecay": 0.01},
         {"rosenbrock": {"learningRate": 2e-4},
          "nonseparable": {"learningRate": 1e-2, "weightDecay": 0.0}}),
        ("centered-maximize", {"learningRate": 0.01, "centered": True, "epsilon": 1e-6,
                               "maximize": True, "gradientSign": -1}, {}),
    ],
    "adam": [
        ("default", {"learningRate": 0.05}, {}),
        ("l2-betas-maximize", {"learningRate": 0.02, "beta1": 0.8, "beta2": 0.99, "weightDecay": 0.1,
                               "maximize": True, "gradientSign": -1}, {}),
    ],
    "adamw": [
        ("default", {"learningRate": 0.05}, {}),
        ("strong-decay", {"learningRate": 0.02, "weightDecay": 0.5, "beta1": 0.85, "beta2": 0.95,
                          "epsilon": 1e-6}, {}),
    ],
    "amsgrad": [
        ("default", {"learningRate": 0.05}, {}),
        ("decoupled", {"learningRate": 0.03, "beta2": 0.99, "weightDecay": 0.01,
                       "decoupledWeightDecay": True}, {}),
    ],
    "nadam": [
        ("default", {"learningRate": 0.02}, {}),
        ("decay-schedule", {"learningRate": 0.01, "momentumDecay": 0.01, "weightDecay": 0.05,
                            "beta1": 0.95, "beta2": 0.99}, {}),
    ],
    "nadamw": [
        ("default", {"learningRate": 0.02}, {}),
        ("strong-decay", {"learningRate": 0.01, "weightDecay": 0.3, "beta2": 0.99}, {}),
    ],
    "adamax": [
        ("default", {"learningRate": 0.05}, {}),
        ("decay-betas", {"learningRate": 0.02, "weightDecay": 0.1, "beta1": 0.8, "beta2": 0.99}, {}),
    ],
    "radam": [
        # RAdam's first steps are plain momentum steps: Rosenbrock needs a small rate.
        ("default", {"learningRate": 0.05}, {"rosenbrock": {"learningRate": 5e-4}}),
        ("decoupled", {"learningRate": 0.02, "weightDecay": 0.1, "decoupledWeightDecay": True,
                       "beta2": 0.99}, {"rosenbrock": {"learningRate": 5e-4}}),
        ("l2", {"learningRate": 0.02, "weightDecay": 0.05}, {"rosenbrock": {"learningRate": 5e-4}}),
    ],
    "adadelta": [
        ("default", {"learningRate": 1.0}, {}),
        ("rho-decay", {"learningRate": 0.5, "rho": 0.95, "epsilon": 1e-5, "weightDecay": 0.01}, {}),
    ],
    "lion": [
        ("default", {"learningRate": 0.01}, {}),
        ("decay-betas", {"learningRate": 0.003, "beta1": 0.95, "beta2": 0.98, "weightDecay": 0.1}, {}),
    ],
    "muon": [
        ("row", {"learningRate": 0.02}, {}),
        ("column-plain-rms", {"learningRate": 0.05, "momentum": 0.9, "nesterov": False,
                              "weightDecay": 0.01, "learningRateAdjustment": "match_rms_adamw",
                              "shapes": [[2, 1]]}, {"nonseparable": {"learningRate": 0.02}}),
    ],
    "schedule-free-adamw": [
        ("default", {"learningRate": 0.05}, {}),
        ("warmup-decay", {"learningRate": 0.02, "warmupSteps": 20, "weightDecay": 0.01,
                          "beta1": 0.95, "beta2": 0.99}, {}),
    ],
}

# Muon on matrix blocks of the 6-parameter regression (a 2x2 matrix and a bias vector,
# and the whole vector as one tall 3x2 matrix).
EXTRA = {
    "muon": [
        # Small rates: near the minimum Muon's normalised steps make the path chaotic.
        ("matrix-and-bias", {"learningRate": 0.002, "shapes": [[2, 2], [2]]}, "regression"),
        ("tall-matrix", {"learningRate": 0.002, "weightDecay": 0.0, "shapes": [[3, 2]],
                         "learningRateAdjustment": "spectral_unclamped"}, "regression"),
    ]
}


def torch_shapes(spec, n):
    if spec["name"] != "muon":
        return None
    shapes = spec.get("shapes") or [[1, n]]
    return [tuple(s) for s in shapes]


def make_case(name, label, fields, function):
    spec = {"name": name}
    spec.update({k: v for k, v in fields.items() if k != "gradientSign"})
    sign = fields.get("gradientSign", 1)
    ref, make = torch_optimizer(spec)
    extra = sf_evaluation_point if name == "schedule-free-adamw" else None
    traj, evaluation = run_torch(make, function, sign=sign,
                                 shapes=torch_shapes(spec, len(FUNCTIONS[function][1])), extra=extra)
    conditioning(traj, lambda start: run_torch(
        make, function, sign=sign, shapes=torch_shapes(spec, len(start)), start=start)[0],
        FUNCTIONS[function][1], f"{name}-{label}-{function}")
    # float32: the learning rate a Float user passes (rounded to float32); everything else
    # (betas, eps, ...) stays a Python float, as Descent keeps hyperparameters in Double.
    spec32 = dict(spec, learningRate=float(np.float32(spec["learningRate"])))
    _, make32 = torch_optimizer(spec32)
    traj32, _ = run_torch(make32, function, sign=sign,
                          shapes=torch_shapes(spec, len(FUNCTIONS[function][1])), dtype=torch.float32)
    case = dict(id=f"{name}-{label}-{function}", function=function, start=FUNCTIONS[function][1],
                spec=spec, gradientSign=sign, reference=ref, trajectory=traj,
                trajectoryFloat32=[[shortest32(v) for v in row] for row in traj32])
    if evaluation is not None:
        case["evaluationTrajectory"] = evaluation
    check(case)
    return case


def shortest32(v):
    """The shortest decimal that reads back as the same float32 (keeps the fixture small)."""
    return float(np.format_float_scientific(np.float32(v), unique=True))


def conditioning(traj, rerun, start, label):
    """Rejects chaotic cases: a path that amplifies a 1e-13 change of the start beyond 1e-8
    cannot be matched to 1e-12 by any implementation whose rounding differs at all."""
    other = rerun([v * (1 + 1e-13) for v in start])
    scale = 1e-4 * max(abs(v) for row in traj for v in row)
    worst = max(abs(a - b) / max(abs(b), scale) for ra, rb in zip(traj, other) for a, b in zip(ra, rb))
    if worst > 1e-8:
        raise SystemExit(f"{label}: ill-conditioned path (1e-13 at the start grows to {worst:.1e})")


def check(case):
    flat = [v for row in case["trajectory"] for v in row]
    if not all(math.isfinite(v) for v in flat):
        raise SystemExit(f"{case['id']}: non-finite trajectory")
    moved = max(abs(a - b) for a, b in zip(case["trajectory"][0], case["trajectory"][-1]))
    if moved < 1e-3:
        raise SystemExit(f"{case['id']}: barely moved ({moved})")


# --------------------------------------------------------------------------------------
# Conventions: Optax / Keras forms
# --------------------------------------------------------------------------------------
def convention_cases():
    import jax
    jax.config.update("jax_enable_x64", True)
    import optax
    out = []

    def add(label, spec, reference, runner):
        for function in THREE:
            traj = runner(function)
            case = dict(id=f"{label}-{function}", function=function, start=FUNCTIONS[function][1],
                        spec=spec, gradientSign=1, reference=reference, trajectory=traj)
            check(case)
            out.append(case)

    add("rmsprop-eps-in-sqrt", {"name": "rmsprop", "learningRate": 0.01, "alpha": 0.9,
                                "epsilon": 1e-8, "epsilonInsideRoot": True},
        "optax.rmsprop(0.01, decay=0.9, eps=1e-8, eps_in_sqrt=True)",
        lambda f: run_optax(optax.rmsprop(0.01, decay=0.9, eps=1e-8, eps_in_sqrt=True), f))
    add("rmsprop-eps-in-sqrt-centered-momentum",
        {"name": "rmsprop", "learningRate": 0.005, "alpha": 0.95, "epsilon": 1e-4,
         "epsilonInsideRoot": True, "centered": True, "momentum": 0.5},
        "optax.rmsprop(0.005, decay=0.95, eps=1e-4, eps_in_sqrt=True, centered=True, momentum=0.5)",
        lambda f: run_optax(optax.rmsprop(0.005, decay=0.95, eps=1e-4, eps_in_sqrt=True,
                                          centered=True, momentum=0.5), f))
    add("adagrad-optax", {"name": "adagrad", "learningRate": 0.3, "initialAccumulatorValue": 0.1,
                          "epsilon": 1e-7, "epsilonInsideRoot": True},
        "optax.adagrad(0.3) (initial_accumulator_value=0.1, eps=1e-7)",
        lambda f: run_optax(optax.adagrad(0.3), f))
    add("amsgrad-optax", {"name": "amsgrad", "learningRate": 0.05, "beta2": 0.99,
                          "amsgradBiasCorrectedMaximum": True},
        "optax.amsgrad(0.05, b2=0.99)", lambda f: run_optax(optax.amsgrad(0.05, b2=0.99), f))
    add("nadam-optax", {"name": "nadam", "learningRate": 0.02, "momentumSchedule": False},
        "optax.nadam(0.02)", lambda f: run_optax(optax.nadam(0.02), f))
    add("adam-eps-root", {"name": "adam", "learningRate": 0.05, "epsilonRoot": 1e-6},
        "optax.adam(0.05, eps_root=1e-6)", lambda f: run_optax(optax.adam(0.05, eps_root=1e-6), f))
    add("lion-optax", {"name": "lion", "learningRate": 0.003, "beta1": 0.9, "beta2": 0.95,
                       "weightDecay": 0.05},
        "optax.lion(0.003, b1=0.9, b2=0.95, weight_decay=0.05)",
        lambda f: run_optax(optax.lion(0.003, b1=0.9, b2=0.95, weight_decay=0.05), f))

    import keras
    add("adam-epsilon-hat", {"name": "adam", "learningRate": 0.05, "epsilon": 1e-7, "epsilonHat": True},
        "keras.optimizers.Adam(0.05) (epsilon=1e-7, TensorFlow's epsilon-hat form), float64",
        lambda f: run_keras(lambda: keras.optimizers.Adam(learning_rate=0.05), f))
    add("amsgrad-epsilon-hat", {"name": "amsgrad", "learningRate": 0.05, "beta2": 0.99,
                                "epsilon": 1e-7, "epsilonHat": True},
        "keras.optimizers.Adam(0.05, beta_2=0.99, amsgrad=True), float64",
        lambda f: run_keras(lambda: keras.optimizers.Adam(learning_rate=0.05, beta_2=0.99,
                                                          amsgrad=True), f))
    return out


def versions():
    out = {"python": sys.version.split()[0]}
    for pkg in ["torch", "lion-pytorch", "schedulefree", "jax", "optax", "keras", "numpy"]:
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            out[pkg] = None
    return out


def write(name, cases):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, f"{name}.json")
    with open(path, "w") as fh:
        json.dump(dict(optimizer=name, steps=STEPS, generator="scripts/golden_optimizers.py",
                       versions=versions(), cases=cases), fh, separators=(",", ":"))
    print(f"wrote {path} ({len(cases)} cases, {os.path.getsize(path) // 1024} KiB)")


def main():
    only = set(sys.argv[1:])
    for name, settings in CASES.items():
        if only and name not in only:
            continue
        cases = []
        for label, fields, per_function in settings:
            for function in THREE:
                f = dict(fields)
                f.update(per_function.get(function, {}))
                cases.append(make_case(name, label, f, function))
        for label, fields, function in EXTRA.get(name, []):
            cases.append(make_case(name, label, fields, function))
        write(name, cases)
    if not only or "conventions" in only:
        write("conventions", convention_cases())


if __name__ == "__main__":
    main()
