"""Differential test: native coroutines driven by hand (no event loop)."""
import inspect
import types


def run(coro):
    """Drive a coroutine to completion, printing everything it yields."""
    value = None
    while True:
        try:
            yielded = coro.send(value)
        except StopIteration as e:
            return e.value
        print("  yielded:", yielded)
        value = ("reply", yielded)


print("== basics ==")


async def simple(x):
    return x * 2


c = simple(21)
print(type(c).__name__, c.__name__, c.__qualname__)
print(inspect.iscoroutine(c), inspect.isawaitable(c))
print(inspect.iscoroutinefunction(simple), inspect.iscoroutinefunction(run))
print(inspect.getcoroutinestate(c))
try:
    c.send(None)
except StopIteration as e:
    print("result via StopIteration:", e.value)
print(inspect.getcoroutinestate(c))
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)

c = simple(1)
try:
    c.send(5)
except TypeError as e:
    print(type(e).__name__, e)
c.close()

c = simple(1)
print("cr_running:", c.cr_running, "cr_code:", c.cr_code.co_name)
c.close()
print(inspect.getcoroutinestate(c))

c = simple(1)
try:
    iter(c)
except TypeError as e:
    print(type(e).__name__, e)
finally:
    c.close()  # never awaited: close explicitly to avoid a RuntimeWarning

print("== custom awaitables ==")


class Ticket:
    def __init__(self, name, steps):
        self.name = name
        self.steps = steps

    def __await__(self):
        replies = []
        for i in range(self.steps):
            reply = yield f"{self.name}-step{i}"
            replies.append(reply)
        return f"{self.name} finished with {len(replies)} replies"


async def use_ticket():
    r1 = await Ticket("A", 2)
    print("  r1 =", r1)
    r2 = await Ticket("B", 1)
    print("  r2 =", r2)
    return [r1, r2]


print(run(use_ticket()))


class BadAwait:
    def __await__(self):
        return 42


async def await_bad():
    await BadAwait()


c = await_bad()
try:
    c.send(None)
except TypeError as e:
    print(type(e).__name__, e)


async def await_int():
    await 5


c = await_int()
try:
    c.send(None)
except TypeError as e:
    print(type(e).__name__, e)


created = []


class AwaitReturnsCoroutine:
    def __await__(self):
        inner = simple(3)
        created.append(inner)
        return inner


async def await_coro_from_await():
    await AwaitReturnsCoroutine()


c = await_coro_from_await()
try:
    c.send(None)
except TypeError as e:
    print(type(e).__name__, e)
for inner in created:
    inner.close()
del created[:]


print("== types.coroutine ==")


@types.coroutine
def legacy_sleep(tag):
    reply = yield ("sleep", tag)
    return ("woke", tag, reply)


async def uses_legacy():
    a = await legacy_sleep(1)
    b = await legacy_sleep(2)
    return a, b


print(run(uses_legacy()))
print("legacy is generator func:", inspect.isgeneratorfunction(legacy_sleep))
print("legacy iscoroutinefunction:", inspect.iscoroutinefunction(legacy_sleep))
lg = legacy_sleep(0)
print("isawaitable(legacy gen):", inspect.isawaitable(lg), inspect.iscoroutine(lg))
lg.close()


def plain_gen():
    yield 1


async def await_plain_gen():
    await plain_gen()


c = await_plain_gen()
try:
    c.send(None)
except TypeError as e:
    print(type(e).__name__, e)


print("== nested awaits, exceptions, throw, close ==")


async def level3():
    got = await legacy_sleep("deep")
    raise ValueError(f"level3 failed after {got[0]}")


async def level2():
    try:
        await level3()
    except ValueError as e:
        print("  level2 caught:", e)
        return "level2 recovered"


async def level1():
    r = await level2()
    return "level1:" + r


print(run(level1()))


async def waits_forever():
    try:
        while True:
            await legacy_sleep("forever")
    except KeyError as e:
        print("  waits_forever caught", repr(e))
        return "handled"
    finally:
        print("  waits_forever finally")


c = waits_forever()
print(c.send(None))
# cr_await: a recorded divergence (tests/divergences.py)
try:
    c.throw(KeyError("stop"))
except StopIteration as e:
    print("throw result:", e.value)

c = waits_forever()
c.send(None)
c.close()
print("closed:", inspect.getcoroutinestate(c))

c = waits_forever()
c.send(None)
try:
    c.throw(RuntimeError("unhandled"))
except RuntimeError as e:
    print(type(e).__name__, e)


async def stop_iteration_inside():
    raise StopIteration("nope")


c = stop_iteration_inside()
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))


print("== reuse errors ==")


async def reuse_target():
    return 7


async def awaits_twice():
    c = reuse_target()
    first = await c
    try:
        await c
    except RuntimeError as e:
        print("  second await:", type(e).__name__, e)
    return first


print(run(awaits_twice()))


async def self_await():
    await me


me = self_await()
try:
    me.send(None)
except ValueError as e:
    print(type(e).__name__, e)
except RuntimeError as e:
    print(type(e).__name__, e)

print("== async with / async for driven manually ==")


class AsyncCM:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await legacy_sleep("enter " + self.name)
        return self.name.upper()

    async def __aexit__(self, exc_type, exc, tb):
        await legacy_sleep("exit " + self.name)
        print("  __aexit__ sees", exc_type.__name__ if exc_type else None)
        return exc_type is KeyError


class AsyncRange:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await legacy_sleep(f"anext {self.i}")
        return self.i


async def uses_protocols():
    out = []
    async with AsyncCM("cm") as name:
        out.append(name)
    async with AsyncCM("swallow"):
        raise KeyError("swallowed")
    try:
        async with AsyncCM("propagate"):
            raise IndexError("propagated")
    except IndexError as e:
        out.append("caught " + str(e))
    async for i in AsyncRange(3):
        out.append(i)
    else:
        out.append("for-else")
    out.append([i * 10 async for i in AsyncRange(2)])
    return out


print(run(uses_protocols()))


async def async_with_bad():
    async with object():
        pass


c = async_with_bad()
try:
    c.send(None)
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)


async def async_for_bad():
    async for x in [1, 2]:
        pass


c = async_for_bad()
try:
    c.send(None)
except TypeError as e:
    print(type(e).__name__, e)

print("== async generators driven manually ==")


async def agen(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("  agen got", got)
    print("  agen exhausted")


a = agen(2)
print(type(a).__name__, inspect.isasyncgen(a), inspect.isasyncgenfunction(agen))
step = a.__anext__()
print(type(step).__name__)
try:
    step.send(None)
except StopIteration as e:
    print("first value:", e.value)
try:
    a.asend("hello").send(None)
except StopIteration as e:
    print("second value:", e.value)
try:
    a.__anext__().send(None)
except StopAsyncIteration as e:
    print("StopAsyncIteration", e.args)

print("== lambda/closure capturing coroutines ==")


def make_adder(n):
    async def add(x):
        await legacy_sleep(f"add{n}")
        return x + n

    return add


adders = [make_adder(i) for i in range(3)]
print([run(f(10)) for f in adders])
print(make_adder(1).__qualname__)
