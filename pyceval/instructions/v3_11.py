"""The instruction set of CPython 3.11: the common handlers plus those whose stack
effect or oparg encoding is particular to 3.11 (PRECALL/CALL/KW_NAMES, LOAD_METHOD,
LOAD_GLOBAL's NULL bit, the FORWARD/BACKWARD conditional jumps, COMPARE_OP's
operator index, FOR_ITER popping the iterator, PREP_RERAISE_STAR).

Also the per-version data the decoder and the error path need: ARG_DECODERS and
is_reraise().
"""
from ..hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import types

from ..errors import VMError
from ..frame import NULL
from ..interpreter import RESCAN
from ..tracebacks import live_f_locals
from ..version import TABLES
from . import support
from .common import *  # noqa: F401,F403  (the shared handlers are part of this set)
from .common import _load_global, call_value

_next = next

def variant(template, name, doc):
    """A second handler with `template`'s code under another opcode name (variants that
    CPython distinguishes by cache layout but whose Python action is the same)."""
    fn = types.FunctionType(template.__code__, template.__globals__, name,
                            template.__defaults__, template.__closure__)
    fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


# --- argument decoding: done once per instruction, at decode time --------------------------

BINARY_OPS = tuple(support.OPERATOR_FUNCS[symbol] for _, symbol in TABLES.NB_OPS)
COMPARE_OPS = tuple(support.OPERATOR_FUNCS[symbol] for symbol in TABLES.CMP_OP)


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
    v = _load_global(f.globals, f.builtins, name)
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
    elif type(attr) is types.BuiltinMethodType and attr.__self__ is owner and type(
            descr := support.type_lookup(type(owner), arg)) is types.MethodDescriptorType \
            and descr.__get__(owner) == attr:
        # a method of a C type (`lst.append` on a list subclass with a __dict__): the
        # descriptor, as _PyObject_GetMethod finds it, so that PRECALL specializes for it
        # (the same C function bound to owner: not another one the instance holds)
        stack[-1] = descr
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


# backward conditional jumps are loop edges: eval-breaker points, as in 3.11's ceval.c
# (CHECK_EVAL_BREAKER after JUMPBY(-oparg)). 3.11 counts no warm-up there; they count
# the loop heat that lets tier 2 compile code that never quickens (tier2.loop_heat)

def POP_JUMP_BACKWARD_IF_FALSE(f, arg):
    """value -- : jump backward if not value (an eval-breaker point when it jumps)"""
    if not f.stack.pop():
        f.ip = arg
        if PENDING_SIGNALS:
            deliver_signals(f)
        if f.info.blocks is None:
            return _loop_heat(f.info)


def POP_JUMP_BACKWARD_IF_TRUE(f, arg):
    """value -- : jump backward if value (an eval-breaker point when it jumps)"""
    if f.stack.pop():
        f.ip = arg
        if PENDING_SIGNALS:
            deliver_signals(f)
        if f.info.blocks is None:
            return _loop_heat(f.info)


def POP_JUMP_BACKWARD_IF_NONE(f, arg):
    """value -- : jump backward if value is None (an eval-breaker point when it jumps)"""
    if f.stack.pop() is None:
        f.ip = arg
        if PENDING_SIGNALS:
            deliver_signals(f)
        if f.info.blocks is None:
            return _loop_heat(f.info)


def POP_JUMP_BACKWARD_IF_NOT_NONE(f, arg):
    """value -- : jump backward if value is not None (an eval-breaker point when it jumps)"""
    if f.stack.pop() is not None:
        f.ip = arg
        if PENDING_SIGNALS:
            deliver_signals(f)
        if f.info.blocks is None:
            return _loop_heat(f.info)


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
    else:
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


# --- PEP 659: warm-up, quickened forms, superinstructions and the specialized families -------
#
# The machinery (counters, quickening, one specializer per family) is specialize_v3_11.py.
# Each family below: its _ADAPTIVE form, then its variants, guards first. A failed guard
# is a miss: `miss()` counts it (and deoptimizes at 0), then the base instruction runs.
# Actions are exact under their guards; most simply are the generic operation.

from . import specialize_v3_11 as spec  # noqa: E402
from .. import cpython_internals as _ci  # noqa: E402
from ..frame import new_frame as _new_frame  # noqa: E402
from .common import PENDING_SIGNALS, deliver_signals  # noqa: E402
from . import common as _common  # noqa: E402
from .. import events as _events  # noqa: E402
from .. import frameaware as _frameaware  # noqa: E402

