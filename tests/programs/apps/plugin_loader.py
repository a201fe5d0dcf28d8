"""A plugin system: plugins are written as source files into a temporary directory,
discovered with pkgutil, imported with importlib (packages, relative imports,
reload, import errors), executed with runpy, and registered through entry-point
like decorators. Paths are printed relative to the plugin root only."""
import importlib
import importlib.util
import os
import pkgutil
import runpy
import sys
import tempfile
import textwrap
import types

PLUGINS = {
    "acme_plugins/__init__.py": '''
        """ACME plugin namespace."""
        REGISTRY = {}
        LOAD_ORDER = []

        def plugin(name=None, *, priority=50):
            def deco(cls):
                key = name or cls.__name__.lower()
                REGISTRY[key] = (priority, cls)
                return cls
            return deco
    ''',
    "acme_plugins/base.py": '''
        from . import LOAD_ORDER
        LOAD_ORDER.append(__name__)

        class Plugin:
            version = "1.0"

            def __init__(self, config):
                self.config = config

            def run(self, text):
                raise NotImplementedError

            def __repr__(self):
                return f"<{type(self).__name__} v{self.version}>"
    ''',
    "acme_plugins/upper.py": '''
        from . import plugin, LOAD_ORDER
        from .base import Plugin
        LOAD_ORDER.append(__name__)

        @plugin(priority=10)
        class Upper(Plugin):
            def run(self, text):
                return text.upper()
    ''',
    "acme_plugins/text/__init__.py": '''
        from .. import LOAD_ORDER
        LOAD_ORDER.append(__name__)
        __all__ = ["wrap", "censor"]
    ''',
    "acme_plugins/text/wrap.py": '''
        import textwrap
        from .. import plugin, LOAD_ORDER
        from ..base import Plugin
        LOAD_ORDER.append(__name__)

        @plugin("wrap", priority=90)
        class Wrapper(Plugin):
            version = "2.1"
            def run(self, text):
                return "\\n".join(textwrap.wrap(text, self.config.get("width", 20)))
    ''',
    "acme_plugins/text/censor.py": '''
        import re
        from acme_plugins import plugin, LOAD_ORDER
        from acme_plugins.base import Plugin
        LOAD_ORDER.append(__name__)
        BAD = re.compile(r"\\b(darn|heck)\\b", re.I)

        @plugin(priority=20)
        class Censor(Plugin):
            def run(self, text):
                return BAD.sub(lambda m: "*" * len(m.group()), text)
    ''',
    "acme_plugins/broken.py": '''
        from . import plugin
        import definitely_not_a_real_module_xyz
    ''',
    "acme_plugins/syntax_err.py": '''
        def oops(:
            pass
    ''',
    "acme_plugins/counter.py": '''
        COUNT = globals().get("COUNT", 0) + 1
        def describe():
            return f"counter module loaded {COUNT} time(s)"
    ''',
    "scripts/report.py": '''
        import sys
        RESULT = {"name": __name__, "argv": sys.argv[1:], "answer": 6 * 7}
        if __name__ == "__main__":
            print("report script running as main with", sys.argv[1:])
    ''',
    "scripts/pkgmain/__main__.py": '''
        print("package __main__ executed, __name__ =", __name__)
    ''',
}


