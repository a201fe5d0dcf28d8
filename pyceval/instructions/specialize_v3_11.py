"""PEP 659 for CPython 3.11: quickening, adaptive counters, and one specializer per family.

The mechanics follow CPython 3.11's Python/specialize.c and Python/ceval.c (see
../shared/reference/pep659.md and docs/specialization.md):

- Each code object has a warm-up counter (CodeInfo.warmup) starting at -8; RESUME and
  JUMP_BACKWARD add 1; at 0 the code is *quickened*: every instruction of a family
  becomes its `_ADAPTIVE` form with counter 0, RESUME / JUMP_BACKWARD become their
  `_QUICK` forms, and the five superinstructions are formed from adjacent pairs.
- An adaptive instruction whose counter value (bits 4-15) is 0 calls its family's
  specializer and dispatches again ("DISPATCH_SAME_OPARG"); otherwise it subtracts 16
  ("deferred") and runs the base instruction.
- Success: the instruction becomes the chosen variant with a miss counter of 53.
  Failure: exponential back-off (value 2**b - 1, b = min(b + 1, 12)).
- A specialized instruction whose guard fails ("miss") decrements its counter and runs
  the base instruction; at 0 it goes back to `_ADAPTIVE` with counter 0x1F5 ("deopt").
- BINARY_OP with an operator other than + * -, and COMPARE_OP not followed by a
  conditional jump, revert to the base instruction for good, as in non-stats builds.

The executable form is CodeInfo.instrs, rewritten in place; CodeInfo.base keeps the
unquickened form, which the eval loop runs while a tool that needs every base
instruction is attached (tracing), as CPython 3.11's DO_TRACING deoptimizes.

Variant handlers live in v3_11.py next to their base instruction. Their *actions* are
always the generic operation or a cheaper one that is exact under the guard, so a
specialized instruction never computes a different result; the guards reproduce when
CPython would hit or miss, reading CPython's own state (type version tags, method
flags) where Python cannot see it (cpython_internals.py).

Each specialization attempt, failure kind (SPEC_FAIL_* names), miss, deferral and
deoptimization is reported through the event API (events.py: on_specialize) for tools.
"""
from ..hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import itertools
import types
import weakref

from .. import cpython_internals as ci
from .. import events
from .. import tier2
from ..codeinfo import SPECIALIZE
from ..tier2 import TIER2
from ..frame import NULL
from ..version import TABLES
from .support import type_lookup

if not ci.LAYOUT_OK:     # an unexpected CPython build: run unspecialized rather than misread
    SPECIALIZE["enabled"] = False

WARMUP_START = -8               # QUICKENING_INITIAL_WARMUP_VALUE
BACKOFF_BITS = 4                # ADAPTIVE_BACKOFF_BITS
MAX_BACKOFF = 16 - BACKOFF_BITS
MISS_COUNTER_START = 53         # miss_counter_start()
MAX_FORMS = 3                   # specialized forms a Cache remembers (Cache.forms)
ADAPTIVE_START = (31 << 4) | 5  # adaptive_counter_start(): value 31, back-off 5


def backoff(counter):
    """adaptive_counter_backoff(): the counter after a failed specialization."""
    b = min((counter & 15) + 1, MAX_BACKOFF)
    return (((1 << b) - 1) << BACKOFF_BITS) | b


# family -> its variants, from CPython's own tables (generated opcodes module)
VARIANTS = TABLES.SPECIALIZATIONS
FAMILIES = tuple(base for base, names in VARIANTS.items() if base + "_ADAPTIVE" in names)
FAMILY_OF = {v: base for base, names in VARIANTS.items() for v in names}
FAMILY_OF.update({base: base for base in VARIANTS})

# the SPEC_FAIL_* codes of CPython 3.11, per family (names as pystats prints them)
_COMMON_FAILS = {0: "OTHER", 1: "NO_DICT", 2: "OVERRIDDEN", 3: "OUT_OF_VERSIONS",
                 4: "OUT_OF_RANGE", 5: "EXPECTED_ERROR", 6: "WRONG_NUMBER_ARGUMENTS"}

H = {}   # handler name -> handler (filled by bind() from v3_11.py)


def bind(namespace):
    """Called by the 3.11 handler module: gives the specializer its handlers by name."""
    for name, obj in namespace.items():
        if name.isupper() and callable(obj):
            H[name] = obj


