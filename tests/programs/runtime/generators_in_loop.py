"""Differential test: generators and coroutines that FOR_ITER and SEND resume in the
caller's own eval loop (generators.resume_in_loop): nested loops, early break, exceptions
both ways, PEP 479, `yield from` return values, re-entrancy, gi_running/gi_suspended,
tracebacks, sys.exc_info() inside generators, close/collection mid-iteration with
`finally`, coroutines awaiting coroutines, send(). Each part runs several times, so the
generators are resumed by hot (tier 2) code too."""
import gc
import inspect
import re
import sys
import traceback

ROUNDS = 20


def clean(text):
    return re.sub(r'File ".*[/\\]', 'File "', text)


def once(label, fn):
    """Run fn ROUNDS times; print its result the first time, and if it ever changes."""
    first = fn()
    print(label, first)
    for _ in range(ROUNDS - 1):
        r = fn()
        if r != first:
            print("  changed:", label, r)


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "count-done"


print("== for over generators, nested, early break ==")


def nested():
    out = []
    for i in count(4):
        for j in count(i):
            out.append((i, j))
        if i == 2:
            for k in count(100):
                if k == 3:
                    break
                out.append(k)
    return out


once("nested", nested)


def early_break():
    g = count(10)
    got = []
    for x in g:
        got.append(x)
        if x == 3:
            break
    state = inspect.getgeneratorstate(g)
    for x in g:                 # resumes where the first loop stopped
        got.append(x)
    return got, state, inspect.getgeneratorstate(g), g.gi_frame is None


once("early break", early_break)


def sums():
    return sum(count(30)), [x * x for x in count(6)], list(count(3)), tuple(x for x in count(4))


once("consumers", sums)

print("== exceptions raised inside the generator ==")


def raiser(n):
    for i in range(n):
        yield i
    raise KeyError("inside")


def caught_outside():
    seen = []
    g = raiser(3)
    try:
        for x in g:
            seen.append(x)
    except KeyError as e:
        seen.append(repr(e))
    seen.append(inspect.getgeneratorstate(g))
    seen.append(next(g, "exhausted"))
    return seen


once("caught outside", caught_outside)


def stops():
    yield 1
    raise StopIteration("leak")


def pep479():
    out = []
    for kind in (stops,):
        g = kind()
        try:
            for x in g:
                out.append(x)
        except RuntimeError as e:
            out.append((str(e), type(e.__cause__).__name__, str(e.__cause__),
                        e.__suppress_context__, e.__context__ is e.__cause__))
        out.append(inspect.getgeneratorstate(g))
    return out


once("PEP 479", pep479)


def handled_inside():
    def g():
        for i in range(3):
            try:
                yield i
                raise ValueError(i)
            except ValueError as e:
                yield ("handled", e.args[0], sys.exc_info()[0].__name__)
    return list(g())


once("handled inside", handled_inside)

print("== yield from: return values, delegation ==")


def delegate(n):
    r = yield from count(n)
    yield ("inner returned", r)
    r2 = yield from sub_return()
    yield ("sub returned", r2)
    return "outer-done"


def sub_return():
    x = yield "sub-1"
    return ("got", x)


def yield_from():
    out = list(delegate(2))
    g = delegate(1)
    out.append(next(g))
    for x in g:
        out.append(x)
    return out


once("yield from", yield_from)


def deep(n):
    if n:
        yield from deep(n - 1)
    yield n


once("deep yield from", lambda: list(deep(30)))


def send_values():
    def acc():
        total = 0
        while True:
            x = yield total
            if x is None:
                return total
            total += x

    def driver():
        r = yield from acc()
        return r

    g = driver()
    out = [next(g)]
    for v in (1, 2, 3):
        out.append(g.send(v))
    try:
        g.send(None)
    except StopIteration as e:
        out.append(("stop", e.value))
    return out


once("send", send_values)

print("== re-entrancy, gi_running, gi_suspended ==")


