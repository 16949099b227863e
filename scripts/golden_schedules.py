#!/usr/bin/env python3
"""Golden learning-rate schedules for Descent's schedule tests.

Runs torch.optim.lr_scheduler (float64, CPU) and Optax (x64) and writes
Tests/DescentOptimizersTests/Fixtures/schedules.json:

    {"steps": 300, "losses": [...],              # the loss sequence that drives plateau cases
     "cases": [{"label", "reference", "schedule", "base", "values", "momentum"?}]}

`schedule` is Descent's text syntax (ScheduleSpec(parsing:)), `reference` the Python
call that produced `values`. values[t] is the learning rate of update t+1, i.e. the
optimizer's lr after t calls of scheduler.step() (torch) or schedule(t) (Optax).
`momentum` (cyclic, one-cycle) is the optimizer's momentum / beta1 at the same moments.

Run:  /tmp/refenv/bin/python scripts/golden_schedules.py
"""
import json
import math
import os
import warnings

import torch
from torch.optim import lr_scheduler as L

import jax
jax.config.update("jax_enable_x64", True)
import optax  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)
STEPS = 300
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests/DescentOptimizersTests/Fixtures/schedules.json")


def plateau_losses():
    """A loss curve that improves, stalls, improves a little, stalls: exercises patience,
    threshold and cooldown. Rounded to 12 digits so the JSON is exact."""
    out = []
    for t in range(1, STEPS + 1):
        v = 2.0 / (1 + 0.05 * min(t, 60)) + 0.01 * math.sin(0.7 * t)
        if t > 150:
            v -= 0.05 * (1 - math.exp(-(t - 150) / 30))
        out.append(round(v, 12))
    return out


LOSSES = plateau_losses()


def optimizer(base, kind="sgd"):
    p = torch.nn.Parameter(torch.zeros(2))
    if kind == "adam":
        return torch.optim.Adam([p], lr=base)
    if kind == "momentum":
        return torch.optim.SGD([p], lr=base, momentum=0.9)
    return torch.optim.SGD([p], lr=base)


def run_torch(make, base, kind="sgd", plateau=False, momentum=False):
    opt = optimizer(base, kind)
    sched = make(opt)
    values, moms = [], []
    for t in range(STEPS):
        g = opt.param_groups[0]
        values.append(float(g["lr"]))
        if momentum:
            moms.append(float(g["betas"][0] if "betas" in g else g["momentum"]))
        opt.step()
        if plateau:
            sched.step(LOSSES[t])
        else:
            sched.step()
    return values, (moms if momentum else None)


cases = []


def torch_case(label, reference, schedule, base, make, **kw):
    values, moms = run_torch(make, base, **kw)
    case = {"label": label, "reference": "torch " + torch.__version__ + ": " + reference,
            "schedule": schedule, "base": base, "values": values}
    if moms is not None:
        case["momentum"] = moms
    cases.append(case)


def optax_case(label, reference, schedule, base, fn):
    values = [float(fn(t)) for t in range(STEPS)]
    cases.append({"label": label, "reference": "optax " + optax.__version__ + ": " + reference,
                  "schedule": schedule, "base": base, "values": values})


# constant (torch ConstantLR)
torch_case("constant", "ConstantLR(factor=1.0, total_iters=0)", "constant", 0.05,
           lambda o: L.ConstantLR(o, factor=1.0, total_iters=0))
torch_case("constant factor", "ConstantLR(factor=1/3, total_iters=5)",
           "constant:factor=0.3333333333333333,total=5", 0.1,
           lambda o: L.ConstantLR(o, factor=0.3333333333333333, total_iters=5))
# step
torch_case("step 30 0.1", "StepLR(step_size=30, gamma=0.1)", "step:step-size=30,gamma=0.1", 0.1,
           lambda o: L.StepLR(o, step_size=30, gamma=0.1))
torch_case("step 7 0.5", "StepLR(step_size=7, gamma=0.5)", "step:step-size=7,gamma=0.5", 0.3,
           lambda o: L.StepLR(o, step_size=7, gamma=0.5))
