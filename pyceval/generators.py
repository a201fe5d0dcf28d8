"""The guest side of generators, coroutines and async generators.

The object the program sees is a real generator/coroutine/async generator made by the
host from the function's trampoline (see functions.py); it delegates with
`yield from` / `await` to a `GeneratorDriver`, which resumes the suspended VM frame.
The driver implements CPython's gen_send_ex2 / _gen_throw / gen_close (Objects/genobject.c):
PEP 479 conversion of StopIteration, GeneratorExit handling, delegation of throw()
and close() to the sub-iterator of a `yield from` / `await` in progress, and each
generator's own handled-exception slot on the thread's exc_info stack.

Resuming in the loop: SEND (`yield from`, `await`) of a suspended guest
generator/coroutine does not go through the host object (host generator -> trampoline -> driver -> a nested
run_frame). `resume_in_loop` hands the caller's loop the generator's own VM frame to
push, as CPython 3.12's SEND_GEN does; while it runs, the host object is
marked executing (gi_running, "generator already executing") through its
gi_frame_state. When that frame yields, returns or raises, `yielded`, `returned` and
`raised` do for the caller what the instruction does with a host generator's result;
a generator that finished this way has its host object closed (its trampoline is done).
Drivers are found from the host object through its trampoline's frame (`_BY_FRAME`,
registered by functions.enter_generator, or by `start` when the loop calls a generator
function: the driver then exists before the host object starts, so that SEND can start
the frame too).

Unseen generators: when what a call makes goes only to SEND (`await f(...)`: the call's
next instruction is GET_AWAITABLE; `yield from g(...)`: GET_YIELD_FROM_ITER; and
`yield from obj` whose type's `__iter__` is a guest generator function), the program
never sees the generator or coroutine object, so the loop makes none: `start` pushes
the GeneratorDriver itself, with its frame, and SEND resumes it (`resume_driver`) with
no registry, no host object to mark executing and none to close. It stands on the
caller's value stack as the receiver of its `yield from`/`await`, which only SEND and
the caller's own throw() and close() reach (`_yieldfrom`: a driver closes and throws
like a host object). A suspended one is closed through that chain when the host object
at its root is finalized or closed (a frame holding one is only dropped suspended
after it was closed, unless an asynchronous KeyboardInterrupt lands between the inner
frame's yield and the outer one's).

FOR_ITER keeps the host path: a resumption in the loop costs about what a call does
(the caller's tier-2 block is left and re-entered), more than the host path costs a
plain `for` over a generator, and the test for a generator would cost every `for`
loop. Anything unusual (a tool attached, a generator running or
being thrown into or closed by the host, one the host made and has not started, async
generators) keeps the host path. There, `_run` calls the frame's blocks itself up to
the next yield, and hands anything else to run_frame (`resumed`).
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import types
from _weakref import ref as _ref

from . import events
from .cpython_internals import (FRAME_CREATED, FRAME_EXECUTING, FRAME_SUSPENDED, GEN_LAYOUT_OK,
                                gen_state_view)
from .frame import COMPLETED, CREATED, RUNNING, SUSPENDED
from .tracebacks import strip_internal
from .interpreter import (CAUGHT, HANDOVER, RECURSION, RETURN, YIELD, _ENTRIES, _INFOS, ExcItem,
                          _apply_host_limit, _tls, call_for_frame, function_frame, run_frame,
                          thread_state)
from .tier2 import compile_block as _compile_block
from .instructions.support import type_lookup
from .version import OPMAP

_RESUME = OPMAP["RESUME"]
_RETURN_GENERATOR = OPMAP["RETURN_GENERATOR"]
_NAMES = {"generator": "generator", "coroutine": "coroutine", "async_generator": "async generator"}
_GEN_TYPES = (types.GeneratorType, types.CoroutineType)
_GeneratorType = types.GeneratorType
_FunctionType = types.FunctionType
# the instruction after a call that takes what the call made only for SEND, by kind
_UNSEEN_AFTER = {"coroutine": OPMAP["GET_AWAITABLE"], "generator": OPMAP["GET_YIELD_FROM_ITER"]}
# instructions after a call that hand what the call made to the host: a `for` loop
# (GET_ITER, then FOR_ITER's host path) or another call (`sum(x for x in ...)`,
# `asyncio.run(main())`), which SEND will not resume in the loop
_HOST_DRIVEN_AFTER = frozenset(OPMAP[name] for name in ("GET_ITER", "PRECALL", "CALL")
                               if name in OPMAP)


class AsyncGenWrapped:
    """ASYNC_GEN_WRAP's result: a value an async generator yields to its consumer
    (as opposed to what its awaits yield to the event loop)."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class _Done:
    __slots__ = ()

    def __repr__(self):
        return "DONE"


