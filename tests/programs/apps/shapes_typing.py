"""A geometry/plugin library in the style of typed application code: ABCs with
abstract methods and properties, Protocols (runtime_checkable), Generic containers
with TypeVar bounds, NamedTuple/TypedDict records, singledispatch(method),
total_ordering, cached_property, __init_subclass__ registries and descriptors."""
from __future__ import annotations

import abc
import functools
import math
import typing
from dataclasses import dataclass
from typing import (Callable, ClassVar, Generic, Iterable, Iterator, NamedTuple, Optional,
                    Protocol, TypedDict, TypeVar, Union, overload, runtime_checkable)


class Vec(NamedTuple):
    x: float
    y: float

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k)

    @property
    def norm(self) -> float:
        return math.hypot(self.x, self.y)


class ShapeInfo(TypedDict, total=False):
    kind: str
    area: float
    perimeter: float
    tags: list


class Positive:
    """Validating descriptor."""

    def __set_name__(self, owner, name):
        self.public = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj, value):
        if not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"{type(obj).__name__}.{self.public} must be positive, got {value!r}")
        setattr(obj, self.private, value)
        obj.__dict__.pop("area", None)  # invalidate cached_property


@functools.total_ordering
class Shape(abc.ABC):
    registry: ClassVar[dict] = {}
    sides: ClassVar[int] = 0

    def __init_subclass__(cls, /, kind=None, **kwargs):
        super().__init_subclass__(**kwargs)
        if kind:
            Shape.registry[kind] = cls
            cls.kind = kind

    @property
    @abc.abstractmethod
    def perimeter(self) -> float: ...

    @abc.abstractmethod
    def _area(self) -> float: ...

    @functools.cached_property
    def area(self) -> float:
        Shape.area_computations += 1
        return self._area()

    area_computations = 0

    def info(self) -> ShapeInfo:
        return ShapeInfo(kind=self.kind, area=round(self.area, 3), perimeter=round(self.perimeter, 3))

    def __eq__(self, other):
        if not isinstance(other, Shape):
            return NotImplemented
        return math.isclose(self.area, other.area)

    def __lt__(self, other):
        if not isinstance(other, Shape):
            return NotImplemented
        return self.area < other.area

    def __hash__(self):
        return hash(round(self.area, 6))

    @classmethod
    def create(cls, kind: str, *args) -> "Shape":
        try:
            return cls.registry[kind](*args)
        except KeyError:
            raise ValueError(f"unknown shape {kind!r}; known: {sorted(cls.registry)}") from None


class Circle(Shape, kind="circle"):
    r = Positive()

    def __init__(self, r):
        self.r = r

    @property
    def perimeter(self):
        return 2 * math.pi * self.r

    def _area(self):
        return math.pi * self.r ** 2

    def __repr__(self):
        return f"Circle(r={self.r})"


class Rect(Shape, kind="rect"):
    w = Positive()
    h = Positive()
    sides = 4

    def __init__(self, w, h):
        self.w, self.h = w, h

    @property
    def perimeter(self):
        return 2 * (self.w + self.h)

    def _area(self):
        return self.w * self.h

    def __repr__(self):
        return f"{type(self).__name__}({self.w}x{self.h})"


class Square(Rect, kind="square"):
    def __init__(self, side):
        super().__init__(side, side)


class Triangle(Shape, kind="triangle"):
    sides = 3

    def __init__(self, a, b, c):
        if a + b <= c or a + c <= b or b + c <= a:
            raise ValueError(f"sides {a}, {b}, {c} violate the triangle inequality")
        self.a, self.b, self.c = a, b, c

    @property
    def perimeter(self):
        return self.a + self.b + self.c

    def _area(self):
        s = self.perimeter / 2
        return math.sqrt(s * (s - self.a) * (s - self.b) * (s - self.c))

    def __repr__(self):
        return f"Triangle({self.a}, {self.b}, {self.c})"


class Blob(Shape):  # forgets to implement the abstract members
    pass


@runtime_checkable
class Drawable(Protocol):
    def draw(self) -> str: ...


@runtime_checkable
class HasArea(Protocol):
    area: float


class Sprite:
    def __init__(self, name):
        self.name = name

    def draw(self):
        return f"<sprite {self.name}>"


class AsciiSquare(Square, kind="ascii-square"):
    def draw(self):
        n = int(self.w)
        return "\n".join("#" * n for _ in range(n))


T = TypeVar("T")
S = TypeVar("S", bound=Shape)
K = TypeVar("K", str, int)


class Registry(Generic[T]):
    def __init__(self) -> None:
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def deco(obj: T) -> T:
            self._items[name] = obj
            return obj
        return deco

    def __getitem__(self, name: str) -> T:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._items))


class Canvas(Generic[S]):
    def __init__(self, shapes: Iterable[S] = ()):
        self.shapes: list[S] = list(shapes)

    def add(self, shape: S) -> "Canvas[S]":
        self.shapes.append(shape)
        return self

    def largest(self) -> Optional[S]:
        return max(self.shapes, default=None)

    def total_area(self) -> float:
        return sum(s.area for s in self.shapes)

    @overload
    def get(self, key: int) -> S: ...
    @overload
    def get(self, key: str) -> list[S]: ...

    def get(self, key):
        if isinstance(key, int):
            return self.shapes[key]
        return [s for s in self.shapes if s.kind == key]


