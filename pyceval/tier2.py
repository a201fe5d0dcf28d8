"""Tier 2: hot code runs as compiled blocks that inline the handlers' own code.

The eval loop's cost is mostly dispatch: for every instruction, load `f.ip`, store it,
index `instrs`, unpack the pair and call the handler, whose body is often two lines.
Once a code object is hot (quickened: CPython 3.11's warm-up of 8 calls or loop
iterations), the loop instead runs *blocks*: host functions, compiled from Python
source this module generates, each executing a straight run of instructions starting
at one index. A block contains, for each instruction, the body of the instruction's
own handler (the one in `info.instrs` right now, specialized or not), taken from the
handler's source and adapted:

- the handler's frame parameter stays `f`; `f.stack` and `f.fast` are read once per
  block; its argument becomes a literal (ints, None, tuples of them) or a global of the
  block (each block has its own globals: the values it reads);
  its locals are renamed `l_*` and set to None after the instruction, so that a block
  keeps no value alive longer than the handler would have;
- module globals it reads become globals of the block holding the same objects;
- `return X` becomes `r = X`, the statements after an `if` that returns moving into its
  other branch; a block returns `r` when it is not None (a frame to push, a signal);
- the value stack lives in the block's variables (see "the virtual stack" below), and
  `f.ip` is stored only before instructions that may run other code; an exception
  restores both from the block's line map, so that the exception table, tracebacks and
  `f_lineno` see the tier-1 state;
- a jump taken leaves the block (or goes round, when it closes a loop on the block's
  start, keeping the values it took from the real stack first, such as a `for`
  iterator, in their variables round after round); `f.ip += N` of a superinstruction is
  followed statically;
- a handler whose stack use depends on its argument is inlined in the form of its
  instruction's *shape* (an argument count, LOAD_GLOBAL's NULL: see "Shapes");
- what the block knows is used to leave code out: exact types (`_Types`), locals known
  bound, type guards known to hold (see "Type guards known to hold");
- a volatile instruction (a polymorphic site) is inlined behind a check of its form, one
  branch per specialized form it has had, and there a failed guard runs the base
  instruction inline (`_switch_forms`, `vbase`);
- the builtin getattr/setattr/delattr of an instruction's name and an operator function
  are written as host syntax (`o.name`, `x + y`), which the host specializes (see
  "Host syntax").

A handler whose body cannot be inlined (a `return` inside a loop or `try`, a nested
function, a closure) is called as the loop would call it. So a block is always exactly
the instruction sequence `info.instrs` holds, with the dispatch taken out: each instruction
is still defined once, by its handler (as CPython generates its tier 1 and tier 2 from one
`bytecodes.c`).

Blocks are built lazily per start index and cached in `info.blocks`; rewriting an
instruction (specialization, deoptimization) clears them (`invalidate`), except at a
volatile site for a form it has had. Tier 2 runs only while no tool listens to
events: tracing, stepping and the stats collector see the tier-1 loop, instruction by
instruction. `PYCEVAL_TIER2=0` (or `pyceval run --no-tier2`) turns it off.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import ast
import copy
import keyword
import marshal
import os
import re
import sys

from . import events as _events
from .instructions import support as _support
from .version import OPMAP, TABLES

TIER2 = {"enabled": os.environ.get("PYCEVAL_TIER2", "1") != "0"}
MAX_BLOCK = 48                 # instructions per block at most
MAX_SPAN = 2 * MAX_BLOCK       # instruction indexes a block covers at most (superinstructions)
HOT_BLOCK = 50                 # executions of a block start before it is compiled
VOLATILE = 4                   # rewrites after which an instruction is no longer inlined
                               # (specialize, deopt, specialize is a normal life: a module
                               # adding globals after a function got hot)
_FILENAME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "instructions",
                         "<tier2 block>")

_REJECT_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
                 ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom, ast.Await)
_REJECT_NAMES = frozenset({"locals", "vars", "super", "dir", "eval", "exec"})


class NotInlinable(Exception):
    """A handler's body cannot be inlined (it is then called)."""


class Template:
    """One handler's body, prepared for inlining (built once per handler code object).

    body       the source of its statements, with names rewritten (see the module
               docstring); the argument is the placeholder name `__ARG__`
    globals    alias -> object for each module global or builtin the body reads
    locals     the renamed locals (cleared after the instruction)
    returns    the body may set `r` to something other than None
    moves_ip   the body may move f.ip other than by a top-level `f.ip += N`
    advance    N of a top-level `f.ip += N` (superinstructions), else 0
    ends       the body always leaves the block (it always jumps, raises or returns)
    uses_arg   the body reads the argument
    vstack     the body rewritten for the virtual stack, as (source, placeholder offsets,
               sets r outside flushed code, depth change, always leaves), or None
    shapes     when the body's stack use depends on its argument (a call's argument
               count, LOAD_GLOBAL's NULL): (rule, {shape: vstack form}), see _SHAPES
    vbase      a specialized form whose failed guards run the base instruction inline
               instead of leaving the block: a vstack form plus the depth change each
               inlined base must have, or None
    """
    __slots__ = ("body", "globals", "locals", "returns", "moves_ip", "advance", "ends",
                 "uses_arg", "vstack", "shapes", "vbase")


_FORMAT = 7          # of the cached templates: bump when Template's fields change
_TEMPLATES = {}      # handler code object -> Template, or None when not inlinable


def prepare(namespace):
    """Build the templates of every handler in a handler module's namespace.

    Called when the instruction set is built, before `pyceval run` adopts the host's
    functions: `ast` and `inspect` are library code that would otherwise run in the VM.
    Compiling a block later only joins strings and calls compile()."""
    handlers = [fn for name, fn in list(namespace.items())
                if name.isupper() and getattr(fn, "__code__", None) is not None
                and fn.__code__ not in _TEMPLATES]
    files = sorted({fn.__code__.co_filename for fn in handlers} | {__file__})
    try:
        stamp = (_FORMAT,) + tuple((name, os.stat(name).st_mtime_ns, os.stat(name).st_size)
                                   for name in files)
    except OSError:
        stamp = None
    cached = _load_cache(stamp)
    entries = {}
    trees = {}
    for fn in handlers:
        code = fn.__code__
        if code in _TEMPLATES:
            continue                # a variant() of a handler already prepared
        key = "%s:%d" % (code.co_filename, code.co_firstlineno)
        if cached is not None and key in cached:
            entry = cached[key]
        else:
            filename = code.co_filename
            if filename not in trees:
                try:
                    with open(filename, encoding="utf-8") as fh:
                        tree = ast.parse(fh.read())
                except (OSError, SyntaxError):
                    tree = None
                trees[filename] = {} if tree is None else {
                    node.lineno: node for node in tree.body if type(node) is ast.FunctionDef}
            fdef = trees[filename].get(code.co_firstlineno)
            try:
                if fdef is None:
                    raise NotInlinable("source not found")
                entry = _make_template(fn, fdef)
            except NotInlinable:
                entry = None
        entries[key] = entry
        _TEMPLATES[code] = None if entry is None else _from_entry(fn, entry)
    if trees and stamp is not None:
        _save_cache(stamp, entries)


_CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__",
                      "tier2-templates.%s.marshal" % sys.implementation.cache_tag)


def _load_cache(stamp):
    """The templates cached for these source files (by modification time and size)."""
    if stamp is None:
        return None
    try:
        with open(_CACHE, "rb") as fh:
            data = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if type(data) is not tuple or len(data) != 2 or data[0] != stamp:
        return None
    return data[1]


def _save_cache(stamp, entries):
    try:
        os.makedirs(os.path.dirname(_CACHE), exist_ok=True)
        tmp = "%s.%d" % (_CACHE, os.getpid())
        with open(tmp, "wb") as fh:
            marshal.dump((stamp, entries), fh)
        os.replace(tmp, _CACHE)
    except OSError:
        pass                # a read-only installation: prepare again next time


def _from_entry(fn, entry):
    """A Template from its cached form, the globals resolved in the handler's module."""
    t = Template()
    (t.body, spec, t.locals, t.returns, t.moves_ip, t.advance, t.ends, t.uses_arg,
     t.vstack, t.shapes, t.vbase) = entry
    t.globals = {alias: (fn.__builtins__ if builtin else fn.__globals__)[name]
                 for alias, name, builtin in spec}
    return t


def template(handler):
    """The Template of a handler, or None (not inlinable, or not prepared)."""
    code = getattr(handler, "__code__", None)
    return _TEMPLATES.get(code) if code is not None else None


def _is_attr(node, base, attr):
    return (type(node) is ast.Attribute and type(node.value) is ast.Name
            and node.value.id == base and node.attr == attr)


def _make_template(handler, fdef):
    if handler.__closure__ or handler.__defaults__ or handler.__kwdefaults__:
        raise NotInlinable("closure or defaults")
    if fdef.decorator_list:
        raise NotInlinable("not a plain function")
    a = fdef.args
    if (len(a.args) != 2 or a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs):
        raise NotInlinable("not (f, arg)")
    pf, parg = a.args[0].arg, a.args[1].arg
    body = fdef.body
    if body and type(body[0]) is ast.Expr and type(body[0].value) is ast.Constant:
        body = body[1:]                     # the docstring
    module = ast.Module(body=body, type_ignores=[])
    stored = set()
    for node in ast.walk(module):
        if isinstance(node, _REJECT_NODES):
            raise NotInlinable(type(node).__name__)
        if type(node) is ast.Name:
            if node.id in _REJECT_NAMES:
                raise NotInlinable(node.id)
            if type(node.ctx) is not ast.Load:
                stored.add(node.id)
        elif type(node) is ast.ExceptHandler and node.name:
            stored.add(node.name)
        elif type(node) is ast.Attribute and type(node.ctx) is not ast.Load:
            if (type(node.value) is ast.Name and node.value.id == pf
                    and node.attr in ("stack", "fast")):
                raise NotInlinable("rebinds f.stack or f.fast")
    if pf in stored:
        raise NotInlinable("rebinds the frame parameter")
    t = Template()
    # `f.ip += N` on every path that goes on: a superinstruction stepping over its next part
    t.advance = _advance(body, pf)
    moves = False
    for node in ast.walk(module):
        if type(node) in (ast.Assign, ast.AugAssign, ast.AnnAssign):
            targets = node.targets if type(node) is ast.Assign else [node.target]
            for tg in targets:
                if _is_attr(tg, pf, "ip") and not (type(node) is ast.AugAssign and node in body):
                    moves = True
        elif type(node) is ast.Call and not _keeps_ip(node.func, parg):
            for x in list(node.args) + [k.value for k in node.keywords]:
                if type(x) is ast.Name and x.id == pf:
                    moves = True          # a callee that gets the frame may jump
    t.moves_ip = moves
    # aliases: `stack = f.stack` / `fast = f.fast` assigned once at top level
    aliases = {}
    for name in ("stack", "fast"):
        assigns = [s for s in ast.walk(module)
                   if type(s) in (ast.Assign, ast.AugAssign, ast.For, ast.With, ast.NamedExpr)
                   and any(type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Store
                           for n in ast.walk(s))]
        if (len(assigns) == 1 and assigns[0] in body and type(assigns[0]) is ast.Assign
                and len(assigns[0].targets) == 1 and _is_attr(assigns[0].value, pf, name)):
            aliases[name] = assigns[0]
    body = [s for s in body if s not in aliases.values()]
    local_names = stored - set(aliases)
    cleared = local_names - _borrowed(module, local_names, pf, parg)
    hglobals = handler.__globals__
    hbuiltins = handler.__builtins__
    glob = {}
    modname = hglobals.get("__name__", "m").rsplit(".", 1)[-1]

    class Rename(ast.NodeTransformer):
        def visit_Attribute(self, node):
            if (type(node.value) is ast.Name and node.value.id == pf and node.attr in ("stack", "fast")
                    and type(node.ctx) is ast.Load):
                return ast.copy_location(ast.Name(node.attr, ast.Load()), node)
            self.generic_visit(node)
            return node

        def visit_Name(self, node):
            i = node.id
            if i == pf:
                new = "f"
            elif i == parg:
                if type(node.ctx) is not ast.Load:
                    raise NotInlinable("rebinds its argument")
                t.uses_arg = True
                new = "__ARG__"
            elif i in aliases:
                new = i
            elif i in local_names:
                new = "l_" + i
            elif i in hglobals:
                new = "g_%s_%s" % (modname, i)
                glob[new] = (i, False)
            elif i in hbuiltins:
                new = "b_" + i
                glob[new] = (i, True)
            else:
                raise NotInlinable("unknown name " + i)
            return ast.copy_location(ast.Name(new, node.ctx), node)

        def visit_ExceptHandler(self, node):
            self.generic_visit(node)
            if node.name:
                node.name = "l_" + node.name
            return node

    t.uses_arg = False
    renamer = Rename()
    body = [renamer.visit(s) for s in body]
    t.returns = False
    body, always = _returns_to_assignments(body, t)
    t.ends = always or _always_leaves(body)
    source = ast.unparse(ast.Module(body=body, type_ignores=[])) if body else "pass"
    spec = tuple((alias, name, builtin) for alias, (name, builtin) in sorted(glob.items()))
    neutral = {alias for alias, (name, builtin) in glob.items() if name in _NEUTRAL}
    lens = {alias for alias, (name, builtin) in glob.items()
            if (hbuiltins if builtin else hglobals)[name] is len}
    vstack = _vstack_entry(body, neutral, lens)
    shapes = None if vstack is not None else _shape_entries(body, neutral, lens)
    vbase = None
    if not t.advance:
        vbase = _vstack_entry(body, neutral, lens, inline_base=True)
    return (source, spec, tuple(sorted("l_" + n for n in cleared)), t.returns, t.moves_ip,
            t.advance, t.ends, t.uses_arg, vstack, shapes, vbase)


_FRAME_HELD = frozenset({"globals", "builtins", "info", "code"})


def _borrowed(module, names, pf, parg):
    """The locals of a handler that only ever hold what its frame or its argument holds
    anyway (`g = f.globals`, `name, push_null = c.arg`, `info = c.info`): a block need
    not clear them after the instruction, since no value lives longer for it."""
    def held(value):
        if type(value) is ast.Name:
            return value.id == parg
        if type(value) is ast.Attribute and type(value.value) is ast.Name:
            return value.value.id == parg or (value.value.id == pf and value.attr in _FRAME_HELD)
        return False

    stores = {}
    for node in ast.walk(module):
        if type(node) is ast.Name and type(node.ctx) is not ast.Load and node.id in names:
            stores[node.id] = stores.get(node.id, 0) + 1
        elif type(node) is ast.ExceptHandler and node.name in names:
            stores[node.name] = stores.get(node.name, 0) + 1
    plain = {}
    for node in ast.walk(module):
        if type(node) is ast.Assign and held(node.value):
            for target in node.targets:
                parts = target.elts if type(target) is ast.Tuple else [target]
                for part in parts:
                    if type(part) is ast.Name:
                        plain[part.id] = plain.get(part.id, 0) + 1
    return {n for n in names if stores.get(n) and plain.get(n) == stores[n]}


# callees that get the frame but neither move f.ip nor touch its stack: counting a miss,
# running signal handlers (_keeps_ip adds a family's base instruction, which never jumps)
_NEUTRAL = frozenset({"_miss", "miss", "deliver_signals", "deferred_event", "_deferred_event"})


def _keeps_ip(func, parg):
    if type(func) is ast.Name:
        return func.id in _NEUTRAL
    return (type(func) is ast.Attribute and func.attr == "base" and type(func.value) is ast.Name
            and func.value.id == parg)


def _advance(stmts, pf):
    """N when every path through `stmts` that goes on to the next instruction steps over
    N more with `f.ip += N` (top level, or a branch beside one that always leaves)."""
    n = 0
    for s in stmts:
        if (type(s) is ast.AugAssign and type(s.op) is ast.Add and _is_attr(s.target, pf, "ip")
                and type(s.value) is ast.Constant and type(s.value.value) is int):
            n += s.value.value
        elif type(s) is ast.If:
            if _always_leaves(s.body, pf):
                n += _advance(s.orelse, pf)
            elif _always_leaves(s.orelse, pf):
                n += _advance(s.body, pf)
    return n


def _has_return(stmts):
    return any(type(n) is ast.Return for s in stmts for n in ast.walk(s))


def _always_leaves(stmts, pf="f"):
    """Does this statement list always raise, return or jump (`f.ip = ...`)?"""
    for s in stmts:
        if type(s) in (ast.Raise, ast.Return):
            return True
        if type(s) is ast.Assign and any(_is_attr(tg, pf, "ip") for tg in s.targets):
            return True
        if (type(s) is ast.If and s.orelse and _always_leaves(s.body, pf)
                and _always_leaves(s.orelse, pf)):
            return True
    return False


def _returns_to_assignments(stmts, t):
    """Rewrite `return X` as `r = X`, moving what follows an `if` that may return into
    its branches. Returns (statements, always_returns)."""
    out = []
    for i, s in enumerate(stmts):
        if type(s) is ast.Return:
            value = s.value if s.value is not None else ast.Constant(None)
            if not (type(value) is ast.Constant and value.value is None):
                t.returns = True
            out.append(ast.copy_location(ast.Assign([ast.Name("r", ast.Store())], value), s))
            return out, True
        if not _has_return([s]):
            out.append(s)
            continue
        if type(s) is not ast.If:
            raise NotInlinable("return inside " + type(s).__name__)
        rest = stmts[i + 1:]
        body, b_always = _returns_to_assignments(s.body, t)
        if not b_always:
            body, b_always = _returns_to_assignments(s.body + rest, t)
        orelse, o_always = _returns_to_assignments(s.orelse, t)
        if not o_always:
            orelse, o_always = _returns_to_assignments(s.orelse + rest, t)
        s = ast.If(s.test, body or [ast.Pass()], orelse)
        out.append(s)
        return out, b_always and o_always
    return out, False


