"""pyceval: CPython's virtual machine, written in Python.

pyceval executes the bytecode that CPython compiles (code objects from compile(),
.pyc files) in an eval loop of its own, and shows what CPython hides: the value
stack at every instruction, the exception handler in force, suspended generator
frames. See docs/architecture.md.
"""
__version__ = "0.1.0"


def run_code(code, globals=None, closure=None):
    """Execute a code object in the VM with the given globals (a new dict by default);
    `closure` is a tuple of cells when the code has free variables (as for exec())."""
    from . import importer
    from .interpreter import run_code as _run
    importer.install()
    if globals is None:
        globals = {"__name__": "__main__", "__builtins__": __builtins__}
    return _run(code, globals, closure=closure)
