"""An asyncio service with a built-in task monitor (like aiomonitor): named
tasks in a pipeline, a watchdog that inspects all_tasks(), task stacks and
coroutine frames, context variables for request ids, task/exception callbacks,
TaskGroup-style supervision with gather, async generators and graceful
shutdown with cancellation."""
import asyncio
import contextvars
import io
import itertools
import os
import re

request_id = contextvars.ContextVar("request_id", default="-")
LOG = []


def log(msg):
    LOG.append(f"[{request_id.get()}] {msg}")


async def ticker(n, step_name):
    for i in range(n):
        await asyncio.sleep(0)
        yield f"{step_name}-{i}"


async def fetch(item):
    await asyncio.sleep(0)
    if item.endswith("-3"):
        raise ConnectionError(f"upstream refused {item}")
    return item.upper()


async def handle(rid, source):
    token = request_id.set(rid)
    try:
        log("start")
        results = []
        async for item in ticker(4, source):
            try:
                results.append(await fetch(item))
            except ConnectionError as e:
                log(f"retry after: {e}")
                results.append("RETRIED")
        log(f"done {len(results)}")
        return results
    finally:
        request_id.reset(token)


async def stuck_forever(event):
    log("stuck task waiting")
    await event.wait()


def describe_task(task):
    coro = task.get_coro()
    frame = getattr(coro, "cr_frame", None)
    # (the line a suspended coroutine is at, cr_frame.f_lineno, is a recorded divergence)
    where = frame.f_code.co_name if frame else "finished"
    return f"{task.get_name():10} done={task.done()} cancelled={task.cancelled()} at {where}"


def clean(text):
    text = re.sub(r'File "([^"]+)"', lambda m: f'File "{os.path.basename(m[1])}"', text)
    text = re.sub(r"(?:/[^\s/:]+)+/([\w.]+\.py)", r"\1", text)
    return re.sub(r"0x[0-9a-f]+", "0x..", text)


async def monitor(snapshot):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    me = asyncio.current_task()
    tasks = sorted((t for t in asyncio.all_tasks() if t is not me), key=lambda t: t.get_name())
    for t in tasks:
        snapshot.append(describe_task(t))
    stuck = next(t for t in tasks if t.get_name() == "stuck")
    frames = stuck.get_stack()
    snapshot.append(f"stuck stack depth={len(frames)} top={frames[0].f_code.co_name}")
    buf = io.StringIO()
    stuck.print_stack(file=buf)
    for line in buf.getvalue().splitlines():
        # line numbers of suspended coroutines are a recorded divergence: keep the rest
        line = re.sub(r"line \d+", "line N", re.sub(r":\d+>", ":N>", line))
        if line.strip().startswith("await "):
            continue
        snapshot.append("  | " + clean(line))


async def main():
    loop = asyncio.get_running_loop()
    handled_errors = []
    loop.set_exception_handler(lambda lp, ctx: handled_errors.append(
        f"{ctx['message']}: {type(ctx.get('exception')).__name__}"))

    snapshot = []
    release = asyncio.Event()
    done_names = []
    workers = []
    for i, src in enumerate(["alpha", "beta", "gamma"]):
        t = asyncio.create_task(handle(f"req-{i}", src), name=f"handler-{i}")
        t.add_done_callback(lambda t: done_names.append(t.get_name()))
        workers.append(t)
    stuck = asyncio.create_task(stuck_forever(release), name="stuck")
    mon = asyncio.create_task(monitor(snapshot), name="monitor")

    results = await asyncio.gather(*workers)
    await mon
    for line in snapshot:
        print("monitor:", line)
    print("results:", results)
    print("done callbacks:", sorted(done_names))

    # graceful shutdown: cancel the stuck task, check it reports cancellation
    stuck.cancel("shutdown requested")
    try:
        await stuck
    except asyncio.CancelledError as e:
        print("stuck cancelled with:", e.args)
    print("stuck state:", describe_task(stuck))

    # context copies: tasks inherit a snapshot of the current context
    request_id.set("outer")

    async def child():
        before = request_id.get()
        request_id.set("child-changed")
        return before

    got = await asyncio.create_task(child())
    print("context:", got, request_id.get())
    ctx = contextvars.copy_context()
    print("copy_context run:", ctx.run(request_id.get), sorted(v.name for v in ctx))

    # an exception never retrieved goes to the loop's exception handler at GC time;
    # here we retrieve it explicitly to keep output deterministic
    async def failing():
        raise RuntimeError("worker crashed")

    ft = asyncio.create_task(failing(), name="failing")
    await asyncio.sleep(0)
    print("failed task:", ft.done(), repr(ft.exception()))

    # call_exception_handler manually
    loop.call_exception_handler({"message": "manual report", "exception": ValueError("x")})
    print("exception handler saw:", handled_errors)

    # wait with FIRST_EXCEPTION
    async def quick(n):
        for _ in range(n):
            await asyncio.sleep(0)
        if n == 2:
            raise KeyError(n)
        return n

    tasks = [asyncio.create_task(quick(n), name=f"q{n}") for n in (1, 2, 5)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("first exception: done", sorted(t.get_name() for t in done), "pending",
          sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)

    # async generator cleanup via aclose and asyncio.timeout (3.11)
    agen = ticker(10, "x")
    first = [await agen.__anext__(), await agen.__anext__()]
    await agen.aclose()
    print("agen:", first, "after aclose:", agen.ag_frame is None)
    try:
        async with asyncio.timeout(0.001):
            await asyncio.sleep(5)
    except TimeoutError:
        print("asyncio.timeout raised TimeoutError")

    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(quick(1))
        b = tg.create_task(quick(3))
    print("taskgroup:", a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(quick(2))
            tg.create_task(quick(9))
    except* KeyError as eg:
        print("taskgroup error:", [repr(e) for e in eg.exceptions])

    print("log:")
    for line in LOG:
        print("  ", line)
    counter = itertools.count()
    print("remaining tasks:", sorted(t.get_name() for t in asyncio.all_tasks()
                                     if t is not asyncio.current_task()), next(counter))


if __name__ == "__main__":
    asyncio.run(main(), debug=False)