# --- the virtual stack ------------------------------------------------------------------
#
# Inside a block, the value stack lives in the block's own local variables: `stack.pop()`,
# `stack.append(x)` and `stack[-n]` cost a method call or a subscript each, a local
# variable a few nanoseconds. The template of a handler is rewritten, once, with its stack
# operations replaced by *placeholders*, one per stack position relative to the top when
# the instruction starts (`__Sm1__` is the top, `__Sp0__` the first push). When a block is
# generated, each placeholder becomes the variable of an absolute position (`s0`, `s1`, ...
# counted from the depth at which the block was entered; `t1`, `t2`, ... below it, pulled
# from the real stack when an instruction consumes them).
#
# Whatever needs the real stack (a call that gets the frame, such as a failed guard's
# `c.base(f, c.arg)`, a jump out of the block, a frame to push, the end of the block)
# first writes the live variables back to `f.stack` (a *flush*); a branch that calls
# frame-taking code then leaves the block, f.ip and the real stack being exactly what
# tier 1 would have (a failed guard, say, goes on in the loop). An exception raised in a block
# finds its instruction from the line it was raised on (the block's line map), and the
# block's handler writes that instruction's live variables back before it propagates:
# the exception table and tracebacks see exactly the tier-1 stack and f.ip.
#
# Markers, statements of their own in a rewritten template, tell the generator where to
# put this code: __FLUSH_<d>__ (flush, relative depth d), __EXIT_<d>__ (flush and leave:
# after a jump), __SYNC__ (after frame-taking code: leave), __IP__ (store f.ip: code that reads it follows),
# __NORMAL__ (back in virtual mode, after a flushed branch), __ADVANCE_<n>__ (a
# superinstruction's next part begins), __JUMPED__ (f.ip holds a jump target: an
# exception from here on keeps it), __BASE_<d>__ (the family's base instruction runs here,
# as `r = c.base(f, c.arg)` would: the generator inlines its template).

class Unanalyzable(Exception):
    """A template's stack use cannot be followed statically (it then uses the real
    stack, after a flush)."""


def _depth_text(d):
    """A relative depth as it is spelled in placeholders and markers: m2 for -2, p0 for 0."""
    return "%s%d" % ("m" if d < 0 else "p", abs(d))


def _depth_value(text):
    return -int(text[1:]) if text[0] == "m" else int(text[1:])


def placeholder(p):
    return "__S%s__" % _depth_text(p)


def _marker(kind, d=None):
    name = "__%s__" % kind if d is None else "__%s_%s__" % (kind, _depth_text(d))
    return ast.Expr(ast.Name(name, ast.Load()))


def _mentions(node, name):
    return any(type(n) is ast.Name and n.id == name for n in ast.walk(node))


def _neg_const(node):
    """n for the expression `-n` (a constant), else None."""
    if type(node) is ast.Constant and type(node.value) is int and node.value < 0:
        return -node.value
    if (type(node) is ast.UnaryOp and type(node.op) is ast.USub and type(node.operand) is ast.Constant
            and type(node.operand.value) is int and node.operand.value > 0):
        return node.operand.value
    return None


def _is_stack_call(node, method):
    return (type(node) is ast.Call and type(node.func) is ast.Attribute
            and type(node.func.value) is ast.Name and node.func.value.id == "stack"
            and node.func.attr == method)


class VStack:
    """Rewrites one template body (already renamed: `stack`, `f`, `l_*`, `g_*`) for the
    virtual stack. `neutral`: aliases of callees that get the frame but neither touch
    its stack nor move f.ip (counting a miss, running signal handlers)."""

    def __init__(self, neutral, lens=frozenset(), inline_base=False):
        self.neutral = neutral
        self.inline_base = inline_base  # a branch ending in the base instruction inlines it
        self.base_effects = []  # per __BASE_ marker in a branch: the depth change required
        self.base_tail = False  # the instruction ends with a base in a branch (any change)
        self.top_level = self.last = False      # where stmts() is (for if_)
        self.lens = lens        # aliases of len(): `base = len(stack) - N` names a position
        self.bases = {}         # such local -> the position it names
        self.d = 0              # stack depth relative to the instruction's start
        self.offsets = set()    # placeholders used
        self.returns = False    # `r = X` outside flushed code

    # expressions, in evaluation order
    def expr(self, node):
        if not _mentions(node, "stack"):
            return node
        if _is_stack_call(node, "pop") and not node.args and not node.keywords:
            self.d -= 1
            return self.slot(self.d)
        if type(node) is ast.Subscript and type(node.value) is ast.Name and node.value.id == "stack":
            if type(node.ctx) is not ast.Load:
                raise Unanalyzable("stack store in an expression")
            p = self.position(node.slice)
            if p is not None:
                return self.slot(p)
            s = node.slice
            if type(s) is ast.Slice and s.upper is None and s.step is None:
                p = self.position(s.lower)
                if p is not None and p <= self.d:
                    return ast.List([self.slot(q) for q in range(p, self.d)], ast.Load())
            raise Unanalyzable("stack subscript")
        if self.bases and type(node) is ast.Name and node.id in self.bases:
            raise Unanalyzable("a stack position used as a value")
        if type(node) is ast.Name:
            raise Unanalyzable("stack used as a value")
        if type(node) in (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Dict):
            raise Unanalyzable("stack in " + type(node).__name__)
        conditional = ()
        if type(node) is ast.IfExp:
            conditional = ("body", "orelse")
        elif type(node) is ast.BoolOp:
            conditional = ("values",)
        new = type(node)()
        for field, value in ast.iter_fields(node):
            before = self.d
            if type(value) is list:
                out = []
                for i, v in enumerate(value):
                    b = self.d
                    out.append(self.expr(v) if isinstance(v, ast.AST) else v)
                    if field in conditional and i > 0 and self.d != b:
                        raise Unanalyzable("conditional pop")
                value = out
            elif isinstance(value, ast.AST):
                value = self.expr(value)
            if field in conditional and type(node) is ast.IfExp and self.d != before:
                raise Unanalyzable("conditional pop")
            setattr(new, field, value)
        if type(new) is ast.Call and any(type(a) is ast.Starred and type(a.value) is ast.List
                                         for a in new.args):
            # `f(*stack[base:])`, the positions a list: `f(s1, s2)`
            args = []
            for a in new.args:
                args.extend(a.value.elts if type(a) is ast.Starred and type(a.value) is ast.List
                            else [a])
            new.args = args
        return ast.copy_location(new, node)

    def slot(self, p, ctx=None):
        self.offsets.add(p)
        return ast.Name(placeholder(p), ctx or ast.Load())

    def position(self, index):
        """The position a stack index names: `-n` (from the top), or `base`, `base - n`,
        `base + n` for a local set to `len(stack) - N`; else None."""
        n = _neg_const(index)
        if n is not None:
            return self.d - n
        if type(index) is ast.Name and index.id in self.bases:
            return self.bases[index.id]
        if (type(index) is ast.BinOp and type(index.left) is ast.Name and index.left.id in self.bases
                and type(index.op) in (ast.Add, ast.Sub) and type(index.right) is ast.Constant
                and type(index.right.value) is int):
            k = index.right.value
            return self.bases[index.left.id] + (k if type(index.op) is ast.Add else -k)
        return None

    def base_of(self, s):
        """For `X = len(stack) - N` (N a constant): (X, N), else None."""
        if not (type(s) is ast.Assign and len(s.targets) == 1 and type(s.targets[0]) is ast.Name):
            return None
        v = s.value
        if (type(v) is ast.BinOp and type(v.op) is ast.Sub and type(v.right) is ast.Constant
                and type(v.right.value) is int and type(v.left) is ast.Call
                and type(v.left.func) is ast.Name and v.left.func.id in self.lens
                and len(v.left.args) == 1 and type(v.left.args[0]) is ast.Name
                and v.left.args[0].id == "stack" and not v.left.keywords):
            return s.targets[0].id, v.right.value
        return None

    def target(self, node):
        """An assignment target (evaluated after the value)."""
        if type(node) is ast.Subscript and type(node.value) is ast.Name and node.value.id == "stack":
            p = self.position(node.slice)
            if p is None:
                raise Unanalyzable("stack store")
            return self.slot(p, ast.Store())
        if type(node) in (ast.Tuple, ast.List):
            return type(node)([self.target(e) for e in node.elts], ast.Store())
        if _mentions(node, "stack"):
            raise Unanalyzable("stack in a target")
        return node

    # frame-taking code
    def f_calls(self, node):
        """'opaque' when `node` calls something with the frame that may use its stack or
        move f.ip, 'ip' when it only needs f.ip stored, else None."""
        kind = None
        for n in ast.walk(node):
            if type(n) is ast.Call and any(type(a) is ast.Name and a.id == "f"
                                           for a in list(n.args) + [k.value for k in n.keywords]):
                if type(n.func) is ast.Name and n.func.id in self.neutral:
                    kind = kind or "ip"
                else:
                    return "opaque"
            elif type(n) is ast.Attribute and type(n.value) is ast.Name and n.value.id == "f" \
                    and n.attr == "ip" and type(n.ctx) is ast.Load:
                kind = kind or "ip"
        return kind

    # statements
    def stmts(self, body, top=False):
        """Rewrite a statement list; returns (statements, leaves) where `leaves` means
        the list always leaves the instruction (raise, jump out)."""
        out = []
        body = _fold_constant_ifs(body)
        for i, s in enumerate(body):
            last = i == len(body) - 1
            t = type(s)
            based = self.base_of(s)
            if based is not None:
                if not top or based[0] in self.bases:
                    raise Unanalyzable("a stack position named in a branch, or twice")
                self.bases[based[0]] = self.d - based[1]
                continue
            if t is ast.AugAssign and _is_attr(s.target, "f", "ip"):
                if not (type(s.op) is ast.Add and type(s.value) is ast.Constant
                        and type(s.value.value) is int and s.value.value > 0):
                    raise Unanalyzable("f.ip += x")
                out.append(_marker("ADVANCE", s.value.value))
                continue
            if t is ast.Assign and any(_is_attr(tg, "f", "ip") for tg in s.targets):
                if len(s.targets) != 1:
                    raise Unanalyzable("f.ip in a multiple assignment")
                rest = body[i + 1:]
                if any(_mentions(x, "stack") or self.f_calls(x) == "opaque" for x in rest):
                    raise Unanalyzable("stack use after a jump")
                out.append(ast.copy_location(ast.Assign(s.targets, self.expr(s.value)), s))
                out.append(_marker("JUMPED"))       # f.ip holds the target from here on
                out.extend(rest)
                out.append(_marker("EXIT", self.d))
                return out, True
            kind = self.f_calls(s)
            if kind == "opaque" and top and last and _is_base_call(s):
                # the family's base instruction, always run: the generator inlines it
                out.append(_marker("BASE", self.d))
                return out, False
            if kind == "opaque" and t is not ast.If:
                raise Unanalyzable("frame-taking call outside a branch")
            if kind == "ip" and t is not ast.If and t is not ast.Try:
                out.append(_marker("IP"))
            if t is ast.Expr and _is_stack_call(s.value, "append") and len(s.value.args) == 1:
                v = self.expr(s.value.args[0])
                out.append(ast.copy_location(ast.Assign([self.slot(self.d, ast.Store())], v), s))
                self.d += 1
            elif t is ast.Expr and _is_stack_call(s.value, "extend") and len(s.value.args) == 1 \
                    and type(s.value.args[0]) in (ast.Tuple, ast.List):
                values = [self.expr(e) for e in s.value.args[0].elts]
                for v in values:
                    out.append(ast.copy_location(ast.Assign([self.slot(self.d, ast.Store())], v), s))
                    self.d += 1
            elif t is ast.Expr and _is_stack_call(s.value, "extend") and len(s.value.args) == 1 \
                    and type(s.value.args[0]) is ast.Call \
                    and type(s.value.args[0].func) is ast.Name \
                    and s.value.args[0].func.id == "__UNPACKED__":
                seq, count, backwards = s.value.args[0].args
                v = self.expr(seq)
                n = count.value
                if n == 0:
                    out.append(ast.copy_location(ast.Expr(v), s))
                else:       # backwards: seq[0] is pushed last (the top)
                    at = [self.d + n - 1 - i if backwards.value else self.d + i for i in range(n)]
                    tg = ast.Tuple([self.slot(p, ast.Store()) for p in at], ast.Store())
                    out.append(ast.copy_location(ast.Assign([tg], v), s))
                self.d += n
            elif t is ast.Assign:
                v = self.expr(s.value)
                targets = [self.target(tg) for tg in s.targets]
                if any(type(tg) is ast.Name and tg.id == "r" for tg in targets) and not (
                        type(v) is ast.Constant and v.value is None):
                    self.returns = True     # (a bare `return` became `r = None`: nothing)
                out.append(ast.copy_location(ast.Assign(targets, v), s))
            elif t is ast.Delete:
                kept = []
                for tg in s.targets:
                    if type(tg) is ast.Subscript and type(tg.value) is ast.Name and tg.value.id == "stack":
                        if self.position(tg.slice) == self.d - 1:
                            self.d -= 1
                            continue
                        sl = tg.slice
                        p = None
                        if type(sl) is ast.Slice and sl.upper is None and sl.step is None:
                            p = self.position(sl.lower)
                        if p is not None and p <= self.d:
                            self.d = p
                            continue
                        raise Unanalyzable("del stack[...]")
                    if _mentions(tg, "stack"):
                        raise Unanalyzable("stack in del")
                    kept.append(tg)
                if kept:
                    out.append(ast.copy_location(ast.Delete(kept), s))
            elif t is ast.If:
                self.top_level, self.last = top, last
                new, leaves = self.if_(s)
                self.top_level = self.last = False
                out.extend(new)
                if leaves:
                    return out, True
            elif t is ast.Try:
                new, leaves = self.try_(s)
                out.append(new)
                if leaves:
                    return out, True
            elif t is ast.Raise:
                out.append(ast.copy_location(ast.Raise(self.expr(s.exc) if s.exc else None,
                                                       self.expr(s.cause) if s.cause else None), s))
                return out, True
            elif t in (ast.Expr, ast.AugAssign, ast.AnnAssign, ast.Pass, ast.Assert):
                if t is ast.AugAssign and _mentions(s.target, "stack"):
                    raise Unanalyzable("stack augmented assignment")
                if t is ast.Expr:
                    v = self.expr(s.value)
                    if not (type(v) is ast.Name and v.id.startswith("__S")):   # a dropped pop
                        out.append(ast.copy_location(ast.Expr(v), s))
                elif t is ast.AugAssign:
                    out.append(ast.copy_location(ast.AugAssign(s.target, s.op, self.expr(s.value)), s))
                else:
                    if _mentions(s, "stack"):
                        raise Unanalyzable("stack in " + t.__name__)
                    out.append(s)
            else:
                if _mentions(s, "stack") or _mentions(s, "r"):
                    raise Unanalyzable("stack in " + t.__name__)
                out.append(s)
        return out, False

    def branch(self, body, d):
        """Rewrite one branch starting at depth d: (statements, end depth or None when
        it leaves, flushed) where `flushed` means it calls frame-taking code and so runs
        on the real stack (its statements are then the original ones)."""
        self.d = d
        if (self.inline_base and body and _is_base_call(body[-1])
                and not any(self.f_calls(x) == "opaque" for x in body[:-1])):
            # a failed guard's `r = c.base(f, c.arg)`: the base instruction runs inline
            # and the block goes on (DEOPT_IF in CPython); its depth change is checked
            # when the generator inlines it
            new, leaves = self.stmts(body[:-1])
            if leaves:
                return new, None, False
            new.append(_marker("BASE", self.d))
            return new, ("base", self.d), False
        if any(self.f_calls(s) == "opaque" and type(s) is not ast.If for s in body):
            return body, None, True
        new, leaves = self.stmts(body)
        return new, (None if leaves else self.d), False

    def if_(self, s):
        at_end = self.top_level and self.last      # the instruction's last statement
        test = self.expr(s.test)
        d0 = self.d
        body, d1, fl1 = self.branch(s.body, d0)
        orelse, d2, fl2 = self.branch(s.orelse, d0)
        if type(d1) is tuple or type(d2) is tuple:
            other = d2 if type(d1) is tuple else d1
            marker_depth = (d1 if type(d1) is tuple else d2)[1]
            if (fl1 or fl2) and at_end:
                # (the _ADAPTIVE forms: specialize, else count down and run the base
                # instruction) the base ends the instruction: its depth change is free,
                # and the flushed branch is made as any other below
                self.base_tail = True
                if fl2:
                    d1 = marker_depth
                else:
                    d2 = marker_depth
            elif type(other) is not int or fl1 or fl2:
                raise Unanalyzable("an inlined base beside a branch of unknown depth")
            else:
                self.base_effects.append(other - marker_depth)
                d1 = d2 = other
        if fl1 and fl2:
            raise Unanalyzable("frame-taking code in both branches")
        if fl1 or fl2:
            # the flushed branch runs on the real stack and leaves the block (SYNC)
            flushed = body if fl1 else orelse
            new = [_marker("FLUSH", d0)] + list(flushed) + [_marker("SYNC")]
            if fl1:
                body = new
                orelse = [_marker("NORMAL")] + list(orelse) if orelse else []
                d1 = None
            else:
                orelse = new
                d2 = None
            s = ast.copy_location(ast.If(test, body, orelse or [ast.Pass()]), s)
            if d1 is None and d2 is None:
                self.d = d0
                return [s], True
            self.d = d1 if d1 is not None else d2
            return [s, _marker("NORMAL")], False
        if d1 is None and d2 is None:
            self.d = d0
            return [ast.copy_location(ast.If(test, body or [ast.Pass()], orelse), s)], True
        if d1 is not None and d2 is not None and d1 != d2:
            raise Unanalyzable("branches leave different depths")
        self.d = d1 if d1 is not None else d2
        return [ast.copy_location(ast.If(test, body or [ast.Pass()], orelse), s)], False

    def try_(self, s):
        if s.finalbody:
            raise Unanalyzable("try/finally")
        d0 = self.d
        if any(self.f_calls(x) for x in s.body):
            raise Unanalyzable("frame-taking code in try")
        body, leaves = self.stmts(s.body)
        if self.d != d0 or leaves or any(
                _is_stack_call(n, m) for x in s.body for n in ast.walk(x) for m in ("pop", "append", "extend")):
            raise Unanalyzable("try body changes the depth")
        ends = []
        handlers = []
        for h in s.handlers:
            hb, dh, fl = self.branch(h.body, d0)
            if fl:
                raise Unanalyzable("frame-taking code in an except clause")
            handlers.append(ast.copy_location(ast.ExceptHandler(h.type, h.name, hb), h))
            ends.append(dh)
        orelse, de, fl = self.branch(s.orelse, d0)
        if fl:
            raise Unanalyzable("frame-taking code in try's else")
        ends.append(de)
        live = {e for e in ends if e is not None}
        if len(live) > 1:
            raise Unanalyzable("try clauses leave different depths")
        new = ast.copy_location(ast.Try(body, handlers, orelse, []), s)
        self.d = min(live) if live else d0
        return new, not live


