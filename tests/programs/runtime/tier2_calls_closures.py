"""Differential test (tier 2): closures, nonlocal, class bodies executed in loops,
comprehensions, lambdas, *args/**kwargs and keyword calls, defaults, deep recursion and
RecursionError from runaway recursion, all in hot code."""
import functools
import sys

print("== closures and nonlocal ==")


def make_counter(start):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    def get():
        return count

    return inc, get


inc, get = make_counter(10)
for i in range(30):
    inc(i % 3)
print(get(), inc(), get())
counters = [make_counter(k) for k in range(25)]
print([c[0](5) for c in counters][-3:], counters[3][1]())


def cells_in_loop(n):
    fns = []
    for i in range(n):
        fns.append(lambda: i)            # late binding: all see the last i
        fns.append(lambda i=i: i)        # default captures the value
    return [f() for f in fns[-4:]]


for n in range(1, 25):
    r = cells_in_loop(n)
print(r)


def outer_del(n):
    x = n

    def read():
        return x

    out = [read()]
    del x
    try:
        read()
    except NameError as e:
        out.append(str(e))
    x = "again"
    out.append(read())
    return out


for n in range(25):
    r = outer_del(n)
print(r)

print("== class bodies in loops ==")
made = []
for i in range(25):
    class K:
        idx = i
        sq = [j * j for j in range(3)]
        total = sum(range(i))

        def who(self):
            return (type(self).__name__, self.idx, self.total)

        if i % 2:
            odd = True
    made.append(K)
print(made[-1]().who(), made[-1].sq, hasattr(made[-1], "odd"), hasattr(made[-2], "odd"))
print(len(set(made)))


def class_factory(n):
    class Inner:
        value = n

        def get(self):
            return self.value + n
    return Inner


print([class_factory(k)().get() for k in range(25)][-3:])

print("== comprehensions ==")


def comps(n):
    a = [x * y for x in range(n) for y in range(3) if x != y]
    b = {x: x % 4 for x in range(n)}
    c = {x % 5 for x in range(n)}
    d = sorted((k, v) for k, v in b.items() if v == 1)
    e = [[y for y in range(x)] for x in range(4)]
    return len(a), sum(a), len(b), sorted(c), d[:3], e


for n in range(25):
    r = comps(n)
print(r)

print("== lambdas, *args, **kwargs, keywords, defaults ==")


def target(a, b=2, *args, c=3, d, **kw):
    return (a, b, args, c, d, sorted(kw.items()))


def calls(i):
    out = []
    out.append(target(i, d=0))
    out.append(target(i, i, i, i, d=1, e=5))
    out.append(target(*[i, 1, 2, 3], **{"d": 2, "z": 9}))
    out.append(target(a=i, d=3))
    out.append(target(i, *(), c=i, **{"d": 4}))
    args = (1,) * (i % 3)
    out.append(target(*args, d=5) if args else None)
    return out


for i in range(25):
    r = calls(i)
for x in r:
    print(" ", x)
for i in range(25):
    try:
        target(1, 2, d=3, c=4, b=5)
    except TypeError as e:
        msg = str(e)
print(msg)
for i in range(25):
    try:
        target()
    except TypeError as e:
        msg = str(e)
print(msg)


def defaults(x, acc=[]):
    acc.append(x)
    return len(acc)


print([defaults(i) for i in range(25)][-1], defaults.__defaults__[0][:3])
defaults.__defaults__ = ([],)
print(defaults(0))

adders = [lambda x, k=k: x + k for k in range(25)]
print([f(100) for f in adders][-3:])
compose = lambda f, g: lambda x: f(g(x))  # noqa: E731
h = compose(adders[1], adders[2])
print([h(i) for i in range(25)][-1])
part = functools.partial(target, 1, d=9)
print([part(c=i) for i in range(25)][-1])


class Callable:
    def __call__(self, *a, **k):
        return ("called", a, sorted(k))


cobj = Callable()
print([cobj(i, k=i) for i in range(25)][-1])


class WithMethods:
    def __init__(self):
        self.n = 0

    def m(self, a, *rest, key=None):
        self.n += 1
        return (a, rest, key)

    @staticmethod
    def s(*a):
        return a

    @classmethod
    def c(cls, **k):
        return cls.__name__, sorted(k)


w = WithMethods()
for i in range(25):
    r = (w.m(i), w.m(i, i, key=i), WithMethods.s(i), w.c(x=i), WithMethods.m(w, 0))
print(r, w.n)
bound = w.m
print([bound(i, key="k") for i in range(25)][-1])

print("== recursion ==")


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fact(300) % 1000003, fib(18))


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


print(depth(sys.getrecursionlimit() - 100))


def mutual_a(n):
    return n if n <= 0 else mutual_b(n - 1)