_adapt = spec.adapt
_deferred_event = spec.deferred_event
_miss = spec.miss
_quicken = spec.quicken
_loop_heat = spec.tier2.loop_heat
_MethodType = types.MethodType
_BuiltinFunctionType = types.BuiltinFunctionType
_MethodDescriptorType = types.MethodDescriptorType
_ModuleType = types.ModuleType
_FunctionType = types.FunctionType
_len = len
_id = id
_isinstance = isinstance
_SPECIAL = _frameaware.SPECIAL       # frame-aware builtins: called through call_for_frame
_list_append = list.append
# ints of one 30-bit digit, what 3.11's int guards accept: _MIN <= x <= _MAX (both bounds
# are one-digit ints themselves, so the host specializes the comparisons of the test)
_MAX = (1 << 30) - 1
_MIN = -_MAX


def RESUME(f, arg):
    """-- : start or resume a frame; counts the code's warm-up and quickens it at 0"""
    info = f.info
    if info.warmup:
        info.warmup += 1
        if not info.warmup:
            _quicken(info)
            RESUME_QUICK(f, arg)
            return RESCAN           # hot now: the loop may switch to tier 2
    return RESUME_QUICK(f, arg)


RESUME_QUICK = variant(_common.RESUME, "RESUME_QUICK",
                       "-- : RESUME of quickened code (an eval-breaker point for 0 and 1)")


def JUMP_BACKWARD(f, arg):
    """-- : loop edge; counts the code's warm-up and quickens it at 0"""
    info = f.info
    if info.warmup:
        info.warmup += 1
        if not info.warmup:
            _quicken(info)
            JUMP_BACKWARD_QUICK(f, arg)
            return RESCAN           # hot now: the loop may switch to tier 2
    return JUMP_BACKWARD_QUICK(f, arg)


JUMP_BACKWARD_QUICK = variant(_common.JUMP_BACKWARD, "JUMP_BACKWARD_QUICK",
                              "-- : JUMP_BACKWARD of quickened code (an eval-breaker point)")


# superinstructions: two instructions in one dispatch; the second's error reports at it

def LOAD_FAST__LOAD_FAST(f, arg):
    """-- value1 value2 : LOAD_FAST a; LOAD_FAST b"""
    fast = f.fast
    v = fast[arg[0]]
    if v is NULL:
        raise support.unbound_error(f.info, arg[0])
    f.ip += 1
    w = fast[arg[1]]
    if w is NULL:
        raise support.unbound_error(f.info, arg[1])
    stack = f.stack
    stack.append(v)
    stack.append(w)


def LOAD_FAST__LOAD_CONST(f, arg):
    """-- value const : LOAD_FAST a; LOAD_CONST b"""
    v = f.fast[arg[0]]
    if v is NULL:
        raise support.unbound_error(f.info, arg[0])
    f.ip += 1
    stack = f.stack
    stack.append(v)
    stack.append(arg[1])


def LOAD_CONST__LOAD_FAST(f, arg):
    """-- const value : LOAD_CONST a; LOAD_FAST b"""
    f.ip += 1
    v = f.fast[arg[1]]
    if v is NULL:
        f.stack.append(arg[0])
        raise support.unbound_error(f.info, arg[1])
    stack = f.stack
    stack.append(arg[0])
    stack.append(v)


def STORE_FAST__LOAD_FAST(f, arg):
    """value -- value2 : STORE_FAST a; LOAD_FAST b"""
    fast = f.fast
    stack = f.stack
    fast[arg[0]] = stack.pop()
    f.ip += 1
    v = fast[arg[1]]
    if v is NULL:
        raise support.unbound_error(f.info, arg[1])
    stack.append(v)


def STORE_FAST__STORE_FAST(f, arg):
    """value2 value1 -- : STORE_FAST a; STORE_FAST b"""
    fast = f.fast
    stack = f.stack
    fast[arg[0]] = stack.pop()
    f.ip += 1
    fast[arg[1]] = stack.pop()


def _adaptive(f, c):
    """the _ADAPTIVE form of every family: specialize when the counter's value is 0
    (spec.adapt), else count down and run the base instruction (3.11's deferral)"""
    if c.counter < 16:
        return _adapt(f, c)
    c.counter -= 16
    if _events.ACTIVE is not None:
        _deferred_event(f, c)
    return c.base(f, c.arg)


# LOAD_ATTR family