def _is_base_call(s):
    """Is `s` exactly `r = __ARG__.base(f, __ARG__.arg)`?"""
    if not (type(s) is ast.Assign and len(s.targets) == 1 and type(s.targets[0]) is ast.Name
            and s.targets[0].id == "r" and type(s.value) is ast.Call):
        return False
    c = s.value
    return (_is_attr(c.func, "__ARG__", "base") and len(c.args) == 2 and not c.keywords
            and type(c.args[0]) is ast.Name and c.args[0].id == "f"
            and _is_attr(c.args[1], "__ARG__", "arg"))


def _vstack_entry(body, neutral, lens=frozenset(), inline_base=False):
    """(source, offsets, returns) of a template body rewritten for the virtual stack,
    or None when its stack use cannot be followed. With `inline_base`: the form whose
    failed guards run the base instruction inline, as (..., the depth change each inlined
    base must have), or None when there is no such guard."""
    v = VStack(neutral, lens, inline_base)
    try:
        new, leaves = v.stmts(body, top=True)
    except Unanalyzable:
        return None
    if inline_base and not (v.base_effects or v.base_tail):
        return None
    if v.base_tail and v.base_effects:
        return None
    source = ast.unparse(ast.Module(body=new, type_ignores=[])) if new else "pass"
    entry = source, tuple(sorted(v.offsets)), v.returns, v.d, leaves
    if v.base_tail:
        return entry           # (one base, at the end: as a top-level __BASE_ marker)
    return entry + (tuple(v.base_effects),) if inline_base else entry


def _fold_constant_ifs(body):
    """`if <constant>:` replaced by the branch it takes (after a shape is written in)."""
    if not any(type(s) is ast.If and type(s.test) is ast.Constant for s in body):
        return body
    out = []
    for s in body:
        if type(s) is ast.If and type(s.test) is ast.Constant:
            out.extend(_fold_constant_ifs(s.body if s.test.value else s.orelse))
        else:
            out.append(s)
    return out


# Shapes: a handler whose stack use depends on its argument gets one virtual-stack form
# per shape, built here (prepare time) by writing the shape into its body; a block then
# uses the form of its instruction's shape (`shape_of`), or the real stack for others.
#   "count": `__ARG__.arg` is a count (CALL, PRECALL: arguments; 0..MAX_COUNT_SHAPE)
#   "null":  `name, push_null = __ARG__.arg` (LOAD_GLOBAL's specialized forms);
#   "null-arg": `name, push_null = __ARG__` (the base LOAD_GLOBAL)
#   "int":   the argument itself is an int that sizes the stack use (BUILD_TUPLE, COPY,
#            SWAP, LIST_APPEND, BUILD_SLICE, FORMAT_VALUE; 0..MAX_COUNT_SHAPE)
# Expressions of constants the shape makes (`-2`, `3 == 3`) are folded.
MAX_COUNT_SHAPE = 6


class _WriteShape(ast.NodeTransformer):
    def __init__(self, rule, value):
        self.rule, self.value = rule, value

    def visit_Attribute(self, node):
        if self.rule == "count" and _is_attr(node, "__ARG__", "arg"):
            return ast.copy_location(ast.Constant(self.value), node)
        self.generic_visit(node)
        return node

    def visit_Assign(self, node):
        if (self.rule in ("null", "null-arg") and len(node.targets) == 1
                and type(node.targets[0]) is ast.Tuple and len(node.targets[0].elts) == 2
                and (_is_attr(node.value, "__ARG__", "arg") or (
                    type(node.value) is ast.Name and node.value.id == "__ARG__"))):
            first, flag = node.targets[0].elts
            self.flag = flag.id
            value = ast.Subscript(node.value, ast.Constant(0), ast.Load())
            return ast.copy_location(ast.Assign([first], value), node)
        self.generic_visit(node)
        return node

    def visit_Expr(self, node):
        self.generic_visit(node)
        found = _unpacking_extend(node)
        if found is not None and self.rule in ("count", "int"):
            # `stack.extend(seq[::-1])` after a guard of seq's length (the shape), or of
            # unpack_iterable's exactly-n values: the items as the shape's number of
            # positions (`__UNPACKED__`: see VStack)
            call = ast.Call(ast.Name("__UNPACKED__", ast.Load()),
                            [found[0], ast.Constant(self.value), ast.Constant(found[1])], [])
            node.value.args[0] = ast.copy_location(call, node.value.args[0])
        return node

    def visit_Name(self, node):
        if self.rule in ("null", "null-arg") and node.id == getattr(self, "flag", None):
            return ast.copy_location(ast.Constant(self.value), node)
        if self.rule == "int" and node.id == "__ARG__":
            return ast.copy_location(ast.Constant(self.value), node)
        return node


_FOLDABLE = (ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp)


class _FoldConstants(ast.NodeTransformer):
    """Fold operators applied to constants only (ints and bools a shape wrote in)."""

    def generic_visit(self, node):
        node = super().generic_visit(node)
        if type(node) in _FOLDABLE and all(
                type(c) is ast.Constant and type(c.value) in (int, bool)
                for c in ast.iter_child_nodes(node) if isinstance(c, ast.expr)):
            try:
                value = eval(compile(ast.Expression(node), "<shape>", "eval"), {})
            except Exception:
                return node
            return ast.copy_location(ast.Constant(value), node)
        if type(node) is ast.IfExp and type(node.test) is ast.Constant:
            return node.body if node.test.value else node.orelse
        return node


def _unpacking_extend(node):
    """For the statement `stack.extend(X[::-1])`: (X, True); for
    `stack.extend(support.unpack_iterable(seq, n, -1))` (exactly n values, in stack
    order): (that call, False); else None."""
    if not (type(node) is ast.Expr and _is_stack_call(node.value, "extend")
            and len(node.value.args) == 1 and not node.value.keywords):
        return None
    a = node.value.args[0]
    if (type(a) is ast.Subscript and type(a.slice) is ast.Slice and a.slice.lower is None
            and a.slice.upper is None and _neg_const(a.slice.step) == 1):
        return a.value, True
    if (type(a) is ast.Call and type(a.func) is ast.Attribute
            and a.func.attr == "unpack_iterable" and len(a.args) == 3 and not a.keywords
            and _neg_const(a.args[2]) == 1):
        return a, False
    return None


MAX_UNPACK_SHAPE = 16       # UNPACK_SEQUENCE_*: items unpacked onto positions


def _shape_rule(body):
    tree = ast.Module(body=body, type_ignores=[])
    unpacks = any(_unpacking_extend(n) is not None for n in ast.walk(tree))
    top = MAX_UNPACK_SHAPE if unpacks else MAX_COUNT_SHAPE
    for n in ast.walk(tree):
        if (type(n) is ast.Assign and len(n.targets) == 1 and type(n.targets[0]) is ast.Tuple
                and len(n.targets[0].elts) == 2 and all(type(e) is ast.Name
                                                        for e in n.targets[0].elts)):
            if _is_attr(n.value, "__ARG__", "arg"):
                return "null", (False, True)
            if type(n.value) is ast.Name and n.value.id == "__ARG__":
                return "null-arg", (False, True)        # (the base LOAD_GLOBAL)
    if any(type(n) is ast.Name and n.id == "stack" for n in ast.walk(tree)):
        if any(_is_attr(n, "__ARG__", "arg") for n in ast.walk(tree)):
            return "count", tuple(range(top + 1))
        if not any(type(n) is ast.Attribute and type(n.value) is ast.Name
                   and n.value.id == "__ARG__" for n in ast.walk(tree)) and \
                any(type(n) is ast.Name and n.id == "__ARG__" for n in ast.walk(tree)):
            return "int", tuple(range(top + 1))
    return None, ()


def _shape_entries(body, neutral, lens):
    """(rule, {shape: vstack form}) for a body whose stack use depends on its argument,
    or None."""
    rule, values = _shape_rule(body)
    forms = {}
    for value in values:
        writer = _WriteShape(rule, value)
        written = [_FoldConstants().visit(writer.visit(copy.deepcopy(s))) for s in body]
        entry = _vstack_entry([ast.fix_missing_locations(s) for s in written], neutral, lens)
        if entry is not None:
            forms[value] = entry
    return (rule, forms) if forms else None


def shape_of(rule, arg):
    """The shape of an instruction's argument under a template's shape rule."""
    inner = getattr(arg, "arg", None)
    if rule == "count":
        return inner if type(inner) is int else None
    if rule == "null":
        return bool(inner[1]) if type(inner) is tuple and len(inner) == 2 else None
    if rule == "null-arg":
        return bool(arg[1]) if type(arg) is tuple and len(arg) == 2 else None
    if rule == "int":
        return arg if type(arg) is int else None
    return None


# --- blocks ------------------------------------------------------------------------------



def _literal(value):
    """Can `value` be written into a block's source without changing what the program
    sees? Only for objects whose identity the compiler cannot change: small ints (the
    cached -5..256), None, True and False."""
    return value is None or type(value) is bool or (type(value) is int and -5 <= value <= 256)


def _literal_arg(arg, src):
    """The argument's source text, or None. A tuple (a superinstruction's pair) qualifies
    when each item does and the body only ever subscripts it: a tuple constant pushed
    as it is must keep its identity (LOAD_CONST)."""
    if _literal(arg):
        return repr(arg)
    if (type(arg) is tuple and all(_literal(v) for v in arg)
            and "__ARG__" not in src.replace("__ARG__[", "")):
        return repr(arg)
    return None


def blocks_for(info):
    """The block table of a hot code object: one slot per instruction index (+1)."""
    blocks = info.blocks
    if blocks is None:
        info.leaders, info.entries = _leaders(info)
        blocks = info.blocks = [None] * (len(info.instrs) + 1)
    return blocks


# instructions after which execution usually resumes from the loop: a call's return, a
# generator's resumption (the next instruction then starts a block). Others that may
# push a frame (a guest __getitem__, __enter__) resume through a block of their own
# when they do (compile_block at any index).
_RESUMED_AFTER = frozenset(OPMAP[name] for name in (
    "CALL", "CALL_FUNCTION_EX", "YIELD_VALUE", "SEND") if name in OPMAP)


_HANDLER_ENTRY = -1     # (in CodeInfo.entries: an exception handler starts there)


def _leaders(info):
    """Per instruction index: does a block start there? Jump targets, exception handlers
    and resumption points; a block stops before the next leader, so that blocks do not
    overlap (each hot instruction is compiled once). And the entries of each jump target
    and handler: {index: [the indexes of the jumps there, _HANDLER_ENTRY]}."""
    n = len(info.ops)
    leaders = bytearray(n + 1)
    leaders[0] = 1
    entries = {}
    jumps = TABLES.JUMPS
    for i, op in enumerate(info.ops):
        if op in jumps:
            target = info.base[i][1]
            leaders[target] = 1             # (a block goes on past a jump not taken)
            entries.setdefault(target, []).append(i)
        elif op in _RESUMED_AFTER:
            leaders[i + 1] = 1
    for h in info.handlers or ():
        if h is not None:
            leaders[h[0]] = 1
            sources = entries.setdefault(h[0], [])
            if _HANDLER_ENTRY not in sources:
                sources.append(_HANDLER_ENTRY)
    return leaders, entries


HOT_LOOP = 64                  # backward conditional jumps before unquickened code is hot


def loop_heat(info):
    """A backward conditional jump taken in code that has no blocks: 3.11 counts no
    warm-up there (a `while` loop tests at its end), so a function called a few times
    whose loops close that way would never quicken, nor reach tier 2. After HOT_LOOP of
    them tier 2 compiles its unquickened form; returns RESCAN then (the loop switches
    to blocks), else None. Quickening later replaces those blocks (forget_blocks)."""
    n = info.backedges + 1
    info.backedges = n
    if n < HOT_LOOP or not TIER2["enabled"]:
        return None
    blocks_for(info)
    return sys.modules[__package__ + ".interpreter"].RESCAN


def forget_blocks(info):
    """Drop every compiled block of `info` (its instructions were all rewritten)."""
    blocks = info.blocks
    if blocks is not None:
        blocks[:] = [None] * len(blocks)


def invalidate(info, index, new_form, polymorphic=False):
    """Instruction `index` of `info` was rewritten: the blocks that inlined it are stale.
    An instruction rewritten again and again (a polymorphic site cycling between
    specialization and deoptimization, as 3.11's counters make it) becomes *volatile*:
    blocks then inline each specialized form it has had behind a check of its handler
    (`_switch_forms`), and dispatch it through `info.instrs` otherwise, so that they are
    recompiled only when it takes a form it has not had (`new_form`; at most
    specialize_v3_11.MAX_FORMS times). It becomes volatile at once when it is
    specialized again for another form, another type or another callee than the last
    time (`polymorphic`: a site that saw tuples, then lists), rather than after VOLATILE
    rewrites (the count is for changes a site need not see again, as a module adding
    globals after a function got hot)."""
    blocks = info.blocks
    if blocks is None:
        return
    rewrites = info.rewrites
    if rewrites is None:
        rewrites = info.rewrites = {}
    seen = rewrites.get(index, 0)
    rewrites[index] = max(seen + 1, VOLATILE) if polymorphic else seen + 1
    if seen >= VOLATILE and not new_form:
        return                     # the blocks already dispatch it
    for i in range(max(0, index - MAX_SPAN), min(len(blocks), index + MAX_SPAN + 1)):
        b = blocks[i]
        if b is not None and b.low <= index < b.end:
            blocks[i] = None


def step(f, ts):
    """Tier-1 execution from f.ip up to the next block start (a leader) or signal, for
    block starts not executed often enough yet to be worth compiling (called as blocks
    are, with the thread state)."""
    instrs = f.instrs
    leaders = f.info.leaders
    while True:
        ip = f.ip
        f.ip = ip + 1
        handler, arg = instrs[ip]
        r = handler(f, arg)
        if r is not None:
            return r
        if leaders[f.ip]:
            return None


def compile_block(info, start):
    """The block starting at instruction `start`: `step` until the start has been reached
    HOT_BLOCK times, then the compiled block (installed in info.blocks)."""
    heat = info.heat
    if heat is None:
        heat = info.heat = {}
    h = heat.get(start, 0)
    if h < HOT_BLOCK:
        heat[start] = h + 1
        return step
    return _compile(info, start)


def _compile(info, start):
    """Build, install and return the block starting at instruction `start`."""
    source, names, cells, (low, end) = generate(info, start)
    ns = {x: cells[x] for x in names}
    ns["__builtins__"] = __builtins__
    exec(compile(source, _FILENAME, "exec"), ns)
    block = ns.pop("block")        # (kept in its own globals, a dropped block is a cycle)
    block.low = low                # the instructions it inlined: low .. end - 1 (low is
    block.end = end                # start, unless it went on through a backward jump)
    blocks_for(info)[start] = block
    return block


# instructions that never run other Python code (beyond a __del__ of a value they drop):
# a block stores f.ip for them only when they leave it or raise (see docs/divergences)
_NO_CALL_OUT = frozenset({
    "NOP", "POP_TOP", "PUSH_NULL", "COPY", "SWAP", "LOAD_CONST", "LOAD_FAST", "STORE_FAST",
    "LOAD_FAST__LOAD_FAST", "LOAD_FAST__LOAD_CONST", "LOAD_CONST__LOAD_FAST",
    "STORE_FAST__LOAD_FAST", "STORE_FAST__STORE_FAST", "LOAD_CLOSURE", "LOAD_DEREF",
    "STORE_DEREF", "MAKE_CELL", "COPY_FREE_VARS", "RESUME_QUICK", "JUMP_BACKWARD_QUICK",
    "JUMP_FORWARD", "JUMP_BACKWARD_NO_INTERRUPT", "POP_JUMP_FORWARD_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE", "POP_JUMP_BACKWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
    "IS_OP", "RETURN_VALUE", "BINARY_OP_ADD_INT", "BINARY_OP_SUBTRACT_INT",
    "BINARY_OP_MULTIPLY_INT", "BINARY_OP_ADD_FLOAT", "BINARY_OP_SUBTRACT_FLOAT",
    "BINARY_OP_MULTIPLY_FLOAT", "BINARY_OP_ADD_UNICODE", "BINARY_SUBSCR_LIST_INT",
    "BINARY_SUBSCR_TUPLE_INT", "STORE_SUBSCR_LIST_INT", "LOAD_GLOBAL_MODULE",
    "LOAD_GLOBAL_BUILTIN", "UNPACK_SEQUENCE_TWO_TUPLE", "UNPACK_SEQUENCE_TUPLE",
    "UNPACK_SEQUENCE_LIST", "LOAD_ATTR_INSTANCE_VALUE", "LOAD_ATTR_WITH_HINT", "LOAD_ATTR_SLOT",
    "STORE_ATTR_INSTANCE_VALUE", "STORE_ATTR_SLOT",
    "PRECALL_PYFUNC", "PRECALL_BOUND_METHOD",       # (a type test; a method's two fields)
    "COMPARE_OP_INT_JUMP", "COMPARE_OP_FLOAT_JUMP",  # (exact ints, floats, strs compared)
    "COMPARE_OP_STR_JUMP",
})
_MARKERS = ("FLUSH", "EXIT", "SYNC", "IP", "NORMAL", "JUMPED", "ADVANCE", "BASE")


