"""A guided tour of Python, meant to be the first program run under pyceval
(`pyceval run examples/tour.py`).

Every section prints a header followed by a few small, self-explanatory
results. The output is fully deterministic, so it can also be compared with
the output of `python3 examples/tour.py`.
"""
import asyncio
import contextlib
import dataclasses
import enum
import functools
import inspect
import itertools
import sys
from collections import Counter, defaultdict, deque, namedtuple
from fractions import Fraction
from decimal import Decimal

_section_number = 0


def section(title):
    """Print a numbered section header."""
    global _section_number
    _section_number += 1
    heading = f" {_section_number}. {title} "
    print()
    print(f"=={heading}".ljust(64, "="))


def show(label, value):
    """Print one labelled result, with the labels neatly aligned."""
    print(f"  {label:<34} {value!r}" if not isinstance(value, str) else f"  {label:<34} {value}")


print("Welcome to the pyceval tour of Python", ".".join(map(str, sys.version_info[:2])))

# --------------------------------------------------------------------------
section("Numbers and strings")
show("big integers", 2 ** 100)
show("division: true, floor, modulo", (7 / 2, -7 // 2, -7 % 2))
show("float repr", 0.1 + 0.2)
show("rounding (banker's)", [round(x) for x in (0.5, 1.5, 2.5)])
show("fractions", Fraction(1, 3) + Fraction(1, 6))
show("decimals", Decimal("0.1") + Decimal("0.2"))
show("complex numbers", (1 + 2j) * (3 - 1j))
show("int <-> str in any base", (int("ff", 16), bin(10), oct(8), hex(255)))
name, score = "Ada", 0.9375
show("f-string formatting", f"{name:>6}|{score:.1%}|{1234567:,}|{42:08b}")
show("f-string self-documenting", f"{name=}, {score * 2=}")
text = "The quick brown fox"
show("slicing", (text[4:9], text[::-1], text[-3:]))
show("methods", (text.lower(), text.split(), text.replace("quick", "slow")))
show("unicode", ("naïve café".upper(), len("日本語"), ord("€"), chr(0x1F40D).isprintable()))
show("bytes", ("héllo".encode("utf-8"), b"\x68\x69".decode()))

# --------------------------------------------------------------------------
section("Containers")
fruits = ["banana", "apple", "cherry"]
fruits.append("date")
show("list operations", sorted(fruits, key=len))
x, y = point = (3, 4)
show("tuple unpacking", f"x={x}, y={y}, distance={(x * x + y * y) ** 0.5}")
ages = {"alice": 31, "bob": 27}
ages |= {"carol": 35}
show("dict (insertion ordered)", ages)
show("set algebra", (sorted({1, 2, 3} | {3, 4}), sorted({1, 2, 3} & {2, 3, 4}), sorted({1, 2} ^ {2, 3})))
show("Counter", Counter("mississippi").most_common(2))
groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
show("defaultdict", dict(groups))
window = deque(maxlen=3)
for i in range(6):
    window.append(i)
show("deque(maxlen=3)", list(window))
Point = namedtuple("Point", "x y")
show("namedtuple", Point(1, 2)._replace(y=5))
show("itertools", (list(itertools.pairwise("abcd")), list(itertools.product("ab", repeat=2))))

# --------------------------------------------------------------------------
section("Functions and closures")


def greet(greeting, /, name="world", *args, punctuation="!", **extra):
    """Positional-only, default, variadic and keyword-only parameters."""
    return f"{greeting}, {name}{punctuation}" + (f" {args} {extra}" if args or extra else "")


show("defaults", greet("Hello"))
show("keyword arguments", greet("Hi", name="Ada", punctuation="?"))
show("*args and **kwargs", greet("Hey", "you", 1, 2, mood="happy"))
show("signature", str(inspect.signature(greet)))


def make_counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


counter = make_counter()
for step in (1, 1, 10):
    counter(step)
show("closure with nonlocal", counter())
show("closure cell contents", [c.cell_contents for c in counter.__closure__])
adders = [lambda x, n=n: x + n for n in range(3)]
show("lambdas with default capture", [add(10) for add in adders])
show("functools.partial", functools.partial(int, base=2)("101010"))

# --------------------------------------------------------------------------
section("Classes, metaclasses, descriptors, dataclasses, enums")


class Shape:
    """A small class hierarchy with properties, class methods and dunders."""

    def __init__(self, name):
        self.name = name

    def area(self):
        raise NotImplementedError

    @classmethod
    def unit(cls):
        return cls(1)  # works for subclasses with a one-argument constructor

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, area={self.area():g})"

    def __lt__(self, other):
        return self.area() < other.area()


class Rectangle(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"

    @property
    def side(self):
        return self.w


shapes = [Rectangle(2, 5), Square(3), Rectangle(1, 1)]
show("sorted by __lt__", sorted(shapes))
show("MRO", [c.__name__ for c in Square.__mro__])
show("classmethod / property", (Square.unit(), Square(4).side))


class Positive:
    """A data descriptor that validates assigned values."""

    def __set_name__(self, owner, name):
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        return self if obj is None else getattr(obj, self.private)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.private[1:]} must be positive, got {value}")
        setattr(obj, self.private, value)


class Account:
    balance = Positive()

    def __init__(self, balance):
        self.balance = balance


try:
    Account(-5)
except ValueError as exc:
    show("descriptor validation", str(exc))


class Registry(type):
    """A metaclass that records every class created with it."""

    classes = []

    def __new__(mcs, name, bases, namespace):
        cls = super().__new__(mcs, name, bases, namespace)
        mcs.classes.append(name)
        return cls


class Plugin(metaclass=Registry):
    pass


class CsvPlugin(Plugin):
    pass


show("metaclass registry", Registry.classes)


@dataclasses.dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = dataclasses.field(default=(), compare=False)


v1, v2 = Version(1, 2), Version(1, 10, ("beta",))
show("dataclass repr", v2)
show("dataclass ordering", (v1 < v2, max(v1, v2).minor))
try:
    v1.major = 2
except dataclasses.FrozenInstanceError as exc:
    show("frozen dataclass", type(exc).__name__)
show("asdict", dataclasses.asdict(v1))


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


show("enum members", [c.name for c in Color])
show("enum lookup", (Color(2), Color["BLUE"].value))

# --------------------------------------------------------------------------
section("Exceptions (including exception groups)")


class InsufficientFunds(Exception):
    def __init__(self, needed):
        super().__init__(f"need {needed} more")
        self.needed = needed


try:
    raise InsufficientFunds(15)
except InsufficientFunds as exc:
    show("custom exception", (str(exc), exc.needed))
finally:
    show("finally always runs", True)

try:
    try:
        {}["missing"]
    except KeyError as exc:
        raise LookupError("lookup failed") from exc
except LookupError as exc:
    show("chained with 'from'", (repr(exc), repr(exc.__cause__)))

try:
    raise ExceptionGroup("batch", [ValueError("bad value"), TypeError("bad type"), ValueError("another")])
except* ValueError as group:
    show("except* ValueError", [str(e) for e in group.exceptions])
except* TypeError as group:
    show("except* TypeError", [str(e) for e in group.exceptions])

err = RuntimeError("with a note")
err.add_note("notes are new in 3.11")
show("exception notes", err.__notes__)

# --------------------------------------------------------------------------
section("Generators")


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


show("infinite generator + islice", list(itertools.islice(fibonacci(), 12)))


def running_average():
    total, count, average = 0, 0, None
    while True:
        value = yield average
        total, count = total + value, count + 1
        average = total / count


avg = running_average()
next(avg)
show("send() into a generator", [avg.send(v) for v in (10, 20, 60)])


def chain_all(*iterables):
    for it in iterables:
        yield from it  # delegate to each iterable in turn


show("yield from", list(chain_all("ab", [1, 2])))
show("generator expression", sum(x * x for x in range(10)))

# --------------------------------------------------------------------------
section("Async with asyncio")


async def fetch(name, steps):
    for _ in range(steps):
        await asyncio.sleep(0)  # yield control to the event loop
    return f"{name}:{steps}"


class AsyncTimer:
    """An async context manager that records when it is entered and left."""

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.events = ["enter"]
        return self

    async def __aexit__(self, *exc_info):
        await asyncio.sleep(0)
        self.events.append("exit")


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def async_demo():
    results = await asyncio.gather(fetch("a", 3), fetch("b", 1), fetch("c", 2))
    show("gather keeps argument order", results)
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(f"t{i}", i)) for i in range(3)]
    show("TaskGroup results", [t.result() for t in tasks])
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except TimeoutError:
        show("wait_for timeout", "TimeoutError raised")
    async with AsyncTimer() as timer:
        timer.events.append("body")
    show("async with", timer.events)
    show("async comprehension", [i * i async for i in ticker(5)])