LOAD_ATTR_ADAPTIVE = variant(_adaptive, "LOAD_ATTR_ADAPTIVE",
                             "owner -- owner.name : LOAD_ATTR counting down to specialization")


def LOAD_ATTR_INSTANCE_VALUE(f, c):
    """owner -- owner.name : instance attribute (inline values); guard: type version"""
    stack = f.stack
    owner = stack[-1]
    if type(owner) is not c.tref() or c.tver.value != c.version:
        _miss(f, c, "type or type version changed")
        return c.base(f, c.arg)
    try:
        stack[-1] = getattr(owner, c.arg)
    except AttributeError:
        _miss(f, c, "attribute absent")
        raise


LOAD_ATTR_WITH_HINT = variant(LOAD_ATTR_INSTANCE_VALUE, "LOAD_ATTR_WITH_HINT",
                              "owner -- owner.name : instance attribute in a materialized "
                              "__dict__; guard: type version")
LOAD_ATTR_SLOT = variant(LOAD_ATTR_INSTANCE_VALUE, "LOAD_ATTR_SLOT",
                         "owner -- owner.name : __slots__ member or __class__; guard: type version")


def LOAD_ATTR_MODULE(f, c):
    """module -- module.name : module attribute; guard: exact module, dict keys unchanged"""
    stack = f.stack
    owner = stack[-1]
    if type(owner) is not _ModuleType or _len(owner.__dict__) != c.n:
        _miss(f, c, "not the module shape cached")
        return c.base(f, c.arg)
    try:
        stack[-1] = getattr(owner, c.arg)
    except AttributeError:
        _miss(f, c, "attribute absent")
        raise


# LOAD_METHOD family

LOAD_METHOD_ADAPTIVE = variant(_adaptive, "LOAD_METHOD_ADAPTIVE",
                               "owner -- meth self | NULL attr : LOAD_METHOD counting down to specialization")


def LOAD_METHOD_NO_DICT(f, c):
    """owner -- meth owner : method of an instance without __dict__; guard: type version"""
    stack = f.stack
    owner = stack[-1]
    if type(owner) is not c.tref() or c.tver.value != c.version:
        _miss(f, c, "type or type version changed")
        return c.base(f, c.arg)
    stack[-1] = c.obj()
    stack.append(owner)


def LOAD_METHOD_WITH_VALUES(f, c):
    """owner -- meth owner : method of an instance whose attributes are inline values;
    guard: type version"""
    owner = f.stack[-1]
    if type(owner) is not c.tref() or c.tver.value != c.version:
        _miss(f, c, "type or type version changed")
    return c.base(f, c.arg)


LOAD_METHOD_WITH_DICT = variant(LOAD_METHOD_WITH_VALUES, "LOAD_METHOD_WITH_DICT",
                                "owner -- meth owner : method of an instance with a __dict__ "
                                "that lacks the name; guard: type version")


def LOAD_METHOD_MODULE(f, c):
    """module -- NULL module.name : module attribute; guard: exact module, dict keys unchanged"""
    stack = f.stack
    owner = stack[-1]
    if type(owner) is not _ModuleType or _len(owner.__dict__) != c.n:
        _miss(f, c, "not the module shape cached")
        return c.base(f, c.arg)
    try:
        v = getattr(owner, c.arg)
    except AttributeError:
        _miss(f, c, "attribute absent")
        raise
    stack[-1] = NULL
    stack.append(v)


def LOAD_METHOD_CLASS(f, c):
    """cls -- NULL cls.name : attribute of a class; guard: the class and its version"""
    stack = f.stack
    if stack[-1] is not c.tref() or c.tver.value != c.version:
        _miss(f, c, "other class or class version changed")
        return c.base(f, c.arg)
    stack[-1] = NULL
    stack.append(c.obj())


# LOAD_GLOBAL family

LOAD_GLOBAL_ADAPTIVE = variant(_adaptive, "LOAD_GLOBAL_ADAPTIVE",
                               "-- [NULL] value : LOAD_GLOBAL counting down to specialization")


def LOAD_GLOBAL_MODULE(f, c):
    """-- [NULL] value : a module global; guard: globals keys unchanged"""
    g = f.globals
    name, push_null = c.arg
    if type(g) is not dict or _len(g) != c.n:
        _miss(f, c, "globals changed shape")
        return c.base(f, c.arg)
    try:
        v = g[name]         # (a subscript of the exact dict: cheaper than g.get in the host)
    except KeyError:
        v = NULL
    if v is NULL:
        _miss(f, c, "global deleted")
        return c.base(f, c.arg)
    if push_null:
        f.stack.append(NULL)
    f.stack.append(v)


