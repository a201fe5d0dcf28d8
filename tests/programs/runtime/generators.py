"""Differential test: generator semantics (next/send/throw/close, yield from,
PEP 479, GeneratorExit, inspect helpers, tracebacks inside generators)."""
import inspect
import re
import sys
import traceback


def clean(text):
    """Strip directories from File "..." lines so output is path independent."""
    return re.sub(r'File ".*[/\\]', 'File "', text)


def last_lines(text, n=3):
    return clean(text).rstrip("\n").split("\n")[-n:]


print("== basic next / StopIteration.value ==")


def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done-%d" % n


g = counter(3)
print(type(g).__name__, g.__name__, g.__qualname__)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
try:
    next(g)
except StopIteration as e:
    print("exhausted again:", repr(e.value), e.args)
print(list(counter(5)))
print(next(counter(0), "default"))


def no_return():
    yield 1


g = no_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print("no return value:", e.value, e.args)

print("== send ==")


def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total


acc = accumulator()
print("prime:", acc.send(None))
for v in (1, 2, 3, 10):
    print("send", v, "->", acc.send(v))
try:
    acc.send(None)
except StopIteration as e:
    print("final total:", e.value)

fresh = accumulator()
try:
    fresh.send(5)
except TypeError as e:
    print(type(e).__name__, e)

print("== throw ==")


def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            print("  caught inside:", type(e).__name__, e)
            yield "recovered"
        except KeyError:
            print("  KeyError -> returning")
            return "keyerror-return"


c = catcher()
print(next(c))
print(c.throw(ValueError("boom")))
print(next(c))
print(c.throw(ValueError, ValueError("second")))
print(next(c))
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print("throw ended generator:", e.value)

c2 = catcher()
next(c2)
try:
    c2.throw(TypeError("not handled"))
except TypeError as e:
    print("propagated:", type(e).__name__, e)
print("state after propagate:", inspect.getgeneratorstate(c2))

# throw into a not-started generator raises immediately
c3 = catcher()
try:
    c3.throw(ValueError("early"))
except ValueError as e:
    print("unstarted throw:", e, inspect.getgeneratorstate(c3))

print("== close / GeneratorExit ==")


def with_finally(log):
    try:
        log.append("start")
        yield 1
        log.append("after first")
        yield 2
    finally:
        log.append("finally")


log = []
g = with_finally(log)
next(g)
g.close()
print(log, inspect.getgeneratorstate(g))
g.close()  # closing twice is fine
print("closed twice ok")

log = []
g = with_finally(log)
g.close()  # never started: finally does not run
print("unstarted close:", log)


def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("  got GeneratorExit")
        raise


g = catches_exit()
next(g)
g.close()


def ignores_exit():
    ignored = False
    while True:
        try:
            yield 1
        except GeneratorExit:
            if ignored:
                print("  second GeneratorExit re-raised")
                raise
            ignored = True
            print("  ignoring GeneratorExit")


g = ignores_exit()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(type(e).__name__, e)
print("state after ignored close:", inspect.getgeneratorstate(g))
g.close()
print("state after second close:", inspect.getgeneratorstate(g))


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"


g = returns_on_exit()
next(g)
print("close returns:", g.close())


def raises_other_on_exit():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("replaced exit")


g = raises_other_on_exit()
next(g)
try:
    g.close()
except ValueError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)

print("== PEP 479 ==")


def leaks_stopiteration():
    yield 1
    raise StopIteration("leaked")


g = leaks_stopiteration()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print(type(e).__name__, e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
    print("suppress_context:", e.__suppress_context__)


def next_on_empty():
    it = iter([])
    yield next(it)


try:
    list(next_on_empty())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

print("== generator already executing ==")


def reentrant():
    yield me.send(None)


me = reentrant()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)
print(inspect.getgeneratorstate(me))


def self_close():
    me2.close()
    yield 1


me2 = self_close()
try:
    next(me2)
except ValueError as e:
    print(type(e).__name__, e)

print("== inspect ==")


def plain():
    return 1


print(inspect.isgeneratorfunction(counter), inspect.isgeneratorfunction(plain))
g = counter(2)
print(inspect.isgenerator(g), inspect.isgenerator(plain()), inspect.isgenerator([1]))
print(inspect.getgeneratorstate(g))
next(g)
print(inspect.getgeneratorstate(g))
# inspect.getgeneratorlocals(g): a recorded divergence (tests/divergences.py)


def state_inside():
    yield inspect.getgeneratorstate(selfref)


selfref = state_inside()
print("inside:", next(selfref))
list(g)
print(inspect.getgeneratorstate(g))
print("gi_frame None after finish:", g.gi_frame is None)
g = counter(2)
print("gi_running:", g.gi_running, "gi_code:", g.gi_code.co_name)
# gi_yieldfrom: a recorded divergence (tests/divergences.py)
print("flags has GENERATOR:", bool(counter.__code__.co_flags & inspect.CO_GENERATOR))

print("== yield from ==")