asyncio.run(async_demo())

# --------------------------------------------------------------------------
section("Pattern matching")


def describe(command):
    match command:
        case []:
            return "empty command"
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"walk {direction}"
        case ["pick", "up", *items] if items:
            return f"pick up {len(items)} item(s): {', '.join(items)}"
        case {"action": "say", "text": str(text)}:
            return f"say {text!r}"
        case Point(x=0, y=0):
            return "the origin"
        case Point(x=x, y=y) if x == y:
            return f"diagonal point at {x}"
        case int(n) | float(n) if n < 0:
            return f"negative number {n}"
        case str() as s:
            return f"unknown word {s!r}"
        case _:
            return "no idea"


for cmd in ([], ["go", "north"], ["pick", "up", "key", "lamp"], {"action": "say", "text": "hi"},
            Point(0, 0), Point(2, 2), -3.5, "xyzzy", ["dance"]):
    print(f"  {cmd!r:<34} -> {describe(cmd)}")

# --------------------------------------------------------------------------
section("Context managers")


class Indented:
    """A class-based context manager that tracks the nesting level."""

    level = 0

    def __enter__(self):
        Indented.level += 1
        return Indented.level

    def __exit__(self, exc_type, exc, tb):
        Indented.level -= 1
        return exc_type is ZeroDivisionError  # swallow only this error