def LOAD_GLOBAL_BUILTIN(f, c):
    """-- [NULL] value : a builtin; guard: globals and builtins keys unchanged"""
    g = f.globals
    b = f.builtins
    name, push_null = c.arg
    if (type(g) is not dict or type(b) is not dict or _len(g) != c.n or _len(b) != c.extra
            or name in g):
        _miss(f, c, "globals or builtins changed shape")
        return c.base(f, c.arg)
    try:
        v = b[name]
    except KeyError:
        v = NULL
    if v is NULL:
        _miss(f, c, "builtin deleted")
        return c.base(f, c.arg)
    if push_null:
        f.stack.append(NULL)
    f.stack.append(v)


# STORE_ATTR family

STORE_ATTR_ADAPTIVE = variant(_adaptive, "STORE_ATTR_ADAPTIVE",
                              "value owner -- : STORE_ATTR counting down to specialization")


def STORE_ATTR_INSTANCE_VALUE(f, c):
    """value owner -- : owner.name = value into inline values; guard: type version"""
    stack = f.stack
    owner = stack[-1]
    if type(owner) is not c.tref() or c.tver.value != c.version:
        _miss(f, c, "type or type version changed")
        return c.base(f, c.arg)
    stack.pop()
    setattr(owner, c.arg, stack.pop())


STORE_ATTR_WITH_HINT = variant(STORE_ATTR_INSTANCE_VALUE, "STORE_ATTR_WITH_HINT",
                               "value owner -- : owner.name = value into a materialized "
                               "__dict__; guard: type version")
STORE_ATTR_SLOT = variant(STORE_ATTR_INSTANCE_VALUE, "STORE_ATTR_SLOT",
                          "value owner -- : owner.name = value into a __slots__ member; "
                          "guard: type version")


# BINARY_OP family (BINARY_OP itself is in common.py)

BINARY_OP_ADAPTIVE = variant(_adaptive, "BINARY_OP_ADAPTIVE",
                             "left right -- result : BINARY_OP counting down to specialization")


def BINARY_OP_ADD_INT(f, c):
    """left right -- left + right : guard: both exact int"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not int or type(right) is not int:
        _miss(f, c, "operands not both int")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = left + right


def BINARY_OP_SUBTRACT_INT(f, c):
    """left right -- left - right : guard: both exact int"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not int or type(right) is not int:
        _miss(f, c, "operands not both int")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = left - right


def BINARY_OP_MULTIPLY_INT(f, c):
    """left right -- left * right : guard: both exact int"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not int or type(right) is not int:
        _miss(f, c, "operands not both int")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = left * right


def BINARY_OP_ADD_FLOAT(f, c):
    """left right -- left + right : guard: both exact float"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not float or type(right) is not float:
        _miss(f, c, "operands not both float")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = left + right


def BINARY_OP_SUBTRACT_FLOAT(f, c):
    """left right -- left - right : guard: both exact float"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not float or type(right) is not float:
        _miss(f, c, "operands not both float")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = left - right


def BINARY_OP_MULTIPLY_FLOAT(f, c):
    """left right -- left * right : guard: both exact float"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not float or type(right) is not float:
        _miss(f, c, "operands not both float")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = left * right


def BINARY_OP_ADD_UNICODE(f, c):
    """left right -- left + right : guard: both exact str"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not str or type(right) is not str:
        _miss(f, c, "operands not both str")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = left + right


def BINARY_OP_INPLACE_ADD_UNICODE(f, c):
    """left right -- : local = left + right, skipping the STORE_FAST that follows;
    guard: both exact str and the local still holds left"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not str or type(right) is not str or f.fast[c.target] is not left:
        _miss(f, c, "operands not both str, or the target local changed")
        return c.base(f, c.arg)
    del stack[-2:]
    f.fast[c.target] = left + right
    f.ip += 1


# BINARY_SUBSCR family

BINARY_SUBSCR_ADAPTIVE = variant(_adaptive, "BINARY_SUBSCR_ADAPTIVE",
                                 "container sub -- container[sub] : BINARY_SUBSCR counting down to specialization")


def BINARY_SUBSCR_LIST_INT(f, c):
    """list index -- list[index] : guard: exact list, one-digit int within bounds"""
    stack = f.stack
    sub = stack[-1]
    container = stack[-2]
    if type(container) is not list or type(sub) is not int or not 0 <= sub <= _MAX \
            or sub >= _len(container):
        _miss(f, c, "not a list with an in-range small int")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = container[sub]