class Exporter:
    @functools.singledispatchmethod
    def export(self, obj) -> str:
        raise TypeError(f"cannot export {type(obj).__name__}")

    @export.register
    def _(self, obj: Circle) -> str:
        return f'<circle r="{obj.r}"/>'

    @export.register
    def _(self, obj: Rect) -> str:
        return f'<rect w="{obj.w}" h="{obj.h}"/>'

    @export.register(list)
    @export.register(tuple)
    def _(self, obj) -> str:
        return "<g>" + "".join(self.export(o) for o in obj) + "</g>"

    @export.register
    def _(self, obj: Union[int, float]) -> str:
        return f"<num {obj}/>"


@functools.singledispatch
def describe(obj) -> str:
    return f"something ({type(obj).__name__})"


@describe.register
def _(obj: Shape) -> str:
    return f"a {obj.kind} with area {obj.area:.2f}"


@describe.register
def _(obj: Vec) -> str:
    return f"a vector of length {obj.norm:.2f}"


@dataclass(frozen=True, order=True)
class Tagged(Generic[T]):
    priority: int
    value: T


def main():
    shapes = [Shape.create("circle", 1.5), Shape.create("rect", 2, 3), Shape.create("square", 2.5),
              Shape.create("triangle", 3, 4, 5), AsciiSquare(3)]
    for s in shapes:
        print(f"{s!r:22} {s.info()}")
    print("registry:", sorted(Shape.registry))
    print("sorted by area:", sorted(shapes))
    print("max/min:", max(shapes), min(shapes), "| rect == triangle:", shapes[1] == shapes[3],
          "| le:", shapes[1] <= shapes[3], "| set size:", len(set(shapes)))
    print("area computations so far:", Shape.area_computations)
    c = shapes[0]
    _ = c.area, c.area
    print("cached:", Shape.area_computations, "area" in vars(c))
    c.r = 2
    print("after resize:", round(c.area, 3), Shape.area_computations)

    errors = [lambda: Shape.create("hexagon"), lambda: Circle(-1), lambda: Rect(2, "x"),
              lambda: Triangle(1, 2, 10), lambda: Blob(), lambda: Shape(),
              lambda: setattr(shapes[1], "w", 0), lambda: Vec(1, 2)._replace(z=3)]
    for f in errors:
        try:
            f()
        except (ValueError, TypeError) as e:
            print(f"  {type(e).__name__}: {e}")
    print("abstract:", sorted(Blob.__abstractmethods__), sorted(Rect.__abstractmethods__))

    print("protocols:", [isinstance(x, Drawable) for x in (Sprite("hero"), shapes[4], shapes[0])],
          isinstance(shapes[0], HasArea), issubclass(Sprite, Drawable))
    print(shapes[4].draw())

    v = Vec(3, 4) + Vec(1, 1)
    print("vec:", v, v.norm, v.scale(0.5), Vec._fields, Vec._field_defaults, v._asdict())
    x, y = v
    print("unpacked:", x, y, Vec._make([7, 8]), Vec.__annotations__)

    info: ShapeInfo = {"kind": "custom", "tags": ["a"]}
    print("typed dict:", info, ShapeInfo.__required_keys__, sorted(ShapeInfo.__optional_keys__))

    shapes_reg: Registry[type] = Registry()

    @shapes_reg.register("unit-circle")
    class UnitCircle(Circle):
        def __init__(self):
            super().__init__(1)

    print("generic registry:", list(shapes_reg), shapes_reg["unit-circle"]().area == math.pi)
    canvas: Canvas[Shape] = Canvas(shapes[:2]).add(shapes[3])
    print("canvas:", canvas.largest(), round(canvas.total_area(), 3), canvas.get(0), canvas.get("rect"))
    print("generic alias:", Canvas[Circle], Canvas[Circle].__origin__ is Canvas,
          typing.get_args(Registry[int]), typing.get_origin(list[int]))

    ex = Exporter()
    print(ex.export([shapes[0], (shapes[1], 7), 2.5]))
    try:
        ex.export("text")
    except TypeError as e:
        print("export:", e)
    print(describe(shapes[2]), "|", describe(Vec(6, 8)), "|", describe(None))
    print("dispatch:", describe.dispatch(Square).__name__, sorted(
        k.__name__ for k in describe.registry))

    hints = typing.get_type_hints(Canvas.largest)
    print("hints:", hints)
    print("vec hints:", typing.get_type_hints(Vec))
    print("tagged:", sorted([Tagged(2, "b"), Tagged(1, "z"), Tagged(2, "a")]))
    print("mro:", [k.__name__ for k in AsciiSquare.__mro__])
    print("K constraints:", K.__constraints__, "S bound:", S.__bound__.__name__)
    print(typing.Optional[int], typing.Union[int, str], list[tuple[int, ...]],
          typing.Callable[[int], str], int | None)


if __name__ == "__main__":
    main()