DONE = ASYNC_GEN_DONE = _Done()   # "the frame returned" (value in driver.retval)


def _exception_matches(typ, cls):
    if isinstance(typ, type):
        return issubclass(typ, cls)
    return isinstance(typ, cls)


def _normalize(typ, val, tb):
    """throw()'s argument checks and normalization (CPython's _gen_throw)."""
    if tb is not None and not isinstance(tb, types.TracebackType):
        raise TypeError("throw() third argument must be a traceback object")
    if isinstance(typ, type) and issubclass(typ, BaseException):
        if val is None:
            exc = typ()
        elif isinstance(val, typ):
            exc = val
        elif isinstance(val, tuple):
            exc = typ(*val)
        else:
            exc = typ(val)
    elif isinstance(typ, BaseException):
        if val is not None:
            raise TypeError("instance exception may not have a separate value")
        exc = typ
        if tb is None:
            tb = exc.__traceback__
    else:
        raise TypeError("exceptions must be classes or instances deriving from "
                        f"BaseException, not {type(typ).__name__}")
    if tb is not None:
        exc.__traceback__ = tb
    return exc


def _close_iter(yf):
    """gen_close_iter: close a sub-iterator; return the exception it raised, or None."""
    try:
        if type(yf) in _GEN_TYPES or type(yf) is GeneratorDriver:
            yf.close()
        else:
            meth = getattr(yf, "close", None)
            if meth is not None:
                meth()
    except BaseException as e:
        return e
    return None


class _Return(Exception):
    """Raised to a trampoline by its driver when the guest frame returned."""