class Cache:
    """The inline cache of one family instruction (CPython's _Py*Cache after the opcode).

    Owned by CodeInfo.instrs[index]; `counter` is CPython's 16-bit counter (adaptive:
    value << 4 | back-off; specialized: misses left before deoptimizing)."""
    __slots__ = ("counter", "arg", "oparg", "index", "family", "base", "adaptive",
                 "tref", "tver", "version", "obj", "n", "target", "extra", "info", "forms",
                 "globals", "builtins")

    def __init__(self, family, base, arg, oparg, index):
        self.family = family
        self.base = base          # the base handler (runs on deferral and on miss)
        self.adaptive = H[family + "_ADAPTIVE"]
        self.arg = arg            # the decoded argument of the base instruction
        self.oparg = oparg
        self.index = index
        self.counter = 0
        self.tref = self.tver = self.version = self.obj = self.n = None
        self.target = self.extra = self.info = None
        # CALL_PY_*: the function's __globals__ and __builtins__ (read-only attributes),
        # for the frames it makes; held only while the function lives (_held_while)
        self.globals = self.builtins = None
        # the specialized handlers it has had, most recent first (the first MAX_FORMS
        # distinct ones: tier 2 inlines them at a polymorphic site)
        self.forms = ()

    def __repr__(self):
        return f"<cache {self.family} #{self.index} counter={self.counter:#06x}>"


_strong = lambda o: itertools.repeat(o).__next__  # noqa: E731  (a ref that is never dead)


def ref(o):
    """A cheap callable returning `o`: a weak reference when `o` allows one, so that a
    cache never keeps a class or function alive (CPython caches hold only versions)."""
    try:
        return weakref.ref(o)
    except TypeError:
        return _strong(o)


def _emit(f, c, what, detail=None):
    ev = events.ACTIVE
    if ev is not None and ev.specialize_cbs:
        ev.specialize(f, c.index, c.family, what, detail)


# --- the state machine --------------------------------------------------------------------

def has_prefix(info, i):
    """True when EXTENDED_ARG code units precede instruction i (they are folded away in
    the decoded form; CPython's quickening still sees them as instructions)."""
    if not i:
        return info.offsets[0] != 0
    prev = info.ops[i - 1]
    return info.offsets[i] != info.offsets[i - 1] + 2 + 2 * TABLES.CACHE_ENTRIES.get(prev, 0)


def quicken(info):
    """_PyCode_Quicken: rewrite info.instrs into the adaptive form (when specialization
    is on); the code is hot from now on, so tier 2 may compile it."""
    if TIER2["enabled"]:
        tier2.forget_blocks(info)       # (blocks of the unquickened form: see loop_heat)
        tier2.blocks_for(info)
    if not SPECIALIZE["enabled"]:
        return
    base = info.base
    instrs = info.instrs
    names = TABLES.OPNAMES
    prev = None
    for i, op in enumerate(info.ops):
        name = names[op]
        if has_prefix(info, i):
            prev = "EXTENDED_ARG"                 # a prefix sits between the two
        handler, arg = base[i]
        if name in FAMILIES:
            instrs[i] = (H[name + "_ADAPTIVE"], Cache(name, handler, arg, info.opargs[i], i))
            prev = None
            continue
        if name == "JUMP_BACKWARD" or name == "RESUME":
            instrs[i] = (H[name + "_QUICK"], arg)
        elif name == "LOAD_FAST":
            if prev in ("LOAD_FAST", "STORE_FAST", "LOAD_CONST"):
                instrs[i - 1] = (H[prev + "__LOAD_FAST"], (base[i - 1][1], arg))
        elif name == "STORE_FAST":
            if prev == "STORE_FAST":
                instrs[i - 1] = (H["STORE_FAST__STORE_FAST"], (base[i - 1][1], arg))
        elif name == "LOAD_CONST":
            if prev == "LOAD_FAST":
                instrs[i - 1] = (H["LOAD_FAST__LOAD_CONST"], (base[i - 1][1], arg))
        prev = name


def specialize(f, c):
    """Run the family's specializer for the adaptive instruction `c` and apply its verdict."""
    last_type, last_obj = c.tref, c.obj
    try:
        verdict = SPECIALIZERS[c.family](f, c)
    except Exception as e:    # analysis must never break the program: count it as a failure
        verdict = ("fail", f"OTHER ({type(e).__name__} during analysis)")
    what, detail = verdict
    instrs = f.instrs
    if what == "ok":
        h = H[detail]
        known = h in c.forms
        if f.info.blocks is not None:
            # (tier 2: another form, or another type or object (a callee) than the last
            # specialization's, is a polymorphic site)
            polymorphic = c.forms and (h is not c.forms[0] or _other(last_type, c.tref)
                                       or _other(last_obj, c.obj))
            tier2.invalidate(f.info, c.index, not known and len(c.forms) < MAX_FORMS,
                             polymorphic)
        if known or len(c.forms) < MAX_FORMS:
            c.forms = (h,) + tuple(x for x in c.forms if x is not h)
        instrs[c.index] = (h, c)
        c.counter = MISS_COUNTER_START
        _emit(f, c, "success", detail)
    elif what == "revert":
        if f.info.blocks is not None:
            tier2.invalidate(f.info, c.index, False)
        instrs[c.index] = (c.base, c.arg)
        _emit(f, c, "failure", detail + " (reverted to the base instruction for good)")
    else:
        c.counter = backoff(c.counter)
        _emit(f, c, "failure", detail)


def _other(last, now):
    """Do cache references `last` and `now` (`ref`s, or None) refer to different objects?"""
    return last is not None and now is not last and last() is not now()