def inner():
    try:
        received = yield "inner-1"
        print("  inner received", received)
        received = yield "inner-2"
        print("  inner received", received)
    except ValueError as e:
        print("  inner caught", e)
        yield "inner-after-throw"
    finally:
        print("  inner finally")
    return "inner-result"


def outer():
    result = yield from inner()
    print("  outer got result:", result)
    yield "outer-end"
    return "outer-result"


o = outer()
print(next(o))
# gi_yieldfrom: a recorded divergence (tests/divergences.py)
print(o.send("A"))
print(o.send("B"))
try:
    o.send("C")
except StopIteration as e:
    print("outer returned", e.value)

o = outer()
next(o)
print(o.throw(ValueError("thrown")))
print(next(o))

o = outer()
next(o)
o.close()
print("closed outer:", inspect.getgeneratorstate(o))



def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))


def delegate_iter():
    r = yield from [10, 20]
    print("  list yield from returns", r)
    r = yield from iter("ab")
    print("  iter yield from returns", r)


print(list(delegate_iter()))


class Sendable:
    """An iterator with send/throw that `yield from` should delegate to."""

    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, value):
        self.n += 1
        if self.n > 3:
            raise StopIteration("sendable-done")
        return ("sent", value, self.n)

    def throw(self, *args):
        print("  Sendable.throw called with", args[0].__name__ if isinstance(args[0], type) else type(args[0]).__name__)
        return "throw-handled"

    def close(self):
        print("  Sendable.close called")


def use_sendable():
    res = yield from Sendable()
    return res


u = use_sendable()
print(next(u))
print(u.send("x"))
print(u.throw(KeyError("k")))
try:
    u.send("y")
except StopIteration as e:
    print("sendable result:", e.value)
u = use_sendable()
next(u)
u.close()


class NoSend:
    def __iter__(self):
        return self

    def __next__(self):
        return 1


def use_nosend():
    yield from NoSend()


u = use_nosend()
next(u)
try:
    u.send(5)
except AttributeError as e:
    print(type(e).__name__, e)

print("== generator expressions ==")
ge = (x * x for x in range(5) if x % 2 == 0)
print(type(ge).__name__, ge.__name__, ge.__qualname__)
print(list(ge), list(ge))
print(sum(x for x in range(101)))
print(max((len(w), w) for w in ["pear", "apple", "fig"]))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
try:
    (1 / x for x in [1, 0])
    print("lazy: no error yet")
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    (x for x in 5)
except TypeError as e:
    print("eager first iter:", type(e).__name__, e)

x = 100
scoped = [lambda: x for x in range(3)]
print([f() for f in scoped])
print(x)

print("== exceptions and tracebacks inside generators ==")


def failing_gen():
    yield 1
    helper_that_fails()


def helper_that_fails():
    {}["missing"]


try:
    for v in failing_gen():
        print("got", v)
except KeyError:
    for line in last_lines(traceback.format_exc(), 5):
        print(line)

try:
    list(failing_gen())
except KeyError as e:
    tb = traceback.extract_tb(e.__traceback__)
    print([(f.name, f.line) for f in tb])


def exc_info_across_yield():
    try:
        raise ValueError("in gen")
    except ValueError:
        print("  before yield:", sys.exc_info()[0].__name__)
        yield 1
        print("  after yield:", sys.exc_info()[0].__name__, sys.exc_info()[1])
        yield 2
    print("  after except:", sys.exc_info())


g = exc_info_across_yield()
next(g)
print("outside while suspended:", sys.exc_info())
try:
    raise KeyError("outer")
except KeyError:
    next(g)
    print("caller still sees:", sys.exc_info()[0].__name__)
try:
    next(g)
except StopIteration:
    pass


def sees_caller_exc():
    yield sys.exc_info()[0]


try:
    raise IndexError
except IndexError:
    print("gen sees caller exc:", next(sees_caller_exc()).__name__)


def thrown_traceback():
    try:
        yield
    except Exception:
        print(last_lines(traceback.format_exc(), 1))
        raise


g = thrown_traceback()
next(g)
try:
    g.throw(OSError(2, "thrown oserror"))
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e)

print("== misc ==")


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


import itertools

print(list(itertools.islice(fib(), 15)))
print(list(zip(counter(3), "abc", fib())))
print(dict(enumerate(counter(3))))
print(sorted(counter(4), reverse=True))
print(*counter(4), sep=",")
a, b, *rest = counter(5)
print(a, b, rest)


def yield_expr_values():
    x = yield
    y = yield x * 2
    z = yield x + y
    return (x, y, z)


g = yield_expr_values()
print(next(g), g.send(3), g.send(4))
try:
    g.send(5)
except StopIteration as e:
    print(e.value)


def gen_with_lambda():
    yield (lambda: (yield))


print(type(next(gen_with_lambda())()).__name__)


class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children

    def __iter__(self):
        yield self.value
        for child in self.children:
            yield from child


print(list(Tree(1, Tree(2, Tree(3)), Tree(4))))


def closing_in_for():
    try:
        for i in range(10):
            yield i
    finally:
        print("  closing_in_for finally")


for i in closing_in_for():
    if i == 2:
        break
print("after break")
gen = closing_in_for()
next(gen)
del gen
print("after del")