# multi-step
torch_case("multistep", "MultiStepLR(milestones=[30, 80], gamma=0.1)",
           "multistep:milestones=30/80,gamma=0.1", 0.1,
           lambda o: L.MultiStepLR(o, milestones=[30, 80], gamma=0.1))
torch_case("multistep unsorted repeated", "MultiStepLR(milestones=[200, 50, 50, 120], gamma=0.7)",
           "multistep:milestones=200/50/50/120,gamma=0.7", 0.02,
           lambda o: L.MultiStepLR(o, milestones=[200, 50, 50, 120], gamma=0.7))
# exponential
torch_case("exponential 0.99", "ExponentialLR(gamma=0.99)", "exponential:gamma=0.99", 0.1,
           lambda o: L.ExponentialLR(o, gamma=0.99))
torch_case("exponential 0.9", "ExponentialLR(gamma=0.9)", "exponential:gamma=0.9", 1.0,
           lambda o: L.ExponentialLR(o, gamma=0.9))
optax_case("exponential optax", "exponential_decay(0.1, transition_steps=1, decay_rate=0.97)",
           "exponential:gamma=0.97", 0.1,
           optax.exponential_decay(0.1, transition_steps=1, decay_rate=0.97))
# inverse time (Robbins–Monro): torch LambdaLR with the formula
torch_case("inverse-time", "LambdaLR(lambda t: 1 / (1 + 0.1 * t))", "inverse-time:decay=0.1", 0.5,
           lambda o: L.LambdaLR(o, lambda t: 1 / (1 + 0.1 * t)))
torch_case("inverse-time power", "LambdaLR(lambda t: 1 / (1 + 0.05 * t) ** 0.75)",
           "inverse-time:decay=0.05,power=0.75", 0.2,
           lambda o: L.LambdaLR(o, lambda t: 1 / (1 + 0.05 * t) ** 0.75))
# polynomial
torch_case("polynomial", "PolynomialLR(total_iters=200, power=1.0)", "polynomial:total=200", 0.1,
           lambda o: L.PolynomialLR(o, total_iters=200, power=1.0))
torch_case("polynomial power 2", "PolynomialLR(total_iters=250, power=2.0)",
           "polynomial:total=250,power=2", 0.05,
           lambda o: L.PolynomialLR(o, total_iters=250, power=2.0))
optax_case("polynomial optax end", "polynomial_schedule(0.1, 0.001, power=0.5, transition_steps=150)",
           "polynomial:total=150,power=0.5,end=0.001", 0.1,
           optax.polynomial_schedule(0.1, 0.001, power=0.5, transition_steps=150))
# linear
torch_case("linear default", "LinearLR(start_factor=1/3, end_factor=1, total_iters=5)",
           "linear:start-factor=0.3333333333333333,end-factor=1,total=5", 0.1,
           lambda o: L.LinearLR(o, start_factor=0.3333333333333333, end_factor=1.0, total_iters=5))
torch_case("linear decay", "LinearLR(start_factor=1, end_factor=0.05, total_iters=120)",
           "linear:start-factor=1,end-factor=0.05,total=120", 0.2,
           lambda o: L.LinearLR(o, start_factor=1.0, end_factor=0.05, total_iters=120))
# cosine
torch_case("cosine", "CosineAnnealingLR(T_max=100, eta_min=0)", "cosine:t-max=100", 0.1,
           lambda o: L.CosineAnnealingLR(o, T_max=100, eta_min=0.0))
torch_case("cosine eta-min", "CosineAnnealingLR(T_max=300, eta_min=0.001)",
           "cosine:t-max=300,eta-min=0.001", 0.05,
           lambda o: L.CosineAnnealingLR(o, T_max=300, eta_min=0.001))
torch_case("cosine short period", "CosineAnnealingLR(T_max=37, eta_min=0.01)",
           "cosine:t-max=37,eta-min=0.01", 0.3,
           lambda o: L.CosineAnnealingLR(o, T_max=37, eta_min=0.01))
# warm restarts
torch_case("warm restarts", "CosineAnnealingWarmRestarts(T_0=50, T_mult=1, eta_min=0)",
           "warm-restarts:t0=50", 0.1,
           lambda o: L.CosineAnnealingWarmRestarts(o, T_0=50))
