"""Differential test: the import system, exercised on a package tree that is
created in a temporary directory at runtime."""
import importlib
import importlib.util
import os
import shutil
import sys
import tempfile
import textwrap

sys.dont_write_bytecode = True  # keep reloads independent of .pyc timestamps

TMP = tempfile.mkdtemp(prefix="pyceval_imports_")


def clean(message):
    """Hide the temporary directory in error messages."""
    return str(message).replace(TMP + os.sep, "<tmp>/").replace(TMP, "<tmp>")


def write(relpath, source):
    path = os.path.join(TMP, *relpath.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(textwrap.dedent(source).lstrip("\n"))


def describe(mod):
    spec = mod.__spec__
    return (
        f"{mod.__name__} package={mod.__package__!r} spec.name={spec.name!r} "
        f"spec.parent={spec.parent!r} file={os.path.basename(mod.__file__) if getattr(mod, '__file__', None) else None} "
        f"is_pkg={hasattr(mod, '__path__')}"
    )


write("toppkg/__init__.py", """
    print("  [exec] toppkg/__init__")
    VERSION = "1.0"
    from . import sibling
    from .sibling import shout
    top_level_name = __name__
""")
write("toppkg/sibling.py", """
    print("  [exec] toppkg/sibling")
    def shout(s):
        return s.upper() + "!"
    WHO = "sibling"
""")
write("toppkg/sub/__init__.py", """
    print("  [exec] toppkg/sub/__init__")
    from .helper import helper_value
    SUB = "sub package"
""")
write("toppkg/sub/helper.py", """
    print("  [exec] toppkg/sub/helper")
    helper_value = 42
    def helper_func():
        return f"helper_func in {__name__}"
""")
write("toppkg/sub/leaf.py", """
    print("  [exec] toppkg/sub/leaf")
    from . import helper
    from .helper import helper_func
    from .. import sibling
    from ..sibling import WHO
    from .. import VERSION
    import toppkg.sibling as absolute_sibling
    RESULT = (helper.helper_value, helper_func(), sibling.WHO, WHO, VERSION,
              absolute_sibling is sibling)
""")
write("toppkg/star.py", """
    __all__ = ["public_a", "public_b"]
    public_a = "A"
    public_b = "B"
    public_c = "C (not in __all__)"
    _private = "private"
""")
write("toppkg/nostar.py", """
    visible = 1
    _hidden = 2
    import os as _os_alias
""")
write("toppkg/lazy.py", """
    import sys
    calls = []
    def __getattr__(name):
        calls.append(name)
        if name.startswith("dyn_"):
            return name[4:] * 2
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    def __dir__():
        return ["dyn_example", "calls"]
    real = "real attribute"
""")
write("toppkg/beyond.py", """
    from ... import nothing
""")
write("a/__init__.py", "A_INIT = True\n")
write("a/b/__init__.py", "B_INIT = True\n")
write("a/b/c.py", """
    NAME = __name__
    def whoami():
        return __spec__.name
""")
write("nspkg/part.py", "PART = 'namespace package part'\n")
write("circ_a.py", """
    print("  [exec] circ_a start")
    import circ_b
    A_VALUE = "a"
    def use_b():
        return "a sees " + circ_b.B_VALUE
    print("  [exec] circ_a end")
""")
write("circ_b.py", """
    print("  [exec] circ_b start")
    import circ_a
    B_VALUE = "b"
    partial_has_A_VALUE = hasattr(circ_a, "A_VALUE")
    def use_a():
        return "b sees " + circ_a.A_VALUE
    print("  [exec] circ_b end")
""")
write("circ_x.py", """
    from circ_y import Y
    X = "x"
""")
write("circ_y.py", """
    from circ_x import X
    Y = "y"
""")
write("broken.py", """
    print("  [exec] broken: about to fail")
    BEFORE = 1
    raise RuntimeError("broken module refuses to import")
""")
write("reloadme.py", """
    import sys
    LOAD_COUNT = getattr(sys.modules[__name__], "LOAD_COUNT", 0) + 1
    VALUE = "original"
""")
write("mainguard.py", """
    RAN_AS_MAIN = __name__ == "__main__"
    if __name__ == "__main__":
        print("this must not print on import")
""")

sys.path.insert(0, TMP)
importlib.invalidate_caches()

try:
    print("== basic package import ==")
    import toppkg

    print(describe(toppkg))
    print("VERSION:", toppkg.VERSION, "| top_level_name:", toppkg.top_level_name)
    print("sibling loaded via package:", toppkg.sibling.WHO, toppkg.shout("hi"))
    print("'toppkg.sibling' in sys.modules:", "toppkg.sibling" in sys.modules)
    print("__path__ basenames:", [os.path.basename(p) for p in toppkg.__path__])
    import toppkg  # second import is a no-op (nothing printed)

    print("== subpackages and relative imports ==")
    from toppkg.sub import leaf

    print(describe(leaf))
    print("RESULT:", leaf.RESULT)
    import toppkg.sub

    print(describe(toppkg.sub))
    print("toppkg.sub is sys.modules entry:", toppkg.sub is sys.modules["toppkg.sub"])
    print("helper_value re-exported:", toppkg.sub.helper_value, toppkg.sub.helper.helper_func())
    print("sub attribute set on parent:", hasattr(toppkg, "sub"), hasattr(toppkg.sub, "leaf"))

    print("== import a.b.c ==")
    import a.b.c

    print("name 'a' bound:", a.__name__, a.A_INIT, a.b.B_INIT, a.b.c.NAME, a.b.c.whoami())
    import a.b.c as c_alias

    print("alias:", c_alias is a.b.c, c_alias.__name__, c_alias.__package__)
    from a.b import c as c_from

    print("from-import:", c_from is c_alias)
    print("sorted a.* in sys.modules:", sorted(k for k in sys.modules if k == "a" or k.startswith("a.")))

    print("== namespace package ==")
    import nspkg.part

    print(nspkg.part.PART, "| nspkg __file__:", getattr(nspkg, "__file__", None),
          "| spec.origin:", nspkg.__spec__.origin, "| is_pkg:", hasattr(nspkg, "__path__"))
    print("namespace __path__ type:", type(nspkg.__path__).__name__)

    print("== from pkg import * ==")
    star_ns = {}
    exec("from toppkg.star import *", star_ns)
    print("with __all__:", sorted(k for k in star_ns if k != "__builtins__"))
    star_ns = {}
    exec("from toppkg.nostar import *", star_ns)
    print("without __all__:", sorted(k for k in star_ns if k != "__builtins__"))

    print("== module __getattr__ / __dir__ ==")
    from toppkg import lazy

    print(lazy.real, lazy.dyn_ab, getattr(lazy, "dyn_xy"))
    from toppkg.lazy import dyn_q

    print("from-import through __getattr__:", dyn_q)
    try:
        lazy.missing
    except AttributeError as e:
        print(type(e).__name__, e)
    try:
        from toppkg.lazy import nope  # noqa: F401
    except ImportError as e:
        print(type(e).__name__, clean(e), "| name:", e.name)
    print("calls:", lazy.calls)
    print("dir(lazy):", dir(lazy))
    print("hasattr dyn_:", hasattr(lazy, "dyn_zz"), hasattr(lazy, "other"))

    print("== circular imports ==")
    import circ_a

    print(circ_a.use_b(), "|", sys.modules["circ_b"].use_a())
    print("circ_b saw partial circ_a:", not sys.modules["circ_b"].partial_has_A_VALUE)
    try:
        import circ_x  # noqa: F401
    except ImportError as e:
        print(type(e).__name__, clean(e))
        print("  name:", e.name, "| circ_x in sys.modules:", "circ_x" in sys.modules,
              "| circ_y in sys.modules:", "circ_y" in sys.modules)

    print("== importlib.import_module ==")
    m = importlib.import_module("toppkg.sub.helper")
    print(m.__name__, m is sys.modules["toppkg.sub.helper"])
    m2 = importlib.import_module(".sibling", "toppkg")
    print(m2.__name__, m2 is toppkg.sibling)
    m3 = importlib.import_module("..helper", "toppkg.sub.leaf")
    print(m3.__name__)
    try:
        importlib.import_module(".x")
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        importlib.import_module("toppkg.does_not_exist")
    except ModuleNotFoundError as e:
        print(type(e).__name__, e, "| name:", e.name)
    try:
        importlib.import_module("toppkg.sibling.deeper")
    except ModuleNotFoundError as e:
        print(type(e).__name__, e)
    mod = __import__("a.b.c")
    print("__import__ returns top:", mod.__name__)
    mod = __import__("a.b.c", fromlist=["whoami"])
    print("__import__ with fromlist:", mod.__name__)
    print("find_spec:", importlib.util.find_spec("toppkg.star").name, importlib.util.find_spec("no_such_mod_abc"))

    print("== relative import errors ==")
    try:
        import toppkg.beyond  # noqa: F401
    except ImportError as e:
        print(type(e).__name__, e)
    print("toppkg.beyond in sys.modules:", "toppkg.beyond" in sys.modules)
    try:
        exec("from . import anything", {"__name__": "loose", "__package__": None})
    except ImportError as e:
        print(type(e).__name__, e)
    try:
        from toppkg import no_such_name  # noqa: F401
    except ImportError as e:
        print(type(e).__name__, clean(e), "| name:", e.name)

    print("== module that raises on import ==")
    for attempt in (1, 2):
        try:
            import broken  # noqa: F401
        except RuntimeError as e:
            print(f"attempt {attempt}:", type(e).__name__, e, "| in sys.modules:", "broken" in sys.modules)

    print("== importlib.reload ==")
    import reloadme

    print("first:", reloadme.LOAD_COUNT, reloadme.VALUE)
    reloadme.EXTRA = "kept across reload"
    write("reloadme.py", """
        import sys
        LOAD_COUNT = getattr(sys.modules[__name__], "LOAD_COUNT", 0) + 1
        VALUE = "modified"
    """)
    importlib.invalidate_caches()
    same = importlib.reload(reloadme)
    print("after reload:", same is reloadme, reloadme.LOAD_COUNT, reloadme.VALUE, reloadme.EXTRA)
    for bad in (42, os.path.join):
        try:
            importlib.reload(bad)
        except (TypeError, ImportError) as e:
            print(type(e).__name__, e)

    print("== __name__ guard in imported module ==")
    import mainguard

    print("RAN_AS_MAIN:", mainguard.RAN_AS_MAIN, mainguard.__name__)

    print("== stdlib modules and attributes ==")
    import collections.abc
    import json as json_alias
    from os import path as os_path

    print(collections.abc.__name__, collections.abc.__package__, json_alias.__name__, os_path is os.path)
    print("math builtin-ish:", importlib.import_module("math").sqrt(16))
    print("sys.modules['__main__'] name:", sys.modules["__main__"].__name__, "| __spec__ of main:", __spec__)
    print("this module __package__:", repr(__package__))

finally:
    sys.path.remove(TMP)
    for name in list(sys.modules):
        if name.split(".")[0] in {"toppkg", "a", "nspkg", "circ_a", "circ_b", "circ_x", "circ_y",
                                  "broken", "reloadme", "mainguard"}:
            del sys.modules[name]
    shutil.rmtree(TMP)
    print("cleaned up:", not os.path.exists(TMP))