def _slot_name(q, names={}):
    """The variable of virtual stack position q (counted from the depth at block entry);
    one string per name, shared by every block's table of states."""
    name = names.get(q)
    if name is None:
        name = names[q] = sys.intern("s%d" % q if q >= 0 else "t%d" % -q)
    return name


class _Writer:
    """The lines of one block's body, each with the *state* an exception raised on it
    must restore: (f.ip, the virtual stack variables to write back), numbered; state 0
    is "nothing" (f.ip stored and the real stack complete)."""

    def __init__(self):
        self.lines = []
        self.line_state = []
        self.states = [(None, ())]
        self.known = {(None, ()): 0}
        self.state = 0
        self.R = 0              # positions below R are on the real stack
        self.D = 0              # the depth; R..D-1 are variables
        self.indent = ""        # before every line (a switch's branches, open regions)
        self.regions = []       # open forward jumps: [(target, indent before, for the `if`
                                # part of an if/else its flag, else None)], innermost last
        self.broke = False      # the last form's jump was written as a `break` (regions)

    def emit(self, text, indent=""):
        self.lines.append(self.indent + indent + text)
        self.line_state.append(self.state)

    def set_state(self, ip, names):
        key = (ip, tuple(names))
        i = self.known.get(key)
        if i is None:
            i = self.known[key] = len(self.states)
            self.states.append(key)
        self.state = i

    def names(self, upto):
        return [_slot_name(q) for q in range(self.R, upto)]

    def flush(self, upto, indent="", clear=False):
        """Write the variables of positions R..upto-1 to the real stack; `clear` when
        the block goes on: the variables must not keep the values alive."""
        names = self.names(upto)
        if len(names) == 1:
            self.emit("stack.append(%s)" % names[0], indent)
        elif names:
            self.emit("stack.extend((%s))" % ", ".join(names), indent)
        if names and clear:
            self.emit(" = ".join(names) + " = None", indent)


def generate(info, start):
    """The source of the block starting at `start`, as (source, the names of the values
    it reads, those values by name, end index)."""
    instrs = info.instrs
    n = len(instrs)
    w = _Writer()
    w.region_depth = {}     # a region's target -> the stack depth its jump leaves there
    emit = w.emit
    cells = {}          # name -> value the block reads (its globals)
    uses = set()        # which of fast/instrs the block reads
    volatile = info.rewrites
    k = start
    count = 0
    leaders = info.leaders
    ended = False
    exact_ip = False    # f.ip holds what the last instruction left (it ran on the real stack)
    loops = False       # a backward jump to `start` goes round inside the block
    types = _Types(info)    # what the block knows: types, bound locals, guards passed
    resumed = -1        # a call ran inline just before this index: go on past its leader
    followed = set()    # backward jumps the block went on through (see _follows_back)
    low = top = start   # the lowest and highest index it inlines (see invalidate)
    while k < n and count < MAX_BLOCK and k - start < MAX_SPAN - 8:    # (invalidate)
        merged = False
        while w.regions and w.regions[-1][0] == k:
            _close_region(w, types)         # both ways of a forward jump meet here
            merged = True
            exact_ip = False
        if leaders[k] and k != start and k != resumed and not merged \
                and not _send_loop_head(info, k):
            back = _enters_loop(info, k, count, w.regions)
            if back is None:
                # (going on into a leader that is a short run that returns: written here)
                ended = _write_tail(w, info, k, w.D, "", start, cells, uses)
                break
            followed.update(back)       # (its closing jumps leave for the loop's block)
            types.forget()
        handler, arg = instrs[k]
        if info.ops[k] == _JUMP_NO_INTERRUPT and not w.regions and _send_loop_head(info, arg):
            # the end of a `yield from`/`await` loop, after the RESUME: its SEND again
            k = resumed = arg
            count += 1
            continue
        t = template(handler)
        count += 1
        nxt = k + 1
        hot_rewritten = volatile is not None and volatile.get(k, 0) >= VOLATILE
        v = None if t is None or hot_rewritten else t.vstack
        if v is None and t is not None and not hot_rewritten and t.shapes is not None:
            v = t.shapes[1].get(shape_of(t.shapes[0], arg))
        if v is None and t is not None and not hot_rewritten and t.vbase is not None \
                and len(t.vbase) == 5:
            v = t.vbase         # (an _ADAPTIVE form: its deferral runs the base inline)
        forms = None        # a volatile site: [(handler, template, v, extra locals)]
        if v is None and hot_rewritten:
            forms = _switch_forms(handler, arg, k, cells)
            if forms:
                handler, t, v, _ = forms[0]
            else:
                forms = None
        switch = forms is not None
        elide = v is not None and not switch and types.guard_known(info, k, handler, arg)
        extra_locals = ()
        base_inline = v is not None and not switch and "__BASE_" in v[0]
        if base_inline:
            v, extra_locals = _with_base(v, arg, k, cells)
        if v is None:
            # on the real stack, exactly as the tier-1 loop runs it
            types.forget()
            w.flush(w.D, clear=True)
            w.R = w.D
            w.state = 0
            emit("f.ip = %d" % nxt)
            if hot_rewritten:
                if info.ops[k] in _CALL_OPS:
                    _call_forms(w, arg, k, cells)
                    emit("h = a = None")
                    emit("if r is not None:")
                    _inline_call(w, cells, nxt, "    ", to_stack=True)
                    resumed = nxt
                else:
                    emit("h, a = instrs[%d]" % k)
                    emit("r = h(f, a)")
                    emit("h = a = None")
                    emit("if r is not None: return r")
                emit("if f.ip != %d: return None" % nxt)
                uses.add("instrs")
                k = nxt
                exact_ip = True
                continue
            if t is None:
                hname = "h%d" % k
                cells[hname] = handler
                if _literal(arg):                    # (the handler may keep arg itself)
                    call = "r = %s(f, %r)" % (hname, arg)
                else:
                    cells["a%d" % k] = arg
                    call = "r = %s(f, a%d)" % (hname, k)
                if info.ops[k] == _SEND_OP:
                    _send_driver(w, cells, call)
                    emit("if r is not None:")
                    _inline_send(w, cells, "    ")
                    if info.ops[nxt] == _YIELD_OP:
                        # the sub-iterator yielded: so does this frame, as the
                        # YIELD_VALUE after SEND does (it is resumed at the RESUME after)
                        emit("if f.ip != %d:" % arg)
                        emit("    f.ip = %d" % (nxt + 1))
                        emit("    return b_YIELD")        # (b_YIELD: _inline_send)
                        if _send_goes_on(info, k, arg, w.regions):
                            # (it returned: go on at the end of the SEND loop)
                            k = resumed = arg
                            exact_ip = True
                            continue
                else:
                    emit(call)
                    emit("if r is not None: return r")
                emit("if f.ip != %d: return None" % nxt)
                k = nxt
                exact_ip = True
                continue
            src = _with_arg(t, t.body, arg, k, cells, fixed=True)
            if "fast" in src:
                uses.add("fast")
            for line in src.splitlines():   # (r is None here: see _assemble)
                emit(line)
            nxt = k + 1 + t.advance
            if t.ends and t.returns and nxt < n and (info.ops[k] in _CALL_OPS
                                                     or info.ops[k] == _PRECALL_OP):
                # a call that may leave a frame in r: run it inline, or go on after a
                # call the handler completed (r None). Or PRECALL's _ADAPTIVE form (a
                # class call, which 3.11 does not specialize, counts down here): its base
                # only unpacks a bound method, so the block goes on into the CALL; a
                # specialization it makes may have run the call (f.ip past the CALL) or
                # returned something: the loop takes that
                if t.locals:
                    emit(" = ".join(t.locals) + " = None")
                if info.ops[k] == _PRECALL_OP:
                    emit("if r is not None: return r")
                else:
                    emit("if r is not None:")
                    _inline_call(w, cells, nxt, "    ", to_stack=True)
                    resumed = nxt
                emit("if f.ip != %d: return None" % nxt)
                k = nxt
                exact_ip = True
                continue
            if t.ends:
                emit("return r" if t.returns else "return None")
                ended = True
                break
            if t.locals:
                emit(" = ".join(t.locals) + " = None")
            if t.returns:
                emit("if r is not None: return r")
            nxt = k + 1 + t.advance
            if t.moves_ip or t.advance:         # (a failed guard's base does not advance)
                emit("if f.ip != %d: return None" % nxt)
                if _call_done_here(info, k, nxt):
                    resumed = nxt
            k = nxt
            exact_ip = True
            continue
        # on the virtual stack
        exact_ip = False
        src, offsets, vreturns, dend, vleaves = v
        d0 = w.D
        need = _needs(v)
        _pull_inputs(w, d0 + need)
        ip = nxt
        final_ip = k + 1 + t.advance
        live = w.names(d0)
        w.set_state(ip, live)
        w.broke = False
        if not switch:
            targets = None if vleaves else _opens_region(info, k, handler, arg, start, count,
                                                         w.regions)
            flag = "l_j%d" % k if targets is not None and len(targets) == 2 else None
            if flag:
                # (an if/else: the `if` part's jump over the `else` part leaves both
                # regions, through a flag tested where the inner one ends)
                w.emit("%s = False" % flag)
            for j, target in enumerate(targets or ()):
                w.emit("while True:")       # (a forward jump taken is a `break` out of it)
                w.regions.append((target, w.indent, flag if j == 1 else None))
                w.indent += "    "
            if targets is not None and len(targets) == 1:
                depth = _region_depth(info, k, t.advance, d0)
                if depth is not None:
                    w.region_depth[targets[0]] = depth
            follow = _follows_back(info, k, handler, arg, start, count, w.regions, followed)
            ip, src, closes = _write_form(w, types, info, k, handler, arg, t, v, d0, need,
                                          ip, live, start, cells, uses, elide, fixed=True,
                                          follow=follow, guarded=not base_inline)
            loops = loops or closes
            if follow:
                followed.add(k)
                w.D = d0 + dend
                top = max(top, k)
                k = resumed = arg
                low = min(low, k)
                continue
            if vleaves and w.broke:         # (its jump is a break: the block goes on)
                vleaves = False
        else:
            # a volatile site: inline each form it has had, taken while the instruction
            # has that form; else dispatch whatever it has become (see _switch_forms)
            R0 = w.R
            uses.add("instrs")
            emit("h = instrs[%d][0]" % k)
            outputs = [_slot_name(q) for q in range(d0 + dend - 1, R0 - 1, -1)]
            still = set()
            outer = w.indent
            for j, (fh, ft, fv, fextra) in enumerate(forms):
                emit("%s h is h%d_%d:" % ("elif" if j else "if", k, j))
                cells["h%d_%d" % (k, j)] = fh
                w.indent = outer + "    "
                w.set_state(ip, live)
                _, fsrc, _ = _write_form(w, types, info, k, fh, arg, ft, fv, d0, need,
                                         ip, live, start, cells, uses, False, fixed=False,
                                         resume=outputs)
                still.update(n for n in ft.locals if n in fsrc)
                still.update(fextra)
                w.indent = outer
            extra_locals = still
            src = ""
            emit("else:")
            w.state = 0
            w.flush(d0, "    ")
            emit("f.ip = %d" % nxt, "    ")
            emit("h, a = instrs[%d]" % k, "    ")
            emit("r = h(f, a)", "    ")
            emit("h = a = None", "    ")
            _take_back(w, nxt, outputs, "    ")
            w.set_state(ip, live)
            types.forget()
        if vleaves:
            depth = _leaves_into_region_end(w, k, final_ip)
            if depth is not None:
                w.D = depth
                k = final_ip
                continue
            ended = True
            break
        w.D = d0 + dend
        hi = max(offsets, default=-1)
        dead = [_slot_name(q) for q in range(max(w.R, w.D), d0 + hi + 1)]
        still = [n for n in t.locals if n in src]       # (_forward may have left some out)
        if dead or still or extra_locals:
            emit(" = ".join(dead + sorted(set(still) | set(extra_locals))) + " = None")
        if vreturns:
            if t.ends and not switch and handler.__name__ in _INLINE_CALLS and final_ip < n:
                if arg.info is None or arg.info.kind == "function":
                    _inline_call(w, cells, final_ip, ip_set=final_ip == ip and not t.moves_ip)
                else:
                    # an unseen generator: its frame run up to RETURN_GENERATOR here, as
                    # the loop would (generators.created), the generator pushed
                    cells["b_unseen_frame"] = sys.modules[__package__ + ".generators"].unseen_frame
                    _frame_made_here(w, cells, pushed=False)
                    emit("%s = b_unseen_frame(r)" % _slot_name(w.D))
                    emit("r = None")
                w.D += 1                        # the callee's return value, or the generator
                k = resumed = final_ip
                exact_ip = False
                continue
            if t.ends:
                w.flush(w.D)
                emit("f.ip = %d" % final_ip)
                emit("return r")
                depth = _leaves_into_region_end(w, k, final_ip)
                if depth is not None:       # (`if x: return y`: the block goes on)
                    w.D = depth
                    k = final_ip
                    continue
                ended = True
                break
            emit("if r is not None:")
            w.flush(w.D, "    ")
            emit("f.ip = %d" % final_ip, "    ")
            emit("return r", "    ")
        if _call_done_here(info, k, final_ip):
            resumed = final_ip
        k = final_ip
        # (a form that neither returns nor leaves goes on, though its handler always
        # returns: LOAD_METHOD_WITH_VALUES ends with its base, which the form inlines;
        # an adaptive form at a volatile site takes its specialization back)
    if not ended:
        w.state = 0
        w.flush(w.D)
        if not exact_ip:
            emit("f.ip = %d" % k)
        if loops or w.regions:
            emit("return None")             # (not round the loop again)
    while w.regions:
        # the block ends before a forward jump's target: taken, it leaves for it (the
        # `if` part of an if/else leaves for the end of the `else` part, further out)
        target, w.indent, flag = w.regions.pop()
        w.state = 0
        if flag:
            emit("if %s: break" % flag)
        emit("f.ip = %d" % target)
        emit("return None")
    source, names = _assemble(w, cells, uses, loops)
    return source, names, cells, (low, max(top, k) + 1)


# --- Calls inline ---------------------------------------------------------------------
#
# A call of a Python function (CALL_PY_EXACT_ARGS, CALL_PY_WITH_DEFAULTS) makes the new
# frame; instead of returning it to the loop, the block pushes it itself, as the loop
# would, and calls the callee's first block, a host call, when that block is compiled,
# no tool listens and the guest depth is below RECURSION["inline"] (which bounds the
# host frames this adds). When that block returns RETURN, the block pops the frame, as
# the loop would, takes the value and goes on past the call: no return to the loop, no
# block dispatch for the continuation. Anything else (the callee goes on in another
# block, calls further, ...) is handed over: the block writes its stack variables back
# and returns HANDOVER with what the callee's block returned in ts.handover, and the
# loop goes on with the innermost frame (ts.frame). An exception from the callee is
# unwound from the innermost frame (interpreter._innermost) by a loop of the callee's
# own (run_frame, resumed=CAUGHT): when the callee catches it, the block goes on with
# its return value; else the exception passes through the block's own handler (its
# state at the call) to the block's loop, which unwinds on from the caller.

_INLINE_CALLS = frozenset(("CALL_PY_EXACT_ARGS", "CALL_PY_WITH_DEFAULTS"))
# calls run on the real stack (generic, adaptive, or dispatched at a volatile site) whose
# frame, when they leave one in r, runs inline too
_CALL_OPS = frozenset(OPMAP[name] for name in ("CALL", "CALL_FUNCTION_EX") if name in OPMAP)


