"""An error-reporting layer like the ones web frameworks and CLIs ship: it
captures exceptions (chained, grouped, with notes), renders tracebacks with
only file basenames, collects local variables from the frames, installs a
sys.excepthook, and finally lets one error escape so the process exits 1
through the custom hook (whose output is path-free)."""
import os
import re
import sys
import traceback
import warnings


class AppError(Exception):
    code = 1

    def __init__(self, message, *, context=None):
        super().__init__(message)
        self.context = context or {}


class ValidationError(AppError):
    code = 2


class StorageError(AppError):
    code = 3


def render(exc, show_locals=False):
    """Render like traceback.format_exception but with basenames only."""
    te = traceback.TracebackException.from_exception(exc, capture_locals=show_locals)
    out = []
    for line in te.format():
        for piece in line.splitlines():
            if 'File "' in piece:
                piece = re.sub(r'File "([^"]*)"', lambda m: f'File "{os.path.basename(m[1])}"', piece)
            elif show_locals and "=" in piece and piece.startswith("    ") and " at 0x" in piece:
                piece = piece.split(" at 0x")[0] + ">"
            out.append(piece)
    return "\n".join(out)


def parse_record(raw):
    fields = raw.split(",")
    if len(fields) != 3:
        raise ValidationError(f"expected 3 fields, got {len(fields)}", context={"raw": raw})
    name, age, email = fields
    try:
        age = int(age)
    except ValueError as e:
        raise ValidationError(f"bad age {age!r}") from e
    if "@" not in email:
        err = ValidationError("bad email")
        err.add_note(f"record: {raw}")
        err.add_note("hint: emails need an @")
        raise err
    return {"name": name, "age": age, "email": email}


class Storage:
    def __init__(self):
        self.rows = []

    def save(self, record):
        try:
            if record["name"] in (r["name"] for r in self.rows):
                raise KeyError(record["name"])
            self.rows.append(record)
        except KeyError as e:
            raise StorageError("duplicate key") from e


def import_batch(lines, storage):
    errors = []
    for i, raw in enumerate(lines):
        try:
            storage.save(parse_record(raw))
        except AppError as e:
            e.add_note(f"line {i + 1}")
            errors.append(e)
    if errors:
        raise ExceptionGroup(f"{len(errors)} bad records", errors)


def deep(n):
    if n == 0:
        mapping = {"a": 1}
        return mapping["b"]
    return deep(n - 1)


def cleanup_fails():
    try:
        1 / 0
    finally:
        None.close  # AttributeError during cleanup replaces the original


def main():
    storage = Storage()
    lines = ["ann,31,ann@x.test", "bob,xx,bob@x.test", "cy,40", "ann,22,ann2@x.test",
             "di,50,di.x.test", "ed,60,ed@x.test"]
    try:
        import_batch(lines, storage)
    except* ValidationError as eg:
        print(f"validation errors: {len(eg.exceptions)}")
        for e in eg.exceptions:
            notes = getattr(e, "__notes__", [])
            cause = f" (cause: {type(e.__cause__).__name__}: {e.__cause__})" if e.__cause__ else ""
            print(f"  code {e.code}: {e}{cause} notes={notes} ctx={e.context}")
    except* StorageError as eg:
        print(f"storage errors: {len(eg.exceptions)}")
        for e in eg.exceptions:
            print(f"  code {e.code}: {e} <- {e.__cause__!r} notes={e.__notes__}")
    print("saved:", [r["name"] for r in storage.rows])

    print("\n--- rendered group ---")
    try:
        import_batch(lines[:3], Storage())
    except ExceptionGroup as eg:
        print(render(eg))

    print("\n--- chained ---")
    try:
        parse_record("x,abc,y@z")
    except AppError as e:
        print(render(e))

    print("\n--- context (implicit chaining) ---")
    try:
        cleanup_fails()
    except AttributeError as e:
        print(render(e))
        print("suppress_context:", e.__suppress_context__, "| context:", type(e.__context__).__name__)

    print("\n--- deep with locals ---")
    try:
        deep(3)
    except KeyError as e:
        text = render(e, show_locals=True)
        print(text)
        tb = e.__traceback__
        frames = [(f.f_code.co_name, lineno) for f, lineno in traceback.walk_tb(tb)]
        print("walk_tb:", [name for name, _ in frames])
        last = traceback.extract_tb(tb)[-1]
        print("last frame:", last.name, repr(last.line), last.lineno - deep.__code__.co_firstlineno)
        print("locals of innermost:", sorted(list(traceback.walk_tb(tb))[-1][0].f_locals))

    print("\n--- exception only / format_exc / print_exc ---")
    try:
        int("seven")
    except ValueError:
        print(traceback.format_exc().splitlines()[-1])
        print(traceback.format_exception_only(*sys.exc_info()[:2]))
        etype, value, tb = sys.exc_info()
        print(etype.__name__, value, tb.tb_lineno - main.__code__.co_firstlineno, tb.tb_next)
    try:
        raise SyntaxError("invalid thing", ("config.py", 3, 5, "x = = 1\n", 3, 8))
    except SyntaxError as e:
        print("".join(traceback.format_exception_only(type(e), e)), end="")
    try:
        raise KeyboardInterrupt
    except BaseException as e:
        print("base exception:", type(e).__mro__[1].__name__, isinstance(e, Exception))

    print("\n--- stack summaries ---")

    def inner():
        return [(fs.name, fs.line) for fs in traceback.extract_stack(limit=3)]

    def outer():
        return inner()

    print(outer())
    print("format_list:", len(traceback.format_list(traceback.extract_stack(limit=2))))

    print("\n--- warnings as errors ---")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("first", UserWarning)
        warnings.warn("second", FutureWarning)
    print([(w.category.__name__, str(w.message), os.path.basename(w.filename)) for w in caught])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        try:
            warnings.warn("now fatal", RuntimeWarning)
        except RuntimeWarning as w:
            print("raised:", repr(w))

    print("\n--- excepthook ---")

    def hook(etype, value, tb):
        print(f"[crash-reporter] unhandled {etype.__name__}: {value}", file=sys.stderr)
        print(render(value), file=sys.stderr)
        sys.stderr.flush()

    sys.excepthook = hook
    sys.stdout.flush()
    raise StorageError("database unreachable") from ConnectionRefusedError(111, "refused")


if __name__ == "__main__":
    main()