def reentrant():
    out = []

    def g():
        yield 1
        try:
            next(me)
        except ValueError as e:
            out.append(str(e))
        try:
            me.send(None)
        except ValueError as e:
            out.append(str(e))
        try:
            me.throw(KeyError)
        except ValueError as e:
            out.append(str(e))
        try:
            me.close()
        except ValueError as e:
            out.append(str(e))
        out.append(("inside", me.gi_running, me.gi_suspended,
                    inspect.getgeneratorstate(me)))
        yield 2
        yield 3

    me = g()
    for x in me:
        out.append((x, me.gi_running, me.gi_suspended, inspect.getgeneratorstate(me),
                    me.gi_frame is not None))
    out.append((me.gi_running, me.gi_suspended, inspect.getgeneratorstate(me),
                me.gi_frame))
    return out


once("re-entrancy", reentrant)


def other_consumer():
    # the generator is resumed by the loop and by the host in turn
    g = count(8)
    out = []
    for x in g:
        out.append(x)
        out.append(next(g))
        if x == 4:
            out.append(list(g))
    return out


once("mixed consumers", other_consumer)

print("== tracebacks through generator frames ==")


def bottom():
    yield 1
    1 / 0


def middle():
    yield from bottom()


def tb_shape():
    try:
        for _ in middle():
            pass
    except ZeroDivisionError:
        return clean(traceback.format_exc())


once("traceback", tb_shape)


def tb_pep479():
    try:
        for _ in stops():
            pass
    except RuntimeError:
        return clean(traceback.format_exc())


once("traceback PEP 479", tb_pep479)

print("== sys.exc_info() inside generators ==")


def exc_gen():
    yield sys.exc_info()[0]
    try:
        raise KeyError("gen's own")
    except KeyError:
        yield sys.exc_info()[0]
        yield sys.exc_info()[0]
    yield sys.exc_info()[0]


def exc_info_inside():
    out = []
    g = exc_gen()
    out.append(next(g))
    try:
        raise ValueError("consumer's")
    except ValueError:
        for x in g:
            out.append((x, sys.exc_info()[0]))
            if len(out) == 3:
                break
    out.append(sys.exc_info()[0])
    for x in g:
        out.append(x)
    try:
        raise IndexError
    except IndexError:
        out.append([x for x in exc_gen()])
    return [getattr(x, "__name__", x) if isinstance(x, type) else
            tuple(getattr(y, "__name__", y) for y in x) if type(x) is tuple else
            [getattr(y, "__name__", y) for y in x] if type(x) is list else x for x in out]


once("exc_info", exc_info_inside)


def context_chain():
    def g():
        try:
            yield 1
        finally:
            pass
        raise KeyError("k")
    try:
        raise ValueError("v")
    except ValueError:
        try:
            for _ in g():
                pass
        except KeyError as e:
            return type(e.__context__).__name__


once("context", context_chain)


def plain_gen(fail):
    # no exception handler in this generator's code
    yield sys.exc_info()[0]
    yield sys.exc_info()[0]
    if fail:
        raise KeyError("plain")


def handlerless():
    out = []
    try:
        raise ValueError("consumer's")
    except ValueError:
        for x in plain_gen(False):
            out.append(getattr(x, "__name__", x))
        try:
            for x in plain_gen(True):
                out.append(getattr(x, "__name__", x))
        except KeyError as e:
            out.append(type(e.__context__).__name__)
    for x in plain_gen(False):
        out.append(x)
    return out


once("handler-less generator", handlerless)

print("== close and collection mid-iteration ==")

LOG = []


def with_finally(tag):
    try:
        for i in range(10):
            yield i
    finally:
        LOG.append(("finally", tag))


def closing():
    del LOG[:]
    g = with_finally("closed")
    for x in g:
        if x == 2:
            break
    LOG.append(inspect.getgeneratorstate(g))
    g.close()
    LOG.append(inspect.getgeneratorstate(g))
    for x in with_finally("dropped"):
        if x == 1:
            break
    gc.collect()
    LOG.append("after drop")
    h = with_finally("thrown")
    for x in h:
        if x == 1:
            break
    try:
        h.throw(KeyError("t"))
    except KeyError as e:
        LOG.append(("throw", repr(e)))
    return list(LOG)