def _frame_stores():
    """What frame.new_frame stores, read from its source once (when tier 2 is imported,
    before any guest code runs): [(field, expression, the frame.py globals it reads)],
    each expression's source with new_frame's parameters as {name} fields and frame.py's
    globals as {g_name}."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "frame.py")
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    fdef = next(node for node in tree.body
                if type(node) is ast.FunctionDef and node.name == "new_frame")
    params = {a.arg for a in fdef.args.args}
    made = fdef.body[1].targets[0].id           # (f = Frame(), after the docstring)

    class Fields(ast.NodeTransformer):
        def visit_Name(self, node):
            return ast.Name(id="{%s}" % (node.id if node.id in params else "g_" + node.id),
                            ctx=node.ctx)
    stores = []
    for st in fdef.body[2:-1]:
        target = st.targets[0]
        assert type(target) is ast.Attribute and target.value.id == made, ast.dump(st)
        expr = ast.unparse(Fields().visit(st.value))
        stores.append((target.attr, expr, tuple(re.findall(r"\{g_(\w+)\}", expr))))
    return stores


_FRAME_STORES = _frame_stores()
# how a block goes round, after writing its stack variables back (_write_form; read by
# _carry_round)
_GO_ROUND = ("if b_events.ACTIVE is not None: return None", "continue")
# new_frame's stores that the inline run of a call overwrites at once (the loop's push):
# a frame made by the block gets the pushed values instead (reset when it is not run)
_PUSHED = {"depth": "f.depth + 1", "back": "f", "state": "b_RUNNING"}
_NEW_FRAME_LINE = re.compile(r"^( *)r = g_\w+__new_frame\((\w+), (.+), (\w+), (\w+), "
                             r"(l_func\.__closure__)\)$")
_ASSIGNS_R = re.compile(r"^ *r = ")
_INFO_CELL = re.compile(r"^ *(l_info) = (a\d+_info)$")


def _frame_made_here(w, cells, pushed=True):
    """Write the frame a CALL_PY_* form makes (its last line, `r = new_frame(...)`) as
    new_frame's own stores (no host call to new_frame); `pushed`: with what the inline
    run pushes stored at once (three stores fewer). Returns the name of its info
    variable and the name of the cell holding the callee's CodeInfo when the callee is
    known (a fixed cache; else None), or None when the form's last line is not that
    call."""
    m = None
    for i in range(len(w.lines) - 1, -1, -1):
        m = _NEW_FRAME_LINE.match(w.lines[i])
        if m is not None or _ASSIGNS_R.match(w.lines[i]):
            break
    if m is None:
        return None
    pad, info, gb, locals_, fast, closure = m.groups()
    gl, bl = gb.split(", ")
    known_info = None
    for j in range(i - 1, -1, -1):
        known = _INFO_CELL.match(w.lines[j])
        if known is not None:
            callee = cells.get(known.group(2))
            if known.group(1) == info and callee is not None:
                known_info = known.group(2)
                if not callee.code.co_freevars:
                    closure = "None"    # (only COPY_FREE_VARS reads it: it has none)
                i -= _padded_at_once(w, i, fast, len(callee.pad))
            break
    frame = sys.modules[__package__ + ".frame"]
    cells.update(b_Frame=frame.Frame, b_RUNNING=frame.RUNNING)
    values = dict(info=info, globals=gl, builtins=bl, locals=locals_, fast=fast,
                  closure=closure)
    lines = [pad + "r = b_Frame()"]
    for field, expr, reads in _FRAME_STORES:
        if pushed and field in _PUSHED:
            value = _PUSHED[field]
        else:
            names = {}
            for g in reads:
                names["g_" + g] = "b_frame_" + g
                cells["b_frame_" + g] = getattr(frame, g)
            value = expr.format(**values, **names)
        lines.append("%sr.%s = %s" % (pad, field, value))
    state = w.line_state[i]
    w.lines[i:i + 1] = lines
    w.line_state[i:i + 1] = [state] * len(lines)
    return info, known_info


# CALL_PY_EXACT_ARGS as a form writes it: the arguments as a list display in each branch
# of the NULL test, then its guard (the argument count last), then the pad added
_ARGS_TEST = re.compile(r"^( *)if (\w+) is (g_\w+_NULL):$")
_ARGS_DISPLAY = re.compile(r"^ *(l_args) = \[(.*)\]$")
_COUNT_TEST = re.compile(r" or g_\w+__len\((l_args)\) != (\d+):$")


def _padded_at_once(w, i, args, npad):
    """Before line i (`r = new_frame(...)`) of a CALL_PY_EXACT_ARGS form whose callee is
    known: the arguments made with the callee's pad at once (`[s1, s2, NULL]`, not
    `l_args += l_info.pad`, a generic in-place add that grows the list), and the count
    test of the guard written as the NULL test it is (each branch's display has a known
    length). Returns the number of lines removed (0: not that form, left as it was)."""
    lines = w.lines
    if i < 1 or lines[i - 1].strip() != "%s += l_info.pad" % args:
        return 0
    for j in range(i - 2, max(-1, i - 40), -1):
        if lines[j].lstrip().startswith("if l_func is not "):
            break                   # (the form's guard)
    else:
        return 0
    count = _COUNT_TEST.search(lines[j])
    if count is None:
        return 0                    # (CALL_PY_WITH_DEFAULTS: its count is a range)
    # (if meth is NULL: / func = ... / args = [...] / else: / func = meth / args = [...])
    test = _ARGS_TEST.match(lines[j - 6]) if j >= 6 else None
    shown = [_ARGS_DISPLAY.match(lines[j - 4]), _ARGS_DISPLAY.match(lines[j - 1])]
    if test is None or None in shown or count.group(1) != args \
            or lines[j - 3].strip() != "else:":
        return 0
    items = [m.group(2).split(", ") if m.group(2) else [] for m in shown]
    if not all(x.isidentifier() for each in items for x in each):
        return 0                    # (stack variables only)
    n = int(count.group(2))
    lengths = [len(each) for each in items]
    meth, null = test.group(2), test.group(3)
    if lengths[0] == n and lengths[1] != n:
        clause = " or %s is not %s:" % (meth, null)
    elif lengths[1] == n and lengths[0] != n:
        clause = " or %s is %s:" % (meth, null)
    else:
        return 0
    lines[j] = lines[j][:count.start()] + clause
    if npad:
        nulls = ", ".join([null] * npad)
        for at, m in zip((j - 4, j - 1), shown):
            padded = m.group(2) + ", " + nulls if m.group(2) else nulls
            lines[at] = lines[at][:m.start(2)] + padded + "]"
    del lines[i - 1]
    del w.line_state[i - 1]
    return 1


def _inline_call(w, cells, after, indent="", to_stack=False, ip_set=False):
    """Write the inline run of the frame a call instruction left in `r` (see "Calls
    inline"); `after` is the index after the call. Its value goes to position w.D, or
    onto the real stack (`to_stack`: the instruction ran there). Other values of `r`
    are returned to the loop, as before. `ip_set`: f.ip is `after` already (the
    CALL_PY_* form stored it, and only its branches that leave the block move it)."""
    vm = sys.modules[__package__ + ".interpreter"]
    cells.update(b_init_error=vm._init_result_error)
    made = None if to_stack else _frame_made_here(w, cells)
    table = None
    if made is not None and made[1] is not None and cells[made[1]].blocks is not None:
        # a hot callee's block table (the list its blocks live in for all its life)
        table = made[1] + "_blocks"
        cells[table] = cells[made[1]].blocks
    w.set_state(after, w.names(w.D))
    if not ip_set:
        w.emit("f.ip = %d" % after, indent)
    # (the calls on the virtual stack always leave a plain function's frame; the others
    # may leave a signal, a function's frame with on_return (an __init__'s, made by a
    # class call, returns that instance), or a generator's frame (resumed by SEND, or
    # pushed by a call to make an unseen generator), which is the loop's to finish)
    w.emit("l_b = " + (table if table is not None else "r.info.blocks") if not to_stack else
           "l_b = r.info.blocks if type(r) is b_Frame and r.info.kind == 'function' "
           "else None", indent)
    if to_stack:
        result = ("l_v = l_n.stack.pop()", "ts.frame = f", "l_i = l_n.on_return",
                  "if l_i is not None:", "    l_n.on_return = None",
                  "    if l_v is not None:",
                  "        r = l_n = l_b = l_i = None",
                  "        raise b_init_error(l_v)",
                  "    l_v = l_i", "stack.append(l_v)", "l_v = l_i = None")
    else:
        result = ("%s = l_n.stack.pop()" % _slot_name(w.D), "ts.frame = f")
    # (l_b, l_c hold the callee's blocks, which outlive the call anyway: only the frame
    # and r need clearing)
    _write_inline_run(w, cells, "0", "r is not b_RETURN or b_ev.ACTIVE is not None",
                      ("l_n.state = b_COMPLETED",) + result + ("r = l_n = None",), indent,
                      catch=True, pushed=made is not None, table=table is not None)


def _write_inline_run(w, cells, first, unfinished, finish, indent, catch=False,
                      pushed=False, table=False):
    """What calls and generators run inline share: when the frame in `r` has its block
    at index `first` compiled (l_b: its blocks), no tool listens and the guest depth
    allows, push it as the loop would and run its blocks while they are compiled; while
    `unfinished` holds for what they returned, hand it over to the loop (stack variables
    written back); else go on with the lines `finish`. Otherwise return r to the loop.
    `catch` (calls): an exception out of the callee's blocks is unwound from the callee
    by a loop of its own (run_frame, resumed=CAUGHT, once the host has left its `except`
    clause: a host exception being handled would become the __context__ of the ones
    raised meanwhile); when the callee handles it, the block goes on with what it returns,
    else the exception goes on through the block's own handler. (Handed to the block's
    loop instead, it ended the block: the callee's handler, the rest of its run and the
    caller's continuation all ran in the loop, a caught KeyError cost twice as much.)
    `pushed`: the block made the frame with the pushed depth, back and state already
    (_frame_made_here); they are reset when the frame goes to the loop instead.
    `table`: l_b is the callee's block table itself (never None)."""
    vm = sys.modules[__package__ + ".interpreter"]
    cells.update(b_ev=_events, b_Frame=vm.Frame, b_RECURSION=vm.RECURSION,
                 b_RUNNING=vm.RUNNING, b_COMPLETED=vm.COMPLETED, b_RETURN=vm.RETURN,
                 b_HANDOVER=vm.HANDOVER)
    i1, i2 = indent + "    ", indent + "        "
    w.emit("if %sl_b[%s] is not None and f.depth < b_RECURSION['inline'] "
           "and b_ev.ACTIVE is None:" % ("" if table else "l_b is not None and ", first),
           indent)
    run = ("r = l_b[%s](l_n, ts)" % first,
           # the frame's next blocks, while they are compiled (as the loop runs them)
           "while r is None:", "    l_c = l_b[l_n.ip]", "    if l_c is None:",
           "        break", "    r = l_c(l_n, ts)")
    if catch:
        cells.update(b_CAUGHT=vm.CAUGHT, b_run_frame=vm.run_frame)
        run = (("try:",) + tuple("    " + line for line in run)
               + ("except BaseException as l_e:", "    ts.handover = l_e", "    r = b_CAUGHT"))
    push = ("l_n = r",) + (() if pushed else (
        "l_n.depth = f.depth + 1", "l_n.back = f", "l_n.state = b_RUNNING"))
    for line in push + ("ts.frame = l_n",) + run + ("if %s:" % unfinished,):
        w.emit(line, i1)
    if catch:
        w.emit("if r is b_CAUGHT:", i2)
        w.emit("r = None", i2 + "    ")
        w.emit("l_n.stack.append(b_run_frame(ts, l_n, None, b_CAUGHT))", i2 + "    ")
        w.emit("else:", i2)
        i2 += "    "
    w.flush(w.D, i2, clear=True)
    for line in ("if r is not b_HANDOVER:", "    ts.handover = r", "r = l_n = l_b = None",
                 "return b_HANDOVER"):
        w.emit(line, i2)
    for line in finish:
        w.emit(line, i1)
    w.emit("else:", indent)
    w.flush(w.D, i1)
    if pushed:
        cells["b_CREATED"] = vm.CREATED
        for field, value in (("depth", "0"), ("back", "None"), ("state", "b_CREATED")):
            w.emit("r.%s = %s" % (field, value), i1)
    w.emit("l_b = None", i1)
    w.emit("return r", i1)


# --- Generators resumed inline -----------------------------------------------------------
#
# SEND of a suspended guest generator or coroutine (`yield from`, `await`) leaves its
# frame in r (generators.resume_in_loop), for the loop to push. A block runs it inline
# instead, as it runs calls (same conditions): when the generator's blocks end in
# RETURN or YIELD, the block does what the loop would (generators.returned: the value
# replaces the receiver and the caller jumps past the SEND loop; generators.yielded:
# the value is pushed for the caller's YIELD_VALUE) and goes on. Anything else is
# handed over to the loop, as for calls. In a chain of `yield from`, a value yielded
# at the bottom goes up through the blocks, without the loop, and so does a resumption
# down.

_SEND_OP = OPMAP.get("SEND")
_YIELD_OP = OPMAP["YIELD_VALUE"]
_PRECALL_OP = OPMAP.get("PRECALL")
_CALL_OP = OPMAP["CALL"]


def _stack_effects(ops, jump):
    import _opcode
    effects = {}
    for op in ops:
        try:
            effects[op] = _opcode.stack_effect(op, 0, jump=jump)
        except ValueError:
            pass
    return effects


_JUMP_EFFECT = _stack_effects(TABLES.JUMPS, True)     # opcode -> effect of its jump taken
# (the instructions a superinstruction form runs before its jump: COMPARE_OP_*_JUMP)
_PLAIN_EFFECT = _stack_effects([OPMAP[name] for name in ("COMPARE_OP", "IS_OP", "CONTAINS_OP")],
                               False)


def _region_depth(info, k, advance, d0):
    """The stack depth at the target of the jump that ends the instructions k ..
    k + advance (a jump, or COMPARE_OP and its jump: a superinstruction form), taken
    from depth d0 before them; None when not known."""
    jump = info.ops[k + advance]
    if jump not in _JUMP_EFFECT:
        return None
    depth = d0 + _JUMP_EFFECT[jump]
    for i in range(k, k + advance):
        effect = _PLAIN_EFFECT.get(info.ops[i])
        if effect is None:
            return None
        depth += effect
    return depth


def _leaves_into_region_end(w, k, nxt):
    """After an instruction at k that leaves the block (a raise, a return) and is the
    last of the innermost region, whose target is `nxt`: the depth of the value stack
    there, for the block to go on at the target (what the region's jump left: nothing
    falls through), or None (the block ends). `assert x`, `if not x: raise E` and
    `if x: return y` are such regions; without this the block would end at each."""
    if not w.regions or w.regions[-1][0] != nxt or w.regions[-1][2] is not None:
        return None
    return w.region_depth.get(nxt)


def _call_done_here(info, k, nxt):
    """Does the block go on at `nxt`, where a PRECALL at k that made the whole call
    itself (3.11's specialized PRECALLs of builtins: len, isinstance, list.append, a
    class with vectorcall, ...) left f.ip, past its CALL? That index is a leader only
    because a frame pushed by the CALL returns there (_RESUMED_AFTER), which no path of
    this block does; a jump target or a handler there still ends the block."""
    return (info.ops[k] == _PRECALL_OP and nxt == k + 2 and info.ops[k + 1] == _CALL_OP
            and nxt not in info.entries)
_JUMP_NO_INTERRUPT = OPMAP.get("JUMP_BACKWARD_NO_INTERRUPT")


def _send_driver(w, cells, call):
    """SEND (`call`: its handler's call) whose receiver is an unseen generator: what the
    handler would do first, written here (generators.resume_driver, which leaves the
    generator's frame in r with the value sent pushed there, or None: the handler then
    runs as usual)."""
    gens = sys.modules[__package__ + ".generators"]
    vm = sys.modules[__package__ + ".interpreter"]
    cells.update(b_GeneratorDriver=gens.GeneratorDriver, b_resume_driver=gens.resume_driver,
                 b_ev=_events, b_RECURSION=vm.RECURSION, b_SUSPENDED=vm.SUSPENDED,
                 b_CREATED=vm.CREATED)
    # (resume_driver's common case written here: a generator frame without exception
    # handlers, which links no handled-exception slot, suspended or not started (sent
    # None); the rest calls it)
    for line in ("l_rv = stack[-2]",
                 "if type(l_rv) is b_GeneratorDriver and not l_rv.running "
                 "and b_ev.ACTIVE is None and f.depth < b_RECURSION['limit'] "
                 "and (l_rv.frame.state is b_SUSPENDED or "
                 "(l_rv.frame.state is b_CREATED and stack[-1] is None)) "
                 "and not l_rv.frame.code.co_exceptiontable:",
                 "    r = l_rv.frame",
                 "    l_rv.running = True",
                 "    r.on_return = l_rv",
                 "    r.stack.append(stack.pop())",
                 "elif type(l_rv) is b_GeneratorDriver:",
                 "    r = b_resume_driver(f, l_rv, stack[-1])",
                 "    if r is None:",
                 "        " + call,
                 "    else:",
                 "        del stack[-1]",
                 "else:",
                 "    " + call,
                 "l_rv = None"):
        w.emit(line)


def _inline_send(w, cells, indent):
    """Write the inline run of the generator frame SEND (run on the real stack) left in
    `r`; its result is then on the real stack and f.ip is where the loop would go on."""
    vm = sys.modules[__package__ + ".interpreter"]
    gens = sys.modules[__package__ + ".generators"]
    cells.update(b_YIELD=vm.YIELD, b_returned=gens.returned, b_yielded=gens.yielded,
                 b_SUSPENDED=vm.SUSPENDED)
    w.emit("l_b = r.info.blocks if type(r) is b_Frame else None", indent)
    # (the common cases of returned and yielded written here: an unseen generator (the
    # receiver is its driver) or one without a host object to mark, no handled-exception
    # slot linked, not a fresh generator's first suspension; the rest calls them)
    _write_inline_run(w, cells, "r.ip",
                      "b_ev.ACTIVE is not None or (r is not b_RETURN and r is not b_YIELD)",
                      ("if r is b_RETURN:", "    l_n.state = b_COMPLETED",
                       "    l_d = l_n.on_return",
                       "    if l_d.view is None and l_d.exc_item.previous is None "
                       "and stack[-1] is l_d:",
                       "        ts.frame = f",
                       "        l_n.on_return = None",
                       "        l_d.running = False",
                       "        stack[-1] = l_n.stack.pop()",
                       "        f.ip = f.info.base[f.ip - 1][1]",
                       "        l_d.done = True",
                       "        l_n.fast = []",          # (GeneratorDriver._release)
                       "        l_n.stack = []",
                       "    else:",
                       "        b_returned(ts, l_n)",
                       "    l_d = None",
                       "else:",
                       "    l_d = l_n.on_return",
                       "    if l_d.view is None and l_d.exc_item.previous is None "
                       "and not l_d.fresh:",
                       "        l_n.state = b_SUSPENDED",
                       "        stack.append(l_n.stack.pop())",
                       "        ts.frame = f",
                       "        l_n.on_return = None",
                       "        l_d.running = False",
                       "    else:",
                       "        b_yielded(ts, l_n, None)",
                       "    l_d = None",
                       "r = l_n = None"), indent)


def _send_loop_head(info, k):
    """Is k a SEND that only its own `yield from`/`await` loop jumps back to (a leader
    for the resumption after a yield, which the loop runs: a block goes on into it)?"""
    if info.ops[k] != _SEND_OP:
        return False
    end = info.base[k][1]
    return all(k < i < end for i in info.entries.get(k, ()))   # (no handler: -1)


def _follows_back(info, k, handler, arg, start, count, regions, followed):
    """Does the block go on through the backward jump at k, at its target? For a loop's
    own closing jump, quickened, when the block did not start at the loop's head (it
    started after a yield in the loop, or after a call that returned there): the head
    of the loop is written again here, so that resuming a generator's `for ... yield`
    loop runs one block to its next yield instead of two. Once per jump in a block (the
    head's own block runs the loop when the jump is reached again)."""
    return (handler.__name__ == "JUMP_BACKWARD_QUICK" and type(arg) is int
            and arg < k and arg != start and not regions and k not in followed
            and count + (k - arg) < MAX_BLOCK)


# a loop's closing jumps (not JUMP_BACKWARD_NO_INTERRUPT, which closes a `yield from`
# / `await` loop: _send_loop_head)
_BACK_JUMPS = frozenset(op for name, op in OPMAP.items()
                        if op in TABLES.JUMPS and "_BACKWARD" in name and op != _JUMP_NO_INTERRUPT)


def _enters_loop(info, k, count, regions):
    """Does the block go on into the loop whose head is k, which it reaches by falling
    through (a `for` after its GET_ITER, a generator's first resumption going on into
    its `for ... yield` loop)? Its first round is written here, up to the loop's closing
    jumps, which leave for the head's own block: one block call fewer for each time the
    loop is entered. Returns those jumps, or None when k is not only the target of the
    backward jumps of a loop that fits in the block."""
    sources = info.entries.get(k)
    if not sources or regions or any(i <= k or info.ops[i] not in _BACK_JUMPS
                                     for i in sources):
        return None
    if count + (max(sources) - k) >= MAX_BLOCK:
        return None
    return sources


def _send_goes_on(info, k, target, regions):
    """Can the block go on past SEND at k at its target, the end of its `yield from` /
    `await` loop, where it jumps when the sub-iterator returns? When nothing else jumps
    there (the loop's yield path is left to the loop) and no region closes before it."""
    if type(target) is not int or target <= k or (regions and target > regions[-1][0]):
        return False
    return info.entries.get(target) == [k]


_CLEAR = re.compile(r"( *)((?:\w+ = )+)None")
_SAFE_LOAD = re.compile(r"( *)([st]\d+) = (fast\[[\w(), ]+\]|\w+|-?\d+)")


def _drop_overwritten_clears(w):
    """Leave out the clear of a stack variable (`s1 = s0 = None`) that the next line sets
    again by a load that runs no code (`s0 = fast[3]`): the old value is released at the
    same point, after the others the clear releases (the last name only, so that the
    order of releases, and of any __del__, stays)."""
    lines, states = w.lines, w.line_state
    i = 0
    while i < len(lines) - 1:
        m = _CLEAR.fullmatch(lines[i])
        n = _SAFE_LOAD.fullmatch(lines[i + 1]) if m is not None else None
        if n is None or n.group(1) != m.group(1):
            i += 1
            continue
        names = m.group(2).split(" = ")[:-1]
        if names[-1] != n.group(2) or n.group(2) == n.group(3):
            i += 1
            continue
        if len(names) == 1:
            del lines[i], states[i]
        else:
            lines[i] = m.group(1) + " = ".join(names[:-1]) + " = None"
            i += 1


_PULL = re.compile(r"(t\d+) = stack\.pop\(\)")


def _carry_round(w):
    """For a block that goes round: the values it takes from the real stack first (the
    iterator of a `for`) and writes back before each `continue` stay in their variables
    from one round to the next instead. Returns the lines that take them, for before the
    loop (they are left out of the body), or () when the block's rounds do not all end
    with exactly those values written back. (A list that goes from empty to one item
    and back each round reallocates its storage twice.) A round that goes back to the
    tier-1 loop (a tool started listening) writes them back first."""
    lines, states = w.lines, w.line_state
    pulled = []
    for line in lines:
        m = _PULL.fullmatch(line)
        if m is None:
            break
        pulled.append(m.group(1))
    if not pulled:
        return ()
    names = pulled[::-1]                    # (pulled from the top down)
    write = ("stack.append(%s)" % names[0] if len(names) == 1
             else "stack.extend((%s))" % ", ".join(names))
    clear = " = ".join(names) + " = None"
    ends = [i for i, line in enumerate(lines) if line.strip() == _GO_ROUND[1]]
    pads = [lines[i][:len(lines[i]) - len(lines[i].lstrip())] for i in ends]
    for i, pad in zip(ends, pads):
        if i < 3 or lines[i - 3:i + 1] != [pad + x for x in (write, clear) + _GO_ROUND]:
            return ()
    for i, pad in reversed(list(zip(ends, pads))):
        state = states[i - 3]
        lines[i - 3:i + 1] = [pad + "if b_events.ACTIVE is not None:", pad + "    " + write,
                              pad + "    return None", pad + "continue"]
        states[i - 3:i + 1] = [state] * 4
    head = lines[:len(pulled)]
    del lines[:len(pulled)], states[:len(pulled)]
    return head


def _assemble(w, cells, uses, loops):
    """The source of a block around the body `w` wrote: the prologue, the loop when it
    goes round, and the handler that restores an exception's state (and the values that
    handler uses, added to `cells`); returns (source, the names of the values it reads).
    Those values are the globals of the block, not cells of a closure: a call of a
    closure copies every cell into the new frame, a global is only read where used."""
    _drop_overwritten_clears(w)
    carried = _carry_round(w) if loops else ()
    names = sorted(cells)
    head = ["def block(f, ts):",          # (ts: the thread state, as the loop's)
            "    stack = f.stack",
            # r, what an instruction returns to the loop, is None on every path that goes
            # on to the next instruction (one that sets it returns it at once): set once
            "    r = None"]
    if "fast" in uses:
        head.append("    fast = f.fast")
    if "instrs" in uses:
        head.append("    instrs = f.instrs")
    pad = ""
    head.extend("    " + line for line in carried)
    if loops:
        head.append("    while True:")
        pad = "    "
        cells["b_events"] = _events
    head.append(pad + "    try:")
    first = len(head) + 1                       # line number of the first body line
    body = [pad + "        " + line for line in w.lines]
    # an exception restores the state of the line it was raised on (see _Writer)
    spill = [pad + "    except BaseException:",
             pad + "        e_t = b_exc_info()[2]",
             pad + "        e_s = b_STATES[(b_AT or b_at(e_t.tb_frame))[e_t.tb_lasti >> 1]]",
             pad + "        e_t = None",
             pad + "        if e_s[0] is not None:",
             pad + "            f.ip = e_s[0]",
             pad + "        if e_s[1]:",
             pad + "            e_l = b_locals()",
             pad + "            stack.extend([e_l[e_n] for e_n in e_s[1]])",
             pad + "        raise"]
    source = "\n".join(head + body + spill) + "\n"
    linemap = bytes(first) + bytes(w.line_state) + bytes(len(spill) + 1) \
        if len(w.states) < 256 else None
    if linemap is None:
        linemap = (0,) * first + tuple(w.line_state) + (0,) * (len(spill) + 1)
    cells["b_LINEMAP"] = linemap
    cells["b_STATES"] = tuple(w.states)
    cells["b_exc_info"] = sys.exc_info
    cells["b_locals"] = locals
    extra = ["b_LINEMAP", "b_STATES", "b_exc_info", "b_locals", "b_AT", "b_at"] + (
        ["b_events"] if loops else [])
    cells["b_AT"] = b""         # (made at the block's first exception: state_map)
    cells["b_at"] = state_map
    return source, names + extra


def state_map(frame):
    """The state index of each code unit of the block running in host frame `frame`
    (from its line map), kept as its global b_AT: made at its first exception. The
    block's handler finds the state an exception was raised in from the traceback's
    tb_lasti through it: tb_lineno would walk the whole line table of the block's code,
    a few microseconds for a big block, at every exception that passes through; making
    the map when the block is compiled would cost every block what few need."""
    ns = frame.f_globals
    linemap = ns["b_LINEMAP"]
    code = frame.f_code
    at = [0] * (len(code.co_code) // 2)
    for start, end, line in code.co_lines():
        if line is not None and line < len(linemap):
            at[start >> 1:end >> 1] = [linemap[line]] * ((end - start) >> 1)
    at = ns["b_AT"] = bytes(at) if type(linemap) is bytes else tuple(at)
    return at


# Type guards known to hold. The specialized attribute instructions below guard on the
# owner's type and its version, then do the generic operation (getattr, setattr, the base
# LOAD_METHOD): the guard only decides hit or miss. When the owner is a local whose value
# passed the same guard (same type, same version) earlier in the block, and since then
# only instructions that run no other code (_NO_CALL_OUT, these) ran and the local was
# not stored, the guard holds again: the block leaves it out (`if False:`, which the
# compiler drops). (Code run by a __del__ in between could change the type unseen: see
# docs/specialization.md; the result is the generic one either way.)
_TYPE_GUARDED = frozenset({
    "LOAD_ATTR_INSTANCE_VALUE", "LOAD_ATTR_WITH_HINT", "LOAD_ATTR_SLOT",
    "STORE_ATTR_INSTANCE_VALUE", "STORE_ATTR_WITH_HINT", "STORE_ATTR_SLOT",
    "LOAD_METHOD_WITH_VALUES", "LOAD_METHOD_WITH_DICT"})
_TYPE_GUARD = "__ARG__.tver.value != __ARG__.version:"
# type-guarded forms whose failed guard does not leave the block: the base instruction
# runs after the guard either way (a miss is only counted), so nothing is known after
_GUARD_THEN_BASE = frozenset({"LOAD_METHOD_WITH_VALUES", "LOAD_METHOD_WITH_DICT"})


def _guard_owner(info, k, handler, arg):
    """(fast index of the owner, (type, version)) for a type-guarded instruction whose
    owner was pushed by a LOAD_FAST right before it, else None."""
    if handler.__name__ not in _TYPE_GUARDED or k == 0:
        return None
    h, a = info.base[k - 1]
    tref = getattr(arg, "tref", None)
    tp = tref() if tref is not None else None
    if h.__name__ != "LOAD_FAST" or type(a) is not int or tp is None:
        return None
    return a, (tp, arg.version)


class _Types:
    """What a block knows, instruction by instruction, from what ran before in it:
    - the exact types (int, float, str) of stack positions and locals, from what produced
      them (a constant, int/float/str arithmetic of the specialized forms, a local stored
      from a known position): a guard clause `type(x) is not T` on an operand of known
      type T is written as False (the compiler drops it). Values of these types cannot
      change type, and only this frame's code stores its locals;
    - the types a specialized form's guard required of operands loaded from locals
      (`_OPERANDS`: also list and tuple, which no value can leave either), when a failed
      guard leaves the block: `i + j` tested once, `v[0] -= x; v[1] -= y` v once;
    - the ints of stack positions pushed by a constant (followed through COPY and SWAP):
      a range test a constant passes (`not 0 <= x <= _MAX` of a subscript by a small
      int, the compact-int tests of COMPARE_OP_INT_JUMP) is written as False too;
    - the locals known to hold a value, whose unbound checks are left out;
    - the type guards known to hold (`guarded`, see "Type guards known to hold").
    Code on the real stack (`forget`) ends all of it."""
    _RESULTS = {"BINARY_OP_ADD_INT": int, "BINARY_OP_SUBTRACT_INT": int,
                "BINARY_OP_MULTIPLY_INT": int, "BINARY_OP_ADD_FLOAT": float,
                "BINARY_OP_SUBTRACT_FLOAT": float, "BINARY_OP_MULTIPLY_FLOAT": float,
                "BINARY_OP_ADD_UNICODE": str}
    _EXACT = (int, float, str)

    def __init__(self, info):
        self.at = {}            # absolute stack position -> type
        self.const = {}         # absolute stack position -> its int, from a constant
        self.src = {}           # absolute stack position -> the fast index it was loaded
                                # from, while that local holds the same value
        self.local = {}         # fast index -> type
        self.bound = set()      # fast indexes known to hold a value (stored or loaded)
        self.guarded = {}       # fast index -> (type, version) a type guard passed for it
        self.dicts = set()      # of l_g, l_b: the frame's globals, builtins known to be
                                # exact dicts (a LOAD_GLOBAL_* guard passed at the top
                                # level; they are the frame's for all its life: never
                                # forgotten)
        deleted = {a for h, a in info.base if h.__name__ == "DELETE_FAST"}
        self.args = frozenset(range(info.nargs)) - deleted     # bound from the start

    def forget(self):
        self.at.clear()
        self.const.clear()
        self.src.clear()
        self.local.clear()
        self.bound.clear()
        self.guarded.clear()

    def guard_known(self, info, k, handler, arg):
        """Does instruction k's type guard hold, its owner's having passed it before?"""
        owner = _guard_owner(info, k, handler, arg)
        if owner is None:
            return False
        known = self.guarded.get(owner[0])
        return known is not None and known[0] is owner[1][0] and known[1] == owner[1][1]

    def fold_unbound(self, src, arg):
        """`src` with the unbound-local checks of locals known to be bound left out."""
        if "fast[" not in src:
            return src
        lines = src.splitlines()
        for i in range(len(lines) - 1):
            line = lines[i]
            if not (line.startswith("l_") and " = fast[__ARG__" in line and line.endswith("]")):
                continue
            name, _, index = line.partition(" = fast[")
            index = index[:-1]
            if index == "__ARG__":
                local = arg
            elif index in ("__ARG__[0]", "__ARG__[1]") and type(arg) is tuple:
                local = arg[int(index[-2])]
            else:
                continue
            if (lines[i + 1].startswith("if %s is " % name) and lines[i + 1].endswith("_NULL:")
                    and (local in self.bound or local in self.args)):
                lines[i + 1] = "if False:"
        return "\n".join(lines)

    def _const(self, value):
        return type(value) if type(value) in self._EXACT else None

    def fold_guard(self, src, t, d0):
        """`src` with the guard clauses on operands of known type written as False."""
        if not self.at or "is not " not in src:
            return src
        lines = src.splitlines()
        where = {}              # operand local -> its type
        consts = {}             # operand local -> its int, from a constant
        for line in lines:
            if not line.startswith("l_") or " = __S" not in line:
                break
            name, _, ph = line.partition(" = ")
            if ph.endswith("__") and ph[3] in "mp":
                q = d0 + _depth_value(ph[3:-2])
                tp = self.at.get(q)
                if tp is not None:
                    where[name] = tp
                    if q in self.const:
                        consts[name] = self.const[q]
        if not where:
            return src
        g = t.globals
        type_aliases = [alias for alias, obj in g.items() if obj is type]
        for i, line in enumerate(lines):
            if line.startswith("if ") and line.endswith(":"):
                for name, tp in where.items():
                    for alias in [alias for alias, obj in g.items() if obj is tp]:
                        for talias in type_aliases:
                            line = line.replace("%s(%s) is not %s" % (talias, name, alias),
                                                "False")
                    value = consts.get(name)
                    if value is not None:
                        line = self._fold_range(line, name, value, g)
                lines[i] = line
                break           # the guard is the first top-level test
        return "\n".join(lines)

    _RANGE = re.compile(r"\(not (0|\w+) <= (\w+) <= (\w+)\)")

    @classmethod
    def _fold_range(cls, line, name, value, g):
        """`line` with a range test of `name` (`not 0 <= x <= _MAX`, `not _MIN <= x <=
        _MAX`: the forms guarded on a one-digit int) written as False when `value`, the
        constant it holds, passes it."""
        def fold(m):
            low, operand, high = m.groups()
            low = 0 if low == "0" else g.get(low)
            high = g.get(high)
            if operand != name or type(low) is not int or type(high) is not int:
                return m.group(0)
            return "False" if low <= value <= high else m.group(0)
        return cls._RANGE.sub(fold, line)

    _SIMPLE = frozenset({"LOAD_FAST", "LOAD_CONST", "STORE_FAST", "DELETE_FAST", "COPY",
                         "SWAP"})
    # the exact types a specialized form's guard requires of its operands (from the
    # deepest): after it, in the block, the locals they were loaded from have them
    _OPERANDS = {"BINARY_OP_ADD_INT": (int, int), "BINARY_OP_SUBTRACT_INT": (int, int),
                 "BINARY_OP_MULTIPLY_INT": (int, int), "BINARY_OP_ADD_FLOAT": (float, float),
                 "BINARY_OP_SUBTRACT_FLOAT": (float, float),
                 "BINARY_OP_MULTIPLY_FLOAT": (float, float),
                 "BINARY_OP_ADD_UNICODE": (str, str), "COMPARE_OP_INT_JUMP": (int, int),
                 "COMPARE_OP_FLOAT_JUMP": (float, float), "COMPARE_OP_STR_JUMP": (str, str),
                 "BINARY_SUBSCR_LIST_INT": (list, int), "BINARY_SUBSCR_TUPLE_INT": (tuple, int),
                 "STORE_SUBSCR_LIST_INT": (None, list, int)}

    _NAMESPACES = {"LOAD_GLOBAL_MODULE": ("l_g",), "LOAD_GLOBAL_BUILTIN": ("l_g", "l_b")}

    def fold_namespaces(self, src, t):
        """`src` with the tests that the frame's globals or builtins are exact dicts
        written as False where a guard passed before showed it."""
        if not self.dicts or "l_g" not in src:
            return src
        g = t.globals
        for name in self.dicts:
            for talias in [alias for alias, obj in g.items() if obj is type]:
                for dalias in [alias for alias, obj in g.items() if obj is dict]:
                    src = src.replace("%s(%s) is not %s" % (talias, name, dalias), "False")
        return src

    def after(self, info, k, handler, arg, advance, d0, low, d1, guarded=False, top=False):
        """Instruction k (with the `advance` that follow it: a superinstruction) read
        positions low.. of the stack (depth d0 before) and left depth d1: what is known
        after it. Loads, stores and constants (plain or fused) are followed through their
        base instructions; anything else may only produce a known result type, and
        (`guarded`: its failed guard left the block) teach the types of the locals its
        operands came from."""
        at = self.at
        src = self.src
        name = handler.__name__
        operands = self._OPERANDS.get(name) if guarded else None
        if operands is not None:
            for q, tp in zip(range(d0 - len(operands), d0), operands):
                a = src.get(q)
                if tp is not None and a is not None:
                    self.local[a] = tp
        if guarded and top and name in self._NAMESPACES:
            self.dicts.update(self._NAMESPACES[name])
        owner = _guard_owner(info, k, handler, arg)
        if name in _GUARD_THEN_BASE:
            self.guarded.clear()        # (its guard failed or not, the base ran: any code)
        elif owner is not None:
            self.guarded[owner[0]] = owner[1]
        elif name not in _NO_CALL_OUT and name not in _TYPE_GUARDED:
            self.guarded.clear()        # (other code may have run: a class may change)
        bases = info.base[k:k + 1 + advance]
        const = self.const
        # what is known of each position from `low`: (its type, its int, its local)
        vals = [(at.get(q), const.get(q), src.get(q)) for q in range(low, d0)]
        if all(h.__name__ in self._SIMPLE for h, a in bases):
            for h, a in bases:
                op = h.__name__
                if op == "COPY":
                    vals.append(vals[-a])
                elif op == "SWAP":
                    vals[-1], vals[-a] = vals[-a], vals[-1]
                elif op == "LOAD_FAST":
                    self.bound.add(a)
                    vals.append((self.local.get(a), None, a))
                elif op == "LOAD_CONST":
                    vals.append((self._const(a), a if type(a) is int else None, None))
                else:                   # STORE_FAST, DELETE_FAST
                    if op == "STORE_FAST":
                        tp = vals.pop()[0]
                        self.bound.add(a)
                    else:
                        tp = None
                        self.bound.discard(a)
                    self.guarded.pop(a, None)
                    if tp is None:
                        self.local.pop(a, None)
                    else:
                        self.local[a] = tp
                    # (positions loaded from it hold its old value now)
                    vals = [(t, n, None if x == a else x) for t, n, x in vals]
                    for q in [q for q, x in src.items() if x == a]:
                        del src[q]
        else:
            vals = [(self._RESULTS.get(name), None, None)] if d1 > min(low, d1) else []
        for known in (at, const, src):
            for q in [q for q in known if q >= min(low, d1)]:
                del known[q]
        base = d1 - len(vals)
        for j, (tp, n, x) in enumerate(vals):
            if x is not None:
                src[base + j] = x
            if tp is not None:
                at[base + j] = tp
                if n is not None:
                    const[base + j] = n


def _switch_forms(handler, arg, k, cells):
    """The specialized forms a volatile instruction is inlined with, each behind a check
    of its handler, as [(handler, template, v, extra locals)], most recent first; [] if
    none. A polymorphic site (3.11 cycles it between specialized forms and the adaptive
    one: unpack_sequence's sites go from tuples to lists and back) then runs inline while
    it has one of the forms it had when the block was made, and is dispatched through
    `instrs` otherwise: the block needs no recompiling at each rewrite (`invalidate`
    recompiles it for a form it has not had yet). A form must neither jump nor return
    what the loop needs outside a failed guard, and all must use the stack alike."""
    adaptive = getattr(arg, "adaptive", None)
    if adaptive is None:
        return []
    candidates = list(arg.forms)
    if handler is not adaptive and handler is not arg.base and handler in candidates:
        candidates.remove(handler)
        candidates.insert(0, handler)       # (its form of now first)
    forms = []
    # the adaptive form last: its deferral runs the base inline, and its specialization
    # (_adapt, on the real stack) is taken back like a failed guard's base
    for h in candidates + [adaptive]:
        t = template(h)
        # (a form whose handler always returns may still go on: one that ends with its
        # base, which it inlines, as LOAD_METHOD_WITH_VALUES does)
        ends = t is not None and t.ends and not (t.vstack and "__BASE_" in t.vstack[0])
        if t is None or (h is not adaptive and (t.moves_ip or t.advance or ends)):
            continue
        v = t.vstack
        if v is None and t.shapes is not None:
            v = t.shapes[1].get(shape_of(t.shapes[0], arg))
        if h is adaptive:
            v = t.vbase if v is None and t.vbase is not None and len(t.vbase) == 5 else None
        if v is None:
            continue
        extra = ()
        if t.vbase is not None and h is not adaptive:
            # (only at volatile sites: elsewhere a failed guard leaves the block, so that
            # what follows may rely on the guard: _Types)
            vb, extra = _with_base(t.vbase, arg, k, cells)
            if vb is not None:
                v = vb
        if "__BASE_" in v[0]:
            v, extra = _with_base(v, arg, k, cells)
        if v is None or v[2] or v[4]:
            continue
        if forms and (v[3] != forms[0][2][3] or _needs(v) != _needs(forms[0][2])):
            continue
        forms.append((h, t, v, extra))
    return forms


def _call_forms(w, arg, k, cells):
    """A volatile call instruction (a polymorphic call site: 3.11 cycles it between
    CALL_PY_EXACT_ARGS of one function, CALL_ADAPTIVE and the next function) run on the
    real stack: each form it has had inline, behind a check of its handler, as the
    tier-1 loop would run it (its frame, left in r, then runs inline); any other form
    through `instrs`. (`_switch_forms` does this on the virtual stack for instructions
    that go on in the block; a call leaves a frame.)"""
    emit = w.emit
    adaptive = getattr(arg, "adaptive", None)
    forms = {}          # handler -> its template
    if adaptive is not None:
        for h in tuple(arg.forms) + (adaptive,):
            t = template(h)
            if t is not None:
                forms.setdefault(h, t)
    emit("h = instrs[%d][0]" % k)
    for j, (h, t) in enumerate(forms.items()):
        cells["h%d_%d" % (k, j)] = h
        emit("%s h is h%d_%d:" % ("elif" if j else "if", k, j))
        src = _with_arg(t, t.body, arg, k, cells)
        for line in src.splitlines():
            emit("    " + line)
        if "__new_frame(" in src:
            # (a CALL_PY_* form: its frame made here, pushed by the run inline after)
            _frame_made_here(w, cells, pushed=False)
        if t.locals:
            emit("    " + " = ".join(t.locals) + " = None")
    if forms:
        emit("else:")
    pad = "    " if forms else ""
    emit(pad + "h, a = instrs[%d]" % k)
    emit(pad + "r = h(f, a)")


def _take_back(w, ip, names, indent):
    """The instruction ran on the real stack and left f.ip at `ip` (else it jumped or a
    frame is to run): take its outputs back into the variables `names` (top first)."""
    w.emit("if r is not None: return r", indent)
    w.emit("if f.ip != %d: return None" % ip, indent)
    if len(names) == 1:
        w.emit("%s = stack.pop()" % names[0], indent)
    elif names:
        w.emit("%s, = stack[-%d:]" % (", ".join(reversed(names)), len(names)), indent)
        w.emit("del stack[-%d:]" % len(names), indent)


def _pull_inputs(w, low):
    """Pull into their variables the positions from `low` up that are on the real stack
    (an instruction's inputs)."""
    if low < w.R:
        w.state = 0
        for q in range(w.R - 1, low - 1, -1):
            w.emit("%s = stack.pop()" % _slot_name(q))
        w.R = low


def _needs(v):
    """How deep below the instruction's entry depth a virtual-stack form reads."""
    return min(min(v[1], default=0), v[3])


def _write_form(w, types, info, k, handler, arg, t, v, d0, need, ip, live, start, cells,
                uses, elide, fixed, resume=None, follow=False, guarded=False):
    """Write instruction k's form `t` on the virtual stack (`v`: its template text and
    stack use) at depth d0; returns (the ip after it, its text, whether it closes the
    loop on the block). `fixed`: its cache fields may be written in (not at a volatile
    site, whose cache is specialized again under the block; nor is what it learns kept).
    `resume`: the positions to take back from the real stack when the instruction ran
    there (a failed guard ran the base, at a volatile site), where the block goes on;
    None: the block leaves then. `follow`: its jump (backward) is where the block goes on
    (_follows_back). `guarded`: a failed guard leaves the block (its base is not inlined),
    so the block goes on only with operands that passed it (_Types.after)."""
    emit = w.emit
    src, offsets, _, dend, _ = v
    pure = handler.__name__ in _NO_CALL_OUT
    closes = False
    if not pure:
        emit("f.ip = %d" % ip)
    if elide:
        src = _without_type_guard(src)
    src = types.fold_guard(src, t, d0)
    src = types.fold_namespaces(src, t)
    src = types.fold_unbound(src, arg)
    if fixed:
        types.after(info, k, handler, arg, t.advance, d0, d0 + need, d0 + dend, guarded,
                    top=not w.regions)
    src = _forward(src)
    src = _with_arg(t, src, arg, k, cells, fixed=fixed)
    for p in offsets:
        src = src.replace(placeholder(p), _slot_name(d0 + p))
    if "fast" in src:
        uses.add("fast")
    for line in src.splitlines():
        text = line.lstrip()
        indent = line[:len(line) - len(text)]
        if not (text.startswith("__") and text.endswith("__")
                and text[2:-2].split("_")[0] in _MARKERS):
            emit(line)
            continue
        kind, _, enc = text[2:-2].partition("_")
        d = _depth_value(enc) if enc else 0
        if kind == "FLUSH":
            emit("f.ip = %d" % ip, indent)
            w.flush(d0 + d, indent, clear=True)
            w.state = 0
        elif kind == "SYNC" and resume is not None:
            _take_back(w, ip, resume, indent)
        elif kind == "SYNC":
            emit("return r" if t.returns else "return None", indent)
        elif kind == "NORMAL":
            w.set_state(ip, live)
        elif kind == "JUMPED":
            w.set_state(None, live)
        elif kind == "IP":
            emit("f.ip = %d" % ip, indent)
        elif kind == "ADVANCE":
            ip += d
            w.set_state(ip, live)
            # (`pass`: the marker may be all of a branch)
            emit("f.ip = %d" % ip if not pure else "pass", indent)
        elif kind == "EXIT":
            target = _jump_target(handler, arg)
            regions = w.regions
            out = None
            if regions and target == regions[-1][0]:
                out = ""
            elif len(regions) > 1 and target == regions[-2][0] and regions[-1][2]:
                out = regions[-1][2]        # the if/else's flag
            if follow:
                pass                        # (the block goes on at the target)
            elif out is not None:
                # a forward jump to where the block goes on: out of its region, its
                # inputs and locals released as the way through releases them
                w.flush(d0 + d, indent, clear=True)
                dead = [_slot_name(q) for q in range(max(w.R, d0 + d), d0 + max(
                    [p for p in v[1] if p < 0], default=-1) + 1)]
                dead += sorted(n for n in t.locals if n in src)
                if dead:
                    emit(" = ".join(dead) + " = None", indent)
                if out:
                    emit("%s = True" % out, indent)
                emit("break", indent)
                w.broke = True
            elif target == start and not regions:
                # the loop closes on this block: go round without leaving it, unless a
                # tool started listening (it needs the tier-1 loop)
                w.flush(d0 + d, indent, clear=True)
                for line in _GO_ROUND:
                    emit(line, indent)
                closes = True
            elif not _write_tail(w, info, target, d0 + d, indent, start, cells, uses):
                w.flush(d0 + d, indent)
                emit("return None", indent)
    w.set_state(ip, live)
    return ip, src, closes


# --- Forward jumps inside a block ------------------------------------------------------
#
# A forward conditional jump whose target the block reaches by going on (an `if` without
# `else`, `if tracing: print(...)`) opens a *region*: `while True:` around the code up to
# the target, where a taken jump writes its stack variables back to the real stack and
# `break`s, and the way through does the same at the target; the block goes on from
# there, with everything on the real stack and nothing known (both ways meet). Only when
# nothing else jumps into the region (no leader in it but the returns of calls run
# inline), and regions nest. The block's own loop (`continue` to its start) is not
# closed from inside a region.

_REGION_JUMPS = frozenset(name for name in OPMAP if name.startswith(("POP_JUMP_FORWARD_IF_",
                                                                  "JUMP_IF_")))


def _opens_region(info, k, handler, arg, start, count, regions):
    """The targets of the regions the forward jump at k opens (above), outermost first:
    [its target], or for an if/else (the instruction before the target jumps forward
    over the `else` part) [the end of the `else` part, its target]; or None."""
    name = handler.__name__
    if name not in _REGION_JUMPS and not (name.startswith("COMPARE_OP_")
                                         and name.endswith("_JUMP")):
        return None
    target = _jump_target(handler, arg)
    if target is None or target <= k + 1:
        return None
    targets = [target]
    h, a = info.instrs[target - 1]
    if h.__name__ == "JUMP_FORWARD" and type(a) is int and a > target:
        targets.insert(0, a)
    outer = targets[0]
    if outer - start >= MAX_SPAN - 8 or count + (outer - k) >= MAX_BLOCK:
        return None
    if (regions and outer > regions[-1][0]) or _tail_run(info, target) is not None \
            or _tail_run(info, outer) is not None:
        return None                     # (a short return there is written at the jump)
    # (a leader inside that anything from outside the region reaches would end the block
    # in it: nested ifs are fine, as are the returns of calls run inline)
    # (an exception handler's entry, -1, is from outside)
    ops, leaders, entries = info.ops, info.leaders, info.entries
    for j in range(k + 1, outer):
        if leaders[j] and j != target and ops[j - 1] not in _CALL_OPS \
                and not all(k < i < j for i in entries.get(j, ())):
            return None
    return targets


def _close_region(w, types):
    """The way through a region reaches its target: meet the jumps taken out of it."""
    target, indent, flag = w.regions.pop()
    w.state = 0
    w.flush(w.D, clear=True)
    w.emit("break")
    w.indent = indent
    w.R = w.D
    types.forget()
    if flag:
        w.emit("if %s: break" % flag)       # (the `if` part of an if/else left by its jump)


# --- Returns written where a jump goes to them ------------------------------------------
#
# A taken jump leaves the block, and the loop runs the block at its target; so does a
# block that reaches the start of another. When that target is a short run that returns
# (`return x`, `return None` after an `if` without `else`, the RETURN_VALUE that
# `a and b` or `x if c else y` jumps to), the block writes the run itself instead: no
# block to leave and enter for a few loads and a return. (Those instructions are never
# rewritten once quickened, so the copy cannot go stale.)

_TAIL_OPS = frozenset(("LOAD_FAST", "LOAD_CONST", "LOAD_FAST__LOAD_CONST",
                       "LOAD_CONST__LOAD_FAST", "LOAD_FAST__LOAD_FAST", "RETURN_VALUE"))
MAX_TAIL = 3          # instructions a jump writes at its target at most


def _tail_run(info, target):
    """The instruction indexes from `target` to a RETURN_VALUE, when they are all plain
    loads (at most MAX_TAIL), else None."""
    if target is None:
        return None
    run = []
    k = target
    instrs = info.instrs
    while k < len(instrs) and len(run) < MAX_TAIL:
        handler = instrs[k][0]
        name = handler.__name__
        if name not in _TAIL_OPS or template(handler) is None:
            return None
        run.append(k)
        if name == "RETURN_VALUE":
            return run
        k += 1 + template(handler).advance
    return None


def _write_tail(w, info, target, depth, indent, start, cells, uses):
    """For a taken jump to `target` with the stack at `depth`: write the run that returns
    there (_tail_run) in its branch and return True, or write nothing and return False.
    The writer's state after the branch is the one before it (the branch returns)."""
    run = _tail_run(info, target)
    if run is None:
        return False
    saved = w.D, w.R, w.state, w.indent
    w.indent = w.indent + indent
    w.D = depth
    types = _Types(info)                # (knows nothing: reached from elsewhere too)
    for k in run:
        handler, arg = info.instrs[k]
        t = template(handler)
        v = t.vstack
        d0 = w.D
        need = _needs(v)
        _pull_inputs(w, d0 + need)
        ip = k + 1
        live = w.names(d0)
        w.set_state(ip, live)
        _write_form(w, types, info, k, handler, arg, t, v, d0, need, ip, live, start,
                    cells, uses, False, fixed=False)
        w.D = d0 + v[3]
    w.flush(w.D)
    w.emit("f.ip = %d" % (run[-1] + 1))
    w.emit("return r")
    w.D, w.R, w.state, w.indent = saved
    return True


def _without_type_guard(src):
    """A type-guarded template with its (top-level) guard known to hold."""
    out = []
    for line in src.splitlines():
        if line.startswith("if ") and line.endswith(_TYPE_GUARD):
            line = "if False:"
        out.append(line)
    return "\n".join(out)


def _jump_target(handler, arg):
    """The instruction index a jump instruction jumps to, when the block knows it."""
    if type(arg) is int:
        return arg
    return getattr(arg, "target", None) if handler.__name__.startswith("COMPARE_OP_") else None


# Fields of an inline cache (specialize_v3_11.Cache) that keep their value while the
# instruction keeps its form: the specializer sets them before it rewrites the
# instruction, which recompiles the blocks that inlined it (the counter and `last` do
# change; a volatile site's cache may be specialized again under a block).
_FIXED_FIELDS = ("arg", "base", "tref", "tver", "version", "n", "target", "extra", "obj",
                 "info")


def _with_arg(t, src, arg, k, cells, cell="a%d", fixed=False):
    """A template's source with its argument written in: a literal, or a value of the
    block's (a global of the block). `fixed`: the instruction is inlined as it is now
    (not at a volatile site), so the fixed fields of its cache are written in too, as
    literals or values of their own."""
    cells.update(t.globals)
    if t.uses_arg:
        text = _literal_arg(arg, src)
        if text is not None:
            return src.replace("__ARG__", text)
        src = _attribute_syntax(t, src, arg)
        src = _operator_syntax(src, arg, "__ARG__")
        if "__ARG__" not in src:
            return src
        name = cell % k
        if fixed and type(arg).__name__ == "Cache" and "__ARG__." in src:
            if type(arg.extra) is bool:
                # (a function, not a template string: re parses those with library code)
                src = _JUMP_TEST.sub(_TRUE_TEST if arg.extra else _FALSE_TEST, src)
            src = _operator_syntax(src, getattr(arg, "arg", None), "__ARG__.arg")
            for field in _FIXED_FIELDS:
                src = _bind_field(src, field, getattr(arg, field, None), name, cells)
            # (`if 3 >= 8 and PENDING_SIGNALS:` of a forward jump: the host does not fold it)
            src = _LITERAL_AT_LEAST.sub(lambda m: str(int(m.group(1)) >= int(m.group(2))), src)
        if "__ARG__" in src and "_miss(f, __ARG__, " in src:
            src = _inline_miss(src, t, cells)
        if "__ARG__" in src:
            cells[name] = arg
            src = src.replace("__ARG__", name)
        return src
    return src


_MISS = re.compile(r"( *)(g_\w+?__miss)\(f, __ARG__, ('[^'\\]*')\)\n")


def _inline_miss(src, t, cells):
    """`src` with the calls of specialize's `miss` written as its count-down, calling
    `missed` only when the counter reached 0 or a tool listens (a miss at a polymorphic
    site is frequent; its call was most of its cost)."""
    def write(m):
        pad, alias, reason = m.groups()
        miss = t.globals.get(alias)
        missed = getattr(sys.modules.get(getattr(miss, "__module__", None)), "missed", None)
        if missed is None:
            return m.group(0)
        cells["b_missed"] = missed
        cells["b_events"] = _events
        return ("%s__ARG__.counter -= 1\n"
                "%sif __ARG__.counter <= 0 or b_events.ACTIVE is not None:\n"
                "%s    b_missed(f, __ARG__, %s)\n" % (pad, pad, pad, reason))
    return _MISS.sub(write, src)


# Host syntax. `getattr(o, name)` is `o.name` when `name` is a plain identifier (the same
# PyObject_GetAttr), and the host specializes the attribute syntax (its own PEP 659
# LOAD_ATTR, STORE_ATTR) where the call costs a builtin call every time.
_GETATTR = re.compile(r"\b(g_\w+?_getattr)\((\w+), __ARG__(\.arg)?\)")
_SET_OR_DEL = re.compile(r"(\s*)(g_\w+?_(setattr|delattr))\((\w+), __ARG__(\.arg)?"
                         r"(?:, (\w+))?\)")
_BUILTIN_ATTR = {"getattr": getattr, "setattr": setattr, "delattr": delattr}
_NOT_ATTR_NAMES = frozenset(keyword.kwlist) | {"__debug__"}


def _attribute_name(value):
    return (type(value) is str and value.isidentifier() and value not in _NOT_ATTR_NAMES
            and value.isascii())


def _attribute_syntax(t, src, arg):
    """`src` with the builtin getattr of the instruction's name written as attribute
    syntax, and its setattr/delattr statements as assignment and `del`, where the name
    allows it."""
    if "attr(" not in src:
        return src
    field = getattr(arg, "arg", None) if type(arg).__name__ == "Cache" else None

    def plain(fn, kind, dotted):
        name = field if dotted else arg
        if _attribute_name(name) and t.globals.get(fn) is _BUILTIN_ATTR[kind]:
            return name
        return None

    def load(m):
        fn, obj, dotted = m.groups()
        name = plain(fn, "getattr", dotted)
        return m.group(0) if name is None else "%s.%s" % (obj, name)

    lines = _GETATTR.sub(load, src).split("\n")
    for i, line in enumerate(lines):
        m = _SET_OR_DEL.fullmatch(line)
        if m is None:
            continue
        pad, fn, kind, obj, dotted, value = m.groups()
        name = plain(fn, kind, dotted)
        if name is None or (kind == "setattr") != (value is not None):
            continue
        lines[i] = ("%s%s.%s = %s" % (pad, obj, name, value) if kind == "setattr"
                    else "%sdel %s.%s" % (pad, obj, name))
    return "\n".join(lines)


# An operator instruction's argument is the operator's function (BINARY_OP's
# operator.add, COMPARE_OP's operator.lt): `add(x, y)` is `x + y` (the same
# PyNumber_Add), and the host specializes the syntax; `x = iadd(x, y)` is `x += y`.
_OPERATORS = {fn: symbol for symbol, fn in _support.OPERATOR_FUNCS.items()
              if symbol not in _support.IN_PLACE}
_IN_PLACE = {fn: symbol for symbol, fn in _support.OPERATOR_FUNCS.items()
             if symbol in _support.IN_PLACE}
# COMPARE_OP_{INT,FLOAT,STR}_JUMP jump when `__ARG__.arg(left, right) is __ARG__.extra`:
# after their guard (exact ints, floats or strs) the comparison is an exact bool, so the
# test is `if left < right:` (or `if not ...`), which the host fuses with its jump
_JUMP_TEST = re.compile(r"(__ARG__\.arg\(\w+, \w+\)) is __ARG__\.extra(?=:\n)")
_TRUE_TEST = lambda m: m.group(1)                   # noqa: E731
_FALSE_TEST = lambda m: "not " + m.group(1)         # noqa: E731
_LITERAL_AT_LEAST = re.compile(r"(?<![\w.])(\d+) >= (\d+)(?![\w.])")
_OPERATOR_CALLS = {     # (compiled here: no library code runs when a block is made)
    ref: (re.compile(re.escape(ref) + r"\((\w+), (\w+)\)"),
          re.compile(r"(\s*)(\w+) = " + re.escape(ref) + r"\((\w+), (\w+)\)"))
    for ref in ("__ARG__", "__ARG__.arg")}


def _operator_syntax(src, fn, ref):
    """`src` with the calls `ref(x, y)` of the operator function `fn` written as
    operator syntax, where it is one."""
    try:
        symbol = _OPERATORS.get(fn)
        in_place = _IN_PLACE.get(fn) if symbol is None else None
    except TypeError:                   # (an unhashable argument)
        return src
    if symbol is None and in_place is None:
        return src
    call, statement = _OPERATOR_CALLS[ref]
    if symbol is not None:
        return call.sub(lambda m: "(%s %s %s)" % (m.group(1), symbol, m.group(2)), src)
    lines = src.split("\n")
    for i, line in enumerate(lines):
        m = statement.fullmatch(line)
        if m is None:
            continue
        pad, target, x, y = m.groups()
        if target == x:
            lines[i] = "%s%s %s %s" % (pad, x, in_place, y)
        elif target != y:
            lines[i] = "%s%s = %s\n%s%s %s %s" % (pad, target, x, pad, target, in_place, y)
    return "\n".join(lines)


def _bind_field(src, field, value, name, cells):
    """`src` with `__ARG__.field` written as the field's value (a literal or a cell)."""
    ref = "__ARG__." + field
    parts = src.split(ref)
    if len(parts) == 1:
        return src
    if _literal(value):
        text = repr(value)
    else:
        text = "%s_%s" % (name, field)
    out = [parts[0]]
    bound = False
    for part in parts[1:]:
        if part[:1].isalnum() or part[:1] == "_":     # a longer name: leave it
            out.append(ref + part)
        else:
            out.append(text + part)
            bound = True
    if bound and not _literal(value):
        cells[text] = value
    src = "".join(out)
    if bound and type(value) is tuple and value and type(value[0]) is str \
            and value[0].isidentifier() and text + "[0]" in src:
        # a name (LOAD_GLOBAL's `name, push_null`): a literal, for a dict lookup by it
        # (a compiled pattern's sub with a function: no library code at run time)
        literal = repr(value[0])
        src = _FIRST_ITEM.sub(lambda m: literal if m.group(1) == text else m.group(0), src)
    return src


_FIRST_ITEM = re.compile(r"\b(\w+)\[0\](?![\w\[])")


# --- Copies left out ---------------------------------------------------------------------
#
# A handler's locals are copies of stack positions: `l_left = __Sm2__` (an input) or
# `__Sp0__ = l_v` (an output). In a block the stack positions are variables too, so the
# copy and the clearing of the local after the instruction are work for nothing: the
# local can be the position's own variable. `_forward` does that for each form a block
# inlines, where it cannot change what runs:
# - an input `l_X = P`: l_X is assigned only there, and on no path from the copy to a
#   use of l_X is P assigned or the virtual stack flushed (a FLUSH/EXIT/SYNC marker);
# - an output `P = l_X`: l_X is assigned once, by a plain assignment, and the copy and
#   every read of l_X come after that assignment in its statement list (or in the
#   `else` of the `try` whose body assigns it); P appears nowhere else, except read
#   before l_X is assigned. (P is then written earlier than before, while it is above
#   the live stack: no flush of a well-formed template covers it before the copy.)
# A branch left with nothing but markers gets `pass`.
# The analysis reads the form's syntax tree from the builtin compile() (no library
# code at run time), and edits the text at the names' own positions.

_ONLY_AST = 0x400                  # PyCF_ONLY_AST
_FORWARDED = {}                    # form text -> the text without its copies
_KEEPS_SLOTS = frozenset(("NORMAL", "JUMPED", "IP", "ADVANCE"))
_NOT_FORWARDED = (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef,
                  ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                  ast.GeneratorExp, ast.Global, ast.Nonlocal, ast.Delete, ast.NamedExpr)


def _forward(src):
    """`src` (a form about to be inlined) with the copies between handler locals and
    stack positions left out (see "Copies left out")."""
    out = _FORWARDED.get(src)
    if out is None:
        try:
            out = _forward_copies(src)
        except SyntaxError:
            out = src
        _FORWARDED[src] = out
    return out


def _nodes(node):
    """`node` and every node under it (ast.walk, without library code at run time)."""
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        for field in n._fields:
            value = getattr(n, field, None)
            if type(value) is list:
                todo.extend(x for x in value if isinstance(x, ast.AST))
            elif isinstance(value, ast.AST):
                todo.append(value)


def _is_slot(name):
    return name.startswith("__S") and name.endswith("__") and name[3:4] in ("m", "p")


def _marker_kind(st):
    if type(st) is ast.Expr and type(st.value) is ast.Name:
        name = st.value.id
        if name.startswith("__") and name.endswith("__") and not _is_slot(name):
            return name[2:-2].split("_")[0]
    return None


def _loads(node, name):
    return any(type(n) is ast.Name and n.id == name and type(n.ctx) is ast.Load
               for n in _nodes(node))


def _kills(st, slot):
    """Does statement `st` assign `slot` or flush the virtual stack, anywhere in it?"""
    for n in _nodes(st):
        if type(n) is ast.Expr:
            kind = _marker_kind(n)
            if kind is not None and kind not in _KEEPS_SLOTS:
                return True
        elif type(n) is ast.Name and n.id == slot and type(n.ctx) is not ast.Load:
            return True
    return False


def _uses_after_kill(stmts, local, slot, killed):
    """Walk `stmts` in execution order: (is `local` read where `slot` may have been
    assigned or flushed since the copy?, may it have been by the end?)."""
    for st in stmts:
        kind = type(st)
        if kind is ast.If:
            if killed and _loads(st.test, local):
                return True, killed
            bad, k1 = _uses_after_kill(st.body, local, slot, killed)
            if bad:
                return True, k1
            bad, k2 = _uses_after_kill(st.orelse, local, slot, killed)
            if bad:
                return True, k2
            killed = k1 or k2
        elif kind is ast.Try:
            bad, k1 = _uses_after_kill(st.body, local, slot, killed)
            if bad:
                return True, k1
            anywhere = killed or any(_kills(x, slot) for x in st.body)
            for h in st.handlers:
                bad, k = _uses_after_kill(h.body, local, slot, anywhere)
                if bad:
                    return True, k
                k1 = k1 or k
            bad, k1 = _uses_after_kill(st.orelse, local, slot, k1)
            if bad:
                return True, k1
            bad, killed = _uses_after_kill(st.finalbody, local, slot, k1 or anywhere)
            if bad:
                return True, killed
        elif kind is ast.With:
            for item in st.items:
                if killed and _loads(item, local):
                    return True, killed
            bad, killed = _uses_after_kill(st.body, local, slot, killed)
            if bad:
                return True, killed
        else:
            if killed and _loads(st, local):
                return True, killed
            if _kills(st, slot):
                killed = True
    return False, killed


def _statement_lists(tree):
    """Every list of statements in `tree` (bodies, else branches, handlers), each with
    the `try` whose body it is, or None."""
    for n in _nodes(tree):
        for field in ("body", "orelse", "finalbody"):
            value = getattr(n, field, None)
            if type(value) is list and value and isinstance(value[0], ast.stmt):
                yield value, (n if type(n) is ast.Try and field == "body" else None)


def _forward_copies(src):
    tree = compile(src, "<form>", "exec", _ONLY_AST)
    stores = {}         # name -> times assigned (an `except ... as` name counts twice)
    mentions = {}       # name -> times it appears
    loads = {}          # name -> the nodes reading it
    defines = {}        # name -> a plain `name = ...` assigning it
    for n in _nodes(tree):
        kind = type(n)
        if isinstance(n, _NOT_FORWARDED):
            return src
        if kind is ast.Name:
            mentions[n.id] = mentions.get(n.id, 0) + 1
            if type(n.ctx) is ast.Load:
                loads.setdefault(n.id, []).append(n)
            else:
                stores[n.id] = stores.get(n.id, 0) + 1
        elif kind is ast.ExceptHandler and n.name is not None:
            stores[n.name] = stores.get(n.name, 0) + 2       # (never forwarded)
        elif kind is ast.Assign and len(n.targets) == 1 and type(n.targets[0]) is ast.Name:
            defines[n.targets[0].id] = n
    body = tree.body
    renames = {}
    drop = set()
    for i, st in enumerate(body):
        if type(st) is not ast.Assign or len(st.targets) != 1 or st.lineno != st.end_lineno:
            continue
        target, value = st.targets[0], st.value
        if type(target) is ast.Name and type(value) is ast.Name and target.id.startswith("l_") \
                and _is_slot(value.id) and target.id not in renames:
            # an input: l_X = P
            a, b = target.id, value.id
            if stores.get(a) == 1 and not _uses_after_kill(body[i + 1:], a, b, False)[0]:
                renames[a] = b
                drop.add(st.lineno)
    lists = list(_statement_lists(tree))
    where = {}          # id(statement) -> (its statement list, index, owner Try or None)
    for stmts, owner in lists:
        for j, x in enumerate(stmts):
            where[id(x)] = (stmts, j, owner)
    for st in _nodes(tree):
        if type(st) is not ast.Assign or len(st.targets) != 1 or st.lineno != st.end_lineno:
            continue
        target, value = st.targets[0], st.value
        if type(target) is not ast.Name or type(value) is not ast.Name \
                or not _is_slot(target.id) or not value.id.startswith("l_"):
            continue
        # an output: P = l_X, where l_X is assigned once, and read only after that
        a, b = target.id, value.id
        define = defines.get(b)
        if b in renames or stores.get(a) != 1 or stores.get(b) != 1 or define is None \
                or id(define) not in where:
            continue
        stmts, j, owner = where[id(define)]
        if mentions.get(a) != 1:
            # P may also be read before l_X is assigned (a superinstruction that pops
            # and pushes at the same position), but nowhere else
            before = set()
            for x in stmts[:j]:
                before.update(id(n) for n in _nodes(x))
            if any(id(n) not in before for n in loads.get(a, ())):
                continue
        region = set()
        for x in stmts[j + 1:] + (owner.orelse if owner is not None else []):
            region.update(id(n) for n in _nodes(x))
        if id(st) not in region or any(id(n) not in region for n in loads.get(b, ())):
            continue
        renames[b] = a
        drop.add(st.lineno)
    if not renames:
        return src
    lines = src.split("\n")
    edits = sorted(((n.lineno, n.col_offset, n.end_col_offset, renames[n.id])
                    for n in _nodes(tree) if type(n) is ast.Name and n.id in renames
                    and n.lineno not in drop), reverse=True)
    for lineno, start, end, new in edits:
        line = lines[lineno - 1]
        lines[lineno - 1] = line[:start] + new + line[end:]
    for stmts, _ in lists:
        # a branch left with no statement but markers (which may write nothing) gets `pass`
        dropped = [x.lineno for x in stmts if x.lineno in drop]
        if dropped and not any(x.lineno not in drop and _marker_kind(x) is None for x in stmts):
            lineno = dropped[0]
            line = lines[lineno - 1]
            lines[lineno - 1] = line[:len(line) - len(line.lstrip())] + "pass"
            drop.discard(lineno)
    return "\n".join(line for i, line in enumerate(lines) if i + 1 not in drop)


def _with_base(v, arg, k, cells):
    """The virtual-stack form `v` of a specialized instruction whose __BASE_<d>__ marker
    is replaced by its base instruction's own template (argument `arg.arg`), as
    (form, the base's locals); (None, ()) when the base cannot be inlined."""
    src, offsets, vreturns, dend, vleaves = v[:5]
    effects = v[5] if len(v) > 5 else None      # a vbase form: bases inside branches
    base = getattr(arg, "base", None)
    bt = template(base) if base is not None else None
    bv = bt.vstack if bt is not None else None
    if bv is None or bv[2] or bv[4] or bt.returns or bt.advance or "__BASE_" in bv[0]:
        return None, ()
    bsrc, boffsets, _, bdend, _ = bv
    lines = src.splitlines()
    at = [i for i, line in enumerate(lines) if line.strip().startswith("__BASE_")]
    if effects is None and len(at) != 1:
        return None, ()
    if effects is not None and (len(effects) != len(at) or any(e != bdend for e in effects)):
        return None, ()
    bsrc = _with_arg(bt, bsrc, arg.arg, k, cells, "b%d")
    offsets = set(offsets)
    for i in reversed(at):
        text = lines[i].strip()
        pad = lines[i][:len(lines[i]) - len(text)]
        d = _depth_value(text[len("__BASE_"):-2])
        one = bsrc
        for p in boffsets:                       # to the outer instruction's positions
            one = one.replace(placeholder(p), "\x00%d\x00" % (p + d))
        for p in boffsets:
            one = one.replace("\x00%d\x00" % (p + d), placeholder(p + d))
        out = []
        for line in one.splitlines():
            t2 = line.strip()
            for kind in ("FLUSH", "EXIT"):
                if t2.startswith("__%s_" % kind) and t2.endswith("__"):
                    bd = _depth_value(t2[len(kind) + 3:-2]) + d
                    line = line[:len(line) - len(t2)] + "__%s_%s__" % (kind, _depth_text(bd))
            out.append(pad + line)
        lines[i:i + 1] = out
        offsets |= {p + d for p in boffsets}
        if effects is None:
            dend = d + bdend
    return ("\n".join(lines), tuple(sorted(offsets)), vreturns, dend, vleaves), bt.locals


def block_source(info, start):
    """The generated source of the block at `start` (for tests and curious users)."""
    return generate(info, start)[0]
