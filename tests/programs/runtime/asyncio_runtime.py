"""Differential test: asyncio (tasks, gather, timeouts, TaskGroup, queues,
synchronisation primitives, cancellation, async generators, async context
managers)."""
import asyncio
import contextlib
import sys


def section(title):
    print(f"== {title} ==")


async def worker(name, delays, log):
    for d in delays:
        log.append(f"{name} start {d}")
        await asyncio.sleep(0)
        log.append(f"{name} step {d}")
    return f"{name}-done"


async def test_tasks():
    section("tasks")
    log = []
    t1 = asyncio.create_task(worker("a", [1, 2], log), name="task-a")
    t2 = asyncio.create_task(worker("b", [1], log), name="task-b")
    print(t1.get_name(), t2.get_name(), t1.done())
    r1 = await t1
    r2 = await t2
    print(r1, r2, t1.done(), t1.result(), t1.cancelled())
    print(log)
    me = asyncio.current_task()
    print("current task:", type(me).__name__, me.done(), me in asyncio.all_tasks())
    c = worker("x", [], [])
    print("is coroutine:", asyncio.iscoroutine(c), asyncio.isfuture(c), asyncio.isfuture(t1))
    c.close()

    t = asyncio.create_task(asyncio.sleep(0, result="slept"))
    print("sleep result:", await t)
    t3 = asyncio.ensure_future(worker("c", [], log))
    print("ensure_future:", await t3, isinstance(t3, asyncio.Task))
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, "future value")
    print("future:", await fut)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print(type(e).__name__, e)
    f2 = asyncio.get_running_loop().create_future()
    try:
        f2.result()
    except asyncio.InvalidStateError as e:
        print(type(e).__name__, e)
    f2.set_exception(ValueError("bad future"))
    try:
        await f2
    except ValueError as e:
        print("future exception:", e)
    print(type(f2.exception()).__name__)


async def fails(msg, steps=0):
    for _ in range(steps):
        await asyncio.sleep(0)
    raise ValueError(msg)


async def test_gather():
    section("gather")
    results = await asyncio.gather(worker("x", [1], []), worker("y", [1, 2], []), asyncio.sleep(0, "z"))
    print(results)
    results = await asyncio.gather(fails("first", 1), worker("ok", [], []), return_exceptions=True)
    print([(type(r).__name__, str(r)) for r in results])
    try:
        await asyncio.gather(fails("boom"), worker("ok", [1], []))
    except ValueError as e:
        print("gather raised:", type(e).__name__, e)
    print("empty gather:", await asyncio.gather())

    async def square(n):
        await asyncio.sleep(0)
        return n * n

    print(await asyncio.gather(*(square(i) for i in range(6))))
    done_order = []
    for coro in asyncio.as_completed([square(3), square(4)]):
        done_order.append(await coro)
    print("as_completed:", sorted(done_order))


async def test_timeouts():
    section("timeouts")
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("wait_for:", type(e).__name__, repr(str(e)), e.__class__ is TimeoutError)
    print("wait_for ok:", await asyncio.wait_for(worker("quick", [1], []), timeout=5))

    cleanup = []

    async def slow():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cleanup.append("slow cancelled")
            raise
        finally:
            cleanup.append("slow finally")

    try:
        await asyncio.wait_for(slow(), timeout=0.01)
    except TimeoutError:
        print("slow timed out; cleanup =", cleanup)

    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError as e:
        print("asyncio.timeout:", type(e).__name__, "expired:", cm.expired())

    async with asyncio.timeout(5) as cm:
        await asyncio.sleep(0)
    print("not expired:", cm.expired())

    async with asyncio.timeout(None) as cm:
        print("deadline None:", cm.when())

    done, pending = await asyncio.wait(
        [asyncio.create_task(asyncio.sleep(0, "fast")), asyncio.create_task(asyncio.sleep(10, "slow"))],
        timeout=0.02,
    )
    print("wait: done", [t.result() for t in done], "pending", len(pending))
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    print("pending cancelled:", [t.cancelled() for t in pending])


async def test_taskgroup():
    section("TaskGroup")
    async with asyncio.TaskGroup() as tg:
        ta = tg.create_task(worker("tg1", [1], []))
        tb = tg.create_task(worker("tg2", [1, 2], []))
    print(ta.result(), tb.result())

    cancelled = []

    async def long_running(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.append(name)
            raise

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long_running("lr1"))
            tg.create_task(fails("tg failure", 2))
            tg.create_task(fails("another failure", 3))
            tg.create_task(long_running("lr2"))
    except* ValueError as eg:
        print("except* ValueError:", type(eg).__name__, eg.message, sorted(str(e) for e in eg.exceptions))
    print("cancelled siblings:", sorted(cancelled))

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails("a"))
            tg.create_task(fails_type())
    except ExceptionGroup as eg:
        print("groups:", [type(e).__name__ for e in eg.exceptions])
        match, rest = eg.split(TypeError)
        print("split:", [str(e) for e in match.exceptions], [str(e) for e in rest.exceptions])

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("body", [1], []))
            raise KeyError("body error")
    except* KeyError as eg:
        print("body raised:", repr(eg.exceptions[0]))