def BINARY_SUBSCR_TUPLE_INT(f, c):
    """tuple index -- tuple[index] : guard: exact tuple, one-digit int within bounds"""
    stack = f.stack
    sub = stack[-1]
    container = stack[-2]
    if type(container) is not tuple or type(sub) is not int or not 0 <= sub <= _MAX \
            or sub >= _len(container):
        _miss(f, c, "not a tuple with an in-range small int")
        return c.base(f, c.arg)
    del stack[-1]
    stack[-1] = container[sub]


def BINARY_SUBSCR_DICT(f, c):
    """dict key -- dict[key] : guard: exact dict"""
    stack = f.stack
    container = stack[-2]
    if type(container) is not dict:
        _miss(f, c, "not an exact dict")
        return c.base(f, c.arg)
    sub = stack.pop()
    stack[-1] = container[sub]


def BINARY_SUBSCR_GETITEM(f, c):
    """container sub -- result : call the class's Python __getitem__ in a new frame;
    guard: type version and the function unchanged"""
    stack = f.stack
    container = stack[-2]
    func = c.obj()
    if (type(container) is not c.tref() or c.tver.value != c.version or func is None
            or func.__code__ is not c.extra):
        _miss(f, c, "type, version or __getitem__ changed")
        return c.base(f, c.arg)
    info = c.info
    if info is None or info.kind != "function":
        return c.base(f, c.arg)
    args = stack[-2:]
    del stack[-2:]
    return function_frame(func, info, args, None)


# STORE_SUBSCR family

STORE_SUBSCR_ADAPTIVE = variant(_adaptive, "STORE_SUBSCR_ADAPTIVE",
                                "value container sub -- : STORE_SUBSCR counting down to specialization")


def STORE_SUBSCR_LIST_INT(f, c):
    """value list index -- : list[index] = value; guard: exact list, in-range small int"""
    stack = f.stack
    sub = stack[-1]
    container = stack[-2]
    if type(container) is not list or type(sub) is not int or not 0 <= sub <= _MAX \
            or sub >= _len(container):
        _miss(f, c, "not a list with an in-range small int")
        return c.base(f, c.arg)
    container[sub] = stack[-3]
    del stack[-3:]


def STORE_SUBSCR_DICT(f, c):
    """value dict key -- : dict[key] = value; guard: exact dict"""
    stack = f.stack
    container = stack[-2]
    if type(container) is not dict:
        _miss(f, c, "not an exact dict")
        return c.base(f, c.arg)
    container[stack[-1]] = stack[-3]
    del stack[-3:]


# COMPARE_OP family: each variant fuses the compare with the conditional jump after it

COMPARE_OP_ADAPTIVE = variant(_adaptive, "COMPARE_OP_ADAPTIVE",
                              "left right -- result : COMPARE_OP counting down to specialization")


def COMPARE_OP_INT_JUMP(f, c):
    """left right -- : compare one-digit ints and jump as the next instruction would"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not int or type(right) is not int or not _MIN <= left <= _MAX \
            or not _MIN <= right <= _MAX:
        _miss(f, c, "operands not both one-digit int")
        return c.base(f, c.arg)
    del stack[-2:]
    if c.arg(left, right) is c.extra:   # the following POP_JUMP_*_IF_<c.extra> jumps
        f.ip = c.target
        if c.n >= 8 and PENDING_SIGNALS:     # backward: an eval-breaker point
            deliver_signals(f)
    else:
        f.ip += 1                       # step over the jump


def COMPARE_OP_FLOAT_JUMP(f, c):
    """left right -- : compare floats (not NaN) and jump as the next instruction would"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not float or type(right) is not float or left != left or right != right:
        _miss(f, c, "operands not both float, or NaN")
        return c.base(f, c.arg)
    del stack[-2:]
    if c.arg(left, right) is c.extra:   # the following POP_JUMP_*_IF_<c.extra> jumps
        f.ip = c.target
        if c.n >= 8 and PENDING_SIGNALS:     # backward: an eval-breaker point
            deliver_signals(f)
    else:
        f.ip += 1                       # step over the jump