def adapt(f, c):
    """An _ADAPTIVE instruction whose counter's value reached 0: specialize and dispatch
    again (the count-down itself is inline in v3_11's `_adaptive`)."""
    specialize(f, c)
    handler, arg = f.instrs[c.index]
    return handler(f, arg)


def deferred_event(f, c):
    """Report a deferral (the adaptive instruction waited) to a listening tool."""
    ev = events.ACTIVE
    if ev is not None and ev.specialize_cbs:
        ev.specialize(f, c.index, c.family, "deferred", None)


def miss(f, c, reason):
    """A guard of specialized instruction `c` failed: count down, deoptimize at 0 (tier 2
    writes these lines into its blocks: `_inline_miss`)."""
    c.counter -= 1
    if c.counter <= 0 or events.ACTIVE is not None:
        missed(f, c, reason)


def missed(f, c, reason):
    """The rest of `miss` after its count-down: report the miss, deoptimize at 0. (A
    tier-2 block counts down inline and calls this only when the counter reached 0 or
    a tool listens.)"""
    ev = events.ACTIVE
    if ev is not None and ev.specialize_cbs:
        ev.specialize(f, c.index, c.family, "miss", reason)
    if c.counter <= 0:
        f.instrs[c.index] = (c.adaptive, c)
        if f.info.blocks is not None:
            tier2.invalidate(f.info, c.index, False)
        c.counter = ADAPTIVE_START
        if ev is not None and ev.specialize_cbs:
            ev.specialize(f, c.index, c.family, "deopt", reason)


# --- descriptor analysis (analyze_descriptor in specialize.c) --------------------------------

OVERRIDING, METHOD, PROPERTY, OBJECT_SLOT, OTHER_SLOT, NON_OVERRIDING = range(6)
BUILTIN_CLASSMETHOD, PYTHON_CLASSMETHOD, NON_DESCRIPTOR, MUTABLE, ABSENT = range(6, 11)
DUNDER_CLASS, GETSET_OVERRIDDEN = 11, 12

_OBJECT_CLASS = object.__dict__["__class__"]
def analyze_descriptor(tp, name, store):
    """(kind, descriptor) as specialize.c classifies what `tp` holds for `name`."""
    if not (ci.generic_setattr(tp) if store else ci.generic_getattr(tp)):
        return GETSET_OVERRIDDEN, None
    descr = type_lookup(tp, name)
    if descr is NULL:
        return ABSENT, None
    dtype = type(descr)
    if not dtype.__flags__ & ci.Py_TPFLAGS_IMMUTABLETYPE:
        return MUTABLE, descr
    if type_lookup(dtype, "__set__") is not NULL or type_lookup(dtype, "__delete__") is not NULL:
        if dtype is types.MemberDescriptorType:
            owner = descr.__objclass__
            if owner.__flags__ & ci.Py_TPFLAGS_HEAPTYPE:      # a __slots__ member
                return OBJECT_SLOT, descr
            return OTHER_SLOT, descr
        if dtype is property:
            return PROPERTY, descr
        if name == "__class__" and descr is _OBJECT_CLASS:
            return DUNDER_CLASS, descr
        return OVERRIDING, descr
    if type_lookup(dtype, "__get__") is not NULL:
        if dtype.__flags__ & ci.Py_TPFLAGS_METHOD_DESCRIPTOR:
            return METHOD, descr
        if dtype is types.ClassMethodDescriptorType:
            return BUILTIN_CLASSMETHOD, descr
        if dtype is classmethod:
            return PYTHON_CLASSMETHOD, descr
        return NON_OVERRIDING, descr
    return NON_DESCRIPTOR, descr


_ATTR_FAILS = {OVERRIDING: "ATTR_OVERRIDING_DESCRIPTOR", METHOD: "ATTR_METHOD",
               PROPERTY: "ATTR_PROPERTY", OTHER_SLOT: "ATTR_NON_OBJECT_SLOT",
               MUTABLE: "ATTR_MUTABLE_CLASS", GETSET_OVERRIDDEN: "OVERRIDDEN"}
_METHOD_FAILS = {OVERRIDING: "LOAD_METHOD_OVERRIDING_DESCRIPTOR", METHOD: "LOAD_METHOD_METHOD",
                 PROPERTY: "LOAD_METHOD_PROPERTY", OBJECT_SLOT: "LOAD_METHOD_OBJECT_SLOT",
                 OTHER_SLOT: "LOAD_METHOD_NON_OBJECT_SLOT", DUNDER_CLASS: "OTHER",
                 MUTABLE: "LOAD_METHOD_MUTABLE_CLASS", GETSET_OVERRIDDEN: "OVERRIDDEN",
                 BUILTIN_CLASSMETHOD: "LOAD_METHOD_BUILTIN_CLASS_METHOD",
                 PYTHON_CLASSMETHOD: "LOAD_METHOD_CLASS_METHOD_OBJ",
                 NON_OVERRIDING: "LOAD_METHOD_NON_OVERRIDING_DESCRIPTOR",
                 NON_DESCRIPTOR: "LOAD_METHOD_NOT_DESCRIPTOR",
                 ABSENT: "LOAD_METHOD_INSTANCE_ATTRIBUTE"}


