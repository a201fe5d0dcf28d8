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
  block; its argument becomes a literal (ints, None, tuples of them) or a closure cell;
  its locals are renamed `l_*` and set to None after the instruction, so that a block
  keeps no value alive longer than the handler would have;
- module globals it reads become closure cells holding the same objects;
- `return X` becomes `r = X`, the statements after an `if` that returns moving into its
  other branch; a block returns `r` when it is not None (a frame to push, a signal);
- `f.ip = K + 1` is stored before each instruction, exactly as the loop would, so that
  exceptions, tracebacks, `f_lineno` and the exception table see the same state;
- after an instruction that may move `f.ip` (a jump, or a call that gets `f`), the
  block checks `f.ip` and returns to the loop when it moved; `f.ip += 1` of a
  superinstruction is followed statically.

A handler whose body cannot be inlined (a `return` inside a loop or `try`, a nested
function, a closure) is called as the loop would call it. So a block is always exactly
the instruction sequence `info.instrs` holds, with the dispatch taken out: each instruction
is still defined once, by its handler (as CPython generates its tier 1 and tier 2 from one
`bytecodes.c`).

Blocks are built lazily per start index and cached in `info.blocks`; rewriting an
instruction (specialization, deoptimization) clears them (`invalidate`). Compiled code is
shared between blocks with the same source. Tier 2 runs only while no tool listens to
events: tracing, stepping and the stats collector see the tier-1 loop, instruction by
instruction. `PYCEVAL_TIER2=0` (or `pyceval run --no-tier2`) turns it off.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import ast
import marshal
import os
import sys

from .version import OPMAP, TABLES

