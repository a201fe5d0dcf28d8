"""Differential test (tier 2): frames read from hot code (sys._getframe, f_lineno,
f_back, f_locals, f_code), and sys.settrace / sys.setprofile installed in the middle of
a hot loop and removed later."""
import sys


def here():
    f = sys._getframe(1)
    return (f.f_code.co_name, f.f_lineno)


def stack_names():
    f = sys._getframe(1)
    out = []
    while f is not None and f.f_code.co_name != "<module>":
        out.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return out


def caller_locals():
    return sorted(k for k in sys._getframe(1).f_locals if not k.startswith("_"))


print("== line numbers from hot code ==")


def lines(n):
    seen = []
    for i in range(n):
        a = here()
        if i % 2:
            b = here()
        else:
            b = (here(),
                 here())
        seen.append((a, b))
        c = i and here() or None
    return seen[-2:], c


for n in range(1, 25):
    r = lines(n)
print(r)


def recurse(k):
    if k == 0:
        return stack_names()
    return recurse(k - 1)


for n in range(22):
    r = recurse(n % 4)
print(r)


def with_locals(n):
    total = 0
    for i in range(n):
        total += i
        if i == n - 1:
            extra = "x"
            return caller_locals(), sys._getframe().f_locals["total"]


for n in range(1, 23):
    r = with_locals(n)
print(r)

print("== frame object of a hot function ==")


def frame_of():
    return sys._getframe()


frames = [frame_of() for _ in range(25)]
print(frames[-1].f_code.co_name, frames[-1].f_back is None, frames[-1].f_lineno)

print("== settrace in the middle of a hot loop ==")
EVENTS = []


def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name in ("tracer", "profiler", "start_tracing", "stop_tracing"):
        return None
    EVENTS.append((event, name, frame.f_lineno,
                   arg if event == "return" and isinstance(arg, int) else None))
    return tracer


def work(i):
    x = i * 2
    if x > 10:
        x -= 3
    return x


def traced_loop(n, on, off):
    total = 0
    for i in range(n):
        if i == on:
            sys.settrace(tracer)
        total += work(i)
        if i == off:
            sys.settrace(None)
    return total


for rep in range(25):
    traced_loop(30, 100, 100)          # warm up: never traced
r = traced_loop(30, 22, 25)
print("total", r)
for e in EVENTS:
    print(" ", e)
print("gettrace after:", sys.gettrace())
EVENTS.clear()


def start_tracing():
    sys.settrace(tracer)


def stop_tracing():
    sys.settrace(None)


def traced_via_helpers(n, on, off):
    acc = []
    for i in range(n):
        if i == on:
            start_tracing()
        acc.append(work(i) + i)
        if i == off:
            stop_tracing()
    return acc[-1]


for rep in range(25):
    traced_via_helpers(25, 100, 100)
print("result", traced_via_helpers(25, 21, 23))
for e in EVENTS:
    print(" ", e)
EVENTS.clear()

print("== tracer sees exceptions in hot code ==")


def raiser(i):
    if i % 2:
        raise ValueError(i)
    return i


def catch_loop(n, on):
    out = 0
    for i in range(n):
        if i == on:
            sys.settrace(tracer)
        try:
            out += raiser(i)
        except ValueError:
            out -= 1
    sys.settrace(None)
    return out


for rep in range(22):
    catch_loop(25, 100)
print("result", catch_loop(25, 22))
for e in EVENTS:
    print(" ", e[:3], type(e[3]).__name__)
EVENTS.clear()

print("== setprofile in the middle of a hot loop ==")
PROF = []


def profiler(frame, event, arg):
    name = frame.f_code.co_name
    if event.startswith("c_"):
        PROF.append((event, name, getattr(arg, "__name__", "?")))
    else:
        PROF.append((event, name, frame.f_lineno))


def profiled(n, on, off):
    s = []
    for i in range(n):
        if i == on:
            sys.setprofile(profiler)
        s.append(work(i))
        len(s)
        if i == off:
            sys.setprofile(None)
    return sum(s)


for rep in range(25):
    profiled(30, 100, 100)
print("result", profiled(30, 25, 27))
for e in PROF:
    print(" ", e)
print("getprofile after:", sys.getprofile())
PROF.clear()


def gen_work(n):
    for i in range(n):
        yield i


def profiled_gen(n, on, off):
    t = 0
    for i in range(n):
        if i == on:
            sys.setprofile(profiler)
        for v in gen_work(2):
            t += v
        if i == off:
            sys.setprofile(None)
    return t


for rep in range(22):
    profiled_gen(25, 100, 100)
print("result", profiled_gen(25, 23, 23))
for e in PROF:
    print(" ", e)
PROF.clear()

print("== tracing a generator resumed from hot code ==")


def counting(n):
    for i in range(n):
        yield i * 3


for rep in range(25):
    g = counting(5)
    next(g)
    next(g)
sys.settrace(tracer)
next(g)
sys.settrace(None)
for e in EVENTS:
    print(" ", e)
EVENTS.clear()

print("== settrace from a callback called by C code in a hot loop ==")


def key_on(x):
    sys.settrace(tracer)
    return x


def key_off(x):
    sys.settrace(None)
    return x


def host_toggled(n, on, off):
    t = 0
    for i in range(n):
        if i == on:
            sorted([1], key=key_on)
        t += work(i)
        if i == off:
            list(map(key_off, [1]))
    return t


for rep in range(25):
    host_toggled(30, 100, 100)
print("result", host_toggled(30, 25, 27))
sys.settrace(None)
for e in EVENTS:
    print(" ", e)
EVENTS.clear()

print("== a signal handler run from hot code ==")
import os
import signal

SIGLOG = []


class Stop(Exception):
    pass


def on_usr1(signum, frame):
    SIGLOG.append((frame.f_code.co_name, frame.f_lineno))
    if len(SIGLOG) % 5 == 0:
        raise Stop(len(SIGLOG))


previous = signal.signal(signal.SIGUSR1, on_usr1)


def signalled(n):
    caught = []
    for i in range(n):
        try:
            x = i * 2
            os.kill(os.getpid(), signal.SIGUSR1)
            x += 1
        except Stop as e:
            caught.append((i, e.args[0], sys._getframe().f_lineno))
    return caught


for rep in range(4):
    print(signalled(10))
print(SIGLOG[-3:])
signal.signal(signal.SIGUSR1, previous)
print("done")