def COMPARE_OP_STR_JUMP(f, c):
    """left right -- : str == / != and jump as the next instruction would"""
    stack = f.stack
    right = stack[-1]
    left = stack[-2]
    if type(left) is not str or type(right) is not str:
        _miss(f, c, "operands not both str")
        return c.base(f, c.arg)
    del stack[-2:]
    if c.arg(left, right) is c.extra:   # the following POP_JUMP_*_IF_<c.extra> jumps
        f.ip = c.target
        if c.n >= 8 and PENDING_SIGNALS:     # backward: an eval-breaker point
            deliver_signals(f)
    else:
        f.ip += 1                       # step over the jump


# UNPACK_SEQUENCE family

UNPACK_SEQUENCE_ADAPTIVE = variant(_adaptive, "UNPACK_SEQUENCE_ADAPTIVE",
                                   "seq -- items : UNPACK_SEQUENCE counting down to specialization")


def UNPACK_SEQUENCE_TWO_TUPLE(f, c):
    """seq -- b a : guard: exact tuple of two"""
    stack = f.stack
    seq = stack[-1]
    if type(seq) is not tuple or _len(seq) != 2:
        _miss(f, c, "not a 2-tuple")
        return c.base(f, c.arg)
    stack[-1] = seq[1]
    stack.append(seq[0])


def UNPACK_SEQUENCE_TUPLE(f, c):
    """seq -- items[oparg] : guard: exact tuple of oparg items"""
    stack = f.stack
    seq = stack[-1]
    if type(seq) is not tuple or _len(seq) != c.arg:
        _miss(f, c, "not a tuple of that length")
        return c.base(f, c.arg)
    del stack[-1]
    stack.extend(seq[::-1])


def UNPACK_SEQUENCE_LIST(f, c):
    """seq -- items[oparg] : guard: exact list of oparg items"""
    stack = f.stack
    seq = stack[-1]
    if type(seq) is not list or _len(seq) != c.arg:
        _miss(f, c, "not a list of that length")
        return c.base(f, c.arg)
    del stack[-1]
    stack.extend(seq[::-1])


# PRECALL family: C-callable variants make the call themselves and skip the CALL after them

PRECALL_ADAPTIVE = variant(_adaptive, "PRECALL_ADAPTIVE",
                           "NULL callable args -- meth self args : PRECALL counting down to specialization")


def PRECALL_PYFUNC(f, c):
    """(NULL|meth) (callable|self) args -- same : guard: a Python function is called"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    func = stack[base - 1] if meth is NULL else meth
    if type(func) is not _FunctionType:
        _miss(f, c, "callable is not a Python function")
        return c.base(f, c.arg)


def PRECALL_BOUND_METHOD(f, c):
    """NULL method args -- func self args : unpack a bound method; guard: it is one"""
    stack = f.stack
    base = _len(stack) - c.arg
    func = stack[base - 1]
    if stack[base - 2] is not NULL or type(func) is not _MethodType:
        _miss(f, c, "callable is not a bound method")
        return c.base(f, c.arg)
    stack[base - 2] = func.__func__
    stack[base - 1] = func.__self__


def _c_call(f, c, func, total):
    """Make the call for a C-callable PRECALL variant and skip the CALL instruction, as
    the loop's generic call does (frame-aware builtins, events, keyword names)."""
    stack = f.stack
    base = _len(stack) - c.arg
    args = stack[base:] if total == c.arg else stack[base - 1:]
    kwnames = f.kwnames
    f.kwnames = None
    del stack[base - 2:]
    f.ip += 1
    return call_for_frame(f, func, args, kwnames)


# The C-callable variants below spell out their stack use (`base = len(stack) - c.arg`, no
# helper that takes the stack) so that tier 2 can keep it in block variables; after its
# guard each makes the call itself, unless the callable is frame-aware, a tool listens or
# there are keyword names (then _c_call, the loop's generic call).

def PRECALL_NO_KW_BUILTIN_O(f, c):
    """NULL builtin arg -- result : call a METH_O builtin; guard: its flags, one argument"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        total = c.arg
    else:
        func = meth
        total = c.arg + 1
    if total != 1 or type(func) is not _BuiltinFunctionType or (
            func is not c.obj() and _ci.method_flags(func) != c.n):
        _miss(f, c, "not a METH_O builtin with one argument")
        return c.base(f, c.arg)
    if _id(func) in _SPECIAL or _events.ACTIVE is not None:
        return _c_call(f, c, func, total)
    f.ip += 1
    v = func(stack[-1])
    del stack[base - 2:]
    stack.append(v)


def PRECALL_NO_KW_BUILTIN_FAST(f, c):
    """NULL builtin args -- result : call a METH_FASTCALL builtin; guard: its flags"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        total = c.arg
    else:
        func = meth
        total = c.arg + 1
    if type(func) is not _BuiltinFunctionType or (
            func is not c.obj() and _ci.method_flags(func) != c.n):
        _miss(f, c, "not a METH_FASTCALL builtin")
        return c.base(f, c.arg)
    if _id(func) in _SPECIAL or _events.ACTIVE is not None or f.kwnames is not None:
        return _c_call(f, c, func, total)
    f.ip += 1
    if meth is NULL:
        v = func(*stack[base:])
    else:
        v = func(*stack[base - 1:])
    del stack[base - 2:]
    stack.append(v)


