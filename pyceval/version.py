"""The running CPython version's opcode tables, and the one switch between versions.

Everything version-specific is reached through `TABLES` (generated data) or through the
handler module named by `HANDLER_MODULE`; nothing else in pyceval tests sys.version_info.
"""
import importlib
import sys

VERSION = sys.version_info[:2]
SUPPORTED = {(3, 11): "pyceval.instructions.v3_11"}

if VERSION not in SUPPORTED:  # pragma: no cover - depends on the host
    raise ImportError(
        f"pyceval executes CPython {', '.join('%d.%d' % v for v in SUPPORTED)} bytecode; "
        f"this is CPython {VERSION[0]}.{VERSION[1]}")

TABLES = importlib.import_module("pyceval.opcodes.v%d_%d" % VERSION)
HANDLER_MODULE = SUPPORTED[VERSION]

OPNAMES = TABLES.OPNAMES
OPMAP = {name: op for op, name in OPNAMES.items()}
