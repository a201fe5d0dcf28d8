"""Differential test (tier 2): hot generators, generator expressions, send/throw/close,
yield from, and async coroutines driven by hand (no event loop)."""
import re
import traceback
import types


def clean(text):
    return re.sub(r'File ".*[/\\]', 'File "', text)


print("== hot generator, many resumptions ==")


def count(n):
    i = 0
    while i < n:
        yield i * i
        i += 1
    return "count-done"


totals = []
for n in range(25):
    totals.append(sum(count(n)))
print(totals)
print([list(count(k)) for k in range(5)])

print("== generator expressions ==")
for n in range(22):
    r = sum(x * 2 for x in range(n) if x % 3)
    s = list((a, b) for a in range(3) for b in range(a, 3) if a + b != n % 5)
print(r, s)
print(max((len(str(i)), i) for i in range(200)))
g = (1 / x for x in (2, 1, 0, 4))
out = []
try:
    for v in g:
        out.append(v)
except ZeroDivisionError as e:
    out.append(repr(e))
print(out, list(g))

print("== send ==")


def accumulator():
    total = 0
    while True:
        got = yield total
        if got is None:
            break
        total += got
    return total


for n in range(25):
    acc = accumulator()
    next(acc)
    for k in range(n):
        last = acc.send(k)
    try:
        acc.send(None)
    except StopIteration as e:
        res = e.value
    if n % 6 == 0:
        print(" ", n, last if n else None, res)

print("== throw ==")


def catcher():
    log = []
    while True:
        try:
            v = yield len(log)
            log.append(("value", v))
        except ValueError as e:
            log.append(("ValueError", str(e)))
        except KeyError:
            log.append("KeyError->stop")
            return log


for n in range(22):
    c = catcher()
    next(c)
    for k in range(4):
        c.send(k)
        c.throw(ValueError("v%d" % k))
    try:
        c.throw(KeyError, "x")
    except StopIteration as e:
        log = e.value
print(log)

c = catcher()
next(c)
try:
    c.throw(TypeError("not caught"))
except TypeError:
    print(clean(traceback.format_exc()))
print(c.gi_frame)

print("== close ==")


def closer(log):
    try:
        i = 0
        while True:
            yield i
            i += 1
    except GeneratorExit:
        log.append("GeneratorExit")
        raise
    finally:
        log.append("finally")


def bad_closer():
    try:
        yield 1
    except GeneratorExit:
        yield 2


for n in range(22):
    log = []
    g = closer(log)
    for _ in range(n % 4 + 1):
        next(g)
    g.close()
    g.close()
print(log, g.gi_frame)
b = bad_closer()
next(b)
try:
    b.close()
except RuntimeError as e:
    print("RuntimeError", e)

print("== yield from ==")


def inner(n):
    received = []
    for i in range(n):
        x = yield i
        received.append(x)
    return received


