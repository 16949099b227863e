"""The catalog's test functions written independently from their published sources.

Each entry gives the function as a sympy expression transcribed from the paper (not from
Descent's Swift code), the formula string in Descent's grammar (which the Swift catalog
must reproduce character for character), the plot window and, for fixed-dimension
functions, the global minimum value known from the literature.

Sources:
  MGH   J. J. Moré, B. S. Garbow, K. E. Hillstrom, "Testing Unconstrained Optimization
        Software", ACM TOMS 7(1):17-41, 1981.
  VLSE  S. Surjanovic, D. Bingham, Virtual Library of Simulation Experiments,
        https://www.sfu.ca/~ssurjano/optimization.html
"""

import sympy as sp

X, Y, Z, W = sp.symbols("x y z w", real=True)


def nd_symbols(n):
    return sp.symbols(f"x1:{n + 1}", real=True)


def join(terms, sep=" + "):
    return sep.join(terms)


# --- N-D formula strings (the Swift catalog builds the same strings) ----------------------


def rosenbrock_string(n):
    return join(f"100*(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2" for i in range(1, n))


def sphere_string(n):
    return join(f"x{i}^2" for i in range(1, n + 1))


def rastrigin_string(n):
    return f"{10 * n} + " + join(f"(x{i}^2 - 10*cos(2*pi*x{i}))" for i in range(1, n + 1))


def styblinski_tang_string(n):
    return "0.5*(" + join(f"(x{i}^4 - 16*x{i}^2 + 5*x{i})" for i in range(1, n + 1)) + ")"


def ackley_string(n):
    squares = join(f"x{i}^2" for i in range(1, n + 1))
    cosines = join(f"cos(2*pi*x{i})" for i in range(1, n + 1))
    return f"-20*exp(-0.2*sqrt(({squares})/{n})) - exp(({cosines})/{n}) + 20 + e"


def dixon_price_string(n):
    return "(x1 - 1)^2 + " + join(f"{i}*(2*x{i}^2 - x{i - 1})^2" for i in range(2, n + 1))


def trid_string(n):
    return join(f"(x{i} - 1)^2" for i in range(1, n + 1)) + "".join(
        f" - x{i}*x{i - 1}" for i in range(2, n + 1))


def zakharov_string(n):
    weighted = join(("x1" if i == 1 else f"{i}*x{i}") for i in range(1, n + 1))
    return sphere_string(n) + f" + (({weighted})/2)^2 + (({weighted})/2)^4"


# --- N-D sympy expressions from VLSE -----------------------------------------------------


def rosenbrock_expr(x):  # VLSE "Rosenbrock function" (chained form); scipy.optimize.rosen
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1))


def sphere_expr(x):
    return sum(v ** 2 for v in x)


def rastrigin_expr(x):
    d = len(x)
    return 10 * d + sum(v ** 2 - 10 * sp.cos(2 * sp.pi * v) for v in x)


def styblinski_tang_expr(x):
    return sp.Rational(1, 2) * sum(v ** 4 - 16 * v ** 2 + 5 * v for v in x)


def ackley_expr(x):
    a, b, c, d = 20, sp.Rational(1, 5), 2 * sp.pi, len(x)
    return (-a * sp.exp(-b * sp.sqrt(sum(v ** 2 for v in x) / d))
            - sp.exp(sum(sp.cos(c * v) for v in x) / d) + a + sp.E)


def dixon_price_expr(x):
    return (x[0] - 1) ** 2 + sum((i + 1) * (2 * x[i] ** 2 - x[i - 1]) ** 2 for i in range(1, len(x)))


def trid_expr(x):
    return sum((v - 1) ** 2 for v in x) - sum(x[i] * x[i - 1] for i in range(1, len(x)))


def zakharov_expr(x):
    s = sum(sp.Rational(1, 2) * (i + 1) * x[i] for i in range(len(x)))
    return sum(v ** 2 for v in x) + s ** 2 + s ** 4


# --- fixed-dimension functions -----------------------------------------------------------

R = sp.Rational
PI = sp.pi


