"""Differential test: traceback formatting for exceptions raised several frames
deep, through C callbacks, with chaining, notes and exception groups."""
import functools
import io
import re
import sys
import traceback


def clean(text):
    """Replace absolute paths in 'File "..."' lines by basenames."""
    return re.sub(r'File ".*[/\\]', 'File "', text)


def show(text):
    print(clean(text).rstrip("\n"))


def header(title):
    print()
    print(f"===== {title} =====")


def tb_summary(exc):
    return [(fs.name, fs.lineno, fs.line) for fs in traceback.extract_tb(exc.__traceback__)]


# ---------------------------------------------------------------- deep frames
def deep1(n):
    return deep2(n) + 1


def deep2(n):
    values = [1, 2, 3]
    return deep3(values, n)


def deep3(values, n):
    return values[n]


header("format_exc several frames deep")
try:
    deep1(10)
except IndexError:
    show(traceback.format_exc())

header("print_exc(file=sys.stdout)")
try:
    deep1(5)
except IndexError:
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    show(buf.getvalue())


class CleaningStdout:
    """Stand-in for sys.stdout that strips directories from File lines."""

    def __init__(self, real):
        self.real = real

    def write(self, text):
        return self.real.write(clean(text))

    def flush(self):
        self.real.flush()


real_stdout, real_stderr = sys.stdout, sys.stderr
sys.stdout = CleaningStdout(real_stdout)
sys.stderr = CleaningStdout(real_stderr)
try:
    try:
        deep1(6)
    except IndexError:
        traceback.print_exc(file=sys.stdout)
        traceback.print_exc(limit=-1, file=sys.stdout)
        traceback.print_exc(limit=1, chain=False)  # default file is sys.stderr
finally:
    sys.stdout, sys.stderr = real_stdout, real_stderr

header("extract_tb")
try:
    deep1(7)
except IndexError as e:
    for entry in tb_summary(e):
        print(entry)
    print("tb_lineno chain:", end=" ")
    tb = e.__traceback__
    while tb is not None:
        print(tb.tb_lineno, tb.tb_frame.f_code.co_name, end="; ")
        tb = tb.tb_next
    print()

header("format_exception / format_exception_only")
try:
    int("not a number")
except ValueError as e:
    show("".join(traceback.format_exception(e)))
    print(traceback.format_exception_only(type(e), e))
    print(traceback.format_exception_only(e))
    show("".join(traceback.format_exception(type(e), e, e.__traceback__, limit=0)))
print(traceback.format_exception_only(KeyError, KeyError("k")))

header("limit argument")
try:
    deep1(9)
except IndexError as e:
    show("".join(traceback.format_exception(e, limit=2)))
    print("---- limit=-1")
    show("".join(traceback.format_exception(e, limit=-1)))


# ---------------------------------------------------------------- C callbacks
def bad_key(item):
    if item == 3:
        raise KeyError(f"bad item {item}")
    return -item


header("exception inside sorted(key=...)")
try:
    sorted([1, 2, 3, 4], key=bad_key)
except KeyError as e:
    show(traceback.format_exc())
    print([x[0] for x in tb_summary(e)])


def mapper(x):
    return 10 // x


header("exception inside map() callback consumed by list()")
try:
    list(map(mapper, [5, 2, 0]))
except ZeroDivisionError:
    show(traceback.format_exc())

header("exception inside functools.reduce / filter / min key")
for label, thunk in [
    ("reduce", lambda: functools.reduce(lambda a, b: a + b, [1, 2, "x"])),
    ("filter", lambda: list(filter(lambda s: s.startswith("a"), ["ab", None]))),
    ("min", lambda: min([3, 1, 2], key=lambda v: v / (v - 1))),
]:
    try:
        thunk()
    except Exception as e:
        print(label, "->", type(e).__name__, e, [x[0] for x in tb_summary(e)])


class NastyKey:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError(f"__eq__ exploded comparing {self.v}")