PRECALL_BUILTIN_FAST_WITH_KEYWORDS = variant(
    PRECALL_NO_KW_BUILTIN_FAST, "PRECALL_BUILTIN_FAST_WITH_KEYWORDS",
    "NULL builtin args -- result : call a METH_FASTCALL|METH_KEYWORDS builtin; guard: its flags")


def PRECALL_NO_KW_LEN(f, c):
    """NULL len obj -- len(obj) : guard: the callable is the builtin len"""
    stack = f.stack
    base = _len(stack) - c.arg
    if stack[base - 2] is not NULL or c.arg != 1 or stack[base - 1] is not _len:
        _miss(f, c, "not len with one argument")
        return c.base(f, c.arg)
    v = _len(stack[-1])
    del stack[base - 2:]
    stack.append(v)
    f.kwnames = None
    f.ip += 1


def PRECALL_NO_KW_ISINSTANCE(f, c):
    """NULL isinstance obj cls -- result : guard: the callable is the builtin isinstance"""
    stack = f.stack
    base = _len(stack) - c.arg
    if stack[base - 2] is not NULL or c.arg != 2 or stack[base - 1] is not _isinstance:
        _miss(f, c, "not isinstance with two arguments")
        return c.base(f, c.arg)
    v = _isinstance(stack[-2], stack[-1])
    del stack[base - 2:]
    stack.append(v)
    f.kwnames = None
    f.ip += 1


def PRECALL_NO_KW_LIST_APPEND(f, c):
    """list.append lst item -- : lst.append(item), skipping the CALL and the POP_TOP after it;
    guard: list.append on a list"""
    stack = f.stack
    if stack[-3] is not _list_append or not _isinstance(stack[-2], list):
        _miss(f, c, "not list.append on a list")
        return c.base(f, c.arg)
    _list_append(stack[-2], stack[-1])
    del stack[-3:]
    f.ip += 2


def PRECALL_NO_KW_TYPE_1(f, c):
    """NULL type obj -- type(obj) : guard: the callable is type"""
    stack = f.stack
    if stack[-3] is not NULL or stack[-2] is not type:
        _miss(f, c, "not type(x)")
        return c.base(f, c.arg)
    v = type(stack[-1])
    del stack[-3:]
    stack.append(v)
    f.ip += 1


def PRECALL_NO_KW_STR_1(f, c):
    """NULL str obj -- str(obj) : guard: the callable is str"""
    stack = f.stack
    if stack[-3] is not NULL or stack[-2] is not str:
        _miss(f, c, "not str(x)")
        return c.base(f, c.arg)
    v = str(stack[-1])
    del stack[-3:]
    stack.append(v)
    f.ip += 1


def PRECALL_NO_KW_TUPLE_1(f, c):
    """NULL tuple obj -- tuple(obj) : guard: the callable is tuple"""
    stack = f.stack
    if stack[-3] is not NULL or stack[-2] is not tuple:
        _miss(f, c, "not tuple(x)")
        return c.base(f, c.arg)
    v = tuple(stack[-1])
    del stack[-3:]
    stack.append(v)
    f.ip += 1