def outer(n):
    r1 = yield from inner(n)
    r2 = yield from inner(n // 2)
    r3 = yield from (k for k in (100, 200))
    return (r1, r2, r3)


for n in range(22):
    g = outer(n)
    seen = []
    try:
        v = next(g)
        while True:
            seen.append(v)
            v = g.send(v * 10)
    except StopIteration as e:
        res = e.value
    if n in (3, 21):
        print(seen)
        print(res)


def thrower():
    yield from catcher()


for n in range(22):
    g = thrower()
    next(g)
    g.send("a")
    g.throw(ValueError("through yield from"))
    try:
        g.throw(KeyError)
    except StopIteration as e:
        r = e.value
print(r)


def delegate_close(log):
    yield from closer(log)


for n in range(22):
    log = []
    g = delegate_close(log)
    next(g)
    next(g)
    g.close()
print(log)

print("== PEP 479 ==")


def leaky():
    yield 1
    next(iter(()))
    yield 2


for n in range(22):
    try:
        list(leaky())
    except RuntimeError as e:
        msg = (str(e), type(e.__cause__).__name__)
print(msg)

print("== generator state ==")
import inspect

for n in range(21):
    g = count(3)
    states = [inspect.getgeneratorstate(g)]
    next(g)
    states.append(inspect.getgeneratorstate(g))
    states.append(g.gi_frame is not None)
    list(g)
    states.append(inspect.getgeneratorstate(g))
print(states)

print("== coroutines driven manually ==")


class Future:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        got = yield ("awaiting", self.value)
        return (self.value, got)


async def leaf(x):
    a = await Future(x)
    b = await Future(x + 1)
    return a, b


async def middle(n):
    out = []
    for i in range(n):
        out.append(await leaf(i))
    try:
        await Future("boom")
    except ValueError as e:
        out.append("caught " + str(e))
    return out


def drive(coro, throw_at=None):
    yields = []
    v = None
    k = 0
    try:
        while True:
            if throw_at is not None and k == throw_at:
                y = coro.throw(ValueError("thrown %d" % k))
            else:
                y = coro.send(v)
            yields.append(y)
            v = k
            k += 1
    except StopIteration as e:
        return yields, e.value


for n in range(22):
    ys, res = drive(middle(n % 4), throw_at=2 * (n % 4) + 1)
    if n % 7 == 0:
        print(" ", ys)
        print(" ", res)


@types.coroutine
def legacy():
    x = yield "legacy"
    return x * 2


async def uses_legacy(n):
    t = 0
    for i in range(n):
        t += await legacy()
    return t


for n in range(22):
    ys, res = drive(uses_legacy(n))
print(len(ys), res)


async def agen(n):
    for i in range(n):
        yield i
        await Future(i)


async def consume(n):
    out = []
    async for v in agen(n):
        out.append(v)
    out.append([v async for v in agen(3)])
    return out


for n in range(22):
    ys, res = drive(consume(n))
print(len(ys), res)

c = middle(1)
c.send(None)
c.close()
print("closed coroutine:", c.cr_frame)
c = leaf(1)
try:
    c.send(None)
    c.throw(KeyError("k"))
except KeyError:
    print(clean(traceback.format_exc()))

print("== async for over a class with __anext__, hot (GET_ANEXT's early return) ==")


@types.coroutine
def _yield_value(value):
    yield value


def _drive(coro):
    yielded = []
    while True:
        try:
            yielded.append(coro.send(None))
        except StopIteration as ex:
            return yielded, ex.value


class Ticker:
    def __init__(self):
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.i += 1
        if not self.i % 10:
            await _yield_value(self.i * 10)
        if self.i > 100:
            raise StopAsyncIteration
        return self.i, self.i


async def consume():
    out = []
    async for a, b in Ticker():
        out.append(a + b)
    return sum(out)


async def agen_source(n):
    for i in range(n):
        yield i


async def consume_agen():
    return [x async for x in agen_source(30)]


for _ in range(3):
    print(_drive(consume()), _drive(consume_agen())[1][-3:])

print("== generators resumed inline by the blocks of their caller's SEND ==")
import sys


def leaf_gen(n, log):
    for i in range(n):
        got = yield i
        if got is not None:
            log.append(("leaf got", got))
    running = sys._getframe(1).f_code.co_name
    return ("leaf", n, running)


def mid_gen(depth, n, log):
    if depth == 0:
        r = yield from leaf_gen(n, log)
    else:
        r = yield from mid_gen(depth - 1, n, log)
    return (depth, r)


def run_chain(depth, n):
    log = []
    g = mid_gen(depth, n, log)
    out = [next(g)]
    try:
        k = 0
        while True:
            k += 1
            out.append(g.send(k if k % 3 == 0 else None))
    except StopIteration as e:
        return out, e.value, log


for rep in range(30):
    res = run_chain(rep % 6, rep % 5 + 1)
print(res)
print(run_chain(150, 3)[1:])           # (deeper than blocks run frames inline)


def raiser(n):
    yield n
    if n % 2:
        raise KeyError(n)
    raise StopIteration(n)              # (a RuntimeError for the caller, PEP 479)


def catcher_of(n):
    try:
        yield from raiser(n)
    except KeyError as e:
        return "caught KeyError %r" % (e,)
    except RuntimeError as e:
        return "caught RuntimeError %r from %r" % (e, e.__cause__)


def second_step(gen):
    """What the generator's second step raises (StopIteration carries its return)."""
    next(gen)
    try:
        next(gen)
    except BaseException as e:
        return e


outs = [second_step(catcher_of(n)).value for n in range(40)]
print(outs[-2:])


def uncaught(n):
    yield from raiser(n)


for n in (2, 3):
    errs = [second_step(uncaught(n)) for _ in range(20)]
    print(type(errs[-1]).__name__,
          clean("".join(traceback.format_exception(errs[-1]))).splitlines()[-4:])


def watcher():
    me = yield "first"
    yield (me.gi_running, me.gi_frame is not None, me.gi_suspended)


def asks_running():
    inner = watcher()
    yield next(inner)
    yield inner.send(inner)


for _ in range(20):
    vals = list(asks_running())
print(vals)


async def leaf_co(n):
    if n <= 1:
        return n
    return await leaf_co(n - 1) + await leaf_co(n - 2)


def run_co(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value


print([run_co(leaf_co(n)) for n in range(16)])


class Suspend:
    def __await__(self):
        got = yield "suspended"
        return got


async def waits(n):
    total = 0
    for i in range(n):
        total += await Suspend()
    return total


async def outer_waits(n):
    return await waits(n) * 2


for _ in range(20):
    c = outer_waits(4)
    seen = [c.send(None)]
    try:
        k = 0
        while True:
            k += 1
            seen.append(c.send(k))
    except StopIteration as e:
        seen.append(e.value)
print(seen)

calls = []


def tracer(frame, event, arg):
    if event in ("call", "return") and frame.f_code.co_name in ("leaf_gen", "mid_gen"):
        calls.append((event, frame.f_code.co_name))
    return tracer


def traced_midway(n):
    log = []
    g = mid_gen(2, n, log)
    out = [next(g), next(g)]
    sys.settrace(tracer)
    try:
        out.extend(g)
    finally:
        sys.settrace(None)
    return out


for _ in range(10):
    calls.clear()
    got = traced_midway(4)
print(got, calls[:6], len(calls))

print("== generators resumed by C: what the resumed blocks do besides yielding ==")


class Val:
    def __init__(self, v):
        self.v = v


def deep(n):
    return n if n <= 0 else deep(n - 1) + 1


def busy(xs, fail_at, stop_at):
    total = 0
    for x in xs:
        try:
            if x.v == fail_at:
                raise KeyError(x.v)             # raised and caught inside the generator
        except KeyError as e:
            total += 100
            yield ("caught", e.args)
        if x.v == stop_at:
            return total                        # a return after resumption
        total += deep(x.v % 40)                 # calls deeper than blocks run inline
        yield x.v * 2


def failing(xs, at):
    for x in xs:
        if x.v == at:
            raise ValueError("at %d" % x.v)     # escapes to the consumer
        yield x.v


results = []
for n in range(40):
    vals = [Val(i) for i in range(n % 13)]
    results.append(list(busy(vals, n % 5, n % 11)))
    results.append(sum(x for x in failing(vals, 99)))
    try:
        results.append(tuple(failing(vals, n % 7)))
    except ValueError as e:
        results.append(("raised", str(e), e.__traceback__.tb_next is not None))
print(results[:6], len(results), results[-3:])
g = failing([Val(i) for i in range(40)], 30)
print(sum(next(g) for _ in range(20)), next(g))
try:
    print(list(g))
except ValueError as e:
    print("late", e)
print(next(g, "exhausted"))
import sys as _sys


def tick(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "failing":
        log.append(("traced", frame.f_lineno))
    return None


log = []
g = failing([Val(i) for i in range(200)], 999)
first = [next(g) for _ in range(100)]      # hot, resumed by C through its blocks
_sys.settrace(tick)
try:
    rest = list(g)                          # a tool attached between resumptions
finally:
    _sys.settrace(None)
print(sum(first), sum(rest), len(log), sorted(set(log)))