class GeneratorDriver:
    """Resumes one suspended VM frame. Fields: frame (the guest frame), kind
    ('generator', 'coroutine', 'async_generator'), running, exc_item (this
    generator's handled-exception slot, linked into the thread's stack while it runs),
    retval (the return value once DONE), done (the frame has finished).
    view: the host object's gi_frame_state, made when the frame is first resumed in a
    loop (resume_in_loop), which marks the host object executing meanwhile.
    fresh: the driver was made by `start` and the host object's trampoline has not run
    yet; priming: the trampoline is being run up to its first suspension, without
    resuming the frame (`yielded`)."""

    __slots__ = ("frame", "kind", "running", "exc_item", "retval", "done", "view", "fresh",
                 "priming", "__weakref__")
    DONE = DONE

    # (no __init__: new_driver makes one, as frame.new_frame makes a Frame; an __init__
    # costs a host frame, and a coroutine awaited once makes one per call)

    # -- the iterator / coroutine protocol (what `await driver` uses) --

    def __iter__(self):
        return self

    def __await__(self):
        return self

    def __next__(self):
        return self._finish(self._run(None, None))

    def send(self, value):
        return self._finish(self._run(value, None))

    def throw(self, typ, val=None, tb=None):
        return self._finish(self._throw(typ, val, tb, True))

    def _finish(self, r):
        if r is DONE:
            result = self.retval
            self.retval = None
            if result is None:
                raise StopIteration
            raise StopIteration(result)
        return r

    # -- what the generator trampoline uses --

    def gen_next(self, value, exc):
        """The next yielded value. When the frame finishes, `done` is set and this raises
        the guest's exception, or a _Return (the value is in `retval`).
        The trampoline calls this for each value: the common case is made short here (a
        frame with compiled blocks and no exception handlers, so no handled-exception
        slot to link, see resume_driver; no tool listening), the rest is _run's."""
        f = self.frame
        info = f.info
        blocks = info.blocks
        try:
            if (exc is None and blocks is not None and info.handlers is None
                    and not self.running and not self.priming and f.state is not COMPLETED
                    and events.ACTIVE is None):
                try:
                    ts = _tls.ts
                except AttributeError:
                    ts = thread_state()
                back = ts.frame
                depth = back.depth + 1 if back is not None else 1
                if depth > RECURSION["limit"]:
                    r = self._run(value, None)
                else:
                    self.running = True
                    f.stack.append(value)
                    # _call_blocks, written out (one host call fewer per value)
                    n = _ENTRIES[0] + 1
                    _ENTRIES[0] = n
                    if n > _ENTRIES[2]:
                        _apply_host_limit()
                    try:
                        f.depth = depth
                        f.back = back
                        ts.frame = f
                        f.state = RUNNING
                        try:
                            r = (blocks[f.ip] or _compile_block(info, f.ip))(f, ts)
                            while r is None:
                                r = (blocks[f.ip] or _compile_block(info, f.ip))(f, ts)
                        except BaseException as e:
                            ts.handover = e
                            r = CAUGHT
                    finally:
                        n = _ENTRIES[0] - 1
                        _ENTRIES[0] = n
                        if n <= _ENTRIES[1]:
                            _apply_host_limit()
                    if r is YIELD and events.ACTIVE is None:
                        f.state = SUSPENDED
                        ts.frame = back
                        self.running = False
                        return f.stack.pop()
                    r = self._run_on(ts, f, None, None, r)
            else:
                r = self._run(value, None) if exc is None else self._throw(exc, None, None, True)
        except BaseException:
            self.done = True
            raise
        if r is DONE:
            self.done = True
            raise _Return()
        return r

    @staticmethod
    def is_return(exc):
        return type(exc) is _Return

    def step(self, value, exc):
        """For async generators: an awaitable that runs the frame to its next wrapped yield."""
        return _AsyncGenStep(self, value, exc)

    # -- CPython's genobject.c --

    def _run(self, value, exc):
        """gen_send_ex2: push `value` (or raise `exc`) into the frame and run it.
        Returns the yielded value, or DONE with the return value in self.retval.
        When the frame has compiled blocks and no tool listens, they are called here
        (_call_blocks), and the value returned when they reach the next yield; anything
        else they do (return, raise, hand over a frame) run_frame takes over
        (`resumed`) as if it had run them (_run_on). gen_next takes the short case of a
        frame without exception handlers itself, and calls this for the rest."""
        f = self.frame
        blocks = f.info.blocks
        if self.running:
            raise ValueError(f"{_NAMES[self.kind]} already executing")
        if self.priming:            # (see `yielded`)
            self.priming = False
            return None
        if f.state is COMPLETED:
            if exc is not None:
                raise exc
            if self.kind == "coroutine":
                raise RuntimeError("cannot reuse already awaited coroutine")
            self.retval = None
            return DONE
        try:
            ts = _tls.ts
        except AttributeError:
            ts = thread_state()
        item = self.exc_item
        item.previous = ts.exc_info
        ts.exc_info = item
        self.running = True
        r = None
        if exc is None:
            f.stack.append(value)
            back = ts.frame
            depth = back.depth + 1 if back is not None else 1
            if blocks is not None and events.ACTIVE is None and depth <= RECURSION["limit"]:
                r = _call_blocks(ts, f, back, depth, blocks)
                if r is YIELD and events.ACTIVE is None:
                    f.state = SUSPENDED
                    ts.frame = back
                    self.running = False
                    ts.exc_info = item.previous
                    item.previous = None
                    return f.stack.pop()
        return self._run_on(ts, f, item, exc, r)

    def _run_on(self, ts, f, item, exc, r):
        """The rest of _run, with the handled-exception slot `item` linked (or None):
        run_frame runs the frame from its instruction, throwing `exc` into it when given,
        or on from what its blocks returned, `r` (None when they did not run). Then
        gen_send_ex2's conversions of the outcome."""
        try:
            if r is None:
                result = run_frame(ts, f, throw=exc)
            elif r is RETURN and f.on_return is None and events.ACTIVE is None:
                f.state = COMPLETED
                ts.frame = f.back
                result = f.stack.pop()
            else:
                if r is HANDOVER:
                    r = ts.handover
                    ts.handover = None
                    r = ts.frame, r
                elif r is not CAUGHT:
                    r = f, r
                result = run_frame(ts, f, resumed=r)
        except StopIteration as e:
            self._release()
            e.__traceback__ = strip_internal(e.__traceback__)   # (the cause shows the guest's)
            raise RuntimeError(f"{_NAMES[self.kind]} raised StopIteration") from e
        except StopAsyncIteration as e:
            self._release()
            if self.kind != "async_generator":
                raise
            e.__traceback__ = strip_internal(e.__traceback__)
            raise RuntimeError("async generator raised StopAsyncIteration") from e
        except BaseException:
            self._release()
            raise
        finally:
            self.running = False
            if item is not None:
                ts.exc_info = item.previous
                item.previous = None
        if f.state is SUSPENDED:
            return result
        self._release()
        self.retval = result
        return DONE

    def _release(self):
        """A finished generator drops its locals at once, as CPython clears its frame."""
        f = self.frame
        f.fast = []
        f.stack = []

    def _yieldfrom(self):
        """The sub-iterator of a `yield from`/`await` the frame is suspended in, or None."""
        f = self.frame
        if f.state is not SUSPENDED:
            return None
        info = f.info
        if f.ip < len(info.ops) and info.ops[f.ip] == _RESUME and info.base[f.ip][1] >= 2:
            return f.stack[-1]
        return None

    def _delegating(self):
        """While throw()/close() work on the sub-iterator, this frame is the current one
        (so the sub-iterator's stack shows it), as in CPython's _gen_throw."""
        ts = thread_state()
        f = self.frame
        prev = ts.frame
        f.back = prev
        ts.frame = f
        self.running = True
        return ts, prev

    def _done_delegating(self, ts, prev):
        self.running = False
        ts.frame = prev
        self.frame.back = None

    def _throw(self, typ, val, tb, close_on_genexit):
        """_gen_throw: returns the next yielded value or DONE."""
        yf = self._yieldfrom()
        if yf is not None:
            f = self.frame
            if close_on_genexit and _exception_matches(typ, GeneratorExit):
                ts, prev = self._delegating()
                try:
                    err = _close_iter(yf)
                finally:
                    self._done_delegating(ts, prev)
                if err is not None:
                    return self._run(None, err)
                return self._run(None, _normalize(typ, val, tb))
            meth = None
            if type(yf) not in _GEN_TYPES and type(yf) is not GeneratorDriver:
                meth = getattr(yf, "throw", None)
                if meth is None:
                    return self._run(None, _normalize(typ, val, tb))
            ts, prev = self._delegating()
            try:
                ret = yf.throw(typ, val, tb) if meth is None else meth(typ, val, tb)
            except BaseException as e:
                # the sub-iterator is done: pop it and leave the SEND loop, as CPython does
                self._done_delegating(ts, prev)
                f.stack.pop()
                f.ip = f.info.base[f.ip - 2][1]
                if isinstance(e, StopIteration):
                    return self._run(e.value, None)
                return self._run(None, e)
            self._done_delegating(ts, prev)
            return ret
        return self._run(None, _normalize(typ, val, tb))

    def close(self):
        """gen_close."""
        f = self.frame
        if f.state is COMPLETED:
            return None
        if f.state is CREATED:
            f.state = COMPLETED
            self._release()
            return None
        err = None
        yf = self._yieldfrom()
        if yf is not None:
            ts, prev = self._delegating()
            try:
                err = _close_iter(yf)
            finally:
                self._done_delegating(ts, prev)
        try:
            r = self._run(None, err if err is not None else GeneratorExit())
        except (StopIteration, GeneratorExit):
            return None
        if r is DONE:
            return None
        raise RuntimeError(f"{_NAMES[self.kind]} ignored GeneratorExit")


