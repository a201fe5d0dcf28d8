"""Differential test: generators and coroutines the program never sees (`await f()`,
`yield from g()`, `yield from obj` with a generator `__iter__`), which pyceval makes
without a host object (generators.py, "Unseen generators"): results, exceptions and
their tracebacks, throw()/close() down the chain, finalization of a suspended chain,
sys.exc_info() inside, argument errors, recursion, async with, asyncio tasks, and a
tracer attached while such a chain is suspended."""
import asyncio
import re
import sys
import traceback
import types


def clean(text):
    return re.sub(r'File ".*[/\\]', 'File "', re.sub(r" at 0x[0-9a-f]+", "", text))


def drive(coro, sends=()):
    """Run a coroutine by hand: what it yields, then its result or exception."""
    out = []
    sends = list(sends)
    try:
        v = coro.send(None)
        while True:
            out.append(v)
            v = coro.send(sends.pop(0) if sends else None)
    except StopIteration as e:
        out.append(("return", e.value))
    except BaseException as e:
        out.append(("raise", type(e).__name__, str(e)))
    return out


@types.coroutine
def suspend(value):
    """A bare yield to whoever drives the outermost coroutine."""
    got = yield value
    return got


print("== await chains, results ==")


async def fib(n):
    if n <= 1:
        return n
    return await fib(n - 1) + await fib(n - 2)


async def deep(n):
    if n == 0:
        got = await suspend("bottom")
        return ["got", got]
    r = await deep(n - 1)
    return r + [n]


for n in range(12):
    print(n, drive(fib(n)))
for n in (0, 1, 5, 30):
    print(drive(deep(n), ["sent"]))

print("== exceptions from awaited coroutines ==")


async def fails(n):
    if n == 0:
        raise KeyError("bottom")
    return await fails(n - 1)


async def stops():
    raise StopIteration("inside")


async def catches():
    try:
        await fails(3)
    except KeyError as e:
        return ("caught", e.args, e.__traceback__ is not None)


for _ in range(30):
    r = drive(catches())
print(r)
try:
    fails(4).send(None)
except KeyError:
    print(clean(traceback.format_exc()))


async def calls_stops():
    try:
        await stops()
    except RuntimeError as e:
        return (str(e), type(e.__cause__).__name__, e.__cause__.args)


for _ in range(30):
    r = drive(calls_stops())
print(r)

print("== sys.exc_info inside an awaited coroutine ==")


async def reports():
    return repr(sys.exc_info()[1])


async def handler_awaits():
    try:
        raise ValueError("outer")
    except ValueError:
        inside = await reports()
        return inside, repr(sys.exc_info()[1])


for _ in range(30):
    r = drive(handler_awaits())
print(r, sys.exc_info())

print("== throw() and close() down an unseen chain ==")


async def level(n, log):
    try:
        if n == 0:
            while True:
                try:
                    await suspend(("waiting", n))
                except ValueError as e:
                    log.append(("bottom caught", str(e)))
        return await level(n - 1, log)
    finally:
        log.append(("finally", n))


for _ in range(20):
    log = []
    c = level(4, log)
    print(c.send(None))
    print(c.throw(ValueError("thrown")))
    try:
        c.throw(KeyError("through"))
    except KeyError as e:
        print("left", repr(e))
print(log)
log = []
c = level(4, log)
c.send(None)
c.close()
print("closed", log)
log = []
c = level(3, log)
c.send(None)
del c                       # finalized while suspended: the chain closes
print("finalized", log)

print("== yield from a generator call ==")


def inner(n):
    total = 0
    for i in range(n):
        got = yield i
        total += got or 0
    return total


def middle(n):
    r = yield from inner(n)
    yield ("middle got", r)
    return r * 2


def top(n):
    r = yield from middle(n)
    yield ("top got", r)


for n in range(25):
    g = top(n)
    out = [next(g)]
    try:
        while True:
            out.append(g.send(10))
    except StopIteration:
        pass
print(out)


def closing(log):
    try:
        yield from inner(5)
    finally:
        log.append("middle finally")


for _ in range(20):
    log = []
    g = closing(log)
    next(g)
    g.close()
print(log)

print("== yield from an object whose __iter__ is a generator ==")


