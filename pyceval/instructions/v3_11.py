"""The instruction set of CPython 3.11: the common handlers plus those whose stack
effect or oparg encoding is particular to 3.11 (PRECALL/CALL/KW_NAMES, LOAD_METHOD,
LOAD_GLOBAL's NULL bit, the FORWARD/BACKWARD conditional jumps, COMPARE_OP's
operator index, FOR_ITER popping the iterator, PREP_RERAISE_STAR).

Also the per-version data the decoder and the error path need: ARG_DECODERS and
is_reraise().
"""
from ..hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import operator
import types

from ..errors import VMError
from ..frame import NULL
from ..tracebacks import live_f_locals
from ..version import TABLES
from . import support
from .common import *  # noqa: F401,F403  (the shared handlers are part of this set)
from .common import _load_global, call_value

_next = next

# --- argument decoding: done once per instruction, at decode time --------------------------

_BINARY_FUNCS = {
    "+": operator.add, "&": operator.and_, "//": operator.floordiv, "<<": operator.lshift,
    "@": operator.matmul, "*": operator.mul, "%": operator.mod, "|": operator.or_,
    "**": operator.pow, ">>": operator.rshift, "-": operator.sub, "/": operator.truediv,
    "^": operator.xor,
    "+=": operator.iadd, "&=": operator.iand, "//=": operator.ifloordiv, "<<=": operator.ilshift,
    "@=": operator.imatmul, "*=": operator.imul, "%=": operator.imod, "|=": operator.ior,
    "**=": operator.ipow, ">>=": operator.irshift, "-=": operator.isub, "/=": operator.itruediv,
    "^=": operator.ixor,
}
BINARY_OPS = tuple(_BINARY_FUNCS[symbol] for _, symbol in TABLES.NB_OPS)
_COMPARE_FUNCS = {"<": operator.lt, "<=": operator.le, "==": operator.eq, "!=": operator.ne,
                  ">": operator.gt, ">=": operator.ge}
COMPARE_OPS = tuple(_COMPARE_FUNCS[symbol] for symbol in TABLES.CMP_OP)


def _name(code, arg):
    return code.co_names[arg]


ARG_DECODERS = {
    "LOAD_CONST": lambda code, arg: code.co_consts[arg],
    "KW_NAMES": lambda code, arg: code.co_consts[arg],
    "LOAD_GLOBAL": lambda code, arg: (code.co_names[arg >> 1], arg & 1),
    "BINARY_OP": lambda code, arg: BINARY_OPS[arg],
    "COMPARE_OP": lambda code, arg: COMPARE_OPS[arg],
}
for _op in ("LOAD_ATTR", "STORE_ATTR", "DELETE_ATTR", "LOAD_NAME", "STORE_NAME", "DELETE_NAME",
            "STORE_GLOBAL", "DELETE_GLOBAL", "IMPORT_NAME", "IMPORT_FROM", "LOAD_METHOD"):
    ARG_DECODERS[_op] = _name

_RERAISE_OPS = {op for op, n in TABLES.OPNAMES.items() if n in ("RERAISE", "END_ASYNC_FOR")}
_RAISE_VARARGS = next(op for op, n in TABLES.OPNAMES.items() if n == "RAISE_VARARGS")


def is_reraise(op, arg):
    """True for instructions that re-raise without adding a traceback entry
    (they go to CPython's exception_unwind: directly, not through error:)."""
    return op in _RERAISE_OPS or (op == _RAISE_VARARGS and arg == 0)


def make_unknown(op):
    def unknown_opcode(f, arg):
        index = f.ip - 1
        raise VMError(f"unknown opcode {op} at offset {f.info.offsets[index]} in {f.code!r}")
    unknown_opcode.__doc__ = f"-- : opcode {op} is not part of CPython 3.11"
    return unknown_opcode


# --- 3.11-specific handlers --------------------------------------------------------------------

def LOAD_GLOBAL(f, arg):
    """-- [NULL] value : push global co_names[oparg>>1], after a NULL when oparg&1"""
    name, push_null = arg
    v = _load_global(f, name)
    if push_null:
        f.stack.append(NULL)
    f.stack.append(v)


def LOAD_ATTR(f, arg):
    """owner -- owner.name"""
    f.stack[-1] = getattr(f.stack[-1], arg)


def LOAD_ATTR_FRAME_LOCALS(f, arg):
    """owner -- owner.f_locals : LOAD_ATTR of 'f_locals' (stand-in traceback frames answer
    with their VM frame's live locals)"""
    owner = f.stack[-1]
    if type(owner) is types.FrameType:
        f.stack[-1] = live_f_locals(owner)
    else:
        f.stack[-1] = getattr(owner, arg)