def mutual_b(n):
    return -n if n <= 0 else mutual_a(n - 1)


print([mutual_a(k) for k in range(25)][-2:], mutual_a(500))


def runaway(n):
    return runaway(n + 1) + 1


for attempt in range(3):
    try:
        runaway(0)
    except RecursionError as e:
        print(type(e).__name__)


def runaway_method_chain(obj):
    return obj.again()


class Loop:
    def again(self):
        return runaway_method_chain(self)


try:
    Loop().again()
except RecursionError as e:
    print(type(e).__name__)
print(depth(50))


class Node:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, list(kids)

    def total(self):
        return self.v + sum(k.total() for k in self.kids)


def build(d):
    return Node(d, [build(d - 1) for _ in range(2)]) if d else Node(1)


print(build(8).total())

print("== RecursionError through special methods and C code ==")


class RecGetattr:
    def __getattr__(self, name):
        return getattr(self, name + "x")


class RecAdd:
    def __add__(self, o):
        return self + o


class RecProp:
    @property
    def p(self):
        return self.p


class RecEq:
    def __eq__(self, o):
        return self == o


class RecRepr:
    def __repr__(self):
        return repr(self)


def via_map(n):
    return list(map(via_map, [n + 1]))


def via_sorted(n):
    return sorted([1], key=lambda x: via_sorted(n + 1))


def gen_rec(n):
    yield from gen_rec(n + 1)


for k in range(3):
    for what, fn in (("getattr", lambda: RecGetattr().foo), ("add", lambda: RecAdd() + 1),
                     ("property", lambda: RecProp().p), ("eq", lambda: RecEq() == 1),
                     ("map", lambda: via_map(0)), ("sorted", lambda: via_sorted(0)),
                     ("repr", lambda: repr(RecRepr())), ("format", lambda: "%r" % RecRepr()),
                     ("yield from", lambda: next(gen_rec(0)))):
        try:
            fn()
        except RecursionError as e:
            print(" ", what, type(e).__name__)
        except Exception as e:
            print(" ", what, "unexpected", type(e).__name__)
print(depth(100), fib(10))


print("== super(), frame-reading builtins, except*, match, f-strings, async in hot code ==")
class Base:
    def m(self, x):
        return ("Base", x)
class Derived(Base):
    def m(self, x):
        return ("Derived", super().m(x), __class__.__name__)
d = Derived()
print([d.m(i) for i in range(25)][-1])
def frameaware(n):
    out = []
    for i in range(n):
        a = i
        out.append((sorted(locals()), eval("a + 1"), dir()[:2], vars().get("a")))
        exec("b = a * 2")
    return out[-1]
for i in range(3):
    r = frameaware(22)
print(r)
def eg(i):
    try:
        raise ExceptionGroup("g", [ValueError(i), TypeError(i), KeyError(i)])
    except* ValueError as e:
        r1 = len(e.exceptions)
    except* (TypeError, KeyError) as e:
        r2 = len(e.exceptions)
    return r1, r2
print([eg(i) for i in range(25)][-1])
def eg2(i):
    try:
        try:
            raise ExceptionGroup("g", [ValueError(i), OSError(i)])
        except* ValueError:
            pass
    except ExceptionGroup as e:
        return repr(e)
print([eg2(i) for i in range(25)][-1])
class Pt:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def matcher(v):
    match v:
        case Pt(0, y):
            return "y-axis %r" % y
        case Pt(x, 0) if x > 3:
            return "x-axis big"
        case {"k": [1, *rest]}:
            return "map rest %r" % rest
        case [a, b, *c] if len(c) > 1:
            return "seq %r %r %r" % (a, b, c)
        case str() | bytes():
            return "text"
        case _:
            return "other"
vals = [Pt(0, 1), Pt(5, 0), Pt(1, 0), {"k": [1, 2, 3]}, [1, 2, 3, 4], [1, 2], "s", b"b", 3.0]
for i in range(25):
    out = [matcher(v) for v in vals]
print(out)
def fstr(i):
    x = i / 3
    return f"{i!r:>5}|{x:.2f}|{'s'!a}|{i:{'0' if i % 2 else ' '}4}"
print([fstr(i) for i in range(25)][-2:])
import asyncio
async def agen(n):
    for i in range(n):
        yield i
        if i == n - 1:
            raise ValueError("end")
class ACM:
    async def __aenter__(self): return "in"
    async def __aexit__(self, *a): return True
async def main():
    tot = []
    for k in range(25):
        try:
            async for v in agen(3):
                tot.append(v)
        except ValueError:
            tot.append("VE")
        async with ACM() as a:
            raise KeyError(k)
        g = agen(5)
        await g.asend(None)
        await g.aclose()
    return tot[-4:], a
print(asyncio.run(main()))
