# dataclasses and enums
import dataclasses
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, InitVar, KW_ONLY
import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
from typing import ClassVar

print('--- dataclasses')
@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
    label: str = field(default='pt', repr=False, compare=False)
p = Point(1)
print(p, p == Point(1), p == Point(1, label='other'), p != Point(2))
p.tags.append('t')
print(Point(1).tags, p.tags, p.label)
print(asdict(p), astuple(p), replace(p, y=5), [f.name for f in fields(p)])
print(Point.__init__.__doc__ is None, Point.__match_args__, Point.__dataclass_fields__['label'].compare)
try:
    Point()
except TypeError as e:
    print(type(e).__name__, e)
try:
    Point(1, 2, [], 'l', 'extra')
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash(p)
except TypeError as e:
    print(type(e).__name__, e)

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0
    note: str = field(default='', compare=False)
vs = [Version(1, 2), Version(1, 0, 5), Version(0, 9), Version(1, 2, note='dup')]
print(sorted(vs), max(vs), Version(1) < Version(1, 0, 1), Version(2) >= Version(1, 9))
print(hash(Version(1, 2)) == hash(Version(1, 2, note='x')), len(set(vs)))
v = Version(1)
try:
    v.major = 5
except FrozenInstanceError as e:
    print(type(e).__name__, e)
try:
    del v.minor
except FrozenInstanceError as e:
    print(type(e).__name__, e)
try:
    v.newattr = 1
except dataclasses.FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
print(replace(v, minor=7))
try:
    Version(1) < (1, 0, 0)
except TypeError as e:
    print(type(e).__name__, e)

@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    scale: InitVar[int] = 1
    counter: ClassVar[int] = 0
    def __post_init__(self, scale):
        self.b = self.a * scale
        WithPost.counter += 1
w = WithPost(3, scale=10)
print(w, w.b, WithPost.counter, [f.name for f in fields(w)])

@dataclass
class Base:
    x: int
    y: int = 1
@dataclass
class Child(Base):
    z: int = 2
    x: int = 100
print(Child(), Child(1, 2, 3), [f.name for f in fields(Child)])
try:
    @dataclass
    class BadOrder:
        a: int = 1
        b: int
except TypeError as e:
    print(type(e).__name__, e)
try:
    @dataclass
    class Mutable:
        a: list = []
except ValueError as e:
    print(type(e).__name__, e)

@dataclass(kw_only=True)
class KW:
    a: int
    b: int = 2
print(KW(a=1))
try:
    KW(1)
except TypeError as e:
    print(type(e).__name__, e)
@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int = 0
    c: int
print(Mixed(1, c=3))

@dataclass(slots=True)
class Slotted:
    a: int
    b: str = 'b'
s = Slotted(1)
print(s, hasattr(s, '__dict__'), Slotted.__slots__)
try:
    s.c = 1
except AttributeError as e:
    print(type(e).__name__, e)

@dataclass(eq=False)
class NoEq:
    a: int
print(NoEq(1) == NoEq(1), repr(NoEq(1)))
@dataclass(repr=False)
class NoRepr:
    a: int
    def __repr__(self): return 'custom NoRepr'
print(NoRepr(1))
print(dataclasses.is_dataclass(p), dataclasses.is_dataclass(Point), dataclasses.is_dataclass(5))
Dyn = dataclasses.make_dataclass('Dyn', [('q', int), ('r', str, field(default='r'))])
print(Dyn(1), Dyn.__name__)
@dataclass
class Nested:
    pts: list
    inner: Point
print(asdict(Nested([Point(1, 2)], Point(3))))
try:
    asdict(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    replace(v, nope=1)
except TypeError as e:
    print(type(e).__name__, e)

print('--- enums')
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1  # alias
    def describe(self):
        return '%s is %d' % (self.name.lower(), self.value)
    @classmethod
    def default(cls):
        return cls.GREEN
    @property
    def is_warm(self):
        return self is Color.RED
print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(2), Color['BLUE'])
print(list(Color), len(Color), Color.CRIMSON is Color.RED, Color.CRIMSON.name, [m for m in Color.__members__])
print(Color.RED.describe(), Color.default(), Color.BLUE.is_warm, Color.RED.is_warm)
print(Color.RED == 1, Color.RED == Color.RED, Color.RED in Color, isinstance(Color.RED, Color), type(Color.RED).__name__)
print({Color.RED: 'r'}[Color.CRIMSON], sorted(Color, key=lambda c: -c.value), hash(Color.RED) == hash(Color.RED))
try:
    Color(7)
except ValueError as e:
    print(type(e).__name__, e)
try:
    Color['PURPLE']
except KeyError as e:
    print(type(e).__name__, e)
try:
    Color.RED = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Color.RED.value = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    class MoreColor(Color):
        PINK = 4
except TypeError as e:
    print(type(e).__name__, e)
try:
    Color.RED < Color.GREEN
except TypeError as e:
    print(type(e).__name__, e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(type(e).__name__, e)
try:
    class Redef(Enum):
        A = 1
        A = 2
except TypeError as e:
    print(type(e).__name__, e)

class Auto(Enum):
    FIRST = auto()
    SECOND = auto()
    THIRD = auto()
print([(m.name, m.value) for m in Auto])
class Lower(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower() + str(count)
    ALPHA = auto()
    BETA = auto()
print([m.value for m in Lower])

class Prio(IntEnum):
    LOW = 1
    MID = 5
    HIGH = 10
print(Prio.MID, repr(Prio.MID), Prio.MID + 1, Prio.LOW < Prio.HIGH, Prio(10), sorted([Prio.HIGH, Prio.LOW]), Prio.MID == 5, int(Prio.HIGH))
print(f'{Prio.MID}', f'{Color.RED}', str(Prio.LOW), format(Prio.LOW, '>4'), [1, 2, 3, 4, 5, 6][Prio.MID])

class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
    RW = R | W
rw = Perm.R | Perm.W
print(rw, repr(rw), rw.value, Perm.R in rw, Perm.X in rw, rw is Perm.RW, Perm.R & Perm.W, ~Perm.R)
print(list(Perm), bool(Perm(0)), Perm(0), Perm(7), [p.name for p in Perm(5)])
class Bits(IntFlag):
    A = 1
    B = 2
    C = 4
print(Bits.A | Bits.C, Bits.A | 8, Bits(3), int(Bits.B | Bits.C), Bits.A + 1)

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.surface_gravity, 3))

class StrE(str, Enum):
    A = 'a'
    B = 'b'
print(StrE.A == 'a', StrE.A.upper(), StrE('b'), repr(StrE.B), StrE.A + '!')
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, Animal(3))
Animal2 = Enum('Animal2', [('DOG', 'd'), ('EEL', 'e')])
print(Animal2.DOG.value, Animal2('e'))
class WithMissing(Enum):
    ONE = 1
    @classmethod
    def _missing_(cls, value):
        if value == 'one':
            return cls.ONE
        return None
print(WithMissing('one'))
try:
    WithMissing('two')
except ValueError as e:
    print(type(e).__name__, e)
class Empty(Enum):
    pass
try:
    Empty(1)
except (ValueError, TypeError) as e:
    print(type(e).__name__, e)
print(list(Empty), Color.__members__.keys() >= {'CRIMSON'})
match Color.GREEN:
    case Color.RED:
        print('matched red')
    case Color.GREEN:
        print('matched green')
print(Color.RED.__class__.__mro__[1].__name__, type(Color).__name__, dir(Color.RED)[:3])
