"""The one event API through which tools observe the VM.

A tool attaches a listener: any object with some of these methods

    on_call(frame)                  a frame starts executing (first entry, not generator resumes)
    on_resume(frame)                a suspended generator/coroutine frame resumes
    on_instruction(frame, index)    before the instruction frame.instrs[index] executes
    on_line(frame, line)            before the first instruction of a new source line
    on_return(frame, value)         a frame returns `value`
    on_yield(frame, value)          a generator/coroutine frame suspends, yielding `value`
    on_c_call(frame, func)          `frame` calls a builtin function (method descriptors: bound)
    on_c_return(frame, func)        ... which returned
    on_c_exception(frame, func)     ... which raised
    on_exception(frame, exc)        an exception is raised in `frame` or propagates into it
                                    (not for re-raises: RERAISE, bare raise, END_ASYNC_FOR)
    on_specialize(frame, index, family, what, detail)
                                    PEP 659 activity of instruction `index`: `what` is
                                    'success' (detail: the variant), 'failure' (detail: the
                                    SPEC_FAIL kind), 'deferred', 'miss' (detail: the guard
                                    that failed) or 'deopt' (back to the adaptive form)

While any attached listener lacks `observes_specialized = True`, frames run their base
(unquickened) instructions, as CPython 3.11 does while tracing: a tracer sees every base
instruction. A listener with that attribute (the `pyceval stats` collector) sees the
specialized instruction stream: on_instruction then reports superinstructions once.

`frame` is a pyceval.frame.Frame: `frame.code`, `frame.info.offsets[index]`,
`frame.stack` (the value stack, top last), `frame.fast` / `frame.f_locals` are readable.

When no listener is attached the eval loop pays one `is not None` test per instruction.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import _thread

from .frame import NULL

_lock = _thread.allocate_lock()
_listeners = []
ACTIVE = None   # the dispatcher the eval loop calls, or None


class _Dispatcher:
    """Fans events out to the attached listeners and derives line events."""

    def __init__(self, listeners):
        self.instruction_cbs = [l.on_instruction for l in listeners if hasattr(l, "on_instruction")]
        self.line_cbs = [l.on_line for l in listeners if hasattr(l, "on_line")]
        self.call_cbs = [l.on_call for l in listeners if hasattr(l, "on_call")]
        self.resume_cbs = [l.on_resume for l in listeners if hasattr(l, "on_resume")]
        self.return_cbs = [l.on_return for l in listeners if hasattr(l, "on_return")]
        self.yield_cbs = [l.on_yield for l in listeners if hasattr(l, "on_yield")]
        self.exception_cbs = [l.on_exception for l in listeners if hasattr(l, "on_exception")]
        self.c_call_cbs = [l.on_c_call for l in listeners if hasattr(l, "on_c_call")]
        self.c_return_cbs = [l.on_c_return for l in listeners if hasattr(l, "on_c_return")]
        self.c_exception_cbs = [l.on_c_exception for l in listeners if hasattr(l, "on_c_exception")]
        self.specialize_cbs = [l.on_specialize for l in listeners if hasattr(l, "on_specialize")]
        self.deopt = not all(getattr(l, "observes_specialized", False) for l in listeners)
        self.last_line = {}

    def instruction(self, frame, index):
        if self.line_cbs:
            line = frame.info.line(index)
            key = id(frame)
            if line is not None and self.last_line.get(key) != line:
                self.last_line[key] = line
                for cb in self.line_cbs:
                    cb(frame, line)
        for cb in self.instruction_cbs:
            cb(frame, index)

    def call(self, frame):
        self.last_line.pop(id(frame), None)
        for cb in self.call_cbs:
            cb(frame)

    def resume(self, frame):
        for cb in self.resume_cbs:
            cb(frame)

    def return_(self, frame, value):
        self.last_line.pop(id(frame), None)
        for cb in self.return_cbs:
            cb(frame, value)

    def yield_(self, frame, value):
        for cb in self.yield_cbs:
            cb(frame, value)

    def c_call(self, frame, func):
        for cb in self.c_call_cbs:
            cb(frame, func)

    def c_return(self, frame, func):
        for cb in self.c_return_cbs:
            cb(frame, func)

    def c_exception(self, frame, func):
        for cb in self.c_exception_cbs:
            cb(frame, func)

    def exception(self, frame, exc):
        for cb in self.exception_cbs:
            cb(frame, exc)

    def specialize(self, frame, index, family, what, detail):
        for cb in self.specialize_cbs:
            cb(frame, index, family, what, detail)


def attach(listener):
    """Start sending events to `listener`. Takes effect at the next frame switch."""
    global ACTIVE
    with _lock:
        _listeners.append(listener)
        ACTIVE = _Dispatcher(_listeners)


def detach(listener):
    global ACTIVE
    with _lock:
        _listeners.remove(listener)
        ACTIVE = _Dispatcher(_listeners) if _listeners else None


def stack_repr(frame, limit=60):
    """A short, safe rendering of a frame's value stack for tools."""
    out = []
    for v in frame.stack:
        if v is NULL:
            out.append("NULL")
            continue
        try:
            r = object.__repr__(v) if type(v).__repr__ is object.__repr__ else repr(v)
        except Exception as e:  # a broken __repr__ must not break the tool
            r = f"<repr failed: {type(e).__name__}>"
        if len(r) > limit:
            r = r[: limit - 3] + "..."
        out.append(r)
    return "[" + ", ".join(out) + "]"
