"""The eval loop, thread states, the code cache and the one exception path.

Flow of an instruction: `run_frame` takes `(handler, arg) = frame.instrs[frame.ip]`,
advances `frame.ip` and calls the handler. A handler returns None to go on, a new
`Frame` to push (a Python-to-Python call, run in this same loop without host
recursion, as CPython 3.11 does; or a generator's frame that SEND resumes, see
generators.resume_in_loop), or a signal (RETURN, YIELD, GENERATOR_CREATED).
Every exception a handler raises goes through `_unwind`, which consults the
exception table of each frame it passes, as CPython's `exception_unwind:` does.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import _thread
import _weakref
import builtins as _builtins_module
import sys
import types

from . import cpython_internals as _internals
from . import events
from .codeinfo import CO_ITERABLE_COROUTINE, CodeInfo
from .errors import VMError
from .frame import COMPLETED, CREATED, NULL, RUNNING, SUSPENDED, Frame, new_frame
from . import tracebacks as _tracebacks
from .tracebacks import add_entry, is_internal_code, strip_internal
from .version import HANDLER_MODULE, OPMAP, TABLES

FunctionType = types.FunctionType
_HOST_BUILTINS = _builtins_module.__dict__


class _Signal:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


RETURN = _Signal("RETURN")                 # handler left the return value on the stack
YIELD = _Signal("YIELD")                   # handler left the yielded value on the stack
GENERATOR_CREATED = _Signal("GENERATOR_CREATED")  # RETURN_GENERATOR reached: suspend at creation
RESCAN = _Signal("RESCAN")                 # tools were attached or detached: re-read events.ACTIVE
# a tier-2 block ran a call inline and hands the loop the callee (ts.frame, deeper than
# the frame the loop ran) and what its block returned (ts.handover): see tier2.py, "Calls
# inline"
HANDOVER = _Signal("HANDOVER")
# blocks run outside the loop raised (a call a tier-2 block ran inline, see tier2.py,
# "Calls inline"; a generator's driver): the exception is in ts.handover, for
# run_frame(resumed=CAUGHT) to unwind from the innermost frame
CAUGHT = _Signal("CAUGHT")


# --- thread state ---------------------------------------------------------------------

class ExcItem:
    """One level of the handled-exception stack (CPython's _PyErr_StackItem)."""
    __slots__ = ("value", "previous")

    def __init__(self, value=None, previous=None):
        self.value = value
        self.previous = previous


class ThreadState:
    """Per host thread: the current VM frame, call depth, handled-exception stack, and the
    program's own sys.settrace/sys.setprofile functions (see systrace.py)."""
    __slots__ = ("frame", "exc_info", "trace_fn", "profile_fn", "hook_busy", "handover")

    def __init__(self):
        self.frame = None
        self.handover = None    # with HANDOVER: what the innermost inline call returned
        self.exc_info = ExcItem()
        self.trace_fn = None
        self.profile_fn = None
        self.hook_busy = False

    @property
    def depth(self):
        """How many VM frames this thread is running (derived: robust to interruptions)."""
        return self.frame.depth if self.frame is not None else 0

    def handled_exception(self):
        """The exception being handled, as sys.exception() sees it (or None)."""
        item = self.exc_info
        while item is not None:
            if item.value is not None:
                return item.value
            item = item.previous
        return None


_tls = _thread._local()


def thread_state():
    try:
        return _tls.ts
    except AttributeError:
        ts = _tls.ts = ThreadState()
        return ts


# Recursion limit for VM frames: the guest's view of sys.getrecursionlimit().
# The host limit is kept higher so that host frames of the VM itself never hit it first.
# The host's own limit also bounds recursion inside C code (repr of nested lists, json),
# which must fail near the program's limit as in CPython. So the host limit is the
# program's plus a margin for pyceval's own frames, plus room for each VM loop the host
# has entered (a call from C into the VM costs a few host frames).
# "inline": tier-2 blocks run a call inline (a host call of the callee's block) only
# below this guest depth, so that they add at most this many host frames (tier2.py).
# The host limit gets no room for them: it must stay near the program's limit for C
# recursion (test_list's test_repr_deep), and it need not: guest frames run by the loop
# take no host frames, so at most min(100, limit) inline ones plus pyceval's own stay
# under the program's limit plus the margin and one entry's room (30 + 64)
_INLINE_DEPTH = 100
RECURSION = {"limit": sys.getrecursionlimit(),
             "inline": min(_INLINE_DEPTH, sys.getrecursionlimit())}
_HOST_MARGIN = 30            # host frames below the VM and around one instruction
_HOST_FRAMES_PER_ENTRY = 8   # host frames one entry into the VM from C may take
_ENTRIES = [0, 0, -1]        # VM loops currently running (all threads), then the range
                             # (lo, hi] of that count the host limit applied is right for
_STEP = 8                    # the host limit moves in steps of this many entries


def _apply_host_limit():
    """Set the host limit for the current count of VM loops (run_frame calls this when
    the count leaves the range the applied limit covers)."""
    step = (_ENTRIES[0] + _STEP - 1) // _STEP
    try:
        sys.setrecursionlimit(RECURSION["limit"] + _HOST_MARGIN
                              + step * _STEP * _HOST_FRAMES_PER_ENTRY)
        _ENTRIES[1] = (step - 1) * _STEP
        _ENTRIES[2] = step * _STEP
    except RecursionError:   # deeper than the new limit right now: keep the larger one
        pass


def set_recursion_limit(limit):
    RECURSION["limit"] = limit
    RECURSION["inline"] = min(_INLINE_DEPTH, limit)
    _apply_host_limit()


# --- the code cache -------------------------------------------------------------------

_INFOS = {}        # id(code) -> CodeInfo, for guest codes and their trampolines
_NATIVE = {}       # id(code) -> code, for pyceval's own code (always runs on the host)


class Dispatch:
    """The instruction set of one CPython version, built once from its handler module:
    `handlers[opcode]` (one per opcode, named after it; a VMError-raising default for
    unknown opcodes), `argdecoders` (opcode -> decode oparg at decode time), and
    `is_reraise(op, arg)` for the error path."""

    def __init__(self, module):
        self.module = module
        self.handlers = [module.make_unknown(op) for op in range(256)]
        self.names = {}
        for op, name in TABLES.OPNAMES.items():
            handler = getattr(module, name, None)
            if handler is not None and op < 256:
                self.handlers[op] = handler
                self.names[op] = name
        self.argdecoders = {OPMAP[name]: fn for name, fn in module.ARG_DECODERS.items()}
        self.variants = {OPMAP[name]: fn for name, fn in
                         getattr(module, "HANDLER_VARIANTS", {}).items()}
        self.is_reraise = module.is_reraise
        _tier2.prepare(vars(module))     # now: ast and inspect must run on the host


DISPATCH = None


def dispatch():
    global DISPATCH
    if DISPATCH is None:
        import importlib
        DISPATCH = Dispatch(importlib.import_module(HANDLER_MODULE))
    return DISPATCH


def code_info(code):
    """The CodeInfo of a guest code object (decoding it on first use)."""
    info = _INFOS.get(id(code))
    if info is None:
        if type(code) is not types.CodeType:
            raise VMError(f"not a code object: {type(code).__name__}")
        consts = code.co_consts
        if consts and consts[0] is _tracebacks.TRAMPOLINE_MARK:
            # a trampoline, or a .replace() copy of one: it carries its CodeInfo
            info = next(c for c in consts if type(c) is CodeInfo)
            extra = code.co_flags & CO_ITERABLE_COROUTINE & ~info.code.co_flags
            if extra:   # types.coroutine() flagged the function's code: so is the guest's
                info = CodeInfo(info.code.replace(co_flags=info.code.co_flags | extra),
                                DISPATCH or dispatch())
                info.tramp = code
        else:
            info = CodeInfo(code, DISPATCH or dispatch())
        _INFOS[id(code)] = info
    return info


def function_info(func):
    """CodeInfo for a function's code, or None when the function must run on the host."""
    code = func.__code__
    info = _INFOS.get(id(code))
    if info is not None:
        return info
    if id(code) in _NATIVE:
        return None
    if is_internal_code(code) and not (code.co_consts and code.co_consts[0] is _tracebacks.TRAMPOLINE_MARK):
        _NATIVE[id(code)] = code
        return None
    return code_info(code)


def _innermost(ts, f):
    """The frame an exception leaves first: `f`, or the callee of a call a tier-2 block
    ran inline (ts.frame, which has `f` as an ancestor) when it came from there."""
    t = ts.frame
    if t is f or t is None:
        return f
    x = t.back
    while x is not None and x is not f:
        x = x.back
    return t if x is f else f


def builtins_from_globals(globals):
    """The builtins dict a frame with these globals uses (CPython's _PyEval_BuiltinsFromGlobals)."""
    b = globals.get("__builtins__")
    if b is None:
        return _HOST_BUILTINS
    if type(b) is types.ModuleType:
        return b.__dict__
    return b


# --- the eval loop --------------------------------------------------------------------

def run_frame(ts, f, throw=None, resumed=None):
    """Execute entry frame `f`, and every frame it calls, until it returns or yields.

    Returns the returned or yielded value; `f.state` tells which (COMPLETED or SUSPENDED;
    CREATED when a generator frame reached RETURN_GENERATOR). With `throw`, the exception
    is raised in `f` at its current instruction first (generator.throw).
    With `resumed`, `f` is already running, resumed by its driver (generators
    GeneratorDriver._run), whose calls of its blocks did something other than reach a
    yield: `resumed` is either (the innermost frame, what its block returned) or
    CAUGHT, a block raised the exception in ts.handover (so too for a tier-2 block whose
    inline call raised: it runs the callee on here). The loop goes on from there.
    """
    # the count of VM loops running sets the host's recursion limit (_apply_host_limit)
    n = _ENTRIES[0] + 1
    _ENTRIES[0] = n
    if n > _ENTRIES[2]:
        _apply_host_limit()
    try:
        entry = f
        pending = None
        if resumed is None:
            back = ts.frame
            depth = back.depth + 1 if back is not None else 1
            if depth > RECURSION["limit"]:
                raise RecursionError("maximum recursion depth exceeded")
            f.depth = depth
            f.back = back
            ts.frame = f
            first = f.state is CREATED
            f.state = RUNNING
            ev = events.ACTIVE
            if ev is not None:
                if not first:
                    ev.resume(f)
                elif f.ip or f.info.kind == "function":   # not the run that creates a generator
                    ev.call(f)
            if throw is not None:
                f, exc = _unwind_robust(ts, f, entry, throw, True)
                if f is None:
                    raise exc
        else:
            ev = events.ACTIVE
            if type(resumed) is tuple:
                f, pending = resumed
            else:
                # CAUGHT: the exception is taken from ts here, so that no caller's frame
                # keeps it alive
                exc = ts.handover
                ts.handover = resumed = None
                f, exc = _unwind_robust(ts, _innermost(ts, f), entry, exc, False)
                if f is None:
                    raise exc
                exc = None      # (handled: the frame's stack holds it, as in CPython)
        while True:
            try:
                blocks = f.info.blocks
                if pending is not None:
                    # (what the blocks the driver ran returned: dealt with below)
                    r = pending
                    pending = None
                elif ev is None and blocks is not None:
                    # tier 2: hot code runs as compiled blocks of inlined handlers (tier2.py)
                    while True:
                        r = (blocks[f.ip] or _compile_block(f.info, f.ip))(f, ts)
                        if r is not None:
                            if r is not HANDOVER:
                                break
                            # calls run inline by blocks: go on with the innermost
                            f = ts.frame
                            r = ts.handover
                            ts.handover = None
                            blocks = f.info.blocks
                            if r is not None:
                                break
                else:
                    # the specialized form, unless a tool needs every base instruction
                    # (tracing), as CPython 3.11 deoptimizes while tracing (DO_TRACING)
                    instrs = f.instrs if ev is None or not ev.deopt else f.info.base
                    while True:
                        ip = f.ip
                        f.ip = ip + 1
                        if ev is not None:
                            ev.instruction(f, ip)
                        handler, arg = instrs[ip]
                        r = handler(f, arg)
                        if r is not None:
                            break
                # (no local keeps the returned value: it must not outlive its last real use)
                if r is RETURN:
                    ev = events.ACTIVE
                    f.state = COMPLETED
                    if ev is not None:
                        ev.return_(f, f.stack[-1])
                    if f is entry:
                        ts.frame = f.back
                        return f.stack.pop()
                    caller = f.back
                    instance = f.on_return
                    if instance is None:
                        caller.stack.append(f.stack.pop())
                        ts.frame = f = caller
                        continue
                    if type(instance) is _GeneratorDriver:
                        # a generator resumed by the caller's SEND
                        instance = None
                        f = _generators.returned(ts, f)
                        continue
                    # __init__ of a class call (class_frame): the caller gets the instance
                    f.on_return = None
                    result = f.stack.pop()
                    ts.frame = f = caller
                    if result is not None:
                        instance = None
                        raise _init_result_error(result)
                    caller.stack.append(instance)
                    instance = None
                    continue
                if type(r) is Frame:                 # a call: push and go on in this loop
                    depth = f.depth + 1
                    if depth > RECURSION["limit"]:
                        raise RecursionError("maximum recursion depth exceeded")
                    r.depth = depth
                    r.back = f
                    r.state = RUNNING
                    ts.frame = f = r
                    r = None        # the frame must not outlive its run (its stack, locals)
                    ev = events.ACTIVE
                    if ev is not None:
                        ev.call(f)
                    continue
                ev = events.ACTIVE
                if r is RESCAN:
                    continue
                if f is not entry:
                    if r is GENERATOR_CREATED:      # an unseen generator's frame, pushed by a call
                        f = _generators.created(ts, f)
                        continue
                    # YIELD of a generator resumed by SEND here
                    f = _generators.yielded(ts, f, ev)
                    continue
                # YIELD or GENERATOR_CREATED of an entry frame: leave the loop
                f.state = SUSPENDED if r is YIELD else CREATED
                if ev is not None and r is YIELD:
                    ev.yield_(f, f.stack[-1])
                ts.frame = f.back
                return f.stack.pop()
            except BaseException as exc:
                f, exc = _unwind_robust(ts, _innermost(ts, f), entry, exc, False)
                if f is None:
                    raise exc
    finally:
        n = _ENTRIES[0] - 1
        _ENTRIES[0] = n
        if n <= _ENTRIES[1]:
            _apply_host_limit()


_DEBUG = bool(__import__("os").environ.get("PYCEVAL_DEBUG_EXCEPTIONS"))


def _unwind_robust(ts, f, entry, exc, thrown):
    """_unwind, made safe against exceptions raised *during* unwinding (a KeyboardInterrupt
    from a signal handler can arrive between any two host bytecodes): such an exception
    is unwound in turn from the innermost frame still running in this loop.
    Returns (frame to continue with, None) or (None, exception leaving the loop)."""
    retries = 0
    while True:
        try:
            return _unwind(ts, f, entry, exc, thrown)
        except BaseException as late:
            retries += 1
            # (unwinding itself keeps failing, e.g. at the host's recursion limit: give up)
            if late is exc or isinstance(late, VMError) or retries > 4:
                _abandon(ts, f, entry)
                return None, late
            cur = ts.frame
            probe = cur
            while probe is not None and probe is not entry:
                probe = probe.back
            if probe is None:           # the loop has already been left
                return None, late
            f, exc, thrown = cur, late, False


def _unwind(ts, f, entry, exc, thrown):
    """The one error path: find a handler for `exc` in `f` or the frames below it.

    Returns the frame to continue with (its ip set to the handler), or None when `exc`
    leaves `entry` unhandled (ts.frame is then restored to the entry's caller), and the
    exception (a generator resumed in the loop turns StopIteration into RuntimeError).
    """
    if isinstance(exc, VMError):
        _abandon(ts, f, entry)
        return None, exc
    if _DEBUG:
        import traceback
        traceback.print_exception(exc, file=sys.__stderr__)
    index = f.ip - 1
    op = f.info.ops[index] if index >= 0 else None
    tb = strip_internal(exc.__traceback__)
    reraise = False
    if thrown:
        # an exception thrown into a generator chains with the generator's own handled
        # exception (CPython's _PyErr_ChainStackItem in gen_send_ex2)
        if ts.exc_info.value is not None:
            chain_context(ts, exc)
        tb = add_entry(exc, tb, f, index)
    elif not DISPATCH.is_reraise(op, f.info.opargs[index]):
        if exc.__context__ is None and (tb is None or id(tb.tb_frame.f_code) not in _tracebacks.STUB_CODES):
            chain_context(ts, exc)
        tb = add_entry(exc, tb, f, index)
    else:
        reraise = True
    exc.__traceback__ = tb
    ev = events.ACTIVE
    while True:
        if ev is not None and not reraise:
            ev.exception(f, exc)
        reraise = False
        handler = f.info.handler(index)
        if handler is not None:
            target, depth, push_lasti = handler
            stack = f.stack
            del stack[depth:]
            if push_lasti:
                lasti = f.reraise_lasti
                stack.append(f.info.offsets[index] // 2 if lasti is None else lasti)
            f.reraise_lasti = None
            stack.append(exc)
            f.ip = target
            return f, exc
        # no handler here: the frame ends with the exception, its value stack emptied
        # (CPython pops it on the way out: temporaries die before a caller's handler runs)
        f.reraise_lasti = None
        f.state = COMPLETED
        del f.stack[:]
        if ev is not None:
            ev.return_(f, None)
        if f is entry:
            ts.frame = f.back
            return None, exc
        gen = f
        f = f.back
        ts.frame = f
        if type(gen.on_return) is _GeneratorDriver:  # resumed by the caller's SEND
            exc = _generators.raised(ts, gen, exc)
        gen = None
        index = f.ip - 1
        exc.__traceback__ = add_entry(exc, exc.__traceback__, f, index)


def _abandon(ts, f, entry):
    """Pop every frame down to and including `entry` (a VMError ends the run)."""
    while f is not None:
        f.state = COMPLETED
        if type(f.on_return) is _GeneratorDriver:
            _generators.abandoned(ts, f)
        if f is entry:
            ts.frame = f.back
            return
        f = f.back


def chain_context(ts, exc):
    """Implicit exception chaining: set __context__ as CPython's _PyErr_SetObject does."""
    handled = ts.handled_exception()
    if handled is None or handled is exc:
        return
    o = handled
    seen = 0
    while True:
        ctx = o.__context__
        if ctx is None:
            break
        if ctx is exc:
            o.__context__ = None
            break
        o = ctx
        seen += 1
        if seen > 10000:   # a pre-existing cycle: leave it alone, as CPython does
            break
    exc.__context__ = handled


# --- calls ----------------------------------------------------------------------------

def function_frame(func, info, args, kwnames):
    """A new frame for calling guest function `func` with `args` (a fresh list, which
    becomes the frame's fast locals). The last len(kwnames) entries of `args` are keyword
    arguments."""
    if info.simple_args:
        if kwnames is None:
            n = len(args)
            argc = info.argcount
            if n != argc:
                defaults = func.__defaults__
                if defaults is None or not argc - len(defaults) <= n < argc:
                    return _bound_frame(func, info, args, kwnames)
                args += defaults[n - argc:]
        else:
            fast = _bind_keywords(func, info, args, kwnames)
            if fast is None:
                return _bound_frame(func, info, args, kwnames)
            args = fast
        args += info.pad
        return new_frame(info, func.__globals__, func.__builtins__, None, args, func.__closure__)
    return _bound_frame(func, info, args, kwnames)


def _bind_keywords(func, info, args, kwnames):
    """The parameters of a call with keyword arguments of a simple_args function, bound
    as CPython binds them, or None when the call is anything but plain (an error to
    raise, a positional-only parameter named), which the binder then handles. (The
    names are distinct: the compiler and CALL_FUNCTION_EX's dict see to that.)"""
    npos = len(args) - len(kwnames)
    argc = info.argcount
    if npos > argc:
        return None
    defaults = func.__defaults__
    first = argc - len(defaults) if defaults is not None else argc
    fast = args[:npos]
    if npos < first:
        fast += (NULL,) * (first - npos)
    if defaults is not None:
        fast += defaults[len(fast) - first:]
    index = info.argindex or info.argument_index()
    j = npos
    for name in kwnames:
        i = index.get(name)
        if i is None or i < npos:
            return None
        fast[i] = args[j]
        j += 1
    for i in range(npos, first):
        if fast[i] is NULL:
            return None
    return fast


def _bound_frame(func, info, args, kwnames):
    """function_frame for the calls CPython must bind (keywords, defaults, *args, **kwargs,
    or the wrong number of arguments, raising CPython's TypeError)."""
    fast = _functions.bind_slow(func, info, args, kwnames)
    fast += info.pad
    return new_frame(info, func.__globals__, func.__builtins__, None, fast, func.__closure__)


_object_new = object.__new__


def class_frame(cls, args, kwnames):
    """`cls(*args)` for a class of metaclass `type` with object's __new__ and a guest
    __init__: the instance is made as type_call makes it, and __init__ gets a frame run
    in this loop (instead of a host call into a nested loop). None when `cls` is not
    such a class. The frame's `on_return` makes RETURN hand the caller the instance.
    What the class's attributes decide is kept per class while its type version (which
    any change of the class or a base changes) stays the same (`_CLASS_CALLS`)."""
    known = _CLASS_CALLS.get(id(cls))
    if (known is not None and known[0]() is cls and known[1].value == known[2]
            and known[3].__code__ is known[4]):
        init, info = known[3], known[5]
    else:
        if not _NEW_LAYOUT_OK or not _internals.plain_new(cls):
            # (its tp_new slot, what type_call calls, is not object's: a __new__, or
            # `__new__ = object.__new__` in a class, which CPython calls through
            # slot_tp_new with the arguments, and object.__new__ refuses them)
            return None
        init = cls.__init__
        if type(init) is not FunctionType:
            return None
        info = _INFOS.get(id(init.__code__)) or function_info(init)
        if info is None or info.kind != "function":
            return None
        _know_class(cls, init, info)
    instance = _object_new(cls)
    args.insert(0, instance)
    if kwnames is None and info.simple_args and len(args) == info.argcount:
        args += info.pad            # (function_frame's fast path, without its call)
        frame = new_frame(info, init.__globals__, init.__builtins__, None, args,
                          init.__closure__)
    else:
        frame = function_frame(init, info, args, kwnames)
    frame.on_return = instance
    return frame


_NEW_LAYOUT_OK = _internals.NEW_LAYOUT_OK
_CLASS_CALLS = {}   # id(cls) -> (weak ref to cls, view of its type version, the version,
                    # its __init__, the __init__'s code, its CodeInfo): see class_frame


def _know_class(cls, init, info):
    version_view = _internals.type_version_view(cls)
    version = version_view.value
    if version:                     # (0: no valid version, nothing can be kept)
        key = id(cls)
        _CLASS_CALLS[key] = (_weakref.ref(cls, lambda r: _forget_class(key, r)),
                             version_view, version, init, init.__code__, info)


def _forget_class(key, r):
    known = _CLASS_CALLS.get(key)
    if known is not None and known[0] is r:
        del _CLASS_CALLS[key]


def _init_result_error(result):
    return TypeError(f"__init__() should return None, not '{type(result).__name__}'")


def call_for_frame(f, func, args, kwnames):
    """Call a non-inlined callable on behalf of VM frame `f` and push the result.
    Returns None, or RESCAN when the call attached or detached an event listener."""
    special = _frameaware.SPECIAL.get(id(func))
    ev = events.ACTIVE
    if ev is not None and ev.c_call_cbs:
        f.stack.append(_c_traced(ev, f, func, special, args, kwnames))
    elif special is not None and special[0] is func:
        f.stack.append(special[1](f, args, kwnames))
    elif kwnames:
        k = len(kwnames)
        f.stack.append(func(*args[:-k], **dict(zip(kwnames, args[-k:]))))
        return None
    else:
        f.stack.append(func(*args))
        return None
    if special is not None and special[0] is func and special[1] in _frameaware.RESCANNING:
        return RESCAN
    return None


_BUILTIN_TYPES = (types.BuiltinFunctionType,)


def _c_traced(ev, f, func, special, args, kwnames):
    """A host call reported as c_call/c_return/c_exception, as CPython's C_TRACE does for
    builtin functions (and method descriptors, bound to their first argument)."""
    shown = None
    if type(func) in _BUILTIN_TYPES:
        shown = func
    elif type(func) is types.MethodDescriptorType and args:
        shown = func.__get__(args[0], type(args[0]))
    if shown is not None:
        ev.c_call(f, shown)
    try:
        if special is not None and special[0] is func:
            result = special[1](f, args, kwnames)
        elif kwnames:
            k = len(kwnames)
            result = func(*args[:-k], **dict(zip(kwnames, args[-k:])))
        else:
            result = func(*args)
    except BaseException:
        if shown is not None:
            ev.c_exception(f, shown)
        raise
    if shown is not None:
        ev.c_return(f, shown)
    return result


def run_code(code, globals, locals=None, closure=None):
    """Execute a module-level (or exec'd) code object in the VM and return its result."""
    if "__builtins__" not in globals:      # as exec() and PyEval_EvalCode do
        globals["__builtins__"] = _HOST_BUILTINS
    nfree = len(code.co_freevars)
    if (len(closure) if closure is not None else 0) != nfree:
        raise TypeError(f"code object requires a closure of exactly length {nfree}")
    info = code_info(code)
    fast = [NULL] * info.nlocalsplus
    f = new_frame(info, globals, builtins_from_globals(globals),
                  globals if locals is None else locals, fast, closure)
    return run_frame(thread_state(), f)


from . import frameaware as _frameaware  # noqa: E402
from . import tier2 as _tier2  # noqa: E402
from .tier2 import compile_block as _compile_block  # noqa: E402
from . import functions as _functions  # noqa: E402
from . import generators as _generators  # noqa: E402
from .generators import GeneratorDriver as _GeneratorDriver  # noqa: E402