class _AsyncGenStep:
    """Awaitable used by the async generator trampoline: passes the frame's awaits through
    to the event loop and completes with the next value the generator yields. When the
    frame finishes it marks the driver done and raises (the guest's exception or _Return)."""
    __slots__ = ("gen", "value", "exc", "started")

    def __init__(self, gen, value, exc):
        self.gen = gen
        self.value = value
        self.exc = exc
        self.started = False

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, value):
        gen = self.gen
        try:
            if not self.started:
                self.started = True
                r = gen._run(self.value, self.exc)
            else:
                r = gen._run(value, None)
        except BaseException:
            gen.done = True
            raise
        return self._result(r)

    def throw(self, typ, val=None, tb=None):
        gen = self.gen
        try:
            r = gen._throw(typ, val, tb, True)
        except BaseException:
            gen.done = True
            raise
        return self._result(r)

    def close(self):
        return self.gen.close()

    def _result(self, r):
        if r is DONE:
            self.gen.done = True
            raise _Return()
        if type(r) is AsyncGenWrapped:
            raise StopIteration(r.value)
        return r


def _call_blocks(ts, f, back, depth, blocks):
    """Run generator frame `f`, resumed by its driver at `depth` under frame `back`,
    through its blocks until one returns something, and return that (CAUGHT when a
    block raised: the exception is in ts.handover, for run_frame). gen_next writes this
    out for its short case (a host call fewer for each value a host consumer takes)."""
    n = _ENTRIES[0] + 1             # (counted as a loop: see run_frame)
    _ENTRIES[0] = n
    if n > _ENTRIES[2]:
        _apply_host_limit()
    try:
        f.depth = depth
        f.back = back
        ts.frame = f
        f.state = RUNNING
        try:
            r = (blocks[f.ip] or _compile_block(f.info, f.ip))(f, ts)
            while r is None:
                r = (blocks[f.ip] or _compile_block(f.info, f.ip))(f, ts)
        except BaseException as e:
            ts.handover = e
            r = CAUGHT
    finally:
        n = _ENTRIES[0] - 1
        _ENTRIES[0] = n
        if n <= _ENTRIES[1]:
            _apply_host_limit()
    return r


