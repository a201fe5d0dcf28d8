"""Adopting the host's functions: no escapes through modules imported before the VM.

CPython imports about a hundred modules before a program starts (site, os, re, enum,
typing, threading, collections ... here); their functions are ordinary function objects
whose code would run on the host whenever C code calls them (`type.__call__` running
`EnumType.__call__`, `sorted` calling a `key=` from `operator`-free stdlib code, a
`threading.Thread` bootstrapping). When `pyceval run` starts a program it gives every
such function a trampoline as its `__code__` (see functions.py), so that those calls
enter the VM too. Calls the VM makes itself never needed this: it runs any Python
function's code object it calls.

Left on the host: pyceval's own functions, the import system's frozen bootstrap
(`importlib._bootstrap*`, which pyceval's import hook is part of), and the functions
of the host's own `__main__` (whatever embedded pyceval).
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import gc
import sys
import types

from .interpreter import code_info
from .functions import trampoline
from .tracebacks import is_internal_code, is_shim_code

_KEEP_NATIVE_PREFIXES = ("<frozen importlib", "<frozen zipimport")


def adoptable(func, host_main):
    code = func.__code__
    if is_internal_code(code) or is_shim_code(code):
        return False
    if code.co_filename.startswith(_KEEP_NATIVE_PREFIXES):
        return False
    return func.__globals__ is not host_main


def adopt_host_functions():
    """Give every adoptable function on the host heap a VM trampoline; returns the count.
    Call it before the guest's __main__ replaces the host's in sys.modules."""
    main = sys.modules.get("__main__")
    host_main = getattr(main, "__dict__", None)
    count = 0
    for obj in gc.get_objects():
        if type(obj) is types.FunctionType and adoptable(obj, host_main):
            info = code_info(obj.__code__)
            obj.__code__ = info.tramp or trampoline(info)
            count += 1
    return count