# decode-time variants of an instruction, chosen by its decoded argument
HANDLER_VARIANTS = {
    "LOAD_ATTR": lambda arg: LOAD_ATTR_FRAME_LOCALS if arg == "f_locals" else None,
}


def LOAD_METHOD(f, arg):
    """owner -- meth self | NULL attr : look up a method for a call without a bound method"""
    stack = f.stack
    owner = stack[-1]
    attr = getattr(owner, arg)
    if type(attr) is types.MethodType and attr.__self__ is owner:
        stack[-1] = attr.__func__
        stack.append(owner)
    else:
        stack[-1] = NULL
        stack.append(attr)


def COMPARE_OP(f, arg):
    """left right -- result : rich comparison cmp_op[oparg]"""
    stack = f.stack
    right = stack.pop()
    stack[-1] = arg(stack[-1], right)


def KW_NAMES(f, arg):
    """-- : the next CALL's last len(names) arguments are keywords co_consts[oparg]"""
    f.kwnames = arg


def PRECALL(f, arg):
    """NULL callable args -- meth self args : unpack a bound method ahead of CALL"""
    stack = f.stack
    base = len(stack) - arg
    if stack[base - 2] is NULL:
        func = stack[base - 1]
        if type(func) is types.MethodType:
            stack[base - 2] = func.__func__
            stack[base - 1] = func.__self__


def CALL(f, arg):
    """(NULL|meth) (callable|self) args[oparg] -- result : call with oparg arguments"""
    stack = f.stack
    kwnames = f.kwnames
    f.kwnames = None
    base = len(stack) - arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        args = stack[base:]
    else:
        func = meth
        args = stack[base - 1:]
    del stack[base - 2:]
    return call_value(f, func, args, kwnames)


def POP_JUMP_FORWARD_IF_FALSE(f, arg):
    """value -- : jump if not value"""
    if not f.stack.pop():
        f.ip = arg


def POP_JUMP_FORWARD_IF_TRUE(f, arg):
    """value -- : jump if value"""
    if f.stack.pop():
        f.ip = arg


def POP_JUMP_FORWARD_IF_NONE(f, arg):
    """value -- : jump if value is None"""
    if f.stack.pop() is None:
        f.ip = arg


def POP_JUMP_FORWARD_IF_NOT_NONE(f, arg):
    """value -- : jump if value is not None"""
    if f.stack.pop() is not None:
        f.ip = arg


POP_JUMP_BACKWARD_IF_FALSE = POP_JUMP_FORWARD_IF_FALSE
POP_JUMP_BACKWARD_IF_TRUE = POP_JUMP_FORWARD_IF_TRUE
POP_JUMP_BACKWARD_IF_NONE = POP_JUMP_FORWARD_IF_NONE
POP_JUMP_BACKWARD_IF_NOT_NONE = POP_JUMP_FORWARD_IF_NOT_NONE


def JUMP_IF_FALSE_OR_POP(f, arg):
    """value -- value | : jump keeping value if false, else pop it"""
    if not f.stack[-1]:
        f.ip = arg
    else:
        f.stack.pop()


def JUMP_IF_TRUE_OR_POP(f, arg):
    """value -- value | : jump keeping value if true, else pop it"""
    if f.stack[-1]:
        f.ip = arg
    else:
        f.stack.pop()


def FOR_ITER(f, arg):
    """iter -- iter next | : push next(iter); when exhausted pop iter and jump"""
    stack = f.stack
    try:
        v = _next(stack[-1])
    except StopIteration:
        stack.pop()
        f.ip = arg
        return
    stack.append(v)


def UNPACK_SEQUENCE(f, arg):
    """seq -- items[oparg] (first item on top)"""
    stack = f.stack
    seq = stack.pop()
    t = type(seq)
    if (t is tuple or t is list) and len(seq) == arg:
        stack.extend(seq[::-1])
    else:
        stack.extend(support.unpack_iterable(seq, arg, -1))


def UNPACK_EX(f, arg):
    """seq -- after[hi] list before[lo] : star-unpacking, oparg = before | after << 8"""
    stack = f.stack
    seq = stack.pop()
    stack.extend(support.unpack_iterable(seq, arg & 0xFF, arg >> 8))


def RERAISE(f, arg):
    """[lasti ...] exc -- : re-raise exc; with oparg, restore f_lasti from the stack first"""
    stack = f.stack
    if arg:
        lasti = stack[-(arg + 1)]
        if type(lasti) is not int:
            raise SystemError("lasti is not an int")
        f.reraise_lasti = lasti
    raise stack.pop()


def PREP_RERAISE_STAR(f, arg):
    """orig excs -- exc_or_None : combine what except* clauses raised and re-raised"""
    stack = f.stack
    excs = stack.pop()
    stack[-1] = support.prep_reraise_star(stack[-1], excs)
