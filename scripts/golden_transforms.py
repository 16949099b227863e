#!/usr/bin/env python3
"""Golden trajectories for Descent's gradient transforms, parameter groups and
hyperparameter schedules (float64).

PyTorch runs torch.optim.SGD on the ravine f(x, y) = 0.5 x^2 + 10 y^2 from (1.8, 0.5) with
torch.nn.utils.clip_grad_norm_ / clip_grad_value_, maximize=True, two parameter groups,
and OneCycleLR cycling SGD's momentum. Gaussian gradient noise has no PyTorch equivalent
with Descent's generator, so those cases are computed in plain Python with the reference
generator of scripts/golden_random.py.

Writes Tests/DescentOptimizersTests/Fixtures/transforms.json:
  {"cases": [{"label", "reference", "lr", "steps", "trajectory": [[x, y] after each step]}]}

Run:  /tmp/refenv/bin/python scripts/golden_transforms.py
"""
import importlib.util
import json
import os
import warnings

import torch
from torch.optim import lr_scheduler as L

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests/DescentOptimizersTests/Fixtures/transforms.json")
START = (1.8, 0.5)
STEPS = 200

spec = importlib.util.spec_from_file_location("golden_random", os.path.join(ROOT, "scripts/golden_random.py"))
golden_random = importlib.util.module_from_spec(spec)
# golden_random runs main() on import; load its definitions without writing.
source = open(os.path.join(ROOT, "scripts/golden_random.py")).read().replace("\nmain()\n", "\n")
exec(compile(source, "golden_random.py", "exec"), golden_random.__dict__)


def ravine(x, y, sign=1.0):
    return sign * (0.5 * x * x + 10 * y * y)


def torch_run(lr, sign=1.0, clip_norm=None, clip_value=None, maximize=False, groups=None, schedule=None,
              momentum=0.0):
    px = torch.tensor([START[0]], requires_grad=True)
    py = torch.tensor([START[1]], requires_grad=True)
    if groups is None:
        opt = torch.optim.SGD([px, py], lr=lr, maximize=maximize, momentum=momentum)
    else:
        opt = torch.optim.SGD([{"params": [px], "lr": lr}, {"params": [py], "lr": lr * groups}], lr=lr,
                              maximize=maximize, momentum=momentum)
    sched = schedule(opt) if schedule else None
    out = []
    for _ in range(STEPS):
        opt.zero_grad()
        ravine(px, py, sign).sum().backward()
        if clip_value is not None:
            torch.nn.utils.clip_grad_value_([px, py], clip_value)
        if clip_norm is not None:
            torch.nn.utils.clip_grad_norm_([px, py], clip_norm)
        opt.step()
        if sched:
            sched.step()
        out.append([px.item(), py.item()])
    return out


def noise_run(lr, sigma, seed, clip_norm=None):
    g = golden_random.Gaussian(seed)
    x, y = START
    out = []
    for _ in range(STEPS):
        gx, gy = x, 20 * y
        gx = gx + sigma * g.next()
        gy = gy + sigma * g.next()
        if clip_norm is not None:
            norm = (gx * gx + gy * gy) ** 0.5
            c = min(clip_norm / (norm + 1e-6), 1.0)
            gx, gy = gx * c, gy * c
        x, y = x - lr * gx, y - lr * gy
        out.append([x, y])
    return out


cases = []


def case(label, reference, lr, trajectory, **extra):
    cases.append({"label": label, "reference": reference, "lr": lr, "steps": STEPS, "trajectory": trajectory, **extra})


tv = "torch " + torch.__version__ + ": "
case("clip-norm", tv + "SGD(lr=0.04) + clip_grad_norm_(max_norm=1.0)", 0.04, torch_run(0.04, clip_norm=1.0),
     clipNorm=1.0)
case("clip-norm large lr", tv + "SGD(lr=0.12) + clip_grad_norm_(max_norm=3.0)", 0.12,
     torch_run(0.12, clip_norm=3.0), clipNorm=3.0)
case("clip-value", tv + "SGD(lr=0.04) + clip_grad_value_(0.5)", 0.04, torch_run(0.04, clip_value=0.5),
     clipValue=0.5)
case("maximize", tv + "SGD(lr=0.04, maximize=True) on -(0.5x^2 + 10y^2)", 0.04,
     torch_run(0.04, sign=-1.0, maximize=True), maximize=True, negated=True)
case("maximize clip", tv + "SGD(lr=0.06, maximize=True) + clip_grad_norm_(2.0), clip_grad_value_(4.0)", 0.06,
     torch_run(0.06, sign=-1.0, maximize=True, clip_norm=2.0, clip_value=4.0), maximize=True, negated=True,
     clipNorm=2.0, clipValue=4.0)
case("groups cosine", tv + "SGD([{x, lr 0.04}, {y, lr 0.01}]) + CosineAnnealingLR(T_max=200)", 0.04,
     torch_run(0.04, groups=0.25, schedule=lambda o: L.CosineAnnealingLR(o, T_max=200)), groupScale=0.25,
     schedule="cosine:t-max=200")
case("one-cycle momentum", tv + "SGD(momentum=0.9) + OneCycleLR(max_lr=0.03, total_steps=200) cycling momentum",
     0.03, torch_run(0.03, momentum=0.9, schedule=lambda o: L.OneCycleLR(o, max_lr=0.03, total_steps=200)),
     schedule="one-cycle:max-lr=0.03,total=200")
case("noise", "Python, golden_random.Gaussian(7): x <- x - lr (grad + 0.5 xi)", 0.02, noise_run(0.02, 0.5, 7),
     noise=0.5, seed=7)
case("noise clip", "Python, golden_random.Gaussian(11) + clip_grad_norm_ semantics (max_norm 2)", 0.04,
     noise_run(0.04, 3.0, 11, clip_norm=2.0), noise=3.0, seed=11, clipNorm=2.0)

with open(OUT, "w") as f:
    json.dump({"start": START, "cases": cases}, f, indent=1)
print(f"wrote {len(cases)} cases to {OUT}")
