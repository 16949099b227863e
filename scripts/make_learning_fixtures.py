"""Golden values for DescentLearningTests, from PyTorch (float64).

For small networks in Descent's parameter layout (per layer: W as inputs×outputs row-major,
then b), computes the mean loss (+ L2 (λ/2)‖W‖² on weights) and its gradient with autograd.
Losses: MSELoss (mean), BCEWithLogitsLoss (mean), CrossEntropyLoss (mean); activations
relu, tanh, sigmoid, gelu (exact erf form, torch's default).

    /tmp/refenv/bin/python scripts/make_learning_fixtures.py
"""
import json
import pathlib

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20240611)
ACT = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "gelu": torch.nn.functional.gelu}
cases = []
for loss in ["meanSquaredError", "binaryCrossEntropy", "crossEntropy"]:
    for act in ["relu", "tanh", "sigmoid", "gelu"]:
        outputs = {"meanSquaredError": 1, "binaryCrossEntropy": 1, "crossEntropy": 4}[loss]
        sizes = [3, 5, 4, outputs]
        n = 7
        l2 = 0.05
        x = rng.normal(size=(n, sizes[0]))
        if loss == "meanSquaredError":
            y = rng.normal(size=n)
        elif loss == "binaryCrossEntropy":
            y = rng.integers(0, 2, size=n).astype(float)
        else:
            y = rng.integers(0, outputs, size=n).astype(float)
        params = []
        tensors = []
        for i, o in zip(sizes[:-1], sizes[1:]):
            W = torch.tensor(rng.normal(size=(i, o)) * 0.8, requires_grad=True)
            b = torch.tensor(rng.normal(size=o) * 0.3, requires_grad=True)
            tensors += [W, b]
        a = torch.tensor(x)
        for li in range(len(sizes) - 1):
            a = a @ tensors[2 * li] + tensors[2 * li + 1]
            if li < len(sizes) - 2:
                a = ACT[act](a)
        yt = torch.tensor(y)
        if loss == "meanSquaredError":
            L = torch.nn.functional.mse_loss(a[:, 0], yt)
        elif loss == "binaryCrossEntropy":
            L = torch.nn.functional.binary_cross_entropy_with_logits(a[:, 0], yt)
        else:
            L = torch.nn.functional.cross_entropy(a, yt.long())
        L = L + l2 / 2 * sum((tensors[2 * li] ** 2).sum() for li in range(len(sizes) - 1))
        L.backward()
        cases.append({
            "loss": loss, "activation": act, "layerSizes": sizes, "l2": l2,
            "inputs": x.ravel().tolist(), "targets": y.tolist(),
            "parameters": np.concatenate([t.detach().numpy().ravel() for t in tensors]).tolist(),
            "value": L.item(),
            "gradient": np.concatenate([t.grad.numpy().ravel() for t in tensors]).tolist(),
        })
out = pathlib.Path(__file__).resolve().parent.parent / "Tests/DescentLearningTests/Fixtures/network_golden.json"
out.write_text(json.dumps({"source": "PyTorch " + torch.__version__ + " float64 autograd; scripts/make_learning_fixtures.py",
                           "cases": cases}, indent=1))
print(out, len(cases), "cases")