def new_driver(frame, kind):
    """A GeneratorDriver of `frame` (of code of `kind`), not running, not done, with its
    own empty handled-exception slot."""
    d = GeneratorDriver()
    d.frame = frame
    d.kind = kind
    d.running = d.done = d.fresh = d.priming = False
    d.retval = d.view = None
    item = d.exc_item = _new_item(ExcItem)
    item.value = item.previous = None
    return d


_new_item = object.__new__      # (ExcItem's __init__ would cost a host frame)


def make_driver(frame):
    return new_driver(frame, frame.info.kind)


# --- resuming in the caller's loop ---------------------------------------------------

class _Key(_ref):
    """The registry's weak reference to a driver, which knows its key."""
    __slots__ = ("key",)


def _forget(r):
    if _BY_FRAME.get(r.key) is r:
        del _BY_FRAME[r.key]


_BY_FRAME = {}     # id(the trampoline's host frame) -> _Key(driver), while the driver lives


def register(driver, tramp_frame):
    """Make `driver` findable from its host object, whose gi_frame/cr_frame is
    `tramp_frame` (the driver lives exactly as long as that frame keeps it in a local)."""
    if driver.kind != "async_generator" and GEN_LAYOUT_OK:
        key = id(tramp_frame)
        r = _Key(driver, _forget)
        r.key = key
        _BY_FRAME[key] = r


def adopt(tramp_frame):
    """For a trampoline starting to run: the driver `start` made for its host object, or
    None."""
    r = _BY_FRAME.get(id(tramp_frame))
    if r is None:
        return None
    d = r()
    if d is None or not d.fresh:
        return None
    d.fresh = False
    return d


def prologue(frame, info):
    """Run a new generator frame up to RETURN_GENERATOR (MAKE_CELL and COPY_FREE_VARS
    only) and leave it CREATED, ready for its first resumption."""
    ops = info.ops
    base = info.base
    i = 0
    while ops[i] != _RETURN_GENERATOR:
        handler, arg = base[i]
        handler(frame, arg)
        i += 1
    frame.ip = i + 1
    frame.state = CREATED


