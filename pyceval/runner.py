"""Running a program the way `python3` does: a script, a .pyc, `-m module` or `-c code`,
as `__main__`, with python's exit codes and uncaught-exception reporting."""
from .hostbuiltins import *  # noqa: F401,F403  (builtins as they were: see hostbuiltins.py)
import builtins
import importlib.machinery
import importlib.util
import marshal
import os
import sys
import types

from . import importer, signals
from .adoption import adopt_host_functions
from .errors import VMError
from .interpreter import RECURSION, run_code, set_recursion_limit, thread_state
from .tracebacks import strip_internal

PYC_HEADER = 16
KEYBOARD_INTERRUPT = -2     # run_program's status when the program ended by Ctrl-C


def exit_by_sigint():
    """End the process as CPython does after an uncaught KeyboardInterrupt: finish
    threads and atexit handlers, then die by SIGINT so the parent sees the signal."""
    import _signal
    import atexit
    threading = sys.modules.get("threading")
    if threading is not None:
        threading._shutdown()
    atexit._run_exitfuncs()
    _flush()
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
    os.kill(os.getpid(), _signal.SIGINT)
    return 130


class ProgramError(Exception):
    """The program could not be started (python3 prints these and exits with 1 or 2)."""

    def __init__(self, message, status=2):
        super().__init__(message)
        self.status = status


def load_pyc(path):
    """The code object of a .pyc file, with a clear error for anything malformed."""
    with open(path, "rb") as fh:
        data = fh.read()
    if len(data) < PYC_HEADER:
        raise ProgramError(f"pyceval: {path}: truncated .pyc file ({len(data)} bytes)", 1)
    if data[:4] != importlib.util.MAGIC_NUMBER:
        raise ProgramError("RuntimeError: Bad magic number in .pyc file", 1)
    try:
        code = marshal.loads(data[PYC_HEADER:])
    except (ValueError, EOFError, TypeError) as e:
        raise ProgramError(f"pyceval: {path}: bad marshal data in .pyc file ({e})", 1) from None
    except SystemError:       # marshal found a malformed code object
        raise ProgramError("RuntimeError: Bad code object in .pyc file", 1) from None
    if not isinstance(code, types.CodeType):
        raise ProgramError(f"pyceval: {path}: .pyc file does not hold a code object "
                           f"(found {type(code).__name__})", 1)
    return code


def _main_module(**attrs):
    mod = types.ModuleType("__main__")
    mod.__dict__.update(attrs)
    mod.__dict__.setdefault("__builtins__", builtins)
    sys.modules["__main__"] = mod
    return mod


def prepare(kind, target, args):
    """Set up sys.argv, sys.path and __main__; return (code, globals)."""
    if kind == "script":
        path = target
        if not os.path.exists(path):
            raise ProgramError(f"{sys.executable}: can't open file {os.path.abspath(path)!r}: "
                               f"[Errno 2] No such file or directory", 2)
        sys.argv[:] = [target] + list(args)
        if os.path.isdir(path):          # a directory with a __main__.py, as python3 runs it
            return _prepare_directory(path)
        path = os.path.abspath(path)     # as python3 does for __main__ since 3.9
        sys.path[0] = os.path.dirname(path)
        if path.endswith(".pyc"):
            code = load_pyc(path)
            loader = importlib.machinery.SourcelessFileLoader("__main__", path)
        else:
            with open(path, "rb") as fh:
                source = fh.read()
            code = compile(source, path, "exec", dont_inherit=True)
            loader = importlib.machinery.SourceFileLoader("__main__", path)
        mod = _main_module(__file__=path, __cached__=None, __loader__=loader,
                           __spec__=None, __package__=None, __doc__=None)
        return code, mod.__dict__
    if kind == "command":
        sys.argv[:] = ["-c"] + list(args)
        sys.path[0] = ""
        code = compile(target, "<string>", "exec", dont_inherit=True)
        mod = _main_module(__spec__=None, __package__=None, __doc__=None,
                           __loader__=importlib.machinery.BuiltinImporter)
        return code, mod.__dict__
    if kind == "module":
        sys.path[0] = os.getcwd()
        name = target
        spec = _find_main_spec(name)
        loader = spec.loader
        code = loader.get_code(spec.name)
        if code is None:
            raise ProgramError(f"{sys.executable}: No code object available for {name}", 1)
        sys.argv[:] = [spec.origin] + list(args)
        mod = _main_module(__file__=spec.origin, __cached__=spec.cached, __loader__=loader,
                           __spec__=spec, __package__=spec.parent, __doc__=None)
        return code, mod.__dict__
    raise ValueError(kind)