def _guard_type(c, tp):
    """Cache `tp` and its version tag for a type guard; False when it has no version."""
    version = ci.type_version(tp)
    if not version:
        return False
    c.tref = ref(tp)
    c.tver = ci.type_version_view(tp)
    c.version = version
    return True


def _module_attr(c, owner, name):
    """specialize_module_load_attr: a module without __getattr__, guarded by its dict size
    (pyceval's stand-in for the dict keys version)."""
    d = owner.__dict__
    if "__getattr__" in d:
        return ("fail", "ATTR_MODULE_ATTR_NOT_FOUND")
    if type(d) is not dict or ci.dict_keys_kind(d) != ci.DICT_KEYS_UNICODE:
        return ("fail", "ATTR_NON_STRING_OR_SPLIT")
    c.n = len(d)
    return None


def _dict_access(c, owner, tp, values_variant, hint_variant):
    """specialize_dict_access: instance attribute through inline values or a __dict__."""
    if not tp.__flags__ & ci.Py_TPFLAGS_MANAGED_DICT:
        return ("fail", "ATTR_NOT_MANAGED_DICT")
    if not ci.has_materialized_dict(owner):
        return ("ok", values_variant)
    if type(owner.__dict__) is not dict:
        return ("fail", "NO_DICT")
    return ("ok", hint_variant)


# --- one specializer per family ------------------------------------------------------------

def spec_LOAD_ATTR(f, c):
    owner = f.stack[-1]
    name = c.arg
    if type(owner) is types.ModuleType:
        bad = _module_attr(c, owner, name)
        return bad or ("ok", "LOAD_ATTR_MODULE")
    tp = type(owner)
    kind, descr = analyze_descriptor(tp, name, False)
    if not _guard_type(c, tp):
        return ("fail", "OUT_OF_VERSIONS")
    if kind == OBJECT_SLOT:
        if not isinstance(owner, descr.__objclass__):
            return ("fail", "EXPECTED_ERROR")
        return ("ok", "LOAD_ATTR_SLOT")
    if kind == DUNDER_CLASS:
        return ("ok", "LOAD_ATTR_SLOT")
    if kind in _ATTR_FAILS:
        return ("fail", _ATTR_FAILS[kind])
    return _dict_access(c, owner, tp, "LOAD_ATTR_INSTANCE_VALUE", "LOAD_ATTR_WITH_HINT")


def spec_STORE_ATTR(f, c):
    owner = f.stack[-1]
    name = c.arg
    tp = type(owner)
    if tp is types.ModuleType:
        return ("fail", "OVERRIDDEN")
    kind, descr = analyze_descriptor(tp, name, True)
    if not _guard_type(c, tp):
        return ("fail", "OUT_OF_VERSIONS")
    if kind == OBJECT_SLOT:
        if not isinstance(owner, descr.__objclass__):
            return ("fail", "EXPECTED_ERROR")
        return ("ok", "STORE_ATTR_SLOT")
    if kind == DUNDER_CLASS:
        return ("fail", "ATTR_NON_OBJECT_SLOT")
    if kind in _ATTR_FAILS:
        return ("fail", _ATTR_FAILS[kind])
    return _dict_access(c, owner, tp, "STORE_ATTR_INSTANCE_VALUE", "STORE_ATTR_WITH_HINT")


def spec_LOAD_METHOD(f, c):
    owner = f.stack[-1]
    name = c.arg
    tp = type(owner)
    if tp is types.ModuleType:
        bad = _module_attr(c, owner, name)
        return bad or ("ok", "LOAD_METHOD_MODULE")
    if isinstance(owner, type):
        if tp is not type or type_lookup(tp, name) is not NULL:
            return ("fail", "LOAD_METHOD_METACLASS_ATTRIBUTE")
        kind, descr = analyze_descriptor(owner, name, False)
        if not _guard_type(c, owner):
            return ("fail", "OUT_OF_VERSIONS")
        if kind in (METHOD, NON_DESCRIPTOR):
            c.obj = ref(descr)
            return ("ok", "LOAD_METHOD_CLASS")
        return ("fail", "EXPECTED_ERROR" if kind == ABSENT else _METHOD_FAILS[kind])
    kind, descr = analyze_descriptor(tp, name, False)
    if not _guard_type(c, tp):
        return ("fail", "OUT_OF_VERSIONS")
    if kind != METHOD:
        return ("fail", _METHOD_FAILS[kind])
    if tp.__flags__ & ci.Py_TPFLAGS_MANAGED_DICT:
        variant = "LOAD_METHOD_WITH_DICT" if ci.has_materialized_dict(owner) else "LOAD_METHOD_WITH_VALUES"
        if variant == "LOAD_METHOD_WITH_DICT" and name in owner.__dict__:
            return ("fail", "LOAD_METHOD_IS_ATTR")
    elif tp.__dictoffset__ == 0:
        variant = "LOAD_METHOD_NO_DICT"
    elif tp.__dictoffset__ < 0 or tp.__dictoffset__ > 0x7FFF:
        return ("fail", "OUT_OF_RANGE")
    else:
        d = getattr(owner, "__dict__", None)
        if not d:
            return ("fail", "NO_DICT")
        if name in d:
            return ("fail", "LOAD_METHOD_IS_ATTR")
        variant = "LOAD_METHOD_WITH_DICT"
    c.obj = ref(descr)
    return ("ok", variant)


