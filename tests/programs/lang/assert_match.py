# assert and the match statement with all pattern kinds
import enum

def check_assert(v):
    try:
        assert v, 'value was %r' % (v,)
        print('assert passed', repr(v))
    except AssertionError as e:
        print('AssertionError', e, e.args)
    try:
        assert v
    except AssertionError as e:
        print('bare AssertionError', repr(e), e.args)

for v in [1, 0, 'x', '', [None], None]:
    check_assert(v)

def side():
    print('message evaluated')
    return 'msg'
assert True, side()
try:
    assert False, side()
except AssertionError as e:
    print('got', e)
try:
    assert 1 == 2, (1, 2)
except AssertionError as e:
    print(e.args)

class Color(enum.Enum):
    RED = 1
    GREEN = 2

class Point:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)

class Point3(Point):
    __match_args__ = ('x', 'y', 'z')
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
    def __repr__(self):
        return 'Point3(%r, %r, %r)' % (self.x, self.y, self.z)

class NoArgs:
    def __init__(self, a):
        self.a = a
    def __repr__(self):
        return 'NoArgs(a=%r)' % (self.a,)

class Consts:
    LIMIT = 10
    NAME = 'n'

def m(subject):
    match subject:
        case 0:
            return 'literal zero'
        case 1 | 2 | 3:
            return 'small int %r' % (subject,)
        case -5:
            return 'negative five'
        case 1.5:
            return 'float 1.5'
        case 2+3j:
            return 'complex'
        case 'hello' | 'hi':
            return 'greeting ' + subject
        case b'bytes':
            return 'bytes literal'
        case True:
            return 'True literal'
        case None:
            return 'None literal'
        case Color.RED:
            return 'value pattern RED'
        case Consts.LIMIT:
            return 'value pattern LIMIT'
        case []:
            return 'empty sequence'
        case [x]:
            return 'single element %r' % (x,)
        case [1, 2, *rest]:
            return 'starts 1,2 rest=%r' % (rest,)
        case [first, *mid, last] if len(mid) > 2:
            return 'long seq first=%r mid=%r last=%r' % (first, mid, last)
        case [(a, b), *_]:
            return 'nested pair %r %r' % (a, b)
        case [x, y]:
            return 'pair %r %r' % (x, y)
        case {'type': 'circle', 'r': r}:
            return 'circle r=%r' % (r,)
        case {'type': 'rect', **rest}:
            return 'rect rest=%r' % (sorted(rest.items()),)
        case {}:
            return 'some mapping %r' % (sorted(subject),)
        case Point(0, 0):
            return 'origin'
        case Point3(x, y, z=0):
            return 'Point3 flat x=%r y=%r' % (x, y)
        case Point(x=0, y=yy):
            return 'on y axis at %r' % (yy,)
        case Point(xx, 0):
            return 'on x axis at %r' % (xx,)
        case Point(x, y) if x == y:
            return 'diagonal %r' % (x,)
        case Point() as p:
            return 'some point %r' % (p,)
        case int(n) if n > 100:
            return 'big int %d' % n
        case int() | float() as num:
            return 'number %r' % (num,)
        case str(s) if s.startswith('x'):
            return 'x-string %s' % s
        case str() as s:
            return 'string %s' % s
        case (1, 'a') | (2, 'b') as t:
            return 'tuple alt %r' % (t,)
        case NoArgs(a=1):
            return 'NoArgs a=1'
        case _:
            return 'wildcard %r' % (subject,)

subjects = [0, 1, 3, -5, 1.5, 2+3j, 'hello', 'hi', b'bytes', True, None, Color.RED, Color.GREEN, 10,
            [], [9], (9,), [1, 2], [1, 2, 3, 4], [0, 1, 2, 3, 4], [(5, 6), 7], [7, 8], (7, 8),
            {'type': 'circle', 'r': 2}, {'type': 'rect', 'w': 1, 'h': 2}, {'other': 1},
            Point(0, 0), Point3(1, 2, 0), Point3(1, 2, 3), Point(0, 5), Point(5, 0), Point(4, 4), Point(1, 2),
            101, 50, 2.5, 'xyz', 'abc', (1, 'a'), (2, 'b'), (3, 'c'), NoArgs(1), NoArgs(2),
            'str is not seq', range(3), {1, 2}, 2.0, False]
