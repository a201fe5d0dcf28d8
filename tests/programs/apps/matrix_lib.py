"""A small linear-algebra library in pure Python: Vector and Matrix types with
the full numeric protocol (reflected and in-place operators, @, unary ops,
__index__/__round__/__format__/__bool__, rich comparisons, hashing rules),
integration with numbers/fractions/decimal, Gaussian elimination with exact
fractions, a least-squares fit, and a Polynomial type."""
import math
import numbers
import operator
from decimal import Decimal
from fractions import Fraction
from functools import reduce, total_ordering


class Vector:
    __slots__ = ("_c",)

    def __init__(self, *components):
        if len(components) == 1 and not isinstance(components[0], numbers.Number):
            components = tuple(components[0])
        self._c = tuple(components)

    def __len__(self):
        return len(self._c)

    def __iter__(self):
        return iter(self._c)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Vector(self._c[i])
        return self._c[i]

    def __repr__(self):
        return f"Vector({', '.join(map(repr, self._c))})"

    def __format__(self, spec):
        return "<" + ", ".join(format(c, spec) for c in self._c) + ">"

    def _zip(self, other, op):
        if isinstance(other, Vector):
            if len(other) != len(self):
                raise ValueError(f"dimension mismatch: {len(self)} vs {len(other)}")
            return Vector(op(a, b) for a, b in zip(self, other))
        if isinstance(other, numbers.Number):
            return Vector(op(a, other) for a in self)
        return NotImplemented

    def __add__(self, o): return self._zip(o, operator.add)
    def __radd__(self, o): return self if o == 0 else self._zip(o, lambda a, b: b + a)
    def __sub__(self, o): return self._zip(o, operator.sub)
    def __rsub__(self, o): return self._zip(o, lambda a, b: b - a)
    def __mul__(self, o): return self._zip(o, operator.mul) if isinstance(o, numbers.Number) else NotImplemented
    def __rmul__(self, o): return self.__mul__(o)
    def __truediv__(self, o): return self._zip(o, operator.truediv) if isinstance(o, numbers.Number) else NotImplemented

    def __matmul__(self, o):
        if isinstance(o, Vector):
            return sum(a * b for a, b in zip(self, o))
        return NotImplemented

    def __neg__(self): return Vector(-a for a in self)
    def __pos__(self): return self
    def __abs__(self): return math.sqrt(sum(a * a for a in self))
    def __bool__(self): return any(self._c)
    def __round__(self, n=None): return Vector(round(a, n) for a in self)

    def __eq__(self, o):
        return isinstance(o, Vector) and self._c == o._c

    def __hash__(self):
        return hash(self._c)

    def cross(self, o):
        a1, a2, a3 = self
        b1, b2, b3 = o
        return Vector(a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1)


class Matrix:
    __hash__ = None  # mutable

    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        if len({len(r) for r in self.rows}) > 1:
            raise ValueError("ragged matrix")

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0]) if self.rows else 0

    def __getitem__(self, idx):
        if isinstance(idx, tuple):
            r, c = idx
            if isinstance(r, slice) or isinstance(c, slice):
                rows = self.rows[r] if isinstance(r, slice) else [self.rows[r]]
                return Matrix([row[c] if isinstance(c, slice) else [row[c]] for row in rows])
            return self.rows[r][c]
        return Vector(self.rows[idx])

    def __setitem__(self, idx, value):
        r, c = idx
        self.rows[r][c] = value

    @property
    def T(self):
        return Matrix(zip(*self.rows))

    def __matmul__(self, other):
        if isinstance(other, Matrix):
            if self.shape[1] != other.shape[0]:
                raise ValueError(f"cannot multiply {self.shape} by {other.shape}")
            cols = list(zip(*other.rows))
            return Matrix([[sum(a * b for a, b in zip(row, col)) for col in cols] for row in self.rows])
        if isinstance(other, Vector):
            return Vector(sum(a * b for a, b in zip(row, other)) for row in self.rows)
        return NotImplemented

    def __rmatmul__(self, other):
        if isinstance(other, Vector):
            return Vector(sum(a * b for a, b in zip(other, col)) for col in zip(*self.rows))
        return NotImplemented

    def __imatmul__(self, other):
        self.rows = (self @ other).rows
        return self

    def __mul__(self, k):
        if isinstance(k, numbers.Number):
            return Matrix([[a * k for a in row] for row in self.rows])
        return NotImplemented

    __rmul__ = __mul__

    def __add__(self, other):
        if not isinstance(other, Matrix) or other.shape != self.shape:
            return NotImplemented
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])

    def __pow__(self, n):
        if not isinstance(n, int) or n < 0:
            return NotImplemented
        result = Matrix.identity(self.shape[0])
        base = self
        while n:
            if n & 1:
                result = result @ base
            base = base @ base
            n >>= 1
        return result

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def __repr__(self):
        return f"Matrix({self.rows})"

    def __str__(self):
        cells = [[str(x) for x in row] for row in self.rows]
        width = max((len(c) for row in cells for c in row), default=1)
        return "\n".join("[" + " ".join(c.rjust(width) for c in row) + "]" for row in cells)

    def det(self):
        n = self.shape[0]
        m = [[Fraction(x) for x in row] for row in self.rows]
        d = Fraction(1)
        for col in range(n):
            pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
            if pivot is None:
                return Fraction(0)
            if pivot != col:
                m[col], m[pivot] = m[pivot], m[col]
                d = -d
            d *= m[col][col]
            for r in range(col + 1, n):
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
        return d

    def solve(self, b):
        n = self.shape[0]
        aug = [[Fraction(x) for x in row] + [Fraction(v)] for row, v in zip(self.rows, b)]
        for col in range(n):
            pivot = max(range(col, n), key=lambda r: abs(aug[r][col]))
            if aug[pivot][col] == 0:
                raise ZeroDivisionError("matrix is singular")
            aug[col], aug[pivot] = aug[pivot], aug[col]
            for r in range(n):
                if r != col:
                    f = aug[r][col] / aug[col][col]
                    aug[r] = [a - f * c for a, c in zip(aug[r], aug[col])]
        return Vector(aug[i][n] / aug[i][i] for i in range(n))

    def inverse(self):
        n = self.shape[0]
        cols = [self.solve([1 if i == j else 0 for i in range(n)]) for j in range(n)]
        return Matrix(zip(*cols))