with Indented() as outer, Indented() as inner:
    show("nested levels", (outer, inner))
with Indented():
    1 / 0
show("exception swallowed by __exit__", Indented.level)


@contextlib.contextmanager
def tag(name, log):
    log.append(f"<{name}>")
    try:
        yield name
    finally:
        log.append(f"</{name}>")


log = []
with tag("html", log), tag("body", log):
    log.append("hello")
show("@contextmanager", "".join(log))
with contextlib.suppress(KeyError):
    {}["nope"]
show("contextlib.suppress", "KeyError suppressed")

# --------------------------------------------------------------------------
section("Comprehensions")
show("list comprehension", [n * n for n in range(10) if n % 3 == 0])
show("nested comprehension", [(x, y) for x in range(3) for y in range(x)])
show("dict comprehension", {w: len(w) for w in ("one", "three", "five")})
show("set comprehension", sorted({c for c in "comprehension" if c in "aeiou"}))
matrix = [[1, 2, 3], [4, 5, 6]]
show("transpose with zip", [list(row) for row in zip(*matrix)])
show("walrus in comprehension", [y for x in range(6) if (y := x * x) % 2 == 0])

# --------------------------------------------------------------------------
section("Decorators")


def trace(func):
    """Record every call of the decorated function."""

    @functools.wraps(func)
    def wrapper(*args):
        wrapper.calls.append(args)
        return func(*args)

    wrapper.calls = []
    return wrapper


@trace
def add(a, b):
    """Add two numbers."""
    return a + b


add(1, 2)
add(3, 4)
show("tracing decorator", add.calls)
show("functools.wraps keeps metadata", (add.__name__, add.__doc__))


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


show("lru_cache", (fib(80), fib.cache_info().hits))

# --------------------------------------------------------------------------
section("Introspection")


def where_am_i():
    return sys._getframe().f_code.co_name, sys._getframe(1).f_code.co_name


show("current and calling frame", where_am_i())
show("type() and isinstance()", (type(3.0).__name__, isinstance(True, int)))
show("getattr with default", getattr(Square(2), "colour", "no colour"))
show("public attributes of Version", [n for n in dir(Version) if not n.startswith("_")])
show("dataclass fields", [f.name for f in dataclasses.fields(Version)])
show("function metadata", (greet.__name__, greet.__defaults__, greet.__kwdefaults__))
show("code object", (greet.__code__.co_argcount, greet.__code__.co_varnames[:3]))
show("generator / coroutine function?", (inspect.isgeneratorfunction(fibonacci), inspect.iscoroutinefunction(fetch)))
namespace = {}
exec("result = sum(range(5))", namespace)
show("exec / eval", (namespace["result"], eval("result * 2", namespace)))
show("vars() of an instance", vars(Rectangle(2, 3)))

print()
print("That's the tour - thanks for running it!")
