"""Differential test (tier 2): calls and globals whose stack use depends on the argument
(LOAD_GLOBAL's NULL, PRECALL/CALL argument counts), which blocks compile per shape on the
virtual stack. Hot loops call functions with 0 to 8 arguments (above the largest compiled
shape too), through globals, builtins, bound methods and defaults, with values kept on the
stack below the call; then every guard fails in turn: a global rebound or deleted, a
builtin shadowed, a function's code or defaults replaced, a different callable, and an
exception raised by the callee while the caller holds values on its stack."""
import sys


def f0():
    return 0


def f1(a):
    return a


def f2(a, b):
    return a + b


def f3(a, b, c):
    return a + b + c


def f6(a, b, c, d, e, g):
    return a + b + c + d + e + g


def f8(a, b, c, d, e, g, h, i):
    return a + b + c + d + e + g + h + i


def with_defaults(a, b=10, c=100):
    return a + b + c


class Point:
    def __init__(self, x):
        self.x = x

    def plus(self, k):
        return self.x + k

    def none(self):
        return self.x


def shapes(n):
    out = []
    for i in range(n):
        # values below the call on the stack: a list display being built
        out.append([i, f0(), f1(i), f2(i, 1), f3(i, 1, 2), f6(i, 1, 2, 3, 4, 5),
                    f8(i, 1, 2, 3, 4, 5, 6, 7), with_defaults(i), with_defaults(i, 1),
                    len(out), abs(-i)])
    return out[-1], len(out)


print("shapes:", shapes(300))


def methods(n):
    p = Point(3)
    plus = p.plus                  # a bound method called through a local
    total = 0
    for i in range(n):
        total += plus(i) + p.plus(i) + p.none()
    return total


print("methods:", methods(300))


def use_global(n):
    acc = 0
    for i in range(n):
        acc += helper(i) + int(i > 5)
    return acc


def helper(x):
    return x * 2


print("global:", use_global(200))
_saved = helper


def helper(x):                      # rebound: the guard of LOAD_GLOBAL_MODULE and CALL fail
    return x * 3


print("rebound:", use_global(200))
helper.__code__ = (lambda x: x - 1).__code__     # same function, new code
print("new code:", use_global(200))
int = float                          # a builtin shadowed by a module global
print("shadowed builtin:", use_global(200))
del int
print("unshadowed:", use_global(200))
del helper
try:
    use_global(200)
except NameError as e:
    print("deleted:", e, e.__traceback__.tb_next.tb_lineno)
helper = _saved


def defaults_changed(n):
    return [with_defaults(i) for i in range(n)][-1]


print("defaults:", defaults_changed(100))
with_defaults.__defaults__ = (1, 2)
print("defaults replaced:", defaults_changed(100))


def callables(fs):
    out = []
    for fn in fs:
        out.append((fn(2), [1, fn(3)]))
    return out[-3:]


print("callables:", callables([f1] * 100 + [abs, str, Point, lambda v: -v, f1])[1:])


class Boom(Exception):
    pass


def maybe(i):
    if i % 97 == 96:
        raise Boom(i)
    return i


def holder(n):
    caught = []
    for i in range(n):
        try:
            row = [i, i * 2, (i, maybe(i), i + 1)]
        except Boom as e:
            caught.append((e.args[0], sys.exc_info()[2].tb_lineno))
            continue
        if row[2][1] != i:
            raise AssertionError(row)
    return caught


print("holder:", holder(300))


def deep(k):
    return 0 if k == 0 else 1 + deep(k - 1)


print("deep:", [deep(k) for k in range(60)][-1])
try:
    deep(100000)
except RecursionError as e:
    print("recursion:", type(e).__name__)


print("== sized by the argument: builds, copies, swaps, formats ==")


class Fmt:
    def __init__(self, v):
        self.v = v

    def __format__(self, spec):
        if self.v % 50 == 49:
            raise ValueError("bad format %d" % self.v)
        return "<%s|%s>" % (self.v, spec)


def builds(n):
    out = []
    for i in range(n):
        t = (i, i + 1, i + 2)
        lst = [i, t, i]
        d = {"a": i, "b": t, i: lst}
        s = f"{i}-{t!r}-{i:>4}-{i!a}"
        sl = lst[i % 2:3:1], lst[:2]
        a, b = b, a = i, -i          # SWAP, COPY
        lst[0] += 1                  # COPY 2, SWAP 3
        sq = [x * x for x in t if x % 2]
        keys = {k: v for k, v in d.items() if type(k) is str}
        merged = {**d, "z": i, **keys}
        out.append((t, lst, len(d), s, sl, a, b, sq, sorted(keys), len(merged)))
    return out[-1], len(out)


print(builds(300))


def failing_builds(n):
    caught = []
    for i in range(n):
        try:
            d = {"k": i, (i, [i]) if i % 61 == 60 else i: 0}
            s = "%d:%s" % (i, f"{Fmt(i):spec}")
        except (TypeError, ValueError) as e:
            caught.append((i, type(e).__name__, str(e)[:30], sys.exc_info()[2].tb_lineno))
    return caught


print(failing_builds(200))


def makers(n):
    fs = []
    for i in range(n):
        def inner(x, k=i, *, kw=i):
            return x + k + kw
        fs.append(inner)
    return [f(1) for f in fs[-3:]]


print(makers(100))


def raiser(n):
    got = []
    for i in range(n):
        try:
            if i % 3 == 0:
                raise KeyError(i)
            elif i % 3 == 1:
                raise ValueError(i) from KeyError(-i)
            else:
                try:
                    raise IndexError(i)
                except IndexError:
                    raise
        except Exception as e:
            got.append((type(e).__name__, e.args, type(e.__cause__).__name__))
    return got[-3:], len(got)


print(raiser(150))
