"""Known differences from CPython, each a runnable program with its reason.

Every entry runs natively and under pyceval; the test asserts that the outputs still
differ, and shows both. When a divergence is fixed its test fails: move the program
into tests/programs/ then, and delete the entry. (The idea of MicroPython's
tests/cpydiff/.)
"""
from dataclasses import dataclass

import pytest

from differential import native, vm


@dataclass
class Divergence:
    name: str
    reason: str
    program: str


DIVERGENCES = [
    Divergence(
        "generator_frame_locals",
        "A guest generator is a real generator object made by the host from the function's "
        "trampoline, which drives the VM frame. Its gi_frame is the trampoline's host frame, "
        "so inspect.getgeneratorlocals() shows pyceval's delegation state, not the guest's "
        "locals.",
        "import inspect\n"
        "def g(n):\n    for i in range(n):\n        yield i\n"
        "it = g(2); next(it)\nprint(inspect.getgeneratorlocals(it))\n"),
    Divergence(
        "gi_yieldfrom_and_cr_await",
        "The host generator delegates to pyceval's driver explicitly, not with `yield from`; "
        "gi_yieldfrom is None and cr_await is the driver, not the guest's sub-iterator.",
        "def inner():\n    yield 1\n"
        "def outer():\n    yield from inner()\n"
        "o = outer(); next(o)\nprint(type(o.gi_yieldfrom).__name__)\n"),
    Divergence(
        "suspended_coroutine_line",
        "cr_frame/gi_frame is the host trampoline's frame, suspended in the trampoline, so its "
        "f_lineno is not the line the guest is suspended at; asyncio's Task.get_stack(), "
        "print_stack() and Task reprs ('running at file:line') show that line.",
        "import asyncio\n"
        "async def waiter(ev):\n" + "".join(f"    x{i} = {i}\n" for i in range(16)) +
        "    await ev.wait()\n    return x0\n"
        "async def main():\n    ev = asyncio.Event()\n    t = asyncio.ensure_future(waiter(ev))\n"
        "    await asyncio.sleep(0)\n    print(t.get_stack()[0].f_lineno)\n    ev.set(); await t\n"
        "asyncio.run(main())\n"),
    Divergence(
        "code_object_bytecode",
        "func.__code__ is the trampoline: its name, qualname, file, first line, flags, "
        "argument counts, varnames, cellvars, freevars, names and line table are the "
        "guest's, but co_code and co_consts are the trampoline's own, so dis.dis(func) "
        "shows the trampoline.",
        "def f(x):\n    return x + 1\n"
        "print(f.__code__.co_consts, f.__code__.co_names)\n"),
    Divergence(
        "frame_type",
        "sys._getframe() returns pyceval's Frame; isinstance(frame, types.FrameType) is "
        "true (through __class__), but type(frame) is not types.FrameType.",
        "import sys, types\nf = sys._getframe()\n"
        "print(isinstance(f, types.FrameType), type(f) is types.FrameType)\n"),
    Divergence(
        "throw_into_unstarted_generator_traceback",
        "throw() into a generator that never ran raises at the start of the host "
        "trampoline, before the VM frame exists, so the traceback lacks the generator's "
        "own entry (CPython shows the generator's def line).",
        "def f():\n    yield\n"
        "try:\n    f().throw(ValueError)\nexcept ValueError as e:\n"
        "    tb = e.__traceback__; n = 0\n"
        "    while tb: n += 1; tb = tb.tb_next\n    print(n)\n"),
    Divergence(
        "coroutine_origin_tracking",
        "cr_origin (sys.set_coroutine_origin_tracking_depth) is recorded by the host when it "
        "makes the coroutine object, from host frames: it names pyceval's functions.",
        "import sys\nsys.set_coroutine_origin_tracking_depth(1)\n"
        "async def c(): pass\nco = c()\nprint(co.cr_origin[0][2])\nco.close()\n"),
    Divergence(
        "dropped_generator_locals_die_late",
        "A suspended guest generator is a host generator suspended in its trampoline, which "
        "holds pyceval's driver in a reference cycle with the VM frame; dropping the generator "
        "frees its locals only when the cycle collector runs, not at once as CPython's "
        "gen_dealloc/gen_close do. (Found by the tier-2 differential programs; tier 1 too.)",
        "class D:\n    def __del__(self): print('del')\n"
        "def g():\n    d = D(); yield 1\n"
        "it = g(); next(it); it = None; print('dropped')\n"),
    Divergence(
        "getframe_called_from_c",
        "sys._getframe called by C code (map) rather than by the guest is reached through "
        "call_for_frame's host call, so frame 0 is pyceval's host frame, not the caller's VM "
        "frame (frameaware builtins only see the VM frame when the VM calls them).",
        "import sys\n"
        "def caller():\n    return list(map(sys._getframe, [0]))[0].f_code.co_name\n"
        "print(caller())\n"),
    Divergence(
        "warnings_from_c_in_guest_code",
        "A warning raised by C code during an instruction (here bool(NotImplemented)) is "
        "attributed by the warnings machinery to the innermost *host* frame, which is "
        "pyceval's handler (or tier-2 block), not the guest's line.",
        "import warnings\n"
        "def f():\n    if NotImplemented:\n        return 1\n"
        "with warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always')\n"
        "    f()\n"
        "print([(x.category.__name__, x.lineno) for x in w])\n"),
    Divergence(
        "caller_line_seen_from_del_in_tier2",
        "Tier-2 blocks store f.ip lazily: instructions that run no other code (LOAD_FAST, "
        "STORE_FAST, int arithmetic, list subscripts, ...) do not store it, as long as they "
        "neither raise nor leave the block. A __del__ or weakref callback run by such an "
        "instruction dropping the last reference sees its caller's f_lineno/f_lasti of the "
        "last instruction that stored it (here the `for` line, offset 2, instead of the "
        "assignment's line). Exceptions, tracebacks, calls and signal handlers see the exact "
        "instruction.",
        "import sys\nLINES = []\n"
        "class D:\n    def __del__(self):\n"
        "        LINES.append(sys._getframe(1).f_lineno - f.__code__.co_firstlineno)\n"
        "def f(items):\n    x = None\n    for i in range(len(items)):\n"
        "        x = items[i]\n        items[i] = None\n    return x\n"
        "for _ in range(30):\n    f([D() for _ in range(40)])\n"
        "print(sorted(set(LINES)))\n"),
    Divergence(
        "for_iter_stopiteration_trace_event",
        "CPython 3.11's FOR_ITER calls the trace function with an 'exception' event when "
        "the iterator raised StopIteration (a generator returning a value other than None) "
        "before it ends the loop; pyceval's FOR_ITER does not report it.",
        "import sys\nev = []\ndef t(f, e, a):\n    ev.append((f.f_code.co_name, e))\n    return t\n"
        "def g():\n    yield 1\n    return 2\n"
        "def c():\n    for x in g(): pass\n"
        "sys.settrace(t); c(); sys.settrace(None)\nprint(('c', 'exception') in ev)\n"),
    Divergence(
        "locals_released_last_first",
        "When a function returns, CPython 3.11 clears the frame's locals first to last "
        "(_PyFrame_Clear), and a function's arguments belong to its frame alone. A pyceval "
        "frame's locals are a list that dies with the frame, and a list releases its items "
        "last to first: an object that a later local holds, inside a container that an "
        "earlier local holds, dies with the container under pyceval but after it under "
        "CPython, so __del__ methods (and weakref callbacks) run in another order.",
        "log = []\n"
        "class D:\n    def __init__(self, t): self.t = t\n"
        "    def __del__(self): log.append(self.t)\n"
        "def drop(items):\n    for it in items:\n        pass\n"
        "drop([D(1), D(2), D(3)])\nprint(log)\n"),
]


@pytest.mark.parametrize("div", DIVERGENCES, ids=[d.name for d in DIVERGENCES])
def test_divergence_still_exists(div, tmp_path):
    prog = tmp_path / f"{div.name}.py"
    prog.write_text(div.program)
    n = native([str(prog)])
    v = vm([str(prog)])
    assert n != v, (f"divergence {div.name!r} is gone: move its program to tests/programs/ "
                    f"and remove the entry.\noutput: {n!r}")
    print(f"{div.name}: {div.reason}\n  native:  {n}\n  pyceval: {v}")