def PRECALL_BUILTIN_CLASS(f, c):
    """NULL cls args -- cls(args) : instantiate a builtin class with vectorcall; guard: that"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        total = c.arg
    else:
        func = meth
        total = c.arg + 1
    if not _isinstance(func, type) or (func is not c.obj() and not _ci.has_vectorcall(func)):
        _miss(f, c, "not a class with vectorcall")
        return c.base(f, c.arg)
    if _id(func) in _SPECIAL or _events.ACTIVE is not None or f.kwnames is not None:
        return _c_call(f, c, func, total)
    f.ip += 1
    if meth is NULL:
        v = func(*stack[base:])
    else:
        v = func(*stack[base - 1:])
    del stack[base - 2:]
    stack.append(v)


def PRECALL_NO_KW_METHOD_DESCRIPTOR_O(f, c):
    """descr self arg -- result : call a METH_O method descriptor; guard: flags, self's type"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        total = c.arg
    else:
        func = meth
        total = c.arg + 1
    if total != 2 or type(func) is not _MethodDescriptorType or (
            func is not c.obj() and _ci.method_flags(func) != c.n) \
            or type(stack[-2]) is not func.__objclass__:
        _miss(f, c, "not a METH_O method descriptor of self's type")
        return c.base(f, c.arg)
    if _id(func) in _SPECIAL or _events.ACTIVE is not None:
        return _c_call(f, c, func, total)
    f.ip += 1
    v = func(stack[-2], stack[-1])
    del stack[base - 2:]
    stack.append(v)


def PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS(f, c):
    """descr self -- result : call a METH_NOARGS method descriptor; guard: flags, self's type"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        total = c.arg
    else:
        func = meth
        total = c.arg + 1
    if total != 1 or type(func) is not _MethodDescriptorType or (
            func is not c.obj() and _ci.method_flags(func) != c.n) \
            or type(stack[-1]) is not func.__objclass__:
        _miss(f, c, "not a METH_NOARGS method descriptor of self's type")
        return c.base(f, c.arg)
    if _id(func) in _SPECIAL or _events.ACTIVE is not None:
        return _c_call(f, c, func, total)
    f.ip += 1
    v = func(stack[-1])
    del stack[base - 2:]
    stack.append(v)


def PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST(f, c):
    """descr self args -- result : call a METH_FASTCALL method descriptor; guard: flags,
    self's type"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        total = c.arg
        self = stack[base]
    else:
        func = meth
        total = c.arg + 1
        self = stack[base - 1]
    if type(func) is not _MethodDescriptorType or (
            func is not c.obj() and _ci.method_flags(func) != c.n) \
            or type(self) is not func.__objclass__:
        _miss(f, c, "not a METH_FASTCALL method descriptor of self's type")
        return c.base(f, c.arg)
    if _id(func) in _SPECIAL or _events.ACTIVE is not None or f.kwnames is not None:
        return _c_call(f, c, func, total)
    f.ip += 1
    if meth is NULL:
        v = func(*stack[base:])
    else:
        v = func(*stack[base - 1:])
    del stack[base - 2:]
    stack.append(v)


PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS = variant(
    PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST, "PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS",
    "descr self args -- result : call a METH_FASTCALL|METH_KEYWORDS method descriptor; "
    "guard: flags, self's type")


# CALL family

CALL_ADAPTIVE = variant(_adaptive, "CALL_ADAPTIVE",
                        "(NULL|meth) (callable|self) args -- result : CALL counting down to specialization")


def CALL_PY_EXACT_ARGS(f, c):
    """(NULL|func) (func|self) args -- result : push a frame for a simple Python function
    called with exactly its parameters; guard: the function and its version (reset
    when its __code__ or __defaults__ is assigned)"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        args = stack[base:]
    else:
        func = meth
        args = stack[base - 1:]
    if func is not c.obj() or c.tver.value != c.version or _len(args) != c.n:
        _miss(f, c, "other function, function changed, or other argument count")
        return c.base(f, c.arg)
    info = c.info
    if info is None:          # a generator, or host-run code
        return c.base(f, c.arg)
    del stack[base - 2:]
    args += info.pad
    return _new_frame(info, c.globals, c.builtins, None, args, func.__closure__)


def CALL_PY_WITH_DEFAULTS(f, c):
    """(NULL|func) (func|self) args -- result : push a frame for a simple Python function,
    filling missing arguments from its defaults; guard: the function and its version"""
    stack = f.stack
    base = _len(stack) - c.arg
    meth = stack[base - 2]
    if meth is NULL:
        func = stack[base - 1]
        args = stack[base:]
    else:
        func = meth
        args = stack[base - 1:]
    info = c.info
    n = _len(args)
    if func is not c.obj() or c.tver.value != c.version or n < c.n or n > c.extra.co_argcount:
        _miss(f, c, "other function, function changed, or other argument count")
        return c.base(f, c.arg)
    if info is None:          # a generator, or host-run code
        return c.base(f, c.arg)
    del stack[base - 2:]
    args += c.target[n - c.n:]
    args += info.pad
    return _new_frame(info, c.globals, c.builtins, None, args, func.__closure__)


spec.bind(globals())
