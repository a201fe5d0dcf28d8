"""The import hook: pure-Python modules imported by the guest execute in the VM.

The standard FileFinder path hook is replaced by one whose source and bytecode loaders
run `exec_module` in the VM; extension modules load as usual. Finding, caching
(.pyc writing) and the module objects themselves stay CPython's own.
"""
import sys
from importlib import _bootstrap
from importlib.machinery import (BYTECODE_SUFFIXES, EXTENSION_SUFFIXES, SOURCE_SUFFIXES,
                                 ExtensionFileLoader, FileFinder, SourceFileLoader,
                                 SourcelessFileLoader)

from .interpreter import dispatch, run_code
from .tracebacks import is_internal_code


def _exec_in_vm(code, namespace):
    if is_internal_code(code):   # pyceval's own modules run on the host
        exec(code, namespace)
    else:
        run_code(code, namespace)


class _VMExec:
    def exec_module(self, module):
        code = self.get_code(module.__name__)
        if code is None:
            raise ImportError(f"cannot load module {module.__name__!r} when get_code() returns None")
        # like SourceLoader.exec_module: CPython strips import frames up to this call
        _bootstrap._call_with_frames_removed(_exec_in_vm, code, module.__dict__)


class VMSourceFileLoader(_VMExec, SourceFileLoader):
    """SourceFileLoader whose modules execute in the VM."""


class VMSourcelessFileLoader(_VMExec, SourcelessFileLoader):
    """SourcelessFileLoader (.pyc only) whose modules execute in the VM."""


_installed = None


def install():
    """Route file-based imports of Python modules through the VM (idempotent)."""
    global _installed
    if _installed is not None:
        return
    dispatch()   # build the instruction set before imports start going through the VM
    hook = FileFinder.path_hook(
        (ExtensionFileLoader, EXTENSION_SUFFIXES),
        (VMSourceFileLoader, SOURCE_SUFFIXES),
        (VMSourcelessFileLoader, BYTECODE_SUFFIXES),
    )
    for i, h in enumerate(sys.path_hooks):
        if getattr(h, "__qualname__", "").startswith("FileFinder.path_hook"):
            sys.path_hooks[i] = hook
            break
    else:
        sys.path_hooks.append(hook)
    sys.path_importer_cache.clear()
    _installed = hook


def vm_loader_for(loader):
    """The VM counterpart of a standard loader (for running __main__ modules)."""
    if isinstance(loader, _VMExec):
        return loader
    if type(loader) is SourceFileLoader:
        return VMSourceFileLoader(loader.name, loader.path)
    if type(loader) is SourcelessFileLoader:
        return VMSourcelessFileLoader(loader.name, loader.path)
    return loader