for s in subjects:
    print(repr(s), '=>', m(s))

# capture binding persists after match, bindings on failed alternatives
def binding():
    match [1, 2, 3]:
        case [a, b, c]:
            pass
    print('after match', a, b, c)
    match {'k': 'v', 'extra': 1}:
        case {'k': val}:
            print('mapping partial', val)
    match 'abc':
        case [*chars]:
            print('str matched sequence?', chars)
        case _:
            print('str not a sequence pattern')
    match (1, 2):
        case [x, y] as whole:
            print('as on seq', x, y, whole)
binding()

# guard evaluation order and side effects
def guard_side(v):
    print('guard called with', v)
    return v > 1
for v in [1, 2]:
    match v:
        case n if guard_side(n):
            print('guard true', n)
        case n:
            print('fell through', n)

# class pattern errors
class Bad:
    __match_args__ = ('a', 'b')
    a = 1
try:
    match Bad():
        case Bad(1, 2, 3):
            pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    match NoArgs(1):
        case NoArgs(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    match Point(1, 2):
        case Point(1, x=1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
class BadArgs:
    __match_args__ = ['a']
try:
    match BadArgs():
        case BadArgs(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    nc = 5
    match 3:
        case int(x) if x:
            print('int self-match', x)
    match 3:
        case len():
            pass
except TypeError as e:
    print(type(e).__name__, e)

# builtin self-matching classes
for v in [5, 'str', b'b', 3.5, [1], (1,), {'a': 1}, {2}, True, bytearray(b'x'), frozenset([1])]:
    match v:
        case bool(x):
            print('bool', x)
        case int(x):
            print('int', x)
        case str(x):
            print('str', x)
        case bytes(x):
            print('bytes', x)
        case float(x):
            print('float', x)
        case list(x):
            print('list', x)
        case tuple(x):
            print('tuple', x)
        case dict(x):
            print('dict', x)
        case set(x):
            print('set', x)
        case bytearray(x):
            print('bytearray', x)
        case frozenset(x):
            print('frozenset', x)

# mapping with custom Mapping class and duplicate key ordering
import collections.abc
class MyMap(collections.abc.Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k):
        print('  getitem', k)
        return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
match MyMap({'a': 1, 'b': 2}):
    case {'a': 1, 'b': bb}:
        print('custom mapping matched', bb)

# sequence of different lengths and star positions
for seq in [[1], [1, 2], [1, 2, 3], [1, 2, 3, 4, 5]]:
    match seq:
        case [*init, 3]:
            print(seq, 'ends with 3, init', init)
        case [1, *_, 5]:
            print(seq, '1..5')
        case [_, _]:
            print(seq, 'two items')
        case [*all_]:
            print(seq, 'anything', all_)

# nested patterns with or and as
def cmd(c):
    match c.split():
        case ['go', ('north' | 'south' | 'east' | 'west') as direction]:
            return 'going ' + direction
        case ['pick', 'up', *items] if items:
            return 'picking ' + ','.join(items)
        case ['quit' | 'exit']:
            return 'bye'
        case [verb, *_]:
            return 'unknown verb ' + verb
        case []:
            return 'empty'
for c in ['go north', 'go up', 'pick up a b', 'pick up', 'quit', 'exit', '']:
    print(repr(c), '->', cmd(c))

# match on enum and dotted names inside a function scope
def light(c):
    match c:
        case Color.RED | Color.GREEN as col:
            return col.name
    return 'no match'
print(light(Color.GREEN), light(3))
# matching mapping keys must be literals/values
KEY = 'dyn'
class K:
    KEY = 'dyn'
match {'dyn': 7}:
    case {K.KEY: v}:
        print('value-key mapping', v)