header("exception inside __eq__ called by a dict lookup")
d = {NastyKey(1): "one"}
try:
    d[NastyKey(2)]
except RuntimeError:
    show(traceback.format_exc())


class BadRepr:
    def __repr__(self):
        raise ValueError("repr failed")


header("exception inside __repr__ called by an f-string and by str.format")
try:
    f"{BadRepr()!r}"
except ValueError as e:
    print([x[0] for x in tb_summary(e)])
try:
    "{!r}".format(BadRepr())
except ValueError:
    show(traceback.format_exc())

# ---------------------------------------------------------------- chaining
header("implicit chaining (__context__)")


def handler_fails():
    try:
        {}["missing"]
    except KeyError:
        undefined_function()  # noqa: F821


try:
    handler_fails()
except NameError as e:
    show(traceback.format_exc())
    print("context:", repr(e.__context__), "cause:", e.__cause__, "suppress:", e.__suppress_context__)

header("explicit chaining (raise ... from ...)")


def convert(s):
    try:
        return int(s)
    except ValueError as exc:
        raise TypeError(f"cannot convert {s!r}") from exc


try:
    convert("abc")
except TypeError as e:
    show(traceback.format_exc())
    print("cause is context:", e.__cause__ is e.__context__, e.__suppress_context__)

header("raise ... from None")
try:
    try:
        [][0]
    except IndexError:
        raise LookupError("hidden context") from None
except LookupError as e:
    show(traceback.format_exc())
    print("context still stored:", repr(e.__context__), e.__suppress_context__)

header("chain=False and re-raise")
try:
    convert("xyz")
except TypeError as e:
    show("".join(traceback.format_exception(e, chain=False)))


def reraiser():
    try:
        deep3([], 0)
    except IndexError:
        raise


try:
    reraiser()
except IndexError as e:
    print([x[0] for x in tb_summary(e)])

try:
    try:
        raise ValueError("original")
    except ValueError as e:
        raise e.with_traceback(None)
except ValueError as e:
    print("with_traceback(None) frames:", [x[0] for x in tb_summary(e)])

header("notes (add_note)")
try:
    err = ValueError("has notes")
    err.add_note("first note")
    err.add_note("second note\nspanning lines")
    raise err
except ValueError as e:
    show(traceback.format_exc())
    print(e.__notes__)
try:
    ValueError().add_note(42)
except TypeError as e:
    print(type(e).__name__, e)

header("exception groups")


def raise_group():
    errors = []
    for i, exc_type in enumerate([ValueError, TypeError, KeyError]):
        try:
            raise exc_type(f"error {i}")
        except Exception as e:
            errors.append(e)
    raise ExceptionGroup("several problems", errors)


try:
    raise_group()
except ExceptionGroup as eg:
    buf = io.StringIO()
    traceback.print_exception(eg, file=buf)
    show(buf.getvalue())
    print("message:", eg.message, "count:", len(eg.exceptions))

header("nested exception groups")
try:
    raise ExceptionGroup(
        "outer",
        [ValueError("v"), ExceptionGroup("inner", [TypeError("t"), KeyError("k")]), BaseExceptionGroup("base", [OSError("os")])],
    )
except ExceptionGroup as eg:
    buf = io.StringIO()
    traceback.print_exception(type(eg), eg, eg.__traceback__, file=buf)
    show(buf.getvalue())
    print("subgroup(TypeError):", repr(eg.subgroup(TypeError)))
    match, rest = eg.split((ValueError, KeyError))
    print("split match:", repr(match))
    print("split rest:", repr(rest))
    print("derive:", repr(eg.derive([IndexError("i")])))

header("except*")
try:
    try:
        raise_group()
    except* ValueError as g:
        print("handled ValueErrors:", [str(e) for e in g.exceptions])
    except* TypeError as g:
        print("handled TypeErrors:", [str(e) for e in g.exceptions])
