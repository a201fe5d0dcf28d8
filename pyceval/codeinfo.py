"""Decoded code objects: what the eval loop executes.

A `CodeInfo` is made once per code object and owns everything derived from it:
the instruction list (one entry per real instruction, CACHE entries and EXTENDED_ARG
prefixes folded away, jump targets turned into instruction indices), the exception
table resolved per instruction, line numbers per instruction, and the lazily built
host-side companions (trampoline, argument binder, traceback stub).

`instrs` is a plain mutable list of `(handler, arg)` pairs so that a later stage
(quickening, PEP 659 specialization) can rewrite instructions in place, as CPython
rewrites its `_co_code_adaptive`.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import os as _os
from array import array as _array

from .errors import VMError
from .version import TABLES

# The NULL of CPython's value stack and fast locals: an empty slot. A plain object(),
# which the garbage collector does not track, so gc.get_objects() never hands it to the
# program (an instance of a class of ours would be tracked, and a program that stored it
# in a variable would see that variable as unbound).
NULL = object()

WARMUP_START = -8                 # CPython 3.11's QUICKENING_INITIAL_WARMUP_VALUE
# PEP 659 on or off (pyceval run --no-specialize, or PYCEVAL_SPECIALIZE=0)
SPECIALIZE = {"enabled": _os.environ.get("PYCEVAL_SPECIALIZE", "1") != "0"}

CO_OPTIMIZED = 0x1
CO_NEWLOCALS = 0x2
CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8
CO_NESTED = 0x10
CO_GENERATOR = 0x20
CO_COROUTINE = 0x80
CO_ITERABLE_COROUTINE = 0x100
CO_ASYNC_GENERATOR = 0x200

_CACHES = TABLES.CACHE_ENTRIES
_JUMPS = TABLES.JUMPS
_EXTENDED_ARG = TABLES.EXTENDED_ARG
_HAVE_ARGUMENT = TABLES.HAVE_ARGUMENT

# `lines` holds this for an instruction without a line (co_lines() gives None)
NO_LINE = -2 ** 31

# Instruction pairs shared between code objects (see _shared): each pair is its own key.
_SHARED = {}
_SHARED_MAX = 1 << 17             # past this many, new pairs are simply not shared
_PRIVATE_ARGS = frozenset(op for op, name in TABLES.OPNAMES.items()
                          if name in ("LOAD_CONST", "KW_NAMES"))
_SHAREABLE = (int, str, tuple, type(len))
_PADS = {}                        # length -> tuple of NULLs
_CELL_KINDS = {}                  # localsplus_cells tuples, shared


def _shared(handler, op, arg):
    """The (handler, arg) pair for an instruction: one tuple for all the code objects
    that have an equal pair, where sharing it cannot change what the program sees. An
    int argument (an oparg, a jump target) is a value; a name, LOAD_GLOBAL's (name,
    push_null) or an operator function is shared only if it is the same object; the
    arguments of LOAD_CONST and KW_NAMES are the code's own constants and never shared."""
    pair = (handler, arg)
    kind = type(arg)
    if op in _PRIVATE_ARGS or kind not in _SHAREABLE:
        return pair
    found = _SHARED.get(pair)
    if found is None:
        if len(_SHARED) < _SHARED_MAX:
            _SHARED[pair] = pair
        return pair
    other = found[1]
    if other is arg or type(other) is kind and (
            kind is int or kind is tuple and other[0] is arg[0] and other[1] == arg[1]):
        return found
    return pair


def parse_exception_table(table):
    """Decode a co_exceptiontable into (start, end, target, depth, lasti) byte-offset tuples.

    Entries are four varints (start, size, target, depth<<1|lasti) in code units;
    6 payload bits per byte, most significant chunk first, 0x40 = more follows.
    """
    entries = []
    pos = 0
    n = len(table)

    def varint():
        nonlocal pos
        b = table[pos]
        pos += 1
        val = b & 63
        while b & 64:
            b = table[pos]
            pos += 1
            val = (val << 6) | (b & 63)
        return val

    while pos < n:
        start = varint() * 2
        end = start + varint() * 2
        target = varint() * 2
        dl = varint()
        entries.append((start, end, target, dl >> 1, bool(dl & 1)))
    return entries


