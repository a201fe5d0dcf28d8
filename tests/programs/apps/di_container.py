"""A dependency-injection container and an event bus the way frameworks build
them on top of inspect: signature-based autowiring, scopes, decorators that keep
metadata (functools.wraps), caller introspection with frames (for 'magic'
config lookup), and a tiny route table with typed path parameters."""
import functools
import inspect
import re
import sys
import typing
from dataclasses import dataclass


class ResolutionError(Exception):
    pass


class Container:
    def __init__(self):
        self._providers = {}
        self._singletons = {}
        self.resolving = []

    def register(self, iface, factory=None, *, singleton=False):
        factory = factory or iface
        self._providers[iface] = (factory, singleton)
        return factory

    def singleton(self, cls):
        return self.register(cls, singleton=True)

    def resolve(self, iface):
        if iface in self.resolving:
            chain = " -> ".join(t.__name__ for t in self.resolving + [iface])
            raise ResolutionError(f"circular dependency: {chain}")
        if iface in self._singletons:
            return self._singletons[iface]
        try:
            factory, single = self._providers[iface]
        except KeyError:
            raise ResolutionError(f"no provider for {getattr(iface, '__name__', iface)}") from None
        self.resolving.append(iface)
        try:
            obj = self.call(factory)
        finally:
            self.resolving.pop()
        if single:
            self._singletons[iface] = obj
        return obj

    def call(self, func, **overrides):
        target = func.__init__ if inspect.isclass(func) else func
        sig = inspect.signature(func)
        hints = typing.get_type_hints(target)
        kwargs = {}
        for name, param in sig.parameters.items():
            if name in overrides:
                kwargs[name] = overrides[name]
            elif name in hints and hints[name] in self._providers:
                kwargs[name] = self.resolve(hints[name])
            elif param.default is not inspect.Parameter.empty:
                continue
            elif param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                continue
            else:
                raise ResolutionError(f"cannot satisfy parameter {name!r} of {func.__qualname__}")
        bound = sig.bind_partial(**kwargs)
        return func(*bound.args, **bound.kwargs)


# ------------------------------------------------------------------ services
@dataclass
class Settings:
    dsn: str = "sqlite://memory"
    debug: bool = False


class Clock:
    def __init__(self):
        self.t = 1_000

    def now(self):
        self.t += 1
        return self.t


class Database:
    instances = 0

    def __init__(self, settings: Settings, clock: Clock):
        Database.instances += 1
        self.settings = settings
        self.clock = clock
        self.rows = {}

    def put(self, key, value):
        self.rows[key] = (value, self.clock.now())


class UserRepo:
    def __init__(self, db: Database, table: str = "users"):
        self.db = db
        self.table = table

    def add(self, name):
        self.db.put(f"{self.table}:{name}", {"name": name})


class Mailer:
    def __init__(self, settings: Settings, *, retries: int = 3):
        self.sent = []
        self.retries = retries


class A:
    def __init__(self, b: "B"):
        pass


class B:
    def __init__(self, a: A):
        pass


# ------------------------------------------------------------------ event bus
class EventBus:
    def __init__(self):
        self.handlers = {}
        self.log = []

    def on(self, event, *, priority=0):
        def deco(fn):
            self.handlers.setdefault(event, []).append((priority, fn))
            self.handlers[event].sort(key=lambda pf: -pf[0])
            return fn
        return deco

    def emit(self, event, **payload):
        results = []
        for prio, fn in self.handlers.get(event, ()):
            params = inspect.signature(fn).parameters
            accepts_all = any(p.kind is p.VAR_KEYWORD for p in params.values())
            kwargs = payload if accepts_all else {k: v for k, v in payload.items() if k in params}
            results.append((fn.__name__, fn(**kwargs)))
        return results


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        bound = inspect.signature(fn).bind(*args, **kwargs)
        bound.apply_defaults()
        arglist = ", ".join(f"{k}={v!r}" for k, v in bound.arguments.items())
        result = fn(*args, **kwargs)
        print(f"    call {fn.__name__}({arglist}) -> {result!r}")
        return result
    wrapper.calls = 0
    return wrapper


def retry(times):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            for attempt in range(1, times + 1):
                try:
                    return fn(*a, **k)
                except ConnectionError as e:
                    print(f"    attempt {attempt} failed: {e}")
            raise ConnectionError(f"gave up after {times}")
        return wrapper
    return deco


def config_value(name):
    """Look the name up in the caller's locals, then its globals (like some template libs)."""
    frame = inspect.currentframe().f_back
    try:
        if name in frame.f_locals:
            return frame.f_locals[name], "local", frame.f_code.co_name
        if name in frame.f_globals:
            return frame.f_globals[name], "global", frame.f_code.co_name
        return None, "missing", frame.f_code.co_name
    finally:
        del frame


APP_NAME = "di-demo"


# ------------------------------------------------------------------ routes
class Router:
    CONVERTERS = {"int": (r"\d+", int), "str": (r"[^/]+", str), "path": (r".+", str)}

    def __init__(self):
        self.routes = []

    def route(self, pattern):
        def deco(fn):
            names = []

            def repl(m):
                conv, name = m.group(1) or "str", m.group(2)
                names.append((name, self.CONVERTERS[conv][1]))
                return f"(?P<{name}>{self.CONVERTERS[conv][0]})"

            regex = re.compile("^" + re.sub(r"<(?:(\w+):)?(\w+)>", repl, pattern) + "$")
            sig = inspect.signature(fn)
            missing = [n for n, _ in names if n not in sig.parameters]
            if missing:
                raise TypeError(f"{fn.__name__} lacks parameters {missing}")
            self.routes.append((regex, dict(names), fn))
            return fn
        return deco

    def dispatch(self, path):
        for regex, convs, fn in self.routes:
            m = regex.match(path)
            if m:
                kwargs = {k: convs[k](v) for k, v in m.groupdict().items()}
                return fn(**kwargs)
        return "404 Not Found"