torch_case("warm restarts mult", "CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.001)",
           "warm-restarts:t0=10,t-mult=2,eta-min=0.001", 0.1,
           lambda o: L.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=0.001))
torch_case("warm restarts mult 3", "CosineAnnealingWarmRestarts(T_0=7, T_mult=3, eta_min=0.0)",
           "warm-restarts:t0=7,t-mult=3", 0.2,
           lambda o: L.CosineAnnealingWarmRestarts(o, T_0=7, T_mult=3))
# linear warmup
optax_case("warmup optax", "linear_schedule(0.0, 0.1, transition_steps=20)", "warmup:steps=20", 0.1,
           optax.linear_schedule(0.0, 0.1, transition_steps=20))
torch_case("warmup torch", "LinearLR(start_factor=0.1, end_factor=1, total_iters=10)",
           "warmup:steps=10,start-factor=0.1", 0.05,
           lambda o: L.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=10))
# cyclical (momentum cycled on SGD with momentum / Adam's beta1)
torch_case("cyclic triangular", "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=20, mode='triangular')",
           "cyclic:base-lr=0.001,max-lr=0.1,step-size-up=20", 0.001,
           lambda o: L.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=20), kind="momentum",
           momentum=True)
torch_case("cyclic triangular2", "CyclicLR(base_lr=0.01, max_lr=0.2, step_size_up=15, step_size_down=25, mode='triangular2', base_momentum=0.85, max_momentum=0.95)",
           "cyclic:base-lr=0.01,max-lr=0.2,step-size-up=15,step-size-down=25,mode=triangular2,base-momentum=0.85,max-momentum=0.95",
           0.01,
           lambda o: L.CyclicLR(o, base_lr=0.01, max_lr=0.2, step_size_up=15, step_size_down=25,
                                mode="triangular2", base_momentum=0.85, max_momentum=0.95),
           kind="momentum", momentum=True)
torch_case("cyclic exp-range", "CyclicLR(base_lr=0.002, max_lr=0.05, step_size_up=30, mode='exp_range', gamma=0.995) on Adam",
           "cyclic:base-lr=0.002,max-lr=0.05,step-size-up=30,mode=exp-range,gamma=0.995", 0.002,
           lambda o: L.CyclicLR(o, base_lr=0.002, max_lr=0.05, step_size_up=30, mode="exp_range",
                                gamma=0.995), kind="adam", momentum=True)
# one-cycle
torch_case("one-cycle cos", "OneCycleLR(max_lr=0.1, total_steps=300)", "one-cycle:max-lr=0.1,total=300",
           0.1, lambda o: L.OneCycleLR(o, max_lr=0.1, total_steps=300), kind="momentum", momentum=True)
torch_case("one-cycle linear", "OneCycleLR(max_lr=0.5, total_steps=320, pct_start=0.25, anneal_strategy='linear', div_factor=10, final_div_factor=100) on Adam",
           "one-cycle:max-lr=0.5,total=320,pct-start=0.25,anneal=linear,div-factor=10,final-div-factor=100",
           0.5,
           lambda o: L.OneCycleLR(o, max_lr=0.5, total_steps=320, pct_start=0.25, anneal_strategy="linear",
                                  div_factor=10.0, final_div_factor=100.0), kind="adam", momentum=True)
torch_case("one-cycle three-phase", "OneCycleLR(max_lr=0.2, total_steps=300, pct_start=0.4, three_phase=True, base_momentum=0.8, max_momentum=0.9)",
           "one-cycle:max-lr=0.2,total=300,pct-start=0.4,three-phase=true,base-momentum=0.8,max-momentum=0.9",
           0.2,
           lambda o: L.OneCycleLR(o, max_lr=0.2, total_steps=300, pct_start=0.4, three_phase=True,
                                  base_momentum=0.8, max_momentum=0.9), kind="momentum", momentum=True)
# reduce on plateau, driven by LOSSES
torch_case("plateau default", "ReduceLROnPlateau(mode='min', factor=0.1, patience=10)", "plateau", 0.1,
           lambda o: L.ReduceLROnPlateau(o), plateau=True)