def start(f, func, info, args, kwnames):
    """CALL by frame `f` of guest generator or coroutine function `func`. When the
    instruction after the call takes the object only for SEND (see "Unseen generators"),
    push an unseen one: the driver with its frame, bound by the VM (which raises the
    TypeErrors CPython's binding would). Else push the host object (made by calling
    `func`: the host binds the arguments and raises its own TypeErrors), with its
    driver made at once, its frame bound by the VM and run up to RETURN_GENERATOR here,
    so that SEND can start it in its loop. The trampoline adopts the driver if the host
    starts it."""
    if events.ACTIVE is not None or func.__code__ is not info.tramp:
        # (a code object that is no trampoline would run on the host, by itself)
        return call_for_frame(f, func, args, kwnames)
    if unseen_call(f, f.ip, func, info):
        f.stack.append(unseen_frame(function_frame(func, info, args, kwnames)))
        return None
    if not GEN_LAYOUT_OK or f.info.ops[f.ip] in _HOST_DRIVEN_AFTER:
        # (an object a `for` loop, or the callee it is passed to, will drive: its driver
        # is made by the trampoline when the host starts it, functions.enter_generator)
        return call_for_frame(f, func, args, kwnames)
    if kwnames:
        k = len(kwnames)
        host = func(*args[:-k], **dict(zip(kwnames, args[-k:])))
    else:
        host = func(*args)
    frame = function_frame(func, info, args, kwnames)
    prologue(frame, info)
    d = new_driver(frame, info.kind)
    d.fresh = True
    tf = host.gi_frame if type(host) is _GeneratorType else host.cr_frame
    # the trampoline's frame keeps the driver, as its local does once it runs
    tf.f_locals["_pyceval_driver"] = d
    register(d, tf)
    f.stack.append(host)
    return None


def unseen_call(f, after, func, info):
    """Would a call by frame `f` of guest function `func` (its CodeInfo `info`), whose
    next instruction is at index `after`, make an unseen generator or coroutine? (`start`
    asks, and the specializer: CALL_PY_EXACT_ARGS/WITH_DEFAULTS then push its frame,
    whose RETURN_GENERATOR makes one: `created`.)"""
    return (_UNSEEN_AFTER.get(info.kind) == f.info.ops[after]
            and func.__code__ is info.tramp)


def created(ts, f):
    """RETURN_GENERATOR of frame `f`, pushed by a call (an unseen generator, see
    unseen_call): as CPython 3.11 does, the frame becomes the generator's, CREATED, and
    the caller gets the generator (the driver, unseen). Returns the caller."""
    f.stack.pop()
    f.state = CREATED
    caller = f.back
    f.back = None
    caller.stack.append(new_driver(f, f.info.kind))
    ts.frame = caller
    return caller


def unseen_frame(frame):
    """The unseen generator (the driver) of a new frame of generator code, which this
    runs up to RETURN_GENERATOR (for `start`, `unseen_iter`, and a call in a tier-2
    block, where the loop would push the frame: `created`)."""
    prologue(frame, frame.info)
    return new_driver(frame, frame.info.kind)


def unseen_iter(f, obj):
    """GET_YIELD_FROM_ITER of `obj`, not a generator: when its type's `__iter__` is a
    guest generator function, iter(obj) (CPython's slot_tp_iter, which calls it with
    `obj`) makes a generator only SEND sees: return it unseen. Else None."""
    meth = type_lookup(type(obj), "__iter__")
    if type(meth) is not _FunctionType or events.ACTIVE is not None:
        return None
    info = _INFOS.get(id(meth.__code__))
    if info is None or info.kind != "generator" or meth.__code__ is not info.tramp:
        return None
    return unseen_frame(function_frame(meth, info, [obj], None))


def resume_driver(caller, d, value):
    """For SEND of `caller` on a guest generator whose driver is `d` (an unseen one, or
    a host object's: resume_in_loop): its frame with `value` sent, for the loop to push,
    when the loop can resume it itself (else None). What _run does before run_frame is
    done here; `yielded`, `returned`, `raised` do the rest. (A block's SEND writes the
    case of a suspended frame without exception handlers itself: tier2._send_driver.)"""
    if d.running or events.ACTIVE is not None or caller.depth >= RECURSION["limit"]:
        return None
    f = d.frame
    state = f.state
    if state is not SUSPENDED and (state is not CREATED or value is not None):
        return None
    if f.code.co_exceptiontable:
        # (a frame without exception handlers never changes the handled exception: its
        # own slot, empty, need not be linked for sys.exc_info() or chaining to be right)
        ts = _tls.ts
        item = d.exc_item
        item.previous = ts.exc_info
        ts.exc_info = item
    d.running = True
    f.on_return = d
    f.stack.append(value)
    return f