def spec_LOAD_GLOBAL(f, c):
    name = c.arg[0]
    g = f.globals
    if type(g) is not dict:
        return ("fail", "OTHER")
    if ci.dict_keys_kind(g) == ci.DICT_KEYS_GENERAL:
        return ("fail", "LOAD_GLOBAL_NON_STRING_OR_SPLIT")
    c.n = len(g)
    if name in g:
        return ("ok", "LOAD_GLOBAL_MODULE")
    b = f.builtins
    if type(b) is not dict:
        return ("fail", "OTHER")
    if ci.dict_keys_kind(b) == ci.DICT_KEYS_GENERAL:
        return ("fail", "LOAD_GLOBAL_NON_STRING_OR_SPLIT")
    if name not in b:
        return ("fail", "OTHER")
    c.extra = len(b)
    return ("ok", "LOAD_GLOBAL_BUILTIN")


def _binary_op_fail(oparg, lhs, rhs):
    """binary_op_fail_kind(): the SPEC_FAIL name for a BINARY_OP that does not specialize."""
    sym = TABLES.NB_OPS[oparg][1].rstrip("=") if oparg < len(TABLES.NB_OPS) else "?"
    same = type(lhs) is type(rhs)
    if sym == "+":
        return "BINARY_OP_ADD_OTHER" if same else "BINARY_OP_ADD_DIFFERENT_TYPES"
    if sym == "*":
        return "BINARY_OP_MULTIPLY_OTHER" if same else "BINARY_OP_MULTIPLY_DIFFERENT_TYPES"
    if sym == "-":
        return "BINARY_OP_SUBTRACT_OTHER" if same else "BINARY_OP_SUBTRACT_DIFFERENT_TYPES"
    if sym == "/":
        if not same:
            return "BINARY_OP_TRUE_DIVIDE_DIFFERENT_TYPES"
        return "BINARY_OP_TRUE_DIVIDE_FLOAT" if type(lhs) is float else "BINARY_OP_TRUE_DIVIDE_OTHER"
    if sym == "&":
        if not same:
            return "BINARY_OP_AND_DIFFERENT_TYPES"
        return "BINARY_OP_AND_INT" if type(lhs) is int else "BINARY_OP_AND_OTHER"
    return {"//": "BINARY_OP_FLOOR_DIVIDE", "<<": "BINARY_OP_LSHIFT", "@": "BINARY_OP_MATRIX_MULTIPLY",
            "|": "BINARY_OP_OR", "**": "BINARY_OP_POWER", "%": "BINARY_OP_REMAINDER",
            ">>": "BINARY_OP_RSHIFT", "^": "BINARY_OP_XOR"}.get(sym, "OTHER")


def spec_BINARY_OP(f, c):
    stack = f.stack
    lhs, rhs = stack[-2], stack[-1]
    sym = TABLES.NB_OPS[c.oparg][1].rstrip("=")
    t = type(lhs)
    if sym not in ("+", "*", "-"):
        return ("revert", _binary_op_fail(c.oparg, lhs, rhs))
    if t is type(rhs):
        if sym == "+":
            if t is str:
                nxt = f.instrs[c.index + 1] if c.index + 1 < len(f.instrs) else (None, None)
                if (nxt[0] is H["STORE_FAST"] and f.fast[nxt[1]] is lhs) or (
                        nxt[0] is H["STORE_FAST__LOAD_FAST"] and f.fast[nxt[1][0]] is lhs):
                    c.target = nxt[1] if nxt[0] is H["STORE_FAST"] else nxt[1][0]
                    return ("ok", "BINARY_OP_INPLACE_ADD_UNICODE")
                return ("ok", "BINARY_OP_ADD_UNICODE")
            if t is int:
                return ("ok", "BINARY_OP_ADD_INT")
            if t is float:
                return ("ok", "BINARY_OP_ADD_FLOAT")
        elif t is int or t is float:
            kind = "MULTIPLY" if sym == "*" else "SUBTRACT"
            return ("ok", f"BINARY_OP_{kind}_{'INT' if t is int else 'FLOAT'}")
    return ("fail", _binary_op_fail(c.oparg, lhs, rhs))


