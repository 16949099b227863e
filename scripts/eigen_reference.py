#!/usr/bin/env python3
"""Golden eigen-decompositions for Descent's SymmetricEigen and SymmetricTridiagonalEigen.

Reference: numpy.linalg.eigh (LAPACK dsyevd) for dense symmetric matrices and
scipy.linalg.eigh_tridiagonal (LAPACK dstemr) for tridiagonal ones. Seeded, so the output
is reproducible. Writes Tests/DescentCoreTests/Fixtures/eigen_reference.json.

Usage: python3 scripts/eigen_reference.py
"""
import json
import os

import numpy as np
import scipy.linalg

rng = np.random.default_rng(20240604)


def random_symmetric(n, scale=1.0):
    a = rng.standard_normal((n, n)) * scale
    return (a + a.T) / 2


def with_spectrum(eigenvalues):
    n = len(eigenvalues)
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    a = q @ np.diag(eigenvalues) @ q.T
    return (a + a.T) / 2


dense = []


def add_dense(name, a, compare_vectors=True):
    a = np.asarray(a, dtype=float)
    w, v = np.linalg.eigh(a)
    dense.append({
        "name": name,
        "n": int(a.shape[0]),
        "matrix": a.flatten().tolist(),
        "eigenvalues": w.tolist(),
        # columns = eigenvectors, row-major like Descent
        "eigenvectors": v.flatten().tolist(),
        # eigenvectors are unique up to sign only when the eigenvalues are well separated
        "compareVectors": bool(compare_vectors),
    })


add_dense("1x1", [[3.5]])
add_dense("2x2 diagonal", [[2.0, 0.0], [0.0, -1.0]])
add_dense("2x2 saddle of x^2 - y^2 rotated", with_spectrum([2.0, -2.0]))
add_dense("2x2 tiny coupling", [[1.0, 1e-9], [1e-9, 1.0 + 1e-3]])
add_dense("ravine 0.5x^2+10y^2", [[1.0, 0.0], [0.0, 20.0]])
for n in (3, 4, 5, 8, 10, 20, 50):
    add_dense(f"random normal n={n}", random_symmetric(n))
add_dense("indefinite n=6 spectrum -3..4", with_spectrum([-3.0, -1.0, 0.5, 1.0, 2.0, 4.0]))
add_dense("condition 1e8 n=7", with_spectrum(np.logspace(0, 8, 7)))
add_dense("graded n=5", np.diag([1e6, 1e3, 1.0, 1e-3, 1e-6]) + 1e-4 * random_symmetric(5))
add_dense("repeated eigenvalue n=5", with_spectrum([1.0, 1.0, 1.0, 2.0, 3.0]), compare_vectors=False)
add_dense("zero matrix n=3", np.zeros((3, 3)), compare_vectors=False)
add_dense("large entries n=6", random_symmetric(6, scale=1e150))
add_dense("tiny entries n=6", random_symmetric(6, scale=1e-150))
add_dense("Hilbert n=8", scipy.linalg.hilbert(8))
add_dense("Wilkinson W21+", np.diag(np.abs(np.arange(-10, 11)).astype(float))
          + np.diag(np.ones(20), 1) + np.diag(np.ones(20), -1), compare_vectors=False)

tridiagonal = []


def add_tridiagonal(name, d, e, compare_vectors=True):
    d = np.asarray(d, dtype=float)
    e = np.asarray(e, dtype=float)
    w, v = scipy.linalg.eigh_tridiagonal(d, e)
    tridiagonal.append({
        "name": name,
        "diagonal": d.tolist(),
        "offDiagonal": e.tolist(),
        "eigenvalues": w.tolist(),
        "eigenvectors": v.flatten().tolist(),
        "compareVectors": bool(compare_vectors),
    })


add_tridiagonal("k=1", [2.0], [])
add_tridiagonal("k=2", [1.0, 3.0], [0.5])
add_tridiagonal("1-D Laplacian k=12", 2 * np.ones(12), -np.ones(11))
for k in (5, 15, 40):
    add_tridiagonal(f"random k={k}", rng.standard_normal(k), np.abs(rng.standard_normal(k - 1)) + 0.1)
add_tridiagonal("Wilkinson W21+ tridiagonal", np.abs(np.arange(-10, 11)).astype(float), np.ones(20),
                compare_vectors=False)

out = {
    "source": "numpy.linalg.eigh / scipy.linalg.eigh_tridiagonal, numpy "
              + np.__version__ + ", scipy " + scipy.__version__ + "; scripts/eigen_reference.py",
    "dense": dense,
    "tridiagonal": tridiagonal,
}
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "DescentCoreTests", "Fixtures",
                    "eigen_reference.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path), len(dense), "dense,", len(tridiagonal), "tridiagonal")