@total_ordering
class Polynomial:
    def __init__(self, coeffs):
        coeffs = list(coeffs)
        while len(coeffs) > 1 and coeffs[-1] == 0:
            coeffs.pop()
        self.c = coeffs or [0]

    @property
    def degree(self):
        return len(self.c) - 1

    def __call__(self, x):
        return reduce(lambda acc, a: acc * x + a, reversed(self.c), 0)

    def __add__(self, o):
        if isinstance(o, numbers.Number):
            o = Polynomial([o])
        n = max(len(self.c), len(o.c))
        return Polynomial((self.c + [0] * n)[i] + (o.c + [0] * n)[i] for i in range(n))

    __radd__ = __add__

    def __mul__(self, o):
        if isinstance(o, numbers.Number):
            return Polynomial(a * o for a in self.c)
        out = [0] * (len(self.c) + len(o.c) - 1)
        for i, a in enumerate(self.c):
            for j, b in enumerate(o.c):
                out[i + j] += a * b
        return Polynomial(out)

    __rmul__ = __mul__

    def __neg__(self):
        return self * -1

    def __sub__(self, o):
        return self + (-o)

    def derivative(self):
        return Polynomial(i * a for i, a in enumerate(self.c) if i)

    def __eq__(self, o):
        return isinstance(o, Polynomial) and self.c == o.c

    def __lt__(self, o):
        return (self.degree, self.c[::-1]) < (o.degree, o.c[::-1])

    def __hash__(self):
        return hash(tuple(self.c))

    def __str__(self):
        terms = []
        for i, a in reversed(list(enumerate(self.c))):
            if a == 0 and self.degree:
                continue
            x = "" if i == 0 else "x" if i == 1 else f"x^{i}"
            coef = "" if a == 1 and i else "-" if a == -1 and i else str(a)
            terms.append(f"{coef}{x}")
        return " + ".join(terms).replace("+ -", "- ")

    def newton(self, x0, steps=30):
        d = self.derivative()
        x = x0
        for _ in range(steps):
            x = x - self(x) / d(x)
        return x


class Celsius(numbers.Real):
    """A registered numeric type: participates via __float__ and __index__-less rules."""

    def __init__(self, v):
        self.v = float(v)

    def __float__(self): return self.v
    def __repr__(self): return f"{self.v}°C"
    def __add__(self, o): return Celsius(self.v + float(o))
    __radd__ = __add__
    def __mul__(self, o): return Celsius(self.v * float(o))
    __rmul__ = __mul__
    def __neg__(self): return Celsius(-self.v)
    def __pos__(self): return self
    def __abs__(self): return Celsius(abs(self.v))
    def __eq__(self, o): return float(self) == float(o)
    def __lt__(self, o): return self.v < float(o)
    def __le__(self, o): return self.v <= float(o)
    def __gt__(self, o): return self.v > float(o)
    def __ge__(self, o): return self.v >= float(o)
    def __hash__(self): return hash(self.v)
    def __round__(self, n=None): return round(self.v, n)
    def __trunc__(self): return math.trunc(self.v)
    def __floor__(self): return math.floor(self.v)
    def __ceil__(self): return math.ceil(self.v)
    def __floordiv__(self, o): return self.v // float(o)
    def __rfloordiv__(self, o): return float(o) // self.v
    def __mod__(self, o): return self.v % float(o)
    def __rmod__(self, o): return float(o) % self.v
    def __truediv__(self, o): return Celsius(self.v / float(o))
    def __rtruediv__(self, o): return float(o) / self.v
    def __pow__(self, o): return self.v ** float(o)
    def __rpow__(self, o): return float(o) ** self.v


