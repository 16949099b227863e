"""Writes Sources/DescentLearning/Resources/digits.bin from scikit-learn's copy of the
UCI handwritten digits (sklearn/datasets/data/digits.csv.gz).

Format: 1,797 records of 65 unsigned bytes each: 64 pixel counts (0...16, row-major 8x8)
followed by the class label (0...9). No header, no compression, so the package reads it
without zlib. Run with any Python that has scikit-learn:

    /tmp/refenv/bin/python scripts/make_digits_resource.py
"""
import gzip
import hashlib
import pathlib

import sklearn.datasets

source = pathlib.Path(sklearn.datasets.__file__).parent / "data" / "digits.csv.gz"
rows = [line.split(",") for line in gzip.open(source, "rt").read().splitlines() if line]
assert len(rows) == 1797 and all(len(r) == 65 for r in rows)
data = bytes(int(float(v)) for row in rows for v in row)
assert max(data) <= 16
out = pathlib.Path(__file__).resolve().parent.parent / "Sources/DescentLearning/Resources/digits.bin"
out.write_bytes(data)
print(out, len(data), "bytes, sha256", hashlib.sha256(data).hexdigest())
