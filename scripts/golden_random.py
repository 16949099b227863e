#!/usr/bin/env python3
"""Reference streams for Descent's seeded random numbers (DescentCore/Random.swift).

Independent Python implementations, from the reference C code of SplitMix64
(prng.di.unimi.it/splitmix64.c) and xoshiro256** (prng.di.unimi.it/xoshiro256starstar.c),
and of Marsaglia's polar method with the portable logarithm described in Random.swift.
Python floats are IEEE 754 doubles with correctly rounded + - * / and sqrt, so the
Gaussian stream must match Descent bit for bit.

Writes Tests/DescentCoreTests/Fixtures/random.json. Run with any Python 3.
"""
import json
import math
import os

M = (1 << 64) - 1
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests/DescentCoreTests/Fixtures/random.json")


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & M

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class Xoshiro256StarStar:
    def __init__(self, seed):
        sm = SplitMix64(seed)
        self.s = [sm.next() for _ in range(4)]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


def portable_log(x):
    m, e = math.frexp(x)  # x = m * 2**e, m in [0.5, 1)
    m *= 2.0
    e -= 1  # m in [1, 2)
    e = float(e)
    if m > 1.4142135623730951:
        m *= 0.5
        e += 1
    f = (m - 1) / (m + 1)
    f2 = f * f
    series = 1.0 / 25
    k = 23.0
    while k >= 3:
        series = 1 / k + f2 * series
        k -= 2
    logm = 2 * f + 2 * f * (f2 * series)
    return e * 6.93147180369123816490e-01 + (e * 1.90821492927058770002e-10 + logm)


class Gaussian:
    def __init__(self, seed):
        self.src = Xoshiro256StarStar(seed)
        self.spare = None

    def next(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            u = 2 * self.src.uniform() - 1
            v = 2 * self.src.uniform() - 1
            s = u * u + v * v
            if s >= 1 or s == 0:
                continue
            m = math.sqrt(-2 * portable_log(s) / s)
            self.spare = v * m
            return u * m


def main():
    out = {"splitmix64": [], "xoshiro256starstar": [], "gaussian": [], "log": []}
    for seed in [0, 1, 42, 1234567, 0xFFFFFFFFFFFFFFFF]:
        sm = SplitMix64(seed)
        out["splitmix64"].append({"seed": str(seed), "outputs": [str(sm.next()) for _ in range(8)]})
        xo = Xoshiro256StarStar(seed)
        out["xoshiro256starstar"].append({"seed": str(seed), "outputs": [str(xo.next()) for _ in range(8)]})
    for seed in [0, 42, 2024]:
        g = Gaussian(seed)
        out["gaussian"].append({"seed": str(seed), "values": [g.next() for _ in range(1001)]})
    xs = [1e-300, 2.2250738585072014e-308, 5e-324, 1e-10, 0.001, 0.1, 0.5, 0.7071, 0.70710678118654757,
          0.9999999, 1.0, 1.0000001, 1.4142135623730951, 1.5, 2.0, 3.0, 10.0, 1e10, 1.7976931348623157e308]
    out["log"] = [{"x": x, "portable": portable_log(x), "libm": math.log(x)} for x in xs]
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", OUT, "| splitmix64(0) first:", hex(SplitMix64(0).next()))


main()