def _prepare_directory(path):
    sys.path[0] = path
    spec = importlib.machinery.PathFinder.find_spec("__main__", [path])
    if spec is None or spec.loader is None:
        raise ProgramError(f"{sys.executable}: can't find '__main__' module in "
                           f"{os.path.abspath(path)!r}", 1)
    loader = spec.loader
    code = loader.get_code("__main__")
    mod = _main_module(__file__=spec.origin, __cached__=spec.cached, __loader__=loader,
                       __spec__=spec, __package__="", __doc__=None)
    return code, mod.__dict__


def _find_main_spec(name):
    """runpy._get_module_details, with the parents imported through the VM."""
    if name.startswith("."):
        raise ProgramError(f"{sys.executable}: Relative module names not supported", 1)
    pkg, _, _ = name.rpartition(".")
    if pkg:
        try:
            __import__(pkg)
        except ImportError as e:
            if e.name is None or (e.name != pkg and not pkg.startswith(e.name + ".")):
                raise
            raise ProgramError(f"{sys.executable}: Error while finding module specification "
                               f"for {name!r} ({type(e).__name__}: {e})", 1) from None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, AttributeError, TypeError, ValueError) as e:
        raise ProgramError(f"{sys.executable}: Error while finding module specification for "
                           f"{name!r} ({type(e).__name__}: {e})", 1) from None
    if spec is None:
        raise ProgramError(f"{sys.executable}: No module named {name}", 1)
    if spec.submodule_search_locations is not None:
        if name == "__main__" or name.endswith(".__main__"):
            raise ProgramError(f"{sys.executable}: Cannot use package as __main__ module", 1)
        try:
            return _find_main_spec(name + ".__main__")
        except ProgramError as e:
            raise ProgramError(f"{sys.executable}: No module named {name}.__main__; "
                               f"{name!r} is a package and cannot be directly executed", 1) from e
    if spec.loader is None:
        raise ProgramError(f"{sys.executable}: No module named {name}", 1)
    return spec


def report_exception(exc):
    """Print an uncaught exception like CPython (through sys.excepthook)."""
    exc.__traceback__ = strip_internal(exc.__traceback__)
    hook = getattr(sys, "excepthook", None)
    if hook is None:
        print("Error in sys.excepthook:\nRuntimeError: lost sys.excepthook", file=sys.stderr)
        return
    try:
        hook(type(exc), exc, exc.__traceback__)
    except BaseException as e:  # what CPython does when the hook itself fails
        print("Error in sys.excepthook:", file=sys.stderr)
        sys.__excepthook__(type(e), e, strip_internal(e.__traceback__))
        print("\nOriginal exception was:", file=sys.stderr)
        sys.__excepthook__(type(exc), exc, exc.__traceback__)


def exit_status(exc):
    """The process exit status for a SystemExit, as Python/pythonrun.c handle_system_exit."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if code >= 0 else code & 0xFF
    try:
        sys.stderr.write(str(code) + "\n")
    except Exception:
        pass
    return 1


def run_program(kind, target, args, on_prepared=None):
    """Run a program as __main__ in the VM; return its exit status.
    `on_prepared(code, globals)` is called with the main code object before it runs."""
    importer.install()
    set_recursion_limit(RECURSION["limit"])
    if os.environ.get("PYCEVAL_ADOPT", "1") != "0":
        adopt_host_functions()
    signals.install()
    try:
        code, globals = prepare(kind, target, args)
    except ProgramError as e:
        print(e, file=sys.stderr)
        return e.status
    except SyntaxError as e:
        report_exception(e)
        return 1
    if on_prepared is not None:
        on_prepared(code, globals)
    try:
        run_code(code, globals)
    except SystemExit as e:
        return exit_status(e)
    except VMError as e:
        _flush()
        print(f"pyceval: VMError: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:
        report_exception(e)
        _flush()
        return KEYBOARD_INTERRUPT
    except BaseException as e:
        ts = thread_state()
        ts.frame = None
        report_exception(e)
        return 1
    return 0


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
