"""The program's Python-level signal handlers (SIGINT's default KeyboardInterrupt included),
delivered at instruction boundaries.

CPython runs a Python signal handler only at an "eval breaker" check between
instructions, so a KeyboardInterrupt never lands in the middle of one. On the host, a
handler runs between any two *host* bytecodes, which may be in the middle of pyceval's
own bookkeeping (pushing a frame, unwinding). So while `pyceval run` runs a program,
the host handler for each signal the program handles is `_on_signal`, which

- calls the program's handler at once when the main thread is inside an instruction
  (a handler, or a host call it makes: this interrupts a blocking `time.sleep()` or
  `input()` as in CPython, and the exception surfaces from that instruction), or
  outside the VM;
- otherwise (pyceval's own machinery is running) records the signal; the VM calls the
  handler at the next RESUME or JUMP_BACKWARD, as CPython's eval breaker does.

The program sees its own handlers: `signal.signal()` and `signal.getsignal()` are
replaced for VM callers.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import _signal
import os

from .interpreter import thread_state
from .tracebacks import TRAMPOLINE_MARK

PENDING = []            # signal numbers waiting for the next eval-breaker check
_GUEST = {}             # signum -> the program's handler (what signal.getsignal() shows)
_MAIN = {"ts": None}
_PKG = os.path.dirname(os.path.abspath(__file__)) + os.sep
_INSTRUCTIONS = os.path.join(_PKG, "instructions") + os.sep
_IMMEDIATE_FUNCS = {"call_for_frame", "_c_traced"}


def _inside_instruction(hostframe):
    """Is the main thread inside an instruction (or outside pyceval) right now?"""
    if hostframe is None:
        return True
    code = hostframe.f_code
    fn = code.co_filename
    if fn.startswith(_INSTRUCTIONS):
        return True
    if fn.startswith(_PKG):
        return code.co_name in _IMMEDIATE_FUNCS
    consts = code.co_consts
    if consts and consts[0] is TRAMPOLINE_MARK:
        return False            # a trampoline: pyceval machinery
    return True


def _on_signal(signum, hostframe):
    handler = _GUEST.get(signum)
    if not callable(handler):
        return
    ts = _MAIN["ts"]
    if ts is None or ts.frame is None or _inside_instruction(hostframe):
        handler(signum, ts.frame if ts is not None and ts.frame is not None else hostframe)
    else:
        PENDING.append(signum)


def deliver(f):
    """Run the handlers of pending signals for VM frame `f` (an eval-breaker point)."""
    while PENDING:
        signum = PENDING.pop(0)
        handler = _GUEST.get(signum)
        if callable(handler):
            handler(signum, f)


def install():
    """Take over SIGINT's default handler for the program (main thread only)."""
    if _MAIN["ts"] is not None:
        return
    # (the C functions: the `signal` module's wrappers are library code, run by the VM)
    try:
        current = _signal.getsignal(_signal.SIGINT)
    except ValueError:
        return
    _MAIN["ts"] = thread_state()
    if current is _signal.default_int_handler:
        _GUEST[_signal.SIGINT] = current
        _signal.signal(_signal.SIGINT, _on_signal)


def vm_signal(f, args, kwnames):
    """signal.signal() called by the program."""
    if kwnames or len(args) != 2:
        return _signal.signal(*args)
    signum, handler = args
    if _MAIN["ts"] is None or not callable(handler):
        previous = _signal.signal(signum, handler)
        return _GUEST.pop(signum, previous) if previous is _on_signal else previous
    previous = _signal.signal(signum, _on_signal)
    shown = _GUEST.get(signum, previous)
    _GUEST[signum] = handler
    return shown if previous is _on_signal else previous


def vm_getsignal(f, args, kwnames):
    """signal.getsignal() called by the program."""
    result = _signal.getsignal(*args)
    if result is _on_signal:
        return _GUEST.get(args[0], result)
    return result


def register(special):
    # the C functions: signal.signal/getsignal are Python wrappers that call these
    special[id(_signal.signal)] = (_signal.signal, vm_signal)
    special[id(_signal.getsignal)] = (_signal.getsignal, vm_getsignal)