TIER2 = {"enabled": os.environ.get("PYCEVAL_TIER2", "1") != "0"}
MAX_BLOCK = 48                 # instructions per block at most
HOT_BLOCK = 50                 # executions of a block start before it is compiled
VOLATILE = 2                   # rewrites after which an instruction is no longer inlined
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
    """
    __slots__ = ("body", "globals", "locals", "returns", "moves_ip", "advance", "ends",
                 "uses_arg")


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
        stamp = tuple((name, os.stat(name).st_mtime_ns, os.stat(name).st_size) for name in files)
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
    (t.body, spec, t.locals, t.returns, t.moves_ip, t.advance, t.ends, t.uses_arg) = entry
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
    t.advance = 0
    # a top-level `f.ip += N`: a superinstruction stepping over its second half
    for s in body:
        if (type(s) is ast.AugAssign and type(s.op) is ast.Add and _is_attr(s.target, pf, "ip")
                and type(s.value) is ast.Constant and type(s.value.value) is int):
            t.advance += s.value.value
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
    return (source, spec, tuple(sorted("l_" + n for n in local_names)), t.returns, t.moves_ip,
            t.advance, t.ends, t.uses_arg)


# callees that get the frame but never move f.ip: counting a miss, running signal
# handlers, and the base instruction of a specializing family (none of them jumps)
_KEEPS_IP = frozenset({"_miss", "miss", "deliver_signals", "deferred_event", "_deferred_event"})


def _keeps_ip(func, parg):
    if type(func) is ast.Name:
        return func.id in _KEEPS_IP
    return (type(func) is ast.Attribute and func.attr == "base" and type(func.value) is ast.Name
            and func.value.id == parg)


def _has_return(stmts):
    return any(type(n) is ast.Return for s in stmts for n in ast.walk(s))


def _always_leaves(stmts):
    """Does this statement list always raise, return or jump (`f.ip = ...`)?"""
    for s in stmts:
        if type(s) in (ast.Raise, ast.Return):
            return True
        if type(s) is ast.Assign and any(_is_attr(tg, "f", "ip") for tg in s.targets):
            return True
        if type(s) is ast.If and s.orelse and _always_leaves(s.body) and _always_leaves(s.orelse):
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
        info.leaders = _leaders(info)
        blocks = info.blocks = [None] * (len(info.instrs) + 1)
    return blocks


# instructions after which execution often resumes from the loop: a call's return, a
# generator's resumption (the next instruction then starts a block)
_RESUMED_AFTER = frozenset(OPMAP[name] for name in (
    "CALL", "PRECALL", "CALL_FUNCTION_EX", "BINARY_SUBSCR", "YIELD_VALUE", "SEND",
    "IMPORT_NAME", "BEFORE_WITH", "GET_AWAITABLE") if name in OPMAP)


def _leaders(info):
    """Per instruction index: does a block start there? Jump targets, exception handlers
    and resumption points; a block stops before the next leader, so that blocks do not
    overlap (each hot instruction is compiled once)."""
    n = len(info.ops)
    leaders = bytearray(n + 1)
    leaders[0] = 1
    jumps = TABLES.JUMPS
    for i, op in enumerate(info.ops):
        if op in jumps:
            leaders[info.base[i][1]] = 1
            leaders[i + 1] = 1
        elif op in _RESUMED_AFTER:
            leaders[i + 1] = 1
    for h in info.handlers:
        if h is not None:
            leaders[h[0]] = 1
    return leaders


def invalidate(info, index):
    """Instruction `index` of `info` was rewritten: the blocks that inlined it are stale.
    An instruction rewritten again and again (a polymorphic site cycling between
    specialization and deoptimization, as 3.11's counters make it) becomes *volatile*:
    blocks then dispatch it through `info.instrs` instead of inlining it."""
    blocks = info.blocks
    if blocks is None:
        return
    rewrites = info.rewrites
    if rewrites is None:
        rewrites = info.rewrites = {}
    seen = rewrites.get(index, 0)
    rewrites[index] = seen + 1
    if seen >= VOLATILE:
        return                     # already dispatched, not inlined
    for i in range(index + 1):
        b = blocks[i]
        if b is not None and index < b.end:
            blocks[i] = None


def step(f):
    """Tier-1 execution from f.ip up to the next block start (a leader) or signal, for
    block starts not executed often enough yet to be worth compiling."""
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
    source, names, cells, end = generate(info, start)
    ns = {}
    exec(compile(source, _FILENAME, "exec"), {"__builtins__": __builtins__}, ns)
    block = ns["factory"](*[cells[x] for x in names])
    block.end = end                # the instructions it inlined: start .. end - 1
    blocks_for(info)[start] = block
    return block


def generate(info, start):
    """The source of the block starting at `start`, as (source, closure names, closure
    values by name, end index)."""
    instrs = info.instrs
    n = len(instrs)
    lines = []          # source lines of the block body (indent 8)
    cells = {}          # closure name -> value
    uses = set()        # which of stack/fast the block reads

    def emit(text, depth=0):
        lines.append("    " * (2 + depth) + text)

    volatile = info.rewrites
    k = start
    count = 0
    leaders = info.leaders
    while k < n and count < MAX_BLOCK:
        if leaders[k] and k != start:
            break
        handler, arg = instrs[k]
        t = template(handler)
        count += 1
        nxt = k + 1
        emit("f.ip = %d" % nxt)
        if volatile is not None and volatile.get(k, 0) >= VOLATILE:
            emit("h, a = instrs[%d]" % k)
            emit("r = h(f, a)")
            emit("h = a = None")
            emit("if r is not None: return r")
            emit("if f.ip != %d: return None" % nxt)
            uses.add("instrs")
            k = nxt
            continue
        if t is None:
            hname = "h%d" % k
            cells[hname] = handler
            if _literal(arg):                    # (the handler may keep arg itself)
                emit("r = %s(f, %r)" % (hname, arg))
            else:
                cells["a%d" % k] = arg
                emit("r = %s(f, a%d)" % (hname, k))
            emit("if r is not None: return r")
            emit("if f.ip != %d: return None" % nxt)
            k = nxt
            continue
        src = t.body
        if t.uses_arg:
            text = _literal_arg(arg, src)
            if text is not None:
                src = src.replace("__ARG__", text)
            else:
                cells["a%d" % k] = arg
                src = src.replace("__ARG__", "a%d" % k)
        cells.update(t.globals)
        if "stack" in src:
            uses.add("stack")
        if "fast" in src:
            uses.add("fast")
        if t.returns:
            emit("r = None")
        for line in src.splitlines():
            emit(line)
        if t.ends:
            emit("return r" if t.returns else "return None")
            break
        if t.locals:
            emit(" = ".join(t.locals) + " = None")
        if t.returns:
            emit("if r is not None: return r")
        nxt = k + 1 + t.advance
        if t.moves_ip:
            emit("if f.ip != %d: return None" % nxt)
        k = nxt
    names = sorted(cells)
    head = ["def factory(%s):" % ", ".join(names), "    def block(f):"]
    if "stack" in uses:
        head.append("        stack = f.stack")
    if "fast" in uses:
        head.append("        fast = f.fast")
    if "instrs" in uses:
        head.append("        instrs = f.instrs")
    source = "\n".join(head + lines + ["    return block"]) + "\n"
    return source, names, cells, k + 1


def block_source(info, start):
    """The generated source of the block at `start` (for tests and curious users)."""
    return generate(info, start)[0]
