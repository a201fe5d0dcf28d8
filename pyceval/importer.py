"""The import hook: pure-Python modules imported by the program execute in the VM.

`install()` replaces `exec_module` of the standard source and bytecode loaders
(`importlib._bootstrap_external._LoaderBasics`, the base of SourceFileLoader and
SourcelessFileLoader) and of FrozenImporter with one that runs the module's code
object in the VM.
Finding, caching (.pyc writing), the loader objects and the module objects stay
CPython's own, so `module.__spec__.loader` is the usual SourceFileLoader. Extension
modules load as usual; pyceval's own modules still execute on the host.
"""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import _imp
from importlib import _bootstrap, _bootstrap_external

from .interpreter import dispatch, run_code
from .tracebacks import is_internal_code

_LoaderBasics = _bootstrap_external._LoaderBasics
_native_exec_module = _LoaderBasics.exec_module
FrozenImporter = _bootstrap.FrozenImporter
_native_frozen_exec_module = FrozenImporter.exec_module


def _exec_in_vm(code, namespace):
    if is_internal_code(code):   # pyceval's own modules run on the host
        exec(code, namespace)
    else:
        run_code(code, namespace)


def exec_module(self, module):
    """_LoaderBasics.exec_module, with the module body executed by the VM."""
    code = self.get_code(module.__name__)
    if code is None:
        raise ImportError(f"cannot load module {module.__name__!r} when get_code() returns None")
    # like the original: CPython strips import frames up to this call from tracebacks
    _bootstrap._call_with_frames_removed(_exec_in_vm, code, module.__dict__)


def frozen_exec_module(module):
    """FrozenImporter.exec_module (stdlib modules frozen into the interpreter, such as
    runpy), with the module body executed by the VM."""
    name = module.__spec__.name
    if name.startswith("importlib._bootstrap"):
        return _native_frozen_exec_module(module)
    code = _bootstrap._call_with_frames_removed(_imp.get_frozen_object, name)
    _bootstrap._call_with_frames_removed(_exec_in_vm, code, module.__dict__)


def install():
    """Route imports of Python modules through the VM (idempotent)."""
    if _LoaderBasics.exec_module is exec_module:
        return
    dispatch()   # build the instruction set before imports start going through the VM
    _LoaderBasics.exec_module = exec_module
    FrozenImporter.exec_module = staticmethod(frozen_exec_module)


def uninstall():
    _LoaderBasics.exec_module = _native_exec_module
    FrozenImporter.exec_module = staticmethod(_native_frozen_exec_module)
