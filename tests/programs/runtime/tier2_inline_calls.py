"""Differential test (tier 2): calls that hot blocks run inline (tier2.py, "Calls
inline": the caller's block pushes the callee's frame and calls its blocks itself, then
goes on past the call). Everything the loop would have seen must be the same: values
kept on the caller's stack below the call, exceptions raised in the callee (caught there,
in the caller, or not at all, with their tracebacks), the frame chain and line numbers
seen from the callee, recursion past the inline depth and up to the recursion limit,
callees that call further or go on in other blocks (handed over to the loop), a tracer
installed from inside an inline callee, object lifetimes at return, generators and
methods, and a callee replaced while its caller is hot."""
import sys
import traceback


def leaf(x):
    return x + 1


def two_blocks(x):
    if x % 3:
        return x * 2
    return -x


def calls_further(x):
    return leaf(x) + two_blocks(x)


def loops(n):
    t = 0
    for i in range(n):
        t += leaf(i)
    return t


def hot(n):
    out = 0
    for i in range(n):
        # values below the call stay on the caller's stack: (out, [i, ...])
        out = out + leaf(i) + two_blocks(i) + calls_further(i) + loops(3)
    return out


print("hot", [hot(50) for _ in range(40)][-1])


# --- exceptions -------------------------------------------------------------------------

def raises(x):
    if x > 5:
        raise ValueError("too big: %d" % x)
    return x


def raises_deep(x):
    return raises(x) + 1


def catches(x):
    try:
        return raises(x)
    except ValueError as e:
        return str(e)


def caller_catches(n):
    out = []
    for i in range(n):
        try:
            out.append(raises_deep(i))
        except ValueError as e:
            out.append(("caught", str(e), [fs.name for fs in traceback.extract_tb(e.__traceback__)]))
        out.append(catches(i))
    return out


for _ in range(30):
    r = caller_catches(8)
print("exceptions", r)


def uncaught(n):
    for i in range(n):
        raises_deep(i)


for _ in range(20):
    try:
        uncaught(5)
    except ValueError:
        pass
try:
    uncaught(9)
except ValueError:
    tb = traceback.format_exc().splitlines()
    print("uncaught", [line.strip() for line in tb if line.strip().startswith(("File", "raise", "return"))][-4:])


# --- frames seen from the callee --------------------------------------------------------

def who_called():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno, sys._getframe(2).f_code.co_name


def looks_back(n):
    seen = set()
    for i in range(n):
        seen.add(who_called())
    return sorted(seen)


for _ in range(30):
    r = looks_back(3)
print("frames", r)


# --- recursion --------------------------------------------------------------------------

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print("fib", [fib(15) for _ in range(3)])


def depth(n):
    if n == 0:
        return len(traceback.extract_stack())
    return depth(n - 1)


for _ in range(30):
    d = depth(150) - depth(0)      # past the inline depth (100): the loop takes over
print("depth", d)


def forever(n):
    return forever(n + 1) + 1


for _ in range(3):
    try:
        forever(0)
    except RecursionError as e:
        print("recursion", type(e).__name__, str(e)[:40])


# --- a tracer installed from inside a callee ----------------------------------------------

events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("traced_leaf", "installs"):
        events.append((frame.f_code.co_name, event))
    return tracer


def traced_leaf(x):
    return x * 3


def installs(x, on):
    if on:
        sys.settrace(tracer)
    return traced_leaf(x)


def runs_installs(n, on_at):
    t = 0
    for i in range(n):
        t += installs(i, i == on_at)
    return t


for _ in range(30):
    runs_installs(5, -1)
print("traced", runs_installs(5, 2), events[:8])
sys.settrace(None)


# --- lifetimes ----------------------------------------------------------------------------

order = []


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        order.append("del " + self.name)


def makes_temp(i):
    t = Noisy("t%d" % i)
    order.append("made " + t.name)
    return i


def lifetimes(n):
    for i in range(n):
        makes_temp(i)
        order.append("after %d" % i)


for _ in range(30):
    order.clear()
    lifetimes(3)
print("lifetimes", order)


# --- methods, generators, a replaced callee -------------------------------------------------

class Acc:
    def __init__(self):
        self.total = 0

    def add(self, x):
        self.total += leaf(x)
        return self


def gen(n):
    for i in range(n):
        yield leaf(i) + two_blocks(i)


def mixed(n):
    a = Acc()
    for i in range(n):
        a.add(i)
    return a.total, sum(gen(n))


for _ in range(30):
    r = mixed(10)
print("mixed", r)


def target(x):
    return x


def uses_target(n):
    return [target(i) for i in range(n)]


for _ in range(30):
    uses_target(4)


def target(x):      # noqa: F811  (rebound while uses_target is hot)
    return -x


print("replaced", uses_target(4))
target.__code__ = leaf.__code__
print("code replaced", uses_target(4))


# --- class calls: __init__ run inline, its result checked --------------------------------

class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = leaf(y)


class Bad:
    def __init__(self, x):
        if x > 40:
            return x            # TypeError: __init__() should return None


class Raises:
    def __init__(self, x):
        if x > 40:
            raise KeyError(x)
        self.x = x


def builds(n):
    out = []
    for i in range(n):
        v = Vec(i, i)
        out.append(v.x + v.y)
        try:
            Bad(i)
        except TypeError as e:
            out.append(str(e))
        try:
            out.append(Raises(i).x)
        except KeyError as e:
            out.append(("KeyError", e.args, [fs.name for fs in traceback.extract_tb(e.__traceback__)]))
    return out


for _ in range(3):
    r = builds(42)
print("classes", r[-8:])