def helical_theta(x1, x2):
    # MGH (7): theta = atan(x2/x1)/(2 pi) for x1 > 0, + 1/2 for x1 < 0.
    return sp.Piecewise((sp.atan(x2 / x1) / (2 * PI), x1 > 0), (sp.atan(x2 / x1) / (2 * PI) + R(1, 2), True))


FIXED = {
    # name: (variables, expression, formula string, window, global minimum value or None)
    "bowl": ((X, Y), X**2 + Y**2, "x^2 + y^2", [(-2, 2), (-2, 2)], 0),
    "narrow-ravine": ((X, Y), R(1, 2) * X**2 + 10 * Y**2, "0.5*x^2 + 10*y^2", [(-2, 2), (-1, 1)], 0),
    "ill-conditioned-ravine": ((X, Y), R(1, 2) * X**2 + 50 * Y**2, "0.5*x^2 + 50*y^2", [(-3, 3), (-3, 3)], 0),
    "saddle": ((X, Y), X**2 - Y**2, "x^2 - y^2", [(-2, 2), (-2, 2)], None),
    "monkey-saddle": ((X, Y), X**3 - 3 * X * Y**2, "x^3 - 3*x*y^2", [(-1.5, 1.5), (-1.5, 1.5)], None),
    "double-well": ((X,), X**4 - 4 * X**2 + 1, "x^4 - 4*x^2 + 1", [(-2.5, 2.5)], -3),
    "parabola": ((W,), W**2 + 3, "w^2 + 3", [(-3, 3)], 3),
    "plateau": ((X, Y), 1 - sp.exp(-2 * (X**2 + Y**2)), "1 - exp(-2*(x^2 + y^2))", [(-3, 3), (-3, 3)], 0),
    # VLSE
    "himmelblau": ((X, Y), (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2,
                   "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", [(-5, 5), (-5, 5)], 0),
    "beale": ((X, Y), (R(3, 2) - X + X * Y) ** 2 + (R(9, 4) - X + X * Y**2) ** 2 + (R(21, 8) - X + X * Y**3) ** 2,
              "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", [(-4.5, 4.5), (-4.5, 4.5)], 0),
    "booth": ((X, Y), (X + 2 * Y - 7) ** 2 + (2 * X + Y - 5) ** 2,
              "(x + 2*y - 7)^2 + (2*x + y - 5)^2", [(-10, 10), (-10, 10)], 0),
    "matyas": ((X, Y), R(26, 100) * (X**2 + Y**2) - R(48, 100) * X * Y,
               "0.26*(x^2 + y^2) - 0.48*x*y", [(-10, 10), (-10, 10)], 0),
    "three-hump-camel": ((X, Y), 2 * X**2 - R(105, 100) * X**4 + X**6 / 6 + X * Y + Y**2,
                         "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", [(-5, 5), (-5, 5)], 0),
    "six-hump-camel": ((X, Y), (4 - R(21, 10) * X**2 + X**4 / 3) * X**2 + X * Y + (-4 + 4 * Y**2) * Y**2,
                       "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", [(-3, 3), (-2, 2)], None),
    "goldstein-price": ((X, Y),
                        (1 + (X + Y + 1) ** 2 * (19 - 14 * X + 3 * X**2 - 14 * Y + 6 * X * Y + 3 * Y**2))
                        * (30 + (2 * X - 3 * Y) ** 2 * (18 - 32 * X + 12 * X**2 + 48 * Y - 36 * X * Y + 27 * Y**2)),
                        "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
                        "*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))",
                        [(-2, 2), (-2, 2)], 3),
    "mccormick": ((X, Y), sp.sin(X + Y) + (X - Y) ** 2 - R(3, 2) * X + R(5, 2) * Y + 1,
                  "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1", [(-1.5, 4), (-3, 4)], None),
    "branin": ((X, Y), (Y - R(51, 10) / (4 * PI**2) * X**2 + 5 / PI * X - 6) ** 2 + 10 * (1 - 1 / (8 * PI)) * sp.cos(X) + 10,
               "(y - 5.1/(4*pi^2)*x^2 + 5/pi*x - 6)^2 + 10*(1 - 1/(8*pi))*cos(x) + 10", [(-5, 10), (0, 15)], None),
    "easom": ((X, Y), -sp.cos(X) * sp.cos(Y) * sp.exp(-((X - PI) ** 2 + (Y - PI) ** 2)),
              "-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))", [(-1, 7), (-1, 7)], -1),
    "levi-13": ((X, Y), sp.sin(3 * PI * X) ** 2 + (X - 1) ** 2 * (1 + sp.sin(3 * PI * Y) ** 2)
                + (Y - 1) ** 2 * (1 + sp.sin(2 * PI * Y) ** 2),
                "sin(3*pi*x)^2 + (x - 1)^2*(1 + sin(3*pi*y)^2) + (y - 1)^2*(1 + sin(2*pi*y)^2)",
                [(-1, 3), (-1, 3)], 0),
    # MGH
    "freudenstein-roth": ((X, Y), (-13 + X + ((5 - Y) * Y - 2) * Y) ** 2 + (-29 + X + ((Y + 1) * Y - 14) * Y) ** 2,
                          "(-13 + x + ((5 - y)*y - 2)*y)^2 + (-29 + x + ((y + 1)*y - 14)*y)^2",
                          [(-5, 30), (-3, 6)], 0),
    "powell-badly-scaled": ((X, Y), (10**4 * X * Y - 1) ** 2 + (sp.exp(-X) + sp.exp(-Y) - R(10001, 10000)) ** 2,
                            "(10000*x*y - 1)^2 + (exp(-x) + exp(-y) - 1.0001)^2", [(-1, 10), (-1, 10)], 0),
    "brown-badly-scaled": ((X, Y), (X - 10**6) ** 2 + (Y - R(2, 10**6)) ** 2 + (X * Y - 2) ** 2,
                           "(x - 1e6)^2 + (y - 2e-6)^2 + (x*y - 2)^2", [(-1e6, 2e6), (-1, 1)], 0),
    "helical-valley": ((X, Y, Z), 100 * (Z - 10 * helical_theta(X, Y)) ** 2 + 100 * (sp.sqrt(X**2 + Y**2) - 1) ** 2 + Z**2,
                       "100*(z - 10*(atan(y/x)/(2*pi) + 0.25*(1 - x/abs(x))))^2 + 100*(sqrt(x^2 + y^2) - 1)^2 + z^2",
                       [(-2, 2), (-2, 2), (-2, 2)], 0),
    "wood": ((X, Y, Z, W), 100 * (Y - X**2) ** 2 + (1 - X) ** 2 + 90 * (W - Z**2) ** 2 + (1 - Z) ** 2
             + R(101, 10) * ((Y - 1) ** 2 + (W - 1) ** 2) + R(198, 10) * (Y - 1) * (W - 1),
             "100*(y - x^2)^2 + (1 - x)^2 + 90*(w - z^2)^2 + (1 - z)^2 + 10.1*((y - 1)^2 + (w - 1)^2)"
             " + 19.8*(y - 1)*(w - 1)", [(-3, 3)] * 4, 0),
    "powell-singular": ((X, Y, Z, W), (X + 10 * Y) ** 2 + 5 * (Z - W) ** 2 + (Y - 2 * Z) ** 4 + 10 * (X - W) ** 4,
                        "(x + 10*y)^2 + 5*(z - w)^2 + (y - 2*z)^4 + 10*(x - w)^4", [(-4, 4)] * 4, 0),
}

# name: (expression builder, string builder, per-coordinate window builder (n -> (lo, hi)))
ND = {
    "rosenbrock": (rosenbrock_expr, rosenbrock_string, lambda n: (-2, 2)),
    "sphere": (sphere_expr, sphere_string, lambda n: (-5.12, 5.12)),
    "rastrigin": (rastrigin_expr, rastrigin_string, lambda n: (-5.12, 5.12)),
    "styblinski-tang": (styblinski_tang_expr, styblinski_tang_string, lambda n: (-5, 5)),
    "ackley": (ackley_expr, ackley_string, lambda n: (-5, 5)),
    "dixon-price": (dixon_price_expr, dixon_price_string, lambda n: (-10, 10)),
    "trid": (trid_expr, trid_string, lambda n: (-n * n, n * n)),
    "zakharov": (zakharov_expr, zakharov_string, lambda n: (-5, 10)),
}