except ExceptionGroup as remaining:
    print("left over:", repr(remaining))
    show("".join(traceback.format_exception(remaining)))

try:
    try:
        raise ValueError("plain")
    except* ValueError as g:
        print("plain wrapped in:", type(g).__name__, repr(g))
except Exception as e:
    print("unexpected", e)

try:
    try:
        raise_group()
    except* (ValueError, TypeError, KeyError):
        raise RuntimeError("raised inside except*")
except RuntimeError as e:
    show(traceback.format_exc())

for bad in ([], [1]):
    try:
        ExceptionGroup("bad", bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("bad", [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
print(type(BaseExceptionGroup("b", [ValueError()])).__name__, type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__)

header("TracebackException")
try:
    deep1(4)
except IndexError as e:
    te = traceback.TracebackException.from_exception(e)
    print(te.exc_type.__name__, str(te), len(te.stack))
    show("".join(te.format()))
    print(list(te.format_exception_only()))

header("SyntaxError formatting")
try:
    compile("x = (1,\n  2 +)\n", "<snippet>", "exec")
except SyntaxError as e:
    show("".join(traceback.format_exception_only(e)))
try:
    compile("def f():\n\treturn 1\n        return 2\n", "<tabs>", "exec")
except (SyntaxError, TabError, IndentationError) as e:
    print(type(e).__name__, e)

header("walk_tb / walk_stack / StackSummary")
try:
    deep1(8)
except IndexError as e:
    print([(f.f_code.co_name, lineno) for f, lineno in traceback.walk_tb(e.__traceback__)])
    summary = traceback.StackSummary.extract(traceback.walk_tb(e.__traceback__), lookup_lines=False)
    print([fs.name for fs in summary])


def show_walk_stack():
    return [f.f_code.co_name for f, _ in traceback.walk_stack(sys._getframe())]


print(show_walk_stack())

header("exceptions in finally and __exit__")


class FailingExit:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        raise OSError("exit failed")


try:
    with FailingExit():
        raise ValueError("body failed")
except OSError as e:
    show(traceback.format_exc())

try:
    try:
        raise ValueError("in try")
    finally:
        raise KeyError("in finally")
except KeyError as e:
    print("finally replaced:", repr(e), "context:", repr(e.__context__))

header("common error messages")
samples = [
    lambda: None + 1,
    lambda: "a" * "b",
    lambda: [].pop(),
    lambda: {}.pop("k"),
    lambda: (1, 2)[5],
    lambda: "abc".index("z"),
    lambda: int("12x"),
    lambda: float("nan!"),
    lambda: object().missing,
    lambda: len(5),
    lambda: (lambda a, b: 0)(1),
    lambda: (lambda a: 0)(1, 2),
    lambda: (lambda: 0)(x=1),
    lambda: [1, 2, 3][1:2:0],
    lambda: 1 / 0,
    lambda: 1 % 0,
    lambda: divmod(1, 0),
    lambda: unknown_name,  # noqa: F821
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: hash([]),
    lambda: {[]: 1},
    lambda: int.__add__(1, "x") + 1,
    lambda: "x" < 1,
    lambda: chr(-1),
    lambda: [1].remove(2),
    lambda: tuple.count(),
    lambda: str.join(",", [1, 2]),
    lambda: f"{1:q}",
    lambda: "{0} {1}".format(1),
    lambda: ord("ab"),
    lambda: bytes("é", "ascii"),
    lambda: b"\xff".decode("utf-8"),
    lambda: setattr(1, "x", 2),
    lambda: frozenset().add(1),
    lambda: abs("x"),
    lambda: max([]),
    lambda: range(1, 2, 0),
    lambda: list(zip([1], [2, 3], strict=True)),
    lambda: dict.fromkeys(1),
    lambda: __import__("no_such_module_xyz"),
]
for i, thunk in enumerate(samples):
    try:
        thunk()
        print(i, "no error")
    except Exception as e:
        print(i, type(e).__name__ + ":", e)