async def fails_type():
    raise TypeError("wrong type")


async def test_queue():
    section("Queue")
    q = asyncio.Queue(maxsize=2)
    consumed = []

    async def producer(n):
        for i in range(n):
            await q.put(i)
            consumed.append(f"put {i}")
        await q.put(None)

    async def consumer():
        total = 0
        while True:
            item = await q.get()
            q.task_done()
            if item is None:
                break
            consumed.append(f"got {item}")
            total += item
        return total

    prod = asyncio.create_task(producer(5))
    total = await consumer()
    await prod
    await q.join()
    print("total:", total)
    print(consumed)
    print("empty:", q.empty(), q.qsize())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print(type(e).__name__, repr(str(e)))
    q2 = asyncio.Queue(1)
    q2.put_nowait("x")
    try:
        q2.put_nowait("y")
    except asyncio.QueueFull as e:
        print(type(e).__name__, q2.full())

    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b")]:
        pq.put_nowait(item)
    print("priority:", [pq.get_nowait() for _ in range(3)])
    lq = asyncio.LifoQueue()
    for item in "abc":
        lq.put_nowait(item)
    print("lifo:", [lq.get_nowait() for _ in range(3)])


async def test_sync_primitives():
    section("Event/Lock/Semaphore/Condition")
    event = asyncio.Event()
    order = []

    async def waiter(name):
        order.append(f"{name} waiting")
        await event.wait()
        order.append(f"{name} woke")

    tasks = [asyncio.create_task(waiter(n)) for n in ("w1", "w2")]
    await asyncio.sleep(0)
    order.append("setting")
    event.set()
    await asyncio.gather(*tasks)
    print(order, event.is_set())

    lock = asyncio.Lock()
    shared = []

    async def critical(name):
        async with lock:
            shared.append(f"{name} in")
            await asyncio.sleep(0)
            shared.append(f"{name} out")

    await asyncio.gather(critical("p"), critical("q"), critical("r"))
    print(shared, lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print(type(e).__name__, e)

    sem = asyncio.Semaphore(2)
    active = []
    peak = [0]

    async def limited(i):
        async with sem:
            active.append(i)
            peak[0] = max(peak[0], len(active))
            await asyncio.sleep(0)
            active.remove(i)

    await asyncio.gather(*(limited(i) for i in range(5)))
    print("semaphore peak:", peak[0])

    cond = asyncio.Condition()
    items = []

    async def cond_consumer():
        async with cond:
            await cond.wait_for(lambda: len(items) >= 2)
            return list(items)

    async def cond_producer():
        for i in range(3):
            await asyncio.sleep(0)
            async with cond:
                items.append(i)
                cond.notify_all()

    res, _ = await asyncio.gather(cond_consumer(), cond_producer())
    print("condition saw:", res)


async def test_cancellation():
    section("cancellation")
    log = []

    async def victim():
        try:
            log.append("victim started")
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            log.append(f"victim cancelled args={e.args}")
            raise
        finally:
            log.append("victim finally")

    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    print("cancel() ->", t.cancel("stop now"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiting cancelled task:", type(e).__name__, e.args)
    print(log, t.cancelled(), t.done())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result():", type(e).__name__)
    print("cancel again ->", t.cancel())

    async def swallower():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return "swallowed cancel"

    t = asyncio.create_task(swallower())
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelled())

    t = asyncio.create_task(victim())
    t.cancel()  # cancelled before it ever ran
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before start; log tail:", log[-1])

    async def shielded_child():
        await asyncio.sleep(0.01)
        return "shield survived"

    inner = asyncio.create_task(shielded_child())
    async def waits_on_shield():
        return await asyncio.shield(inner)

    w = asyncio.create_task(waits_on_shield())
    await asyncio.sleep(0)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("outer cancelled, inner:", await inner)

    print("CancelledError is BaseException:", issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception))

    async def uncancel_demo():
        task = asyncio.current_task()
        task.cancel()
        print("cancelling():", task.cancelling())
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            print("uncancel():", task.uncancel())
        return "continued"

    print(await asyncio.create_task(uncancel_demo()))


async def test_callbacks():
    section("callbacks")
    loop = asyncio.get_running_loop()
    calls = []
    loop.call_soon(calls.append, "soon 1")
    loop.call_soon(lambda: calls.append("soon 2"))
    h = loop.call_soon(calls.append, "never")
    h.cancel()
    # (a delay long enough to come after the done callback whatever the VM's speed)
    loop.call_later(0.05, calls.append, "later")
    fut = loop.create_future()

    def done_cb(f):
        calls.append(f"done_cb result={f.result()}")

    fut.add_done_callback(done_cb)
    loop.call_soon(fut.set_result, 99)
    await asyncio.sleep(0.2)
    print(calls, h.cancelled())

    t = asyncio.create_task(asyncio.sleep(0, "x"))
    t.add_done_callback(lambda task: calls.append(f"task done {task.result()}"))
    await t
    await asyncio.sleep(0)
    print(calls[-1])

    r = await loop.run_in_executor(None, sum, [1, 2, 3])
    print("run_in_executor:", r)
    print("to_thread:", await asyncio.to_thread(pow, 2, 10))


async def ticker(n, log):
    try:
        for i in range(n):
            received = yield i
            if received is not None:
                log.append(f"received {received}")
            await asyncio.sleep(0)
    except GeneratorExit:
        log.append("ticker GeneratorExit")
        raise
    finally:
        log.append("ticker finally")


async def test_async_generators():
    section("async generators")
    log = []
    out = []
    async for v in ticker(3, log):
        out.append(v)
    print(out, log)

    log = []
    print("comprehension:", [v * 2 async for v in ticker(4, log) if v % 2 == 0], log)
    print("set comp:", sorted({v async for v in ticker(3, [])}))
    print("dict comp:", {v: str(v) async for v in ticker(2, [])})
    print("await in comp:", [await asyncio.sleep(0, i) for i in range(3)])

    log = []
    agen = ticker(10, log)
    print("anext:", await agen.__anext__(), await anext(agen))
    print("asend:", await agen.asend("hello"))
    await agen.aclose()
    print("after aclose:", log)
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("StopAsyncIteration after aclose")
    print("anext default:", await anext(agen, "dflt"))

    async def athrow_target():
        while True:
            try:
                yield "ready"
            except ValueError as e:
                yield f"handled {e}"

    ag = athrow_target()
    print(await ag.asend(None))
    print(await ag.athrow(ValueError("thrown in")))
    try:
        await ag.athrow(KeyError("fatal"))
    except KeyError as e:
        print("athrow propagated:", repr(e))
    print("ag_running:", ag.ag_running, "ag_frame None:", ag.ag_frame is None)

    async def bad_agen():
        try:
            yield 1
        except GeneratorExit:
            yield 2

    ag = bad_agen()
    await anext(ag)
    try:
        await ag.aclose()
    except RuntimeError as e:
        print(type(e).__name__, e)

    async def raise_stopasync():
        yield 1
        raise StopAsyncIteration

    try:
        async for v in raise_stopasync():
            pass
    except RuntimeError as e:
        print(type(e).__name__, e)

    log = []
    async for v in ticker(5, log):
        if v == 1:
            break
    print("break leaves generator suspended:", log)


class Resource:
    def __init__(self, name, log):
        self.name = name
        self.log = log

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.log.append(f"enter {self.name}")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        self.log.append(f"exit {self.name} {exc_type.__name__ if exc_type else None}")
        return exc_type is not None and issubclass(exc_type, LookupError)


@contextlib.asynccontextmanager
async def managed(name, log):
    log.append(f"acquire {name}")
    try:
        yield name.upper()
    except ZeroDivisionError:
        log.append(f"{name} saw ZeroDivisionError")
        raise
    finally:
        log.append(f"release {name}")


async def test_async_with():
    section("async with")
    log = []
    async with Resource("r1", log) as r, Resource("r2", log) as r2:
        log.append(f"body {r.name} {r2.name}")
    async with Resource("r3", log):
        raise KeyError("suppressed")
    print(log)

    log = []
    async with managed("m", log) as value:
        log.append(f"using {value}")
    try:
        async with managed("z", log):
            1 / 0
    except ZeroDivisionError as e:
        log.append(f"outer caught {e}")
    print(log)

    async with contextlib.AsyncExitStack() as stack:
        log = []
        for name in ("s1", "s2"):
            await stack.enter_async_context(managed(name, log))
        stack.push_async_callback(asyncio.sleep, 0)
        stack.callback(log.append, "sync callback")
    print(log)

    @contextlib.asynccontextmanager
    async def no_yield():
        if False:
            yield

    try:
        async with no_yield():
            pass
    except RuntimeError as e:
        print(type(e).__name__, e)


async def main():
    print("running in loop:", type(asyncio.get_running_loop()).__name__.endswith("EventLoop"))
    await test_tasks()
    await test_gather()
    await test_timeouts()
    await test_taskgroup()
    await test_queue()
    await test_sync_primitives()
    await test_cancellation()
    await test_callbacks()
    await test_async_generators()
    await test_async_with()
    return "main finished"


print(asyncio.run(main()))

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(type(e).__name__, e)


async def top_level_failure():
    await asyncio.sleep(0)
    raise LookupError("escaped asyncio.run")


try:
    asyncio.run(top_level_failure())
except LookupError as e:
    print("asyncio.run propagated:", type(e).__name__, e)

coro = top_level_failure()
try:
    asyncio.run(42)
except ValueError as e:
    print(type(e).__name__, e)
coro.close()

with asyncio.Runner() as runner:
    print(runner.run(asyncio.sleep(0, "runner 1")), runner.run(asyncio.sleep(0, "runner 2")))
sys.stdout.flush()