torch_case("plateau abs cooldown", "ReduceLROnPlateau(factor=0.5, patience=3, threshold=0.01, threshold_mode='abs', cooldown=5, min_lr=0.004)",
           "plateau:factor=0.5,patience=3,threshold=0.01,threshold-mode=abs,cooldown=5,min-lr=0.004", 0.1,
           lambda o: L.ReduceLROnPlateau(o, factor=0.5, patience=3, threshold=0.01, threshold_mode="abs",
                                         cooldown=5, min_lr=0.004), plateau=True)
torch_case("plateau rel eps", "ReduceLROnPlateau(factor=0.3, patience=0, threshold=0.001, eps=1e-3)",
           "plateau:factor=0.3,patience=0,threshold=0.001,eps=1e-3", 0.1,
           lambda o: L.ReduceLROnPlateau(o, factor=0.3, patience=0, threshold=0.001, eps=1e-3), plateau=True)
torch_case("plateau max", "ReduceLROnPlateau(mode='max', factor=0.5, patience=2, threshold_mode='abs', threshold=0.0)",
           "plateau:mode=max,factor=0.5,patience=2,threshold-mode=abs,threshold=0", 0.1,
           lambda o: L.ReduceLROnPlateau(o, mode="max", factor=0.5, patience=2, threshold_mode="abs",
                                         threshold=0.0), plateau=True)
# joins
torch_case("sequential warmup cosine", "SequentialLR([LinearLR(0.1, 1, 10), CosineAnnealingLR(T_max=290)], milestones=[10])",
           "warmup:steps=10,start-factor=0.1+cosine:t-max=290", 0.1,
           lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=10),
                                        L.CosineAnnealingLR(o, T_max=290)], milestones=[10]))
torch_case("sequential three", "SequentialLR([ConstantLR(0.5, 1000), ExponentialLR(0.98), StepLR(20, 0.5)], milestones=[40, 150])",
           "constant:factor=0.5,total=1000,for=40+exponential:gamma=0.98,for=110+step:step-size=20,gamma=0.5",
           0.2,
           lambda o: L.SequentialLR(o, [L.ConstantLR(o, factor=0.5, total_iters=1000), L.ExponentialLR(o, gamma=0.98),
                                        L.StepLR(o, step_size=20, gamma=0.5)], milestones=[40, 150]))
torch_case("sequential warm restarts", "SequentialLR([LinearLR(0.2, 1, 25), CosineAnnealingWarmRestarts(T_0=30, T_mult=2, eta_min=0.001)], milestones=[25])",
           "linear:start-factor=0.2,total=25+warm-restarts:t0=30,t-mult=2,eta-min=0.001", 0.1,
           lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.2, end_factor=1.0, total_iters=25),
                                        L.CosineAnnealingWarmRestarts(o, T_0=30, T_mult=2, eta_min=0.001)],
                                    milestones=[25]))
torch_case("chained", "ChainedScheduler([ConstantLR(0.1, 4), ExponentialLR(0.99)])",
           "constant:factor=0.1,total=4*exponential:gamma=0.99", 0.1,
           lambda o: L.ChainedScheduler([L.ConstantLR(o, factor=0.1, total_iters=4), L.ExponentialLR(o, gamma=0.99)]))
torch_case("chained step linear", "ChainedScheduler([LinearLR(0.5, 1, 40), StepLR(50, 0.5), MultiStepLR([120, 200], 0.3)])",
           "linear:start-factor=0.5,total=40*step:step-size=50,gamma=0.5*multistep:milestones=120/200,gamma=0.3", 0.1,
           lambda o: L.ChainedScheduler([L.LinearLR(o, start_factor=0.5, end_factor=1.0, total_iters=40),
                                         L.StepLR(o, step_size=50, gamma=0.5),
                                         L.MultiStepLR(o, milestones=[120, 200], gamma=0.3)]))

with open(OUT, "w") as f:
    json.dump({"steps": STEPS, "losses": LOSSES, "cases": cases}, f, indent=1)
print(f"wrote {len(cases)} cases to {OUT}")