def write_tree(root):
    for rel, src in PLUGINS.items():
        path = os.path.join(root, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(textwrap.dedent(src).lstrip())


def rel(path, root):
    return os.path.relpath(path, root).replace(os.sep, "/")


def main():
    with tempfile.TemporaryDirectory() as root:
        write_tree(root)
        sys.path.insert(0, root)
        importlib.invalidate_caches()
        try:
            run(root)
        finally:
            sys.path.remove(root)
            for name in list(sys.modules):
                if name.startswith("acme_plugins"):
                    del sys.modules[name]


def run(root):
    pkg = importlib.import_module("acme_plugins")
    print("package:", pkg.__name__, "|", pkg.__doc__, "|", rel(pkg.__file__, root),
          "| is package:", hasattr(pkg, "__path__"))

    # discovery
    found = sorted((m.name, m.ispkg) for m in pkgutil.walk_packages(pkg.__path__, "acme_plugins.",
                                                                    onerror=lambda n: None))
    print("discovered:", found)

    loaded, failed = [], []
    for name, ispkg in found:
        try:
            importlib.import_module(name)
            loaded.append(name)
        except ImportError as e:
            failed.append((name, type(e).__name__, e.name))
        except SyntaxError as e:
            failed.append((name, type(e).__name__, e.msg, e.lineno, os.path.basename(e.filename)))
    print("loaded:", loaded)
    print("failed:", failed)
    print("load order:", pkg.LOAD_ORDER)
    print("sys.modules has broken:", "acme_plugins.broken" in sys.modules)

    # registry sorted by priority
    chain = [cls({"width": 18}) for _, cls in sorted(pkg.REGISTRY.values(), key=lambda pc: pc[0])]
    print("chain:", chain)
    text = "Well heck, this darn plugin system seems to work fine."
    for p in chain:
        text = p.run(text)
    print(text)

    # module attributes and spec
    wrap = sys.modules["acme_plugins.text.wrap"]
    spec = wrap.__spec__
    print("spec:", spec.name, spec.parent, rel(spec.origin, root), spec.has_location,
          wrap.__package__, type(spec.loader).__name__)
    text_pkg = sys.modules["acme_plugins.text"]
    print("text pkg:", text_pkg.__all__, [rel(p, root) for p in text_pkg.__path__])
    from acme_plugins.text import censor, wrap as wrap2
    print("from-import gives same module:", wrap2 is wrap, censor.Censor.__module__)
    print("__import__ fromlist:", __import__("acme_plugins.text", fromlist=["wrap"]).__name__,
          __import__("acme_plugins.text").__name__)

    # reload keeps module identity and re-executes
    counter = importlib.import_module("acme_plugins.counter")
    print(counter.describe())
    same = importlib.reload(counter)
    print(same.describe(), "| same object:", same is counter)
    path = counter.__file__
    with open(path, "a") as fh:
        fh.write("EXTRA = 'added after reload'\n")
    importlib.invalidate_caches()
    os.utime(path, (0, 2_000_000_000))  # force a fresh source stamp
    importlib.reload(counter)
    print("after edit:", counter.EXTRA, counter.describe())

    # importing from a spec / module_from_spec without sys.path
    spec = importlib.util.spec_from_file_location("standalone_upper",
                                                  os.path.join(root, "acme_plugins", "counter.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    print("standalone:", mod.__name__, mod.describe(), "standalone_upper" in sys.modules)

    # synthetic module
    virt = types.ModuleType("virtual_cfg", "in-memory config module")
    exec("DEBUG = False\nLEVEL = 3\ndef get(k): return globals()[k]", virt.__dict__)
    sys.modules["virtual_cfg"] = virt
    import virtual_cfg
    print("virtual:", virtual_cfg.get("LEVEL"), virtual_cfg.__doc__)
    del sys.modules["virtual_cfg"]

    # errors
    for name in ["acme_plugins.nope", "acme_plugins.upper.sub", "..relative"]:
        try:
            importlib.import_module(name)
        except (ImportError, TypeError) as e:
            print(f"import {name!r}: {type(e).__name__}: {e}")
    try:
        from acme_plugins import does_not_exist  # noqa
    except ImportError as e:
        print("from-import error:", str(e).split(" (")[0])
    print("find_spec:", importlib.util.find_spec("acme_plugins.nope"),
          importlib.util.find_spec("acme_plugins.upper").name)

    # runpy
    ns = runpy.run_path(os.path.join(root, "scripts", "report.py"), run_name="not_main")
    print("run_path:", ns["RESULT"])
    saved = sys.argv[:]
    sys.argv[:] = ["report.py", "--fast"]
    try:
        runpy.run_path(os.path.join(root, "scripts", "report.py"), run_name="__main__")
    finally:
        sys.argv[:] = saved
    runpy.run_path(os.path.join(root, "scripts", "pkgmain"))
    sys.path.insert(0, os.path.join(root, "scripts"))
    try:
        g = runpy.run_module("report", run_name="modrun")
        print("run_module:", g["RESULT"]["name"], g["__name__"])
    finally:
        sys.path.pop(0)
    print("sys.argv restored:", sys.argv[1:] == saved[1:])


if __name__ == "__main__":
    main()