once("closing", closing)

print("== coroutines awaiting coroutines ==")


class Yield:
    """An awaitable that suspends the whole coroutine chain once."""
    def __init__(self, value):
        self.value = value

    def __await__(self):
        got = yield self.value
        return got


async def leaf(n):
    if n < 0:
        raise ValueError(f"negative {n}")
    got = await Yield(("leaf", n))
    return n * 10 + (got or 0)


async def middle_coro(n):
    a = await leaf(n)
    b = await leaf(n + 1)
    return a + b


async def top(n):
    total = 0
    for i in range(n):
        total += await middle_coro(i)
    try:
        await leaf(-1)
    except ValueError as e:
        total = (total, str(e))
    return total


def run(coro, sends=()):
    yielded = []
    sends = list(sends)
    try:
        value = None
        while True:
            yielded.append(coro.send(value))
            value = sends.pop(0) if sends else None
    except StopIteration as e:
        return e.value, yielded


once("coroutines", lambda: run(top(3), [1, 2, 3]))


async def fib(n):
    if n <= 1:
        return n
    return await fib(n - 1) + await fib(n - 2)


once("fib", lambda: run(fib(12)))


async def awaits_raising():
    try:
        await leaf(-5)
    except ValueError:
        return clean(traceback.format_exc())


once("coroutine traceback", lambda: run(awaits_raising()))


async def cr_state():
    inner = leaf(3)
    out = [inspect.getcoroutinestate(inner)]

    async def watch():
        out.append(("inner running", inner.cr_running))
        return await inner
    out.append(await watch())
    out.append(inspect.getcoroutinestate(inner))
    try:
        await inner
    except RuntimeError as e:
        out.append(str(e))
    return out


once("coroutine state", lambda: run(cr_state()))


async def stop_in_coro():
    raise StopIteration


async def awaits_stop():
    try:
        await stop_in_coro()
    except RuntimeError as e:
        return str(e), type(e.__cause__).__name__


once("coroutine PEP 479", lambda: run(awaits_stop()))

print("== generators the loop made and started ==")


def made_by_call():
    out = []
    base = 100

    def closure_gen(start, *, step=1):
        total = start            # a cell (the lambda below), and a free variable
        get = lambda: total + base   # noqa: E731
        while total < start + 3 * step:
            yield get()
            total += step

    out.append(list(closure_gen(1, step=2)))
    g = closure_gen(0)
    out.append((inspect.getgeneratorstate(g), g.gi_suspended, g.gi_frame is not None))
    try:
        g.send(5)
    except TypeError as e:
        out.append(str(e))
    for x in g:
        out.append((x, inspect.getgeneratorstate(g)))
        break
    out.append(g.send(None))
    out.append(list(g))
    try:
        closure_gen()
    except TypeError as e:
        out.append(str(e))
    try:
        closure_gen(1, 2)
    except TypeError as e:
        out.append(str(e))
    h = closure_gen(5)
    h.close()
    out.append((inspect.getgeneratorstate(h), list(h)))
    return out


once("made by call", made_by_call)


def never_awaited():
    import warnings
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        c = leaf(1)
        del c
        gc.collect()
    return [(x.category.__name__, str(x.message)) for x in w]


once("never awaited", never_awaited)


async def awaited_twice():
    inner = leaf(7)

    async def first():
        return await inner
    f1 = first()
    step = f1.send(None)             # inner suspends inside f1
    try:
        await inner
    except RuntimeError as e:
        msg = str(e)
    try:
        f1.send(1)
    except StopIteration as e:
        return step, msg, e.value


once("awaited twice", lambda: run(awaited_twice()))


import types  # noqa: E402


@types.coroutine
def raw_yield(v):
    got = yield v
    return got


async def uses_raw():
    a = await raw_yield(1)
    b = await raw_yield(2)
    return a, b, inspect.isawaitable(raw_yield(3))


once("types.coroutine", lambda: run(uses_raw(), ["x", "y"]))