class Tree:
    def __init__(self, left, value, right):
        self.left, self.value, self.right = left, value, right

    def __iter__(self):
        if self.left:
            yield from self.left
        yield self.value
        if self.right:
            yield from self.right


def tree(values):
    if not values:
        return None
    i = len(values) // 2
    return Tree(tree(values[:i]), values[i], tree(values[i + 1:]))


t = tree(list(range(100)))
for _ in range(10):
    total = sum(t)
print(total, list(t)[:10])


class Needs:
    def __iter__(self, extra):
        yield extra


class Deleg:
    def __init__(self, inner):
        self.inner = inner

    def gen(self):
        yield from self.inner


for _ in range(20):
    try:
        list(Deleg(Needs()).gen())
    except TypeError as e:
        r = str(e)
print(r)


class Base:
    def __iter__(self):
        yield "base"


class Sub(Base):
    pass


class Plain:
    def __iter__(self):
        return iter(["plain"])


for _ in range(20):
    r = [list(Deleg(x).gen()) for x in (Sub(), Plain(), [1, 2], Base())]
print(r)
Base.__iter__ = lambda self: iter(["patched"])
print(list(Deleg(Sub()).gen()))

print("== recursion ==")


async def forever(n):
    return await forever(n + 1)


def gen_forever(n):
    yield from gen_forever(n + 1)


print(drive(forever(0))[0][:2])
try:
    next(gen_forever(0))
except RecursionError as e:
    print("RecursionError", str(e)[:40])

print("== async with, guest __aenter__/__aexit__ ==")


class Manager:
    def __init__(self, log, swallow):
        self.log, self.swallow = log, swallow

    async def __aenter__(self):
        self.log.append("enter")
        await suspend("entering")
        return self

    async def __aexit__(self, typ, val, tb):
        self.log.append(("exit", typ and typ.__name__))
        await suspend("exiting")
        return self.swallow


async def uses(log, swallow, fail):
    async with Manager(log, swallow) as m:
        log.append(("body", type(m).__name__))
        if fail:
            raise ValueError("in body")
    return "after"


for _ in range(20):
    results = []
    for swallow in (False, True):
        for fail in (False, True):
            log = []
            results.append((drive(uses(log, swallow, fail)), log))
print(results)

print("== asyncio ==")


async def worker(name, n, log):
    total = 0
    for i in range(n):
        await asyncio.sleep(0)
        total += await square(i)
    log.append(name)
    return total


async def square(x):
    await asyncio.sleep(0)
    return x * x


async def sleeper(log):
    try:
        await square_forever()
    except asyncio.CancelledError:
        log.append("cancelled inside")
        raise


async def square_forever():
    while True:
        await square(2)


async def main():
    log = []
    results = await asyncio.gather(*(worker(f"w{i}", 5 + i, log) for i in range(4)))
    task = asyncio.ensure_future(sleeper(log))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.append("task cancelled")
    try:
        await asyncio.wait_for(square_forever(), 0.01)
    except asyncio.TimeoutError:
        log.append("timed out")
    return results, log


print(asyncio.run(main()))

print("== a tracer attached while a chain is suspended ==")


async def traced(n):
    if n == 0:
        await suspend("down")
        return "bottom"
    return await traced(n - 1) + "!"


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced":
        events.append((event, frame.f_locals.get("n")))
    return tracer


for _ in range(20):
    c = traced(3)
    c.send(None)
sys.settrace(tracer)
try:
    c.send(None)
except StopIteration as e:
    result = e.value
sys.settrace(None)
print(result, events)


def sub_none():
    yield 1


def sub_value():
    yield 2
    return "v"


class Countdown:
    def __init__(self):
        self.n = 1

    def __iter__(self):
        return self

    def __next__(self):
        if self.n:
            self.n -= 1
            return "c"
        raise StopIteration("done")


def delegates():
    yield from sub_none()
    r = yield from sub_value()
    s = yield from Countdown()
    yield from [r, s]
    return r


events = []


def tracer2(frame, event, arg):
    if frame.f_code.co_name == "delegates":
        events.append((event, (arg[0].__name__, repr(arg[1]), arg[2] is None)
                       if event == "exception" else None))
    return tracer2


for _ in range(20):
    list(delegates())
sys.settrace(tracer2)
print(list(delegates()))
sys.settrace(None)
print(events)
