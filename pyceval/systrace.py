"""sys.settrace and sys.setprofile for the program: its trace and profile functions see
VM frames, with CPython 3.11's events ('call', 'line', 'return', 'exception',
'opcode'; generators report 'call' on each resume and 'return' on each yield).

The program's `sys.settrace(fn)` does not install a host hook (which would see
pyceval's own frames); it stores `fn` in the thread's state and attaches one listener
to the event API while any thread has a hook. As in CPython, the hooks are not called
while a hook runs, a trace function's return value becomes the frame's `f_trace`
(None: no local tracing of that frame), and a hook that raises is removed and the
exception propagates into the program.

Profile functions also get 'c_call', 'c_return' and 'c_exception' for builtins.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import _thread
import sys

from . import events
from .interpreter import thread_state
from .version import OPMAP

_SEND = OPMAP.get("SEND")
_RESUME = OPMAP["RESUME"]
_lock = _thread.allocate_lock()
_active = {"count": 0}


def _call(ts, which, fn, frame, event, arg):
    ts.hook_busy = True
    try:
        return fn(frame, event, arg)
    except BaseException:
        if which == "trace":
            ts.trace_fn = None
            frame.f_trace = None
        else:
            ts.profile_fn = None
        _update(ts)
        raise
    finally:
        ts.hook_busy = False


class _Bridge:
    """Turns VM events into calls of the program's trace and profile functions."""

    def _enter(self, frame):
        ts = thread_state()
        if ts.hook_busy:
            return
        if ts.profile_fn is not None:
            _call(ts, "profile", ts.profile_fn, frame, "call", None)
        if ts.trace_fn is not None:
            frame.f_trace = _call(ts, "trace", ts.trace_fn, frame, "call", None)

    def on_call(self, frame):
        frame.trace_prev = -1
        self._enter(frame)

    on_resume = _enter

    def on_instruction(self, frame, index):
        """maybe_call_line_trace of CPython 3.11: a 'line' event for the first instruction
        after RESUME, when the line changes, and on backward jumps (except to SEND)."""
        info = frame.info
        first = _first_traceable(info)
        if index <= first or info.ops[index] == _RESUME:
            frame.trace_prev = index
            return
        fn = frame.f_trace
        prev = frame.trace_prev
        frame.trace_prev = index
        if fn is None:
            return
        ts = thread_state()
        if ts.hook_busy:
            return
        line = info.line(index)
        if line is not None and frame.f_trace_lines:
            lastline = None if prev <= first else info.line(prev)
            if line != lastline or (index < prev and info.ops[index] != _SEND):
                fn = frame.f_trace = _call(ts, "trace", fn, frame, "line", None)
                if fn is None:
                    return
        if frame.f_trace_opcodes:
            frame.f_trace = _call(ts, "trace", fn, frame, "opcode", None)

    def _leave(self, frame, value):
        ts = thread_state()
        if ts.hook_busy:
            return
        if frame.f_trace is not None:
            _call(ts, "trace", frame.f_trace, frame, "return", value)
        if ts.profile_fn is not None:
            _call(ts, "profile", ts.profile_fn, frame, "return", value)

    on_return = _leave
    on_yield = _leave

    def _c_event(self, frame, func, event):
        ts = thread_state()
        if ts.profile_fn is not None and not ts.hook_busy:
            _call(ts, "profile", ts.profile_fn, frame, event, func)

    def on_c_call(self, frame, func):
        self._c_event(frame, func, "c_call")

    def on_c_return(self, frame, func):
        self._c_event(frame, func, "c_return")

    def on_c_exception(self, frame, func):
        self._c_event(frame, func, "c_exception")

    def on_exception(self, frame, exc):
        fn = frame.f_trace
        if fn is None:
            return
        ts = thread_state()
        if ts.hook_busy:
            return
        frame.f_trace = _call(ts, "trace", fn, frame, "exception",
                              (type(exc), exc, exc.__traceback__))


_FIRST_TRACEABLE = {}


def _first_traceable(info):
    """Index of the first RESUME (CPython's _co_firsttraceable): nothing before it is traced."""
    first = _FIRST_TRACEABLE.get(id(info))
    if first is None:
        first = next((i for i, op in enumerate(info.ops) if op == _RESUME), 0)
        _FIRST_TRACEABLE[id(info)] = first
    return first


_BRIDGE = _Bridge()


def _update(ts):
    _recount()


_hooked = set()   # ThreadStates that have a hook


def _recount():
    with _lock:
        for ts in list(_hooked):
            if ts.trace_fn is None and ts.profile_fn is None:
                _hooked.discard(ts)
        want = bool(_hooked)
        attached = _active["count"] > 0
        if want and not attached:
            events.attach(_BRIDGE)
            _active["count"] = 1
        elif attached and not want:
            events.detach(_BRIDGE)
            _active["count"] = 0


def settrace(fn):
    ts = thread_state()
    ts.trace_fn = fn
    if fn is not None:
        _hooked.add(ts)
    _recount()


def setprofile(fn):
    ts = thread_state()
    ts.profile_fn = fn
    if fn is not None:
        _hooked.add(ts)
    _recount()


def register(special, split):
    """Install the replacements of sys.settrace/gettrace/setprofile/getprofile."""

    def vm_settrace(f, args, kwnames):
        if kwnames or len(args) != 1:
            raise TypeError(f"settrace() takes exactly one argument ({len(args)} given)")
        settrace(args[0])   # like CPython: frames already running are traced only if
        #                     the program sets their f_trace itself (as pdb does)

    def vm_gettrace(f, args, kwnames):
        return thread_state().trace_fn

    def vm_setprofile(f, args, kwnames):
        if kwnames or len(args) != 1:
            raise TypeError(f"setprofile() takes exactly one argument ({len(args)} given)")
        setprofile(args[0])

    def vm_getprofile(f, args, kwnames):
        return thread_state().profile_fn

    for obj, fn in ((sys.settrace, vm_settrace), (sys.gettrace, vm_gettrace),
                    (sys.setprofile, vm_setprofile), (sys.getprofile, vm_getprofile)):
        special[id(obj)] = (obj, fn)
    return vm_settrace, vm_setprofile