def _subscr_fail(container, sub):
    t = type(container)
    is_slice = type(sub) is slice
    if t is str:
        return "SUBSCR_STRING_INT" if type(sub) is int else "SUBSCR_STRING_SLICE" if is_slice else "OTHER"
    if t.__module__ == "array" and t.__name__ == "array":
        return "SUBSCR_ARRAY_INT" if type(sub) is int else "SUBSCR_ARRAY_SLICE" if is_slice else "OTHER"
    if t in (bytes, bytearray, memoryview):
        return "SUBSCR_BUFFER_INT" if type(sub) is int else "SUBSCR_BUFFER_SLICE" if is_slice else "OTHER"
    if type(sub) is int and type_lookup(t, "__getitem__") is not NULL:
        return "SUBSCR_SEQUENCE_INT"
    return "OTHER"


def _simple_function_kind(code):
    """function_kind(): None for a simple function, else its SPEC_FAIL name."""
    if code.co_kwonlyargcount or code.co_flags & (0x4 | 0x8):
        return "CALL_COMPLEX_PARAMETERS"
    if not code.co_flags & 0x1:
        return "CALL_CO_NOT_OPTIMIZED"
    return None


def _function_info(func):
    from ..interpreter import function_info
    return function_info(func)


def _unseen_call(f, after, func, info):
    from ..generators import unseen_call
    return unseen_call(f, after, func, info)


def _guest_code(func):
    info = _function_info(func)
    return info.code if info is not None else func.__code__


def spec_BINARY_SUBSCR(f, c):
    stack = f.stack
    container, sub = stack[-2], stack[-1]
    t = type(container)
    if t is list or t is tuple:
        if type(sub) is int:
            return ("ok", "BINARY_SUBSCR_LIST_INT" if t is list else "BINARY_SUBSCR_TUPLE_INT")
        name = "LIST" if t is list else "TUPLE"
        return ("fail", f"SUBSCR_{name}_SLICE" if type(sub) is slice else "OTHER")
    if t is dict:
        return ("ok", "BINARY_SUBSCR_DICT")
    getitem = type_lookup(t, "__getitem__")
    if type(getitem) is types.FunctionType:
        if not t.__flags__ & ci.Py_TPFLAGS_HEAPTYPE:
            return ("fail", "SUBSCR_NOT_HEAP_TYPE")
        code = _guest_code(getitem)
        bad = _simple_function_kind(code)
        if bad:
            return ("fail", bad)
        if code.co_argcount != 2:
            return ("fail", "WRONG_NUMBER_ARGUMENTS")
        if not _guard_type(c, t):
            return ("fail", "OUT_OF_VERSIONS")
        c.obj = ref(getitem)
        c.extra = getitem.__code__
        c.info = _function_info(getitem)
        return ("ok", "BINARY_SUBSCR_GETITEM")
    return ("fail", _subscr_fail(container, sub))


def spec_STORE_SUBSCR(f, c):
    stack = f.stack
    container, sub = stack[-2], stack[-1]
    t = type(container)
    if t is list:
        if type(sub) is int:
            if 0 <= sub < min(len(container), 1 << 30):
                return ("ok", "STORE_SUBSCR_LIST_INT")
            return ("fail", "OUT_OF_RANGE")
        return ("fail", "SUBSCR_LIST_SLICE" if type(sub) is slice else "OTHER")
    if t is dict:
        return ("ok", "STORE_SUBSCR_DICT")
    if isinstance(container, dict) and type_lookup(t, "__setitem__") is dict.__setitem__:
        return ("fail", "SUBSCR_DICT_SUBCLASS_NO_OVERRIDE")
    if t is bytearray:
        return ("fail", "SUBSCR_BYTEARRAY_INT" if type(sub) is int else
                "SUBSCR_BYTEARRAY_SLICE" if type(sub) is slice else "OTHER")
    setitem = type_lookup(t, "__setitem__")
    if type(setitem) is types.FunctionType:
        simple = _simple_function_kind(_guest_code(setitem)) is None
        return ("fail", "SUBSCR_PY_SIMPLE" if simple else "SUBSCR_PY_OTHER")
    return ("fail", "OTHER")


_COMPARE_MASKS = {"<": 1, "<=": 1 | 2, "==": 2, "!=": 1 | 4, ">": 4, ">=": 2 | 4}
_COND_JUMPS = ("POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_FALSE",
               "POP_JUMP_FORWARD_IF_TRUE", "POP_JUMP_BACKWARD_IF_TRUE")


def _compare_fail(lhs, rhs):
    tl, tr = type(lhs), type(rhs)
    if tl is not tr:
        if tl is float and tr is int:
            return "COMPARE_OP_FLOAT_LONG"
        if tl is int and tr is float:
            return "COMPARE_OP_LONG_FLOAT"
        return "COMPARE_OP_DIFFERENT_TYPES"
    return {bytes: "COMPARE_OP_BYTES", tuple: "COMPARE_OP_TUPLE", list: "COMPARE_OP_LIST",
            set: "COMPARE_OP_SET", frozenset: "COMPARE_OP_SET", bool: "COMPARE_OP_BOOL"}.get(
        tl, "COMPARE_OP_BASEOBJECT" if type_lookup(tl, "__eq__") is object.__eq__ else "OTHER")