class CodeInfo:
    """Everything the VM derives from one code object. Owned by the code cache."""

    __slots__ = (
        "code",        # the guest code object (never the trampoline)
        "instrs",      # list of (handler, arg): the executable form, rewritten in place by
                       # quickening and specialization (PEP 659, CPython's _co_code_adaptive)
        "base",        # list of (handler, arg): the unquickened form (run while tracing)
        "warmup",      # quickening warm-up counter: -8 up to 0 (CPython's co_warmup); 0 = quickened
        "ops",         # bytes: opcode per instruction index (base opcodes, for tools and errors)
        "opargs",      # array('I'): raw oparg per instruction index (EXTENDED_ARG folded in)
        "offsets",     # array('I'): byte offset per instruction index
        "handlers",    # per instruction index: None or (target_index, depth, push_lasti);
                       # None itself when the code has no exception table entries
        "lines",       # array('i'): line number per instruction index, NO_LINE for none
                       # (read it through line(index), which answers None there)
        "nlocalsplus",  # number of fast slots: locals + cells + free variables
        "localsplus_names",  # name of each fast slot
        "localsplus_cells",  # per fast slot: True when it holds a cell (cell or free variable)
        "ncellonly",   # cells that are not also arguments/locals
        "nargs",       # positional + keyword-only + *args + **kwargs slots
        "argcount",    # co_argcount: positional parameters
        "argindex",    # dict: name -> slot of the parameters a call may pass by keyword
                       # (positional-or-keyword and keyword-only ones); lazy
        "pad",         # tuple of NULLs for the fast slots after the nargs parameters:
                       # arguments + pad is the localsplus of a call (for simple_args
                       # functions nargs is argcount)
        "flags",       # co_flags
        "simple_args",  # True when arguments are plain positional (no kw-only, *, **)
        "kind",        # 'function', 'generator', 'coroutine', 'async_generator'
        "tramp",       # trampoline code object installed as func.__code__ (lazy)
        "binder",      # argument-binding code object (lazy)
        "stub",        # traceback stub code object (lazy)
        "dispatch",    # the instruction set it is decoded with
        "blocks",      # tier 2: per instruction index, the compiled block starting there
                       # (or None); None until the code is hot (see tier2.py)
        "leaders",     # tier 2: per index, 1 where blocks start (jump targets, ...; tier2.py)
        "entries",     # tier 2: index -> what reaches it other than the instruction before:
                       # the indexes of the jumps there, -1 for an exception handler
        "heat",        # tier 2: block start index -> times reached before it was compiled
        "rewrites",    # tier 2: instruction index -> times rewritten since hot (or None)
        "backedges",   # tier 2: backward conditional jumps taken before it had blocks
    )

    def __init__(self, code, dispatch):
        self.code = code
        self.flags = flags = code.co_flags
        varnames = code.co_varnames
        cellset = set(code.co_cellvars)
        # cells that are also arguments keep the argument's slot
        cellonly = [c for c in code.co_cellvars if c not in varnames]
        self.localsplus_names = names = varnames + tuple(cellonly) + code.co_freevars
        cells = (tuple([n in cellset for n in varnames])
                 + (True,) * (len(cellonly) + len(code.co_freevars)))
        self.localsplus_cells = _CELL_KINDS.setdefault(cells, cells)
        self.ncellonly = len(cellonly)
        self.nlocalsplus = len(names)
        self.nargs = (code.co_argcount + code.co_kwonlyargcount
                      + bool(flags & CO_VARARGS) + bool(flags & CO_VARKEYWORDS))
        self.argcount = code.co_argcount
        self.argindex = None   # made on the first call with keywords (argument_index)
        npad = self.nlocalsplus - self.nargs
        pad = _PADS.get(npad)
        if pad is None:
            pad = _PADS[npad] = (NULL,) * npad
        self.pad = pad
        self.simple_args = not (code.co_kwonlyargcount or flags & (CO_VARARGS | CO_VARKEYWORDS))
        if flags & CO_GENERATOR:
            self.kind = "generator"
        elif flags & CO_COROUTINE:
            self.kind = "coroutine"
        elif flags & CO_ASYNC_GENERATOR:
            self.kind = "async_generator"
        else:
            self.kind = "function"
        self.tramp = self.binder = self.stub = None
        self.dispatch = dispatch
        self.instrs = None      # decoded on first execution (see decode)
        self.base = None
        self.warmup = WARMUP_START
        self.blocks = None
        self.rewrites = None
        self.heat = None
        self.leaders = self.entries = None
        self.backedges = 0

    def argument_index(self):
        """argindex (made once)."""
        index = self.argindex
        if index is None:
            code = self.code
            index = self.argindex = {
                code.co_varnames[i]: i
                for i in range(code.co_posonlyargcount, code.co_argcount + code.co_kwonlyargcount)}
        return index

    def decode(self):
        """Decode the bytecode (once); returns the instruction list."""
        if self.instrs is None:
            self._decode(self.dispatch)
        return self.instrs

    def _decode(self, dispatch):
        code = self.code
        raw = code.co_code
        n = len(raw)
        if n % 2:
            raise VMError(f"malformed bytecode in {code!r}: odd length {n}")
        decoded = []      # (offset, opcode, arg)
        index_of = {}     # byte offset -> instruction index (prefixes and caches map forward)
        pending = []
        ext = 0
        i = 0
        while i < n:
            op = raw[i]
            arg = raw[i + 1] | ext
            pending.append(i)
            if op == _EXTENDED_ARG:
                ext = arg << 8
                i += 2
                continue
            ext = 0
            idx = len(decoded)
            for off in pending:
                index_of[off] = idx
            pending = []
            decoded.append((i, op, arg if op >= _HAVE_ARGUMENT else 0))
            ncache = _CACHES.get(op, 0)
            for k in range(1, ncache + 1):
                index_of[i + 2 * k] = idx + 1
            i += 2 + 2 * ncache
        for off in pending:  # trailing EXTENDED_ARG: points past the end
            index_of[off] = len(decoded)
        index_of[n] = len(decoded)

        def target_index(offset, what):
            try:
                return index_of[offset]
            except KeyError:
                raise VMError(f"{what} to offset {offset} outside the bytecode of {code!r}") from None

        handlers_by_op = dispatch.handlers
        argdecoders = dispatch.argdecoders
        variants = dispatch.variants
        instrs = []
        ops = []
        opargs = []
        offsets = []
        for off, op, arg in decoded:
            opargs.append(arg)
            if op in _JUMPS:
                after = off + 2 + 2 * _CACHES.get(op, 0)
                arg = target_index(after + _JUMPS[op] * 2 * arg, f"jump at offset {off}")
            else:
                dec = argdecoders.get(op)
                if dec is not None:
                    try:
                        arg = dec(code, arg)
                    except IndexError:
                        raise VMError(f"oparg {arg} out of range at offset {off} in {code!r}") from None
            handler = handlers_by_op[op]
            select = variants.get(op)
            if select is not None:
                handler = select(arg) or handler
            instrs.append(_shared(handler, op, arg))
            ops.append(op)
            offsets.append(off)
        self.ops = bytes(ops)
        try:
            self.opargs = _array("I", opargs)
        except OverflowError:   # (only more than three EXTENDED_ARG prefixes get here)
            raise VMError(f"oparg wider than 32 bits (more than three EXTENDED_ARG "
                          f"prefixes) in {code!r}") from None
        self.offsets = _array("I", offsets)

        handlers = None
        for start, end, target, depth, lasti in parse_exception_table(code.co_exceptiontable):
            entry = (target_index(target, "exception handler"), depth, lasti)
            if handlers is None:
                handlers = [None] * len(decoded)
            for idx, off in enumerate(offsets):
                if start <= off < end:
                    handlers[idx] = entry
        self.handlers = handlers

        line_of = {}
        for start, end, line in code.co_lines():
            for off in range(start, end, 2):
                line_of[off] = NO_LINE if line is None else line
        self.lines = _array("i", [line_of.get(off, NO_LINE) for off in offsets])
        self.base = instrs
        self.instrs = list(instrs)

    def line(self, index):
        """Line number of the instruction at `index`, or None (no line)."""
        line = self.lines[index]
        return None if line == NO_LINE else line

    def handler(self, index):
        """The exception table entry in force at instruction `index`, or None."""
        handlers = self.handlers
        return None if handlers is None or index < 0 else handlers[index]

    def line_at(self, index):
        """Line of the instruction at `index`, falling back like CPython to the first line."""
        if 0 <= index < len(self.lines):
            line = self.lines[index]
            if line != NO_LINE:
                return line
        return self.code.co_firstlineno

    def __repr__(self):
        return f"<CodeInfo {self.code.co_qualname} {len(self.instrs)} instructions>"
