"""VM frames: CPython's _PyInterpreterFrame and, through properties, the f_* view of
PyFrameObject that `sys._getframe()`, `inspect` and `traceback` read.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import types

from .codeinfo import CO_OPTIMIZED, NULL  # noqa: F401  (NULL: pyceval's empty slot, defined there)

# frame states, as in CPython's gi_frame_state
CREATED, RUNNING, SUSPENDED, COMPLETED = "created", "running", "suspended", "completed"


class FrameDebug:
    """The rarely used fields of one Frame (PyPy's FrameDebugData): made on the first
    store of a value other than the default, so that creating a frame stores only the
    hot fields. Read and written through the Frame properties of the same names."""
    __slots__ = ("f_trace", "f_trace_lines", "f_trace_opcodes", "trace_prev", "locals_dict",
                 "reraise_lasti")

    def __init__(self):
        for name, default in _DEBUG_DEFAULTS.items():
            setattr(self, name, default)


_DEBUG_DEFAULTS = {"f_trace": None, "f_trace_lines": True, "f_trace_opcodes": False,
                   "trace_prev": -1, "locals_dict": None,
                   "reraise_lasti": None}


def _debug_field(name, default):
    """A Frame property for FrameDebug field `name`: the default while the frame has no
    FrameDebug; storing the default does not make one. Deleting restores the default
    (`del frame.f_trace`, as bdb does), except for CPython's bool members."""
    def get(self):
        debug = self.debug
        return default if debug is None else getattr(debug, name)

    def set(self, value):
        debug = self.debug
        if debug is None:
            if value is default:
                return
            debug = self.debug = FrameDebug()
        setattr(debug, name, value)

    def delete(self):
        if type(default) is bool:
            raise TypeError("can't delete numeric/char attribute")
        set(self, default)
    return property(get, set, delete)


class Frame:
    """One activation of a code object in the VM. Made by `new_frame`.

    Fields (owner in brackets):
      code      [CodeInfo]  the guest code object being executed
      info      [CodeInfo]  its decoded form
      instrs    [CodeInfo]  info.instrs, held here for the loop
      globals   [caller]    the function's globals dict
      builtins  [caller]    builtins dict, derived from globals as CPython does
      locals    [caller]    mapping for LOAD_NAME/STORE_NAME (module, class body, exec); None for functions
      fast      [frame]     localsplus: arguments and locals, then cells, then free variables; NULL = unbound
      stack     [frame]     the value stack, a list whose end is the top
      ip        [loop]      index in `instrs` of the next instruction; ip - 1 is the current one
      back      [loop]      the VM frame that called (or resumed) this one; None at the bottom
      depth     [loop]      number of VM frames up to and including this one (recursion limit)
      closure   [caller]    tuple of cells for COPY_FREE_VARS, or None
      kwnames   [KW_NAMES]  keyword names for the next CALL (3.11)
      state     [loop]      CREATED, RUNNING, SUSPENDED or COMPLETED
      on_return [CALL, generators] what RETURN does besides handing the caller the value,
                            or None: for the __init__ frame of a class call run in the loop,
                            the new instance, which the caller receives instead of
                            __init__'s None (CPython's type_call); for a generator/coroutine
                            frame that FOR_ITER or SEND of its caller (`back`, in the same
                            loop) resumed (generators.resume_in_loop), its GeneratorDriver:
                            the caller gets what it yields, returns or raises as the
                            instruction does with a host generator (None again once it
                            has left the loop)
      debug     [frame]     the FrameDebug holding the rare fields below, or None while they
                            all have their defaults

    Rare fields, kept in `debug` (properties; the default in brackets):
      reraise_lasti [RERAISE] code-unit offset RERAISE restored as f_lasti, or None: the next
                            handler that pushes lasti pushes this (CPython's prev_instr) (None)
      locals_dict [locals()] the dict returned by locals() for optimized frames (None)
      f_trace, f_trace_lines, f_trace_opcodes [systrace] the frame's trace function and
                            what it wants, as in CPython (None, True, False)
      trace_prev [systrace] index of the previous instruction traced in this frame (-1)
    """

    __slots__ = ("code", "info", "instrs", "globals", "builtins", "locals", "fast", "stack",
                 "ip", "back", "depth", "closure", "kwnames", "state", "on_return",
                 "debug", "__weakref__")

    # --- the PyFrameObject view -------------------------------------------------------
    # isinstance(frame, types.FrameType) is true, so inspect and traceback accept it
    __class__ = property(lambda self: types.FrameType)

    @property
    def f_code(self):
        # the code object Python code sees: func.__code__ (the trampoline) for functions
        return self.info.tramp or self.code

    @property
    def f_globals(self):
        return self.globals

    @property
    def f_builtins(self):
        return self.builtins

    @property
    def f_back(self):
        return self.back

    @property
    def f_lasti(self):
        return self.info.offsets[self.ip - 1] if self.ip > 0 else -1

    @property
    def f_lineno(self):
        return self.info.line_at(self.ip - 1) if self.ip > 0 else self.code.co_firstlineno

    @property
    def f_locals(self):
        return self.locals_snapshot()

    def clear(self):
        if self.state == RUNNING:
            raise RuntimeError("cannot clear an executing frame")
        self.fast = [NULL] * len(self.fast)
        del self.stack[:]

    def locals_snapshot(self):
        """locals() for this frame, as CPython's PyFrame_FastToLocals computes it."""
        code = self.code
        if not code.co_flags & CO_OPTIMIZED and self.locals is not None:
            d = self.locals
        else:
            d = self.locals_dict
            if d is None:
                d = self.locals_dict = {}
        names = self.info.localsplus_names
        kinds = self.info.localsplus_cells
        fast = self.fast
        optimized = code.co_flags & CO_OPTIMIZED
        nvars = len(code.co_varnames)
        for i, name in enumerate(names):
            if i >= len(fast):
                break
            value = fast[i]
            if kinds[i]:
                if not optimized and i >= nvars + self.info.ncellonly:
                    continue  # free variables of class bodies are not locals
                if type(value) is types.CellType:
                    try:
                        value = value.cell_contents
                    except ValueError:
                        value = NULL
            if value is NULL:
                d.pop(name, None)
            else:
                d[name] = value
        return d

    def __repr__(self):
        return (f"<frame at 0x{id(self):x}, file {self.code.co_filename!r}, "
                f"line {self.f_lineno}, code {self.code.co_name}>")


def new_frame(info, globals, builtins, locals, fast, closure):
    """A new Frame, CREATED, for running `info` with these globals, builtins, locals
    mapping (None for functions), fast locals (a list of info.nlocalsplus slots, which
    the frame owns) and closure. (Frame has no __init__: the stores are made here, in a
    function, which is cheaper than the host's type call of a class with an __init__, and
    Frame() without one is cheaper than object.__new__(Frame).)"""
    f = Frame()
    f.code = info.code
    f.info = info
    f.instrs = info.instrs or info.decode()
    f.globals = globals
    f.builtins = builtins
    f.locals = locals
    f.fast = fast
    f.stack = []
    f.ip = 0
    f.back = None
    f.depth = 0
    f.closure = closure
    f.kwnames = None
    f.state = CREATED
    f.on_return = None
    f.debug = None
    return f


for _name, _default in _DEBUG_DEFAULTS.items():
    setattr(Frame, _name, _debug_field(_name, _default))
del _name, _default

# type(frame).__name__ is "frame", as for CPython's frames
Frame.__name__ = Frame.__qualname__ = "frame"
Frame.__module__ = "builtins"