def spec_COMPARE_OP(f, c):
    stack = f.stack
    lhs, rhs = stack[-2], stack[-1]
    info = f.info
    nxt = c.index + 1
    next_name = TABLES.OPNAMES[info.ops[nxt]] if nxt < len(info.ops) else None
    if next_name in _COND_JUMPS and has_prefix(info, nxt):
        next_name = "EXTENDED_ARG"               # the jump has a prefix: cannot fuse
    if next_name not in _COND_JUMPS:
        return ("revert", "COMPARE_OP_EXTENDED_ARG" if next_name == "EXTENDED_ARG"
                else "COMPARE_OP_NOT_FOLLOWED_BY_COND_JUMP")
    sym = TABLES.CMP_OP[c.oparg]
    mask = _COMPARE_MASKS[sym]
    jump_if_true = next_name.endswith("TRUE")
    if not jump_if_true:
        mask = 7 & ~mask
    if "BACKWARD" in next_name:
        mask <<= 3
    c.n = mask
    c.target = info.base[nxt][1]                 # the jump's target instruction index
    c.extra = jump_if_true
    t = type(lhs)
    if t is not type(rhs):
        return ("fail", _compare_fail(lhs, rhs))
    if t is float:
        return ("ok", "COMPARE_OP_FLOAT_JUMP")
    if t is int:
        if -(1 << 30) < lhs < (1 << 30) and -(1 << 30) < rhs < (1 << 30):
            return ("ok", "COMPARE_OP_INT_JUMP")
        return ("fail", "COMPARE_OP_BIG_INT")
    if t is str:
        if sym not in ("==", "!="):
            return ("fail", "COMPARE_OP_STRING")
        return ("ok", "COMPARE_OP_STR_JUMP")
    return ("fail", _compare_fail(lhs, rhs))


def spec_UNPACK_SEQUENCE(f, c):
    seq = f.stack[-1]
    t = type(seq)
    if t is tuple or t is list:
        if len(seq) != c.arg:
            return ("fail", "EXPECTED_ERROR")
        if t is list:
            return ("ok", "UNPACK_SEQUENCE_LIST")
        return ("ok", "UNPACK_SEQUENCE_TWO_TUPLE" if len(seq) == 2 else "UNPACK_SEQUENCE_TUPLE")
    if type_lookup(t, "__getitem__") is not NULL and not isinstance(seq, dict):
        return ("fail", "UNPACK_SEQUENCE_SEQUENCE")
    if type_lookup(t, "__next__") is not NULL:
        return ("fail", "UNPACK_SEQUENCE_ITERATOR")
    return ("fail", "OTHER")


def call_shape(stack, oparg):
    """(callable, total_args, base) of the PRECALL/CALL about to run with oparg arguments:
    stack[base:] are the arguments, preceded by NULL and the callable, or by the method
    and its self (which then counts as an argument)."""
    base = len(stack) - oparg
    meth = stack[base - 2]
    if meth is NULL:
        return stack[base - 1], oparg, base
    return meth, oparg + 1, base


def _builtin_call_fail(flags):
    return {ci.METH_VARARGS: "CALL_PYCFUNCTION",
            ci.METH_VARARGS | ci.METH_KEYWORDS: "CALL_PYCFUNCTION_WITH_KEYWORDS",
            ci.METH_FASTCALL | ci.METH_KEYWORDS: "CALL_PYCFUNCTION_FAST_WITH_KEYWORDS",
            ci.METH_NOARGS: "CALL_PYCFUNCTION_NOARGS"}.get(flags & ci.CALL_FLAGS_MASK,
                                                        "CALL_BAD_CALL_FLAGS")


def _call_fail(callable_):
    t = type(callable_)
    if t is types.BuiltinFunctionType:
        return "CALL_PYCFUNCTION"
    if t is types.FunctionType:
        return "CALL_PYFUNCTION"
    if t is types.MethodType:
        return "CALL_BOUND_METHOD"
    if isinstance(callable_, type):
        return "CALL_PYTHON_CLASS" if callable_.__new__ is object.__new__ else "CALL_CLASS"
    if t is types.MethodDescriptorType:
        return "CALL_METHOD_DESCRIPTOR"
    if t is types.WrapperDescriptorType:
        return "CALL_OPERATOR_WRAPPER"
    if t is types.MethodWrapperType:
        return "CALL_METHOD_WRAPPER"
    return "OTHER"