class Index:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


def main():
    v = Vector(3, 4)
    w = Vector([1, -2])
    print(v + w, v - w, 2 * v, v * 0.5, v / 2, -v, +v, abs(v), v @ w, round(Vector(1.26, 2.71), 1))
    print(f"{v:.2f}", f"{Vector(Decimal('1.25'), Decimal('2.5')):>6}", bool(Vector(0, 0)), bool(v))
    print(sum([v, w, Vector(1, 1)]), 10 - v, v[0], v[::-1], list(reversed(v)), len(v))
    print(Vector(1, 0, 0).cross(Vector(0, 1, 0)), {v: "a", Vector(3, 4): "b"})
    for bad in (lambda: v + Vector(1, 2, 3), lambda: v * v, lambda: v @ 3, lambda: "x" + v):
        try:
            bad()
        except (ValueError, TypeError) as e:
            print(f"  {type(e).__name__}: {e}")

    A = Matrix([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]])
    b = [8, -11, -3]
    print(A)
    print("shape:", A.shape, "det:", A.det(), "solve:", A.solve(b))
    inv = A.inverse()
    print("inverse:", inv)
    print("A @ inv == I:", A @ inv == Matrix.identity(3))
    print("transpose:", A.T, "| slicing:", A[0:2, 1:], A[1], A[2, 0])
    fib = Matrix([[1, 1], [1, 0]])
    print("fib via power:", [(fib ** n)[0, 1] for n in range(1, 15)], (fib ** 90)[0, 1])
    M = Matrix.identity(2)
    M @= Matrix([[0, -1], [1, 0]])
    M[0, 0] = 5
    print("imatmul/setitem:", M, Vector(1, 2) @ M, M @ Vector(1, 2), 3 * M == M * 3, M + M)
    try:
        hash(M)
    except TypeError as e:
        print("unhashable:", e)
    try:
        Matrix([[1, 2], [2, 4]]).solve([1, 2])
    except ZeroDivisionError as e:
        print("singular:", e, "| det:", Matrix([[1, 2], [2, 4]]).det())
    try:
        A @ Matrix([[1, 2]])
    except ValueError as e:
        print("shape error:", e)
    try:
        A ** -1
    except TypeError as e:
        print("pow error:", e)

    # least squares: fit y = a + b x via normal equations (exact)
    xs = [0, 1, 2, 3, 4]
    ys = [1, 3, 7, 13, 21]
    X = Matrix([[1, x, x * x] for x in xs])
    coeffs = (X.T @ X).solve(X.T @ Vector(ys))
    print("quadratic fit:", coeffs, "->", Polynomial(coeffs))

    p = Polynomial([-2, 0, 1])  # x^2 - 2
    q = Polynomial([1, 1])
    print("p:", p, "| q:", q, "| p*q:", p * q, "| p+q:", p + q, "| p-p:", p - p, "| 3p:", 3 * p)
    print("p(3):", p(3), "p'(x):", p.derivative(), "| root:", round(p.newton(1.0), 12),
          "exact-ish:", p.newton(Fraction(1), steps=4))
    print("sorted polys:", [str(x) for x in sorted([p, q, Polynomial([5]), Polynomial([0, 0, 2])])])

    c = Celsius(21.5)
    print("numbers.Real:", isinstance(c, numbers.Real), isinstance(c, numbers.Complex), c + 1, 2 * c,
          round(c), math.floor(c), math.trunc(-c), float(c) == 21.5, c > 20, sorted([Celsius(3), 1, 2.5]))
    print("Fraction with Celsius:", math.isclose(float(Fraction(1, 2) * float(c)), 10.75))
    idx = Index(2)
    print("__index__:", [10, 20, 30][idx], "abcdef"[idx:], bin(idx), hex(Index(255)), range(10)[Index(3)],
          operator.index(idx), (1, 2, 3) * Index(2))
    print("numeric tower:", isinstance(Fraction(1, 2), numbers.Rational), isinstance(Decimal(1), numbers.Real),
          isinstance(1 + 2j, numbers.Complex), issubclass(bool, numbers.Integral))
    print("mixed:", Fraction(1, 3) + 1, Fraction(1, 3) * 0.5, Decimal("1.1") + 2, 2 ** Fraction(1, 2),
          divmod(Fraction(7, 2), 1), complex(1, 2) * 1j, (-8) ** (1 / 3))
    try:
        Decimal("1.1") + 0.5
    except TypeError as e:
        print("decimal+float:", e)


if __name__ == "__main__":
    main()