def main():
    c = Container()
    c.register(Settings, lambda: Settings(dsn="postgres://test", debug=True), singleton=True)
    c.singleton(Clock)
    c.register(Database, singleton=True)
    c.register(UserRepo)
    c.register(Mailer)
    c.register(A)
    c.register(B)

    repo1 = c.resolve(UserRepo)
    repo2 = c.resolve(UserRepo)
    repo1.add("ann")
    repo2.add("bob")
    print("repos distinct:", repo1 is not repo2, "| db shared:", repo1.db is repo2.db,
          "| db instances:", Database.instances)
    print("rows:", repo1.db.rows, "| dsn:", repo1.db.settings.dsn)
    print("mailer retries:", c.resolve(Mailer).retries)
    for what in (A, int):
        try:
            c.resolve(what)
        except ResolutionError as e:
            print("resolution error:", e)

    def handler(repo: UserRepo, settings: Settings, name: str, greeting="hi"):
        return f"{greeting} {name} via {repo.table} (debug={settings.debug})"

    print(c.call(handler, name="cy"))
    try:
        c.call(handler)
    except ResolutionError as e:
        print("call error:", e)

    # signatures
    sig = inspect.signature(handler)
    print("signature:", sig)
    for p in sig.parameters.values():
        print(f"  {p.name:9} kind={p.kind.name:22} default={p.default!r:12} annotation="
              f"{getattr(p.annotation, '__name__', p.annotation)}")
    print("replace:", sig.replace(return_annotation=str))
    print("builtin sig:", inspect.signature(divmod), inspect.signature(sorted))

    def weird(a, /, b, *args, c, d=4, **kw) -> None:
        pass

    print("weird:", inspect.signature(weird), inspect.getfullargspec(weird).kwonlyargs)
    ba = inspect.signature(weird).bind(1, 2, 3, c=5, z=6)
    print("bound:", dict(ba.arguments))
    try:
        inspect.signature(weird).bind(1)
    except TypeError as e:
        print("bind error:", e)
    print("getcallargs:", inspect.getcallargs(weird, 1, 2, c=3))

    # event bus
    bus = EventBus()

    @bus.on("user.created", priority=10)
    def send_welcome(user, mailer_name="smtp"):
        return f"welcome mail to {user} via {mailer_name}"

    @bus.on("user.created")
    def audit(**payload):
        return sorted(payload)

    @bus.on("user.created", priority=5)
    def count(user):
        return len(user)

    print("emit:", bus.emit("user.created", user="dora", source="signup"))
    print("emit none:", bus.emit("nothing"))

    # decorators preserving metadata
    @logged
    def area(w, h=2):
        """Area of a rectangle."""
        return w * h

    area(3)
    area(w=4, h=5)
    print("wraps:", area.__name__, area.__doc__, area.__wrapped__.__name__,
          inspect.signature(area), inspect.unwrap(area) is area.__wrapped__)

    state = {"n": 0}

    @retry(3)
    def flaky():
        state["n"] += 1
        if state["n"] < 3:
            raise ConnectionError(f"timeout #{state['n']}")
        return "connected"

    print("retry:", flaky())

    # frame-based lookup
    APP_NAME_LOCAL = "shadow"

    def view():
        title = "local title"
        return config_value("title"), config_value("APP_NAME"), config_value("nope")

    print("config lookup:", view())
    print("caller chain:", [f.function for f in inspect.stack()[:2]],
          inspect.currentframe().f_code.co_name, sys._getframe(0).f_back.f_code.co_name)

    # inspect predicates and members
    print("members:", [n for n, _ in inspect.getmembers(Database, inspect.isfunction)])
    print("isclass/ismethod:", inspect.isclass(Database), inspect.ismethod(repo1.add),
          inspect.isfunction(repo1.add), inspect.isgeneratorfunction(view),
          inspect.iscoroutinefunction(retry), inspect.isbuiltin(len))
    print("getdoc:", inspect.getdoc(config_value).split("(")[0].strip())
    src = inspect.getsource(Clock.now)
    print("getsource:", src.splitlines()[0].strip(), "| lines:", len(src.splitlines()))
    print("module:", inspect.getmodule(Clock).__name__, inspect.getmodulename("pkg/mod.py"))
    print("closure vars:", inspect.getclosurevars(area.__wrapped__).nonlocals,
          sorted(inspect.getclosurevars(flaky).nonlocals))

    # router
    r = Router()

    @r.route("/users/<int:uid>")
    def user_page(uid):
        return f"user #{uid} ({type(uid).__name__})"

    @r.route("/files/<path:rest>")
    def files(rest):
        return f"file {rest!r}"

    @r.route("/hello/<name>")
    def hello(name, punctuation="!"):
        return f"hello {name}{punctuation}"

    for path in ["/users/42", "/users/abc", "/files/a/b/c.txt", "/hello/world", "/nope"]:
        print(f"  {path:18} -> {r.dispatch(path)}")
    try:
        @r.route("/x/<int:xid>")
        def bad(other):
            pass
    except TypeError as e:
        print("route error:", e)


if __name__ == "__main__":
    main()
