"""`pyceval dis`: disassemble in `dis`'s own format; with --adaptive, show the
instructions as pyceval has quickened and specialized them (PEP 659), with counters.

    pyceval dis [--adaptive] (script.py | file.pyc | module:function) [arg ...]

Without --adaptive the output is exactly `dis.dis` of the code. With --adaptive a script
or .pyc runs in the VM first (with its arguments) and every code object it contains is
shown in its current adaptive form, as `dis.dis(..., adaptive=True)` shows CPython's; for
module:function the module is imported in the VM first (calls made by importing it warm
the function up). Instructions of a specializing family show their inline-cache counter
(`counter=0x0035`: specialized, 53 misses to go; an adaptive form shows value << 4 | backoff).
"""
import dis
import importlib
import sys
import types

from ..interpreter import _INFOS
from ..instructions.specialize_v3_11 import Cache

_OPMAP = dis._all_opmap


def adaptive_bytes(code, info):
    """co_code with each instruction's opcode replaced by its current (specialized) form."""
    raw = bytearray(code.co_code)
    if info is None or info.instrs is None:
        return bytes(raw)
    for i, (handler, _) in enumerate(info.instrs):
        op = _OPMAP.get(handler.__name__)
        if op is not None:
            raw[info.offsets[i]] = op
    return bytes(raw)


def disassemble(code, adaptive, file=sys.stdout):
    """One code object, in dis.disassemble's format (+ counters when adaptive)."""
    info = _INFOS.get(id(code)) if adaptive else None
    raw = adaptive_bytes(code, info) if adaptive else code.co_code
    counters = {}
    if info is not None and info.instrs is not None:
        for i, (_, arg) in enumerate(info.instrs):
            if type(arg) is Cache:
                counters[info.offsets[i]] = arg.counter
    linestarts = dict(dis.findlinestarts(code))
    lineno_width = (len(str(max(linestarts.values()))) if max(linestarts.values(), default=0) >= 1000
                    else 3) if linestarts else 0
    offset_width = len(str(len(raw) - 2)) if len(raw) - 2 >= 10000 else 4
    entries = dis._parse_exception_table(code)
    for instr in dis._get_instructions_bytes(raw, code._varname_from_oparg, code.co_names,
                                             code.co_consts, linestarts,
                                             exception_entries=entries,
                                             co_positions=code.co_positions()):
        if linestarts and instr.starts_line is not None and instr.offset > 0:
            print(file=file)
        line = instr._disassemble(lineno_width, False, offset_width)
        if instr.offset in counters:
            line = f"{line:<72} counter={counters[instr.offset]:#06x}"
        print(line, file=file)
    if entries:
        print("ExceptionTable:", file=file)
        for e in entries:
            print(f"  {e.start} to {e.end - 2} -> {e.target} [{e.depth}]{' lasti' if e.lasti else ''}",
                  file=file)
    if adaptive and info is None:
        print("(never executed in the VM)", file=file)


def disassemble_recursive(code, adaptive, file=sys.stdout):
    disassemble(code, adaptive, file)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            print(file=file)
            print(f"Disassembly of {c!r}:", file=file)
            disassemble_recursive(c, adaptive, file)


def _function_code(func):
    from ..interpreter import function_info
    info = function_info(func)
    return info.code if info is not None else func.__code__


def main(argv):
    adaptive = bool(argv) and argv[0] == "--adaptive"
    if adaptive:
        argv = argv[1:]
    if not argv:
        print("usage: pyceval dis [--adaptive] (script.py | file.pyc | module:function) [arg ...]",
              file=sys.stderr)
        return 2
    target, args = argv[0], argv[1:]
    from .. import runner
    if ":" in target and not target.endswith((".py", ".pyc")):
        modname, _, qualname = target.partition(":")
        if adaptive:
            runner.importer.install()
            runner.adopt_host_functions()
        sys.path.insert(0, "")
        obj = importlib.import_module(modname)
        for part in qualname.split("."):
            obj = getattr(obj, part)
        code = _function_code(obj)
        sys.stdout.flush()
        disassemble_recursive(code, adaptive)
        return 0
    if not adaptive:
        try:
            code = runner.load_pyc(target) if target.endswith(".pyc") else compile(
                open(target, "rb").read(), target, "exec", dont_inherit=True)
        except (OSError, runner.ProgramError) as e:
            print(f"pyceval dis: {e}", file=sys.stderr)
            return 1
        dis.dis(code)
        return 0
    seen = []
    status = runner.run_program("script", target, args, on_prepared=lambda c, g: seen.append(c))
    sys.stdout.flush()
    if seen:
        disassemble_recursive(seen[0], True)
    return status
