"""Metaprogramming patterns found in real libraries: attrs/dataclass-style class
generation via exec, a serializer registry through __init_subclass__, a
singleton and an abstract-interface-checking metaclass, types.new_class and
type() with __mro_entries__, zero-arg super() in dynamically created classes,
a memoizing/validating decorator stack with __wrapped__, class properties via
descriptors, __getattr__-based proxies, __missing__ and __class_getitem__."""
import functools
import inspect
import types
from collections import ChainMap
from keyword import iskeyword


def make_record(name, fields, *, frozen=False, defaults=None):
    """Generate a class with __init__/__repr__/__eq__ from source, like attrs/dataclasses."""
    defaults = defaults or {}
    for f in fields:
        if not f.isidentifier() or iskeyword(f):
            raise ValueError(f"invalid field name {f!r}")
    params = ", ".join(f"{f}={f}_default" if f in defaults else f for f in fields)
    lines = [f"def __init__(self, {params}):"]
    for f in fields:
        if frozen:
            lines.append(f"    object.__setattr__(self, {f!r}, {f})")
        else:
            lines.append(f"    self.{f} = {f}")
    if not fields:
        lines.append("    pass")
    lines += [
        "def __repr__(self):",
        f"    return {name!r} + '(' + ', '.join(f'{{k}}={{getattr(self, k)!r}}' for k in {tuple(fields)!r}) + ')'",
        "def __eq__(self, other):",
        "    if other.__class__ is not self.__class__: return NotImplemented",
        f"    return all(getattr(self, k) == getattr(other, k) for k in {tuple(fields)!r})",
    ]
    if frozen:
        lines += ["def __setattr__(self, k, v):",
                  "    raise AttributeError(f'cannot assign to field {k!r}')",
                  "def __hash__(self):",
                  f"    return hash(tuple(getattr(self, k) for k in {tuple(fields)!r}))"]
    source = "\n".join(lines)
    ns = {f"{k}_default": v for k, v in defaults.items()}
    exec(compile(source, f"<record {name}>", "exec"), ns)
    body = {k: v for k, v in ns.items() if callable(v) and not k.endswith("_default")}
    body["__slots__"] = tuple(fields)
    body["_fields"] = tuple(fields)
    body["__source__"] = source
    cls = type(name, (), body)
    for fn in body.values():
        if isinstance(fn, types.FunctionType):
            fn.__qualname__ = f"{name}.{fn.__name__}"
    return cls


class Serializer:
    registry = {}

    def __init_subclass__(cls, /, fmt, **kw):
        super().__init_subclass__(**kw)
        if fmt in Serializer.registry:
            raise TypeError(f"format {fmt!r} already registered by {Serializer.registry[fmt].__name__}")
        Serializer.registry[fmt] = cls
        cls.fmt = fmt

    @classmethod
    def for_format(cls, fmt):
        return cls.registry[fmt]()

    def dumps(self, obj):
        raise NotImplementedError


class CSVSerializer(Serializer, fmt="csv"):
    def dumps(self, obj):
        return ",".join(str(getattr(obj, f)) for f in obj._fields)


class KVSerializer(Serializer, fmt="kv"):
    sep = "="

    def dumps(self, obj):
        return ";".join(f"{f}{self.sep}{getattr(obj, f)}" for f in obj._fields)


class ColonSerializer(KVSerializer, fmt="colon"):
    sep = ":"

    def dumps(self, obj):
        return "{" + super().dumps(obj) + "}"


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in Singleton._instances:
            Singleton._instances[cls] = super().__call__(*args, **kwargs)
        return Singleton._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, env="dev"):
        self.env = env


class InterfaceMeta(type):
    """Checks at class-creation time that required methods exist with the right arity."""

    def __new__(mcs, name, bases, ns, **kw):
        cls = super().__new__(mcs, name, bases, ns)
        required = {}
        for base in reversed(cls.__mro__):
            required.update(getattr(base, "__required__", {}))
        if ns.get("__abstract__"):
            return cls
        for meth, nargs in required.items():
            impl = getattr(cls, meth, None)
            if impl is None:
                raise TypeError(f"{name} must implement {meth}()")
            got = len(inspect.signature(impl).parameters) - 1
            if got != nargs:
                raise TypeError(f"{name}.{meth} takes {got} argument(s), interface requires {nargs}")
        return cls


class Storage(metaclass=InterfaceMeta):
    __abstract__ = True
    __required__ = {"get": 1, "put": 2}


class classproperty:
    def __init__(self, fget):
        self.fget = fget

    def __get__(self, obj, owner):
        return self.fget(owner)


class MemoryStorage(Storage):
    instances = 0

    def __init__(self):
        type(self).instances += 1
        self.data = {}

    def get(self, key):
        return self.data.get(key)

    def put(self, key, value):
        self.data[key] = value

    @classproperty
    def description(cls):
        return f"{cls.__name__} ({cls.instances} instances)"


class Proxy:
    """Forwards attribute access, logging it; wraps callables."""

    def __init__(self, target, log):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_log", log)

    def __getattr__(self, name):
        value = getattr(self._target, name)
        self._log.append(f"get {name}")
        if callable(value):
            @functools.wraps(value)
            def wrapper(*a, **k):
                self._log.append(f"call {name}{a}")
                return value(*a, **k)
            return wrapper
        return value

    def __setattr__(self, name, value):
        self._log.append(f"set {name}")
        setattr(self._target, name, value)

    def __len__(self):
        return len(self._target.data)


def validate(**checks):
    def deco(fn):
        sig = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            bound = sig.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, check in checks.items():
                if not check(bound.arguments[name]):
                    raise ValueError(f"{fn.__name__}: invalid {name}={bound.arguments[name]!r}")
            return fn(*args, **kwargs)
        return wrapper
    return deco


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        wrapper.calls += 1
        return fn(*a, **k)
    wrapper.calls = 0
    return wrapper