def resume_in_loop(caller, it, value):
    """For SEND of `caller` on host generator or coroutine `it`: its guest frame to push,
    as resume_driver, when `it` is a guest generator with a driver (`_BY_FRAME`); the
    host object is then marked executing (its gi_frame_state) while the frame runs.
    (The host object is suspended in the driver's trampoline, or has not started when
    `start` made the driver: `fresh`.)"""
    r = _BY_FRAME.get(id(it.gi_frame if type(it) is _GeneratorType else it.cr_frame))
    if r is None:
        return None
    d = r()
    if d is None:
        return None
    f = resume_driver(caller, d, value)
    if f is not None:
        view = d.view
        if view is None:
            view = d.view = gen_state_view(it)
        view.value = FRAME_EXECUTING
    return f


def _leave(ts, f):
    """The end of _run for generator frame `f` leaving the loop (now at its caller)."""
    d = f.on_return
    f.on_return = None
    d.running = False
    _unlink(ts, d)
    return d


def _unlink(ts, d):
    """Unlink the generator's handled-exception slot, when it was linked, and mark its
    host object not executing, when it has one (an unseen generator has none)."""
    item = d.exc_item
    if item.previous is not None:
        ts.exc_info = item.previous
        item.previous = None
    view = d.view
    if view is not None:
        view.value = FRAME_CREATED if d.fresh else FRAME_SUSPENDED


def _finish(d, host):
    """The frame finished: so does the host object (its trampoline sees `done`), unless
    there is none (`host` is the unseen driver itself)."""
    d.done = True
    d._release()
    if host is not d:
        host.close()


def yielded(ts, f, ev):
    """YIELD_VALUE of generator frame `f` resumed in the loop: the caller's SEND pushes
    the value. Returns the caller, to go on with. (A block that ran the frame inline
    writes the case without a host object, linked slot or priming itself:
    tier2._inline_send.)"""
    f.state = SUSPENDED
    stack = f.stack
    if ev is not None:
        ev.yield_(f, stack[-1])
    caller = f.back
    caller.stack.append(stack.pop())
    ts.frame = caller
    d = f.on_return
    f.on_return = None
    d.running = False
    if d.view is not None or d.exc_item.previous is not None:
        _unlink(ts, d)
    if d.fresh:
        # the host object must now look suspended: its trampoline runs up to its first
        # suspension, adopting the driver (functions.enter_generator), which yields None
        # to it at once instead of resuming the frame
        d.priming = True
        caller.stack[-2].send(None)     # (the iterator/receiver, under the value)
    return caller


def returned(ts, f):
    """RETURN_VALUE of generator frame `f` resumed in the loop (already COMPLETED): the
    caller's SEND replaces the receiver with the value and jumps. Returns the caller.
    (A block that ran the frame inline writes the case of an unseen generator without a
    linked slot itself, _release included: tier2._inline_send.)"""
    caller = f.back
    ts.frame = caller
    d = _leave(ts, f)
    stack = caller.stack
    host = stack[-1]
    stack[-1] = f.stack.pop()
    caller.ip = caller.info.base[caller.ip - 1][1]
    _finish(d, host)
    return caller


def raised(ts, f, exc):
    """`exc` leaves generator frame `f`, resumed in the loop (already COMPLETED), for
    its caller (ts.frame now): gen_send_ex2's PEP 479 conversion. Returns the exception
    the caller gets."""
    d = _leave(ts, f)
    _finish(d, ts.frame.stack[-1])
    if isinstance(exc, StopIteration):
        err = RuntimeError(f"{_NAMES[d.kind]} raised StopIteration")
        err.__cause__ = err.__context__ = exc
        return err
    return exc


def abandoned(ts, f):
    """A VMError ends the loop while generator frame `f` ran in it."""
    _leave(ts, f)
