"""Golden Hessian-vector products and Hessian spectra for DescentLearningTests, from PyTorch
(float64 autograd, double backward), for the networks of network_golden.json.

For every case there (same inputs, targets, weights, L2 strength), rebuilds the objective
mean loss + (λ/2) Σ‖W‖² in Descent's parameter layout and writes:
  direction   a seeded Gaussian v (numpy default_rng(7 + case index))
  hvp         ∇²f(θ)·v by torch.autograd.functional.hvp (forward-over-reverse by autograd)
  eigenvalues all eigenvalues of the full Hessian (torch.autograd.functional.hessian, eigvalsh),
              ascending
  trace       tr ∇²f(θ)

    /tmp/refenv/bin/python scripts/make_hvp_fixtures.py
"""
import json
import pathlib

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
root = pathlib.Path(__file__).resolve().parent.parent / "Tests/DescentLearningTests/Fixtures"
golden = json.loads((root / "network_golden.json").read_text())["cases"]
ACT = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "gelu": torch.nn.functional.gelu}


def objective(case):
    sizes = case["layerSizes"]
    x = torch.tensor(case["inputs"]).reshape(-1, sizes[0])
    y = torch.tensor(case["targets"])
    shapes = [(i, o) for i, o in zip(sizes[:-1], sizes[1:])]

    def f(theta):
        a, offset, weights = x, 0, []
        for li, (i, o) in enumerate(shapes):
            W = theta[offset:offset + i * o].reshape(i, o)
            offset += i * o
            b = theta[offset:offset + o]
            offset += o
            weights.append(W)
            a = a @ W + b
            if li < len(shapes) - 1:
                a = ACT[case["activation"]](a)
        if case["loss"] == "meanSquaredError":
            L = torch.nn.functional.mse_loss(a[:, 0], y)
        elif case["loss"] == "binaryCrossEntropy":
            L = torch.nn.functional.binary_cross_entropy_with_logits(a[:, 0], y)
        else:
            L = torch.nn.functional.cross_entropy(a, y.long())
        return L + case["l2"] / 2 * sum((W ** 2).sum() for W in weights)
    return f


cases = []
for index, case in enumerate(golden):
    f = objective(case)
    theta = torch.tensor(case["parameters"])
    v = torch.tensor(np.random.default_rng(7 + index).normal(size=theta.numel()))
    value, hv = torch.autograd.functional.hvp(f, theta, v)
    assert abs(value.item() - case["value"]) <= 1e-12 * abs(case["value"]), "objective disagrees with network_golden"
    H = torch.autograd.functional.hessian(f, theta)
    H = (H + H.T) / 2
    cases.append({
        "index": index, "loss": case["loss"], "activation": case["activation"],
        "direction": v.tolist(), "hvp": hv.tolist(),
        "eigenvalues": torch.linalg.eigvalsh(H).tolist(), "trace": torch.trace(H).item(),
    })
out = root / "network_hvp_golden.json"
out.write_text(json.dumps({"source": "PyTorch " + torch.__version__ + " float64 autograd; scripts/make_hvp_fixtures.py",
                           "cases": cases}, indent=1))
print(out, len(cases), "cases")