class DefaultingDict(dict):
    def __missing__(self, key):
        value = self[key] = f"<{key}>"
        return value


class TypedList(list):
    def __class_getitem__(cls, item):
        return types.new_class(f"TypedList[{item.__name__}]", (cls,), {},
                               lambda ns: ns.update({"item_type": item}))

    def append(self, value):
        if hasattr(self, "item_type") and not isinstance(value, self.item_type):
            raise TypeError(f"expected {self.item_type.__name__}, got {type(value).__name__}")
        super().append(value)


class MixinFactory:
    """Used as a base in a class statement, expands into two real bases."""

    def __init__(self, *bases):
        self.bases = bases

    def __mro_entries__(self, bases):
        return self.bases


class Greeter:
    def greet(self):
        return f"hello from {type(self).__name__}"


class Shouter:
    def greet(self):
        return super().greet().upper() + "!"


def main():
    Point = make_record("Point", ["x", "y"], defaults={"y": 0})
    FPoint = make_record("FPoint", ["x", "y"], frozen=True)
    p = Point(1)
    p.y = 5
    print(p, Point(1, 5) == p, Point(2) != p, Point.__init__.__qualname__, Point.__slots__)
    print("signature:", inspect.signature(Point))
    print(Point.__source__.splitlines()[0])
    fp = FPoint(1, 2)
    print(fp, hash(fp) == hash(FPoint(1, 2)), {fp, FPoint(1, 2)})
    for bad in (lambda: setattr(fp, "x", 3), lambda: make_record("Bad", ["class"]), lambda: p.__dict__,
                lambda: setattr(p, "z", 1)):
        try:
            bad()
        except (AttributeError, ValueError) as e:
            print(f"  {type(e).__name__}: {e}")

    print("serializers:", sorted(Serializer.registry))
    for fmt in ("csv", "kv", "colon"):
        print(f"  {fmt}: {Serializer.for_format(fmt).dumps(p)}")
    try:
        class Dup(Serializer, fmt="csv"):
            pass
    except TypeError as e:
        print("  duplicate:", e)
    try:
        class NoFmt(Serializer):
            pass
    except TypeError as e:
        print("  missing kwarg:", e)

    a, b = Config("prod"), Config("test")
    print("singleton:", a is b, a.env, type(Config).__name__)

    try:
        class Broken(Storage):
            def get(self, key):
                return None
    except TypeError as e:
        print("interface:", e)
    try:
        class WrongArity(Storage):
            def get(self):
                return None

            def put(self, k, v):
                pass
    except TypeError as e:
        print("interface:", e)
    s1, s2 = MemoryStorage(), MemoryStorage()
    print("classproperty:", MemoryStorage.description, s1.description)

    log = []
    px = Proxy(s1, log)
    px.put("k", 1)
    px.mode = "rw"
    print("proxy:", px.get("k"), px.mode, len(px), px.put.__name__, log)

    @counted
    @validate(n=lambda n: isinstance(n, int) and n >= 0, base=lambda b: b in (2, 8, 10, 16))
    @functools.lru_cache(maxsize=None)
    def to_base(n, base=10):
        digits = "0123456789abcdef"
        return digits[n] if n < base else to_base(n // base, base) + digits[n % base]

    print("decorated:", to_base(255, 16), to_base(255, base=2), to_base(10), to_base.calls)
    try:
        to_base(-1)
    except ValueError as e:
        print("validate:", e)
    print("unwrap chain:", to_base.__name__, inspect.unwrap(to_base).__name__,
          type(inspect.unwrap(to_base)).__name__, hasattr(to_base.__wrapped__, "__wrapped__"))

    dd = DefaultingDict(a=1)
    print("missing:", dd["a"], dd["b"], dict(dd), dd.get("c", "get() bypasses __missing__"))
    cm = ChainMap({"x": 1}, {"x": 2, "y": 3})
    print("chainmap:", cm["x"], cm["y"], list(cm), cm.new_child({"z": 0}).maps[0])

    IntList = TypedList[int]
    il = IntList()
    il.append(3)
    try:
        il.append("three")
    except TypeError as e:
        print("typed list:", e, IntList.__name__, IntList.__mro__[1].__name__, il)

    Loud = types.new_class("Loud", (Shouter, Greeter))
    print("new_class + super():", Loud().greet())

    class Combined(MixinFactory(Shouter, Greeter)):
        pass

    print("__mro_entries__:", [c.__name__ for c in Combined.__mro__], Combined().greet(),
          Combined.__orig_bases__[0].__class__.__name__)

    Dyn = type("Dyn", (Greeter,), {"greet": lambda self: "dyn: " + Greeter.greet(self), "x": 1})
    print("type():", Dyn().greet(), Dyn.x, Dyn.__module__, Dyn.__qualname__)

    def method_with_super(self):
        return "via __class__ cell: " + super(Dyn2, self).greet()

    Dyn2 = type("Dyn2", (Greeter,), {"greet": method_with_super})
    print(Dyn2().greet())
    ns = types.SimpleNamespace(a=1, b=[2])
    ns.c = 3
    print("namespace:", ns, ns == types.SimpleNamespace(a=1, b=[2], c=3))
    mp = types.MappingProxyType({"k": "v"})
    try:
        mp["k"] = "w"
    except TypeError as e:
        print("mappingproxy:", e, dict(mp))
    print("vars/dir:", sorted(k for k in vars(Point) if not k.startswith("__")),
          [n for n in dir(p) if not n.startswith("_")], getattr(p, "missing", "dflt"))


if __name__ == "__main__":
    main()
