"""Differential test: the program's own environment (argv, __main__ globals,
stdin/stdout/stderr, warnings, exit status)."""
import io
import os
import sys
import warnings

# Module-level dunder names, captured before anything else is defined.
INITIAL_DUNDERS = sorted(k for k in globals() if k.startswith("__"))


def show_identity():
    print("== identity of the main module ==")
    print("dunders at start:", INITIAL_DUNDERS)
    print("__name__:", __name__)
    print("__file__ basename:", os.path.basename(__file__))
    print("__file__ is absolute:", os.path.isabs(__file__))
    print("__doc__ first line:", __doc__.splitlines()[0])
    print("__package__:", __package__, "| __spec__:", __spec__, "| __cached__:", __cached__)
    print("__builtins__ is builtins module:", __builtins__ is sys.modules["builtins"])
    print("__annotations__:", __annotations__)
    print("main module is this module:", sys.modules["__main__"].show_identity is show_identity)
    print("sys.argv basenames:", [os.path.basename(a) for a in sys.argv])
    print("len(sys.argv):", len(sys.argv))
    print("sys.argv[0] ends with this file:", os.path.basename(sys.argv[0]) == os.path.basename(__file__))
    print("sys.path[0] basename:", os.path.basename(sys.path[0]))
    print("sys.path[0] is script dir:", os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)))
    print("version_info[:2]:", tuple(sys.version_info[:2]))
    print("sys.stdin/stdout/stderr are the originals:",
          sys.stdin is sys.__stdin__, sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)


module_annotation: int = 5


def show_stdin():
    print("== stdin (expected to be empty) ==")
    if sys.stdin is None or sys.stdin.isatty():
        print("stdin is not an empty stream; skipping")
        return
    try:
        line = input("prompt> ")
        print("unexpected input:", line)
    except EOFError as e:
        print()  # the prompt was written without a newline
        print("input():", type(e).__name__, e)
    print("read():", repr(sys.stdin.read()))
    print("readline():", repr(sys.stdin.readline()))
    print("readlines():", sys.stdin.readlines())


def show_output():
    print("== stdout / stderr ==")
    print("a", "b", "c", sep="-", end="|\n")
    print("no newline", end="")
    print(" <- continued")
    print(*range(5), sep=", ")
    print()
    print("flush", flush=True)
    n = sys.stdout.write("written with sys.stdout.write\n")
    print("write returned:", n)
    sys.stdout.writelines(["line 1\n", "line 2\n"])
    print("to stderr", file=sys.stderr)
    sys.stderr.write("sys.stderr.write\n")
    print("to StringIO", file=(buf := io.StringIO()))
    print("captured:", repr(buf.getvalue()))
    print("unicode: é ü ß → ✓ 日本")
    print(repr("tab\tand\nnewline"), ascii("é✓"))
    print(b"bytes", bytearray(b"ba"), memoryview(b"mv").tobytes())
    old = sys.stdout
    sys.stdout = io.StringIO()
    print("redirected")
    captured = sys.stdout.getvalue()
    sys.stdout = old
    print("redirected capture:", repr(captured))
    import contextlib

    with contextlib.redirect_stdout(io.StringIO()) as f:
        print("inside redirect_stdout")
        help_text = "ok"
    print("redirect_stdout captured:", repr(f.getvalue()), help_text)
    with contextlib.redirect_stderr(io.StringIO()) as f:
        print("to redirected stderr", file=sys.stderr)
    print("redirect_stderr captured:", repr(f.getvalue()))


def show_warnings():
    print("== warnings ==")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("user warning text")
        warnings.warn("deprecated thing", DeprecationWarning)
        warnings.warn_explicit("explicit", RuntimeWarning, "somefile.py", 12)
    for w in caught:
        print(w.category.__name__, str(w.message), os.path.basename(w.filename), w.lineno)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            warnings.warn("now an error", UserWarning)
        except UserWarning as e:
            print("raised:", type(e).__name__, e)

    def custom_showwarning(message, category, filename, lineno, file=None, line=None):
        print(f"custom showwarning: {category.__name__}: {message} ({os.path.basename(filename)})",
              file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = custom_showwarning
        warnings.warn("routed through showwarning")


def show_exit_handling():
    print("== SystemExit ==")
    for code in (0, 2, "message", None):
        try:
            sys.exit(code)
        except SystemExit as e:
            print("SystemExit code:", repr(e.code), "args:", e.args)
    try:
        raise SystemExit(5, "extra")
    except SystemExit as e:
        print("two args:", e.code)
    try:
        try:
            sys.exit(7)
        finally:
            print("finally runs during sys.exit")
    except SystemExit as e:
        print("caught after finally:", e.code)
    print("SystemExit is not an Exception:", not issubclass(SystemExit, Exception))
    try:
        raise KeyboardInterrupt
    except BaseException as e:
        print("KeyboardInterrupt caught as BaseException:", type(e).__name__)


def main():
    show_identity()
    show_stdin()
    show_output()
    show_warnings()
    show_exit_handling()
    print("== exiting with status 3 ==")
    sys.stdout.flush()
    return 3


if __name__ == "__main__":
    sys.exit(main())
print("never reached when run as a script")
