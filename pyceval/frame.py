"""VM frames: CPython's _PyInterpreterFrame and, through properties, the f_* view of
PyFrameObject that `sys._getframe()`, `inspect` and `traceback` read.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import types

from .codeinfo import CO_OPTIMIZED


# The NULL of CPython's value stack and fast locals: an empty slot. A plain object(),
# which the garbage collector does not track, so gc.get_objects() never hands it to the
# program (an instance of a class of ours would be tracked, and a program that stored it
# in a variable would see that variable as unbound).
NULL = object()

# frame states, as in CPython's gi_frame_state
CREATED, RUNNING, SUSPENDED, COMPLETED = "created", "running", "suspended", "completed"


class Frame:
    """One activation of a code object in the VM.

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
      is_entry  [loop]      True when a host call entered the loop with this frame: returning from
                            it leaves the loop (generators, callbacks from C, class bodies)
      exc_item  [generator] the generator's own handled-exception slot, or None
      reraise_lasti [RERAISE] code-unit offset RERAISE restored as f_lasti, or None: the next
                            handler that pushes lasti pushes this (CPython's prev_instr)
      locals_dict [locals()] the dict returned by locals() for optimized frames
      init_self [CALL]      for the __init__ frame of a class call run in the loop: the new
                            instance, which the caller receives instead of __init__'s None
                            (CPython's type_call); else None
      f_trace, f_trace_lines, f_trace_opcodes [systrace] the frame's trace function and
                            what it wants, as in CPython
      trace_prev [systrace] index of the previous instruction traced in this frame
    """

    __slots__ = ("code", "info", "instrs", "globals", "builtins", "locals", "fast", "stack",
                 "ip", "back", "depth", "closure", "kwnames", "state", "is_entry", "exc_item", "reraise_lasti",
                 "locals_dict", "init_self", "f_trace", "f_trace_lines", "f_trace_opcodes", "trace_prev",
                 "__weakref__")

    def __init__(self, info, globals, builtins, locals, fast, closure):
        self.code = info.code
        self.info = info
        self.instrs = info.instrs or info.decode()
        self.globals = globals
        self.builtins = builtins
        self.locals = locals
        self.fast = fast
        self.stack = []
        self.ip = 0
        self.back = None
        self.depth = 0
        self.closure = closure
        self.kwnames = None
        self.state = CREATED
        self.is_entry = False
        self.exc_item = None
        self.reraise_lasti = None
        self.locals_dict = None
        self.init_self = None
        self.f_trace = None
        self.f_trace_lines = True
        self.f_trace_opcodes = False
        self.trace_prev = -1

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


# type(frame).__name__ is "frame", as for CPython's frames
Frame.__name__ = Frame.__qualname__ = "frame"
Frame.__module__ = "builtins"