def spec_PRECALL(f, c):
    oparg = c.arg
    callable_, nargs, _ = call_shape(f.stack, oparg)
    kwnames = f.kwnames
    t = type(callable_)
    c.obj = ref(callable_)
    if t is types.BuiltinFunctionType:
        flags = ci.method_flags(callable_)
        c.n = flags
        base = flags & ci.CALL_FLAGS_MASK
        if base == ci.METH_O:
            if kwnames:
                return ("fail", "CALL_KWNAMES")
            if nargs != 1:
                return ("fail", "WRONG_NUMBER_ARGUMENTS")
            return ("ok", "PRECALL_NO_KW_LEN" if callable_ is len else "PRECALL_NO_KW_BUILTIN_O")
        if base == ci.METH_FASTCALL:
            if kwnames:
                return ("fail", "CALL_KWNAMES")
            if nargs == 2 and callable_ is isinstance:
                return ("ok", "PRECALL_NO_KW_ISINSTANCE")
            return ("ok", "PRECALL_NO_KW_BUILTIN_FAST")
        if base == ci.METH_FASTCALL | ci.METH_KEYWORDS:
            return ("ok", "PRECALL_BUILTIN_FAST_WITH_KEYWORDS")
        return ("fail", _builtin_call_fail(flags))
    if t is types.FunctionType:
        return ("ok", "PRECALL_PYFUNC")
    if isinstance(callable_, type):
        if callable_.__new__ is object.__new__:
            return ("fail", "CALL_PYTHON_CLASS")
        if callable_.__flags__ & ci.Py_TPFLAGS_IMMUTABLETYPE:
            if nargs == 1 and not kwnames and oparg == 1:
                for tp, variant in ((str, "PRECALL_NO_KW_STR_1"), (type, "PRECALL_NO_KW_TYPE_1"),
                                    (tuple, "PRECALL_NO_KW_TUPLE_1")):
                    if callable_ is tp:
                        return ("ok", variant)
            if ci.has_vectorcall(callable_):
                return ("ok", "PRECALL_BUILTIN_CLASS")
            return ("fail", "CALL_STR" if callable_ is str else "CALL_CLASS_NO_VECTORCALL")
        return ("fail", "CALL_CLASS_MUTABLE")
    if t is types.MethodDescriptorType:
        if kwnames:
            return ("fail", "CALL_KWNAMES")
        flags = ci.method_flags(callable_)
        c.n = flags
        base = flags & ci.CALL_FLAGS_MASK
        if base == ci.METH_NOARGS:
            if nargs != 1:
                return ("fail", "WRONG_NUMBER_ARGUMENTS")
            return ("ok", "PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS")
        if base == ci.METH_O:
            if nargs != 2:
                return ("fail", "WRONG_NUMBER_ARGUMENTS")
            info = f.info
            after = c.index + 2
            pop = after < len(info.ops) and TABLES.OPNAMES[info.ops[after]] == "POP_TOP"
            if callable_ is list.append and oparg == 1 and pop:
                return ("ok", "PRECALL_NO_KW_LIST_APPEND")
            return ("ok", "PRECALL_NO_KW_METHOD_DESCRIPTOR_O")
        if base == ci.METH_FASTCALL:
            return ("ok", "PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST")
        if base == ci.METH_FASTCALL | ci.METH_KEYWORDS:
            return ("ok", "PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS")
        return ("fail", _builtin_call_fail(flags))
    if t is types.MethodType:
        return ("ok", "PRECALL_BOUND_METHOD")
    return ("fail", _call_fail(callable_))


def _held_while(c):
    """The callback of CALL_PY_* cache `c`'s reference to its function: when the function
    dies, the cache lets go of the globals and builtins it kept for its frames, as the
    function does (unless the site has been specialized for another function since)."""
    def released(r):
        if c.obj is r:
            c.globals = c.builtins = None
    return released


def spec_CALL(f, c):
    callable_, nargs, _ = call_shape(f.stack, c.arg)
    if type(callable_) is not types.FunctionType:
        return ("fail", _call_fail(callable_))
    if f.kwnames:
        return ("fail", "CALL_KWNAMES")
    code = _guest_code(callable_)
    bad = _simple_function_kind(code)
    if bad:
        return ("fail", bad)
    argcount = code.co_argcount
    defaults = callable_.__defaults__
    min_args = argcount - (len(defaults) if defaults else 0)
    if min_args < 0 or nargs > argcount or nargs < min_args:
        return ("fail", "WRONG_NUMBER_ARGUMENTS")
    version = ci.function_version(callable_)
    if version == 0:
        return ("fail", "OUT_OF_VERSIONS")
    c.obj = weakref.ref(callable_, _held_while(c))
    c.globals = callable_.__globals__
    c.builtins = callable_.__builtins__
    c.tver = ci.function_version_view(callable_)    # (read after c.obj() is the function)
    c.version = version
    c.extra = callable_.__code__
    c.target = defaults
    c.n = min_args if nargs != argcount else argcount
    info = _function_info(callable_)
    # the variants push a frame for plain functions, and for a generator or coroutine
    # function whose generator the program does not see (the frame's RETURN_GENERATOR
    # makes it: generators.unseen_call); else info None: they run the base
    c.info = info if info is not None and (
        info.kind == "function" or _unseen_call(f, c.index + 1, callable_, info)) else None
    return ("ok", "CALL_PY_EXACT_ARGS" if nargs == argcount else "CALL_PY_WITH_DEFAULTS")


SPECIALIZERS = {name[5:]: fn for name, fn in list(globals().items()) if name.startswith("spec_")}
assert set(SPECIALIZERS) == set(FAMILIES), (sorted(SPECIALIZERS), FAMILIES)
