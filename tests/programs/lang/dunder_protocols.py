# operator overloading (normal/reflected/in-place), __eq__/__hash__, __bool__/__len__, iteration, containers

class V:
    def __init__(self, *c):
        self.c = tuple(c)
    def __repr__(self):
        return 'V%r' % (self.c,)
    def _op(self, other, fn):
        if isinstance(other, V):
            return V(*[fn(a, b) for a, b in zip(self.c, other.c)])
        if isinstance(other, (int, float)):
            return V(*[fn(a, other) for a in self.c])
        return NotImplemented
    def __add__(self, o): return self._op(o, lambda a, b: a + b)
    def __radd__(self, o):
        print('  radd', o)
        return self._op(o, lambda a, b: b + a)
    def __sub__(self, o): return self._op(o, lambda a, b: a - b)
    def __rsub__(self, o): return self._op(o, lambda a, b: b - a)
    def __mul__(self, o): return self._op(o, lambda a, b: a * b)
    def __rmul__(self, o): return self._op(o, lambda a, b: b * a)
    def __truediv__(self, o): return self._op(o, lambda a, b: a / b)
    def __floordiv__(self, o): return self._op(o, lambda a, b: a // b)
    def __mod__(self, o): return self._op(o, lambda a, b: a % b)
    def __pow__(self, o, mod=None): return self._op(o, lambda a, b: pow(a, b, mod))
    def __rpow__(self, o): return self._op(o, lambda a, b: b ** a)
    def __matmul__(self, o): return sum(a * b for a, b in zip(self.c, o.c))
    def __and__(self, o): return 'and'
    def __or__(self, o): return 'or'
    def __xor__(self, o): return 'xor'
    def __lshift__(self, o): return 'lshift %r' % o
    def __rrshift__(self, o): return 'rrshift %r' % o
    def __neg__(self): return V(*[-a for a in self.c])
    def __pos__(self): return 'pos'
    def __abs__(self): return V(*[abs(a) for a in self.c])
    def __invert__(self): return 'inverted'
    def __iadd__(self, o):
        print('  iadd in place')
        self.c = tuple(a + o for a in self.c)
        return self
    def __eq__(self, o):
        return isinstance(o, V) and self.c == o.c
    def __hash__(self):
        return hash(self.c)
    def __lt__(self, o):
        return self.c < o.c
    def __len__(self):
        return len(self.c)
    def __getitem__(self, i):
        return self.c[i]
    def __round__(self, n=None):
        return V(*[round(a, n) for a in self.c])
    def __index__(self):
        return len(self.c)
    def __complex__(self): return complex(1, 1)
    def __int__(self): return 7
    def __float__(self): return 7.5

a, b = V(1, 2), V(10, 20)
print(a + b, a - b, a * 3, 3 * a, 1 + a, 10 - a, a / 2, b // 3, b % 3, a ** 2, 2 ** a, pow(b, 2, 7))
print(a @ b, a & b, a | b, a ^ b, a << 1, 5 >> a, -a, +a, abs(V(-1, 2)), ~a)
print(round(V(1.26, 2.5), 1), [10, 20, 30, 40][a], hex(a), bin(V(1, 2, 3)), complex(a), int(a), float(a))
print(list(range(10))[a:V(1, 2, 3, 4)])
c = a
c += 5
print(c, a, c is a)
c -= 1  # no __isub__ -> falls back to __sub__
print(c, a, c is a)
try:
    a + 'str'
except TypeError as e:
    print(type(e).__name__, e)
try:
    'str' - a
except TypeError as e:
    print(type(e).__name__, e)
try:
    a < 5
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
print(sorted([V(3), V(1), V(2)]), max(V(1), V(5)), a == V(1, 2), a != V(1, 2), a == 5)
print(len(a), a[0], a[-1], a[::-1], list(a), 2 in a, 5 in a)

# reflected operand precedence for subclasses
class Base:
    def __add__(self, o):
        return 'Base.add'
    def __radd__(self, o):
        return 'Base.radd'
class Sub(Base):
    def __radd__(self, o):
        return 'Sub.radd'
print(Base() + Sub(), Sub() + Base(), Base() + Base())

class Cmp:
    def __init__(self, v): self.v = v
    def __eq__(self, o):
        print('  Cmp.__eq__', self.v, getattr(o, 'v', o))
        return NotImplemented
    def __lt__(self, o):
        print('  Cmp.__lt__', self.v, getattr(o, 'v', o))
        return NotImplemented
    def __gt__(self, o):
        print('  Cmp.__gt__', self.v, getattr(o, 'v', o))
        return NotImplemented
x, y = Cmp(1), Cmp(2)
print(x == y, x == x, x != y)
try:
    x < y
except TypeError as e:
    print(type(e).__name__, e)

# __eq__ / __hash__ in dict and set
class Key:
    def __init__(self, k): self.k = k
    def __eq__(self, o):
        print('  Key eq', self.k, o.k)
        return isinstance(o, Key) and self.k.lower() == o.k.lower()
    def __hash__(self):
        return hash(self.k.lower())
    def __repr__(self): return 'Key(%r)' % self.k
d = {Key('A'): 1}
d[Key('a')] = 2
print(d, Key('A') in d, len({Key('x'), Key('X'), Key('y')}))
class EqNoHash:
    def __eq__(self, o): return True
try:
    {EqNoHash()}
except TypeError as e:
    print(type(e).__name__, e)
print(EqNoHash.__hash__)
class HashOnly:
    def __hash__(self): return 1
    def __repr__(self): return 'HashOnly'
h1, h2 = HashOnly(), HashOnly()
print(len({h1, h2}), len({h1, h1}))

# __bool__ and __len__
class Truthy:
    def __init__(self, b): self.b = b
    def __bool__(self):
        print('  __bool__ called')
        return self.b
class Lengthy:
    def __init__(self, n): self.n = n
    def __len__(self):
        print('  __len__ called')
        return self.n
print(bool(Truthy(False)), bool(Lengthy(0)), bool(Lengthy(3)), not Truthy(True))
if Lengthy(2) and Truthy(True):
    print('both truthy')
print(Truthy(False) or 'fallback')
class BadBool:
    def __bool__(self): return 1
try:
    bool(BadBool())
except TypeError as e:
    print(type(e).__name__, e)
class BadLen:
    def __len__(self): return -1
try:
    len(BadLen())
except ValueError as e:
    print(type(e).__name__, e)
class StrLen:
    def __len__(self): return 'x'
try:
    len(StrLen())
except TypeError as e:
    print(type(e).__name__, e)

# iteration protocols
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self):
        print('  __iter__')
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), [v * 2 for v in Countdown(2)], sum(Countdown(4)))
for v in Countdown(2):
    print('for got', v)
class GetItemSeq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(GetItemSeq()), 9 in GetItemSeq(), 5 in GetItemSeq(), list(reversed([1, 2])), iter(GetItemSeq()).__class__.__name__)
class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print(type(e).__name__, e)
try:
    for _ in NotIter(): pass
except TypeError as e:
    print(type(e).__name__, e)
class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
print(next(iter([]), 'default'))
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
sentinel_iter = iter(Countdown(5).__next__, 2)
print(list(sentinel_iter))

class Container:
    def __contains__(self, item):
        print('  contains', item)
        return item == 'yes'
print('yes' in Container(), 'no' in Container(), 'no' not in Container())
class ReverseMe:
    def __reversed__(self): return iter('cba')
    def __len__(self): return 3
    def __getitem__(self, i): return 'abc'[i]
print(list(reversed(ReverseMe())))

# __call__
class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x, *, scale=1):
        return (x + self.n) * scale
add5 = Adder(5)
print(add5(1), add5(1, scale=10), callable(add5), callable(Adder), callable(5), list(map(add5, [1, 2])))

# __class_getitem__
class Generic:
    def __class_getitem__(cls, item):
        return 'Generic[%s]' % (item.__name__ if isinstance(item, type) else item,)
print(Generic[int], Generic['T'], list[int], dict[str, int], type(list[int]).__name__)
try:
    NotIter[int]
except TypeError as e:
    print(type(e).__name__, e)

# __getitem__/__setitem__/__delitem__ with slices
class Recorder:
    def __getitem__(self, k): return ('get', k)
    def __setitem__(self, k, v): print('  set', k, v)
    def __delitem__(self, k): print('  del', k)
    def __missing__(self, k): return 'never used'
r = Recorder()
print(r[1], r[1:2], r[::2], r[1, 2], r[..., 1:], r['k'])
r[0] = 'a'; r[1:3] = [1]; del r[::3]; del r['x', 'y']
class DefaultDict(dict):
    def __missing__(self, k):
        return 'missing:' + str(k)
dd = DefaultDict(a=1)
print(dd['a'], dd['b'], dd.get('b'), 'b' in dd)
five = 5
try:
    five[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    NotIter()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    NotIter()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del NotIter()[0]
except TypeError as e:
    print(type(e).__name__, e)

# __str__ / __repr__ / __format__ / __bytes__ / __dir__
class Reprs:
    def __repr__(self): return 'Reprs()'
    def __str__(self): return 'str of Reprs'
    def __bytes__(self): return b'bytes of Reprs'
    def __dir__(self): return ['z', 'a', 'm']
    def __format__(self, spec): return 'formatted:' + spec
rp = Reprs()
print(rp, repr(rp), str(rp), bytes(rp), dir(rp), format(rp, 'x'), [rp], '%s %r' % (rp, rp), f'{rp:>5}')
class OnlyRepr:
    def __repr__(self): return 'OnlyRepr!'
print(str(OnlyRepr()), OnlyRepr(), f'{OnlyRepr()}')
class BadRepr:
    def __repr__(self): return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)

# rich comparison reflection and __ne__ default
class Ordered:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        return self.v < (o.v if isinstance(o, Ordered) else o)
    def __eq__(self, o):
        return self.v == (o.v if isinstance(o, Ordered) else o)
    __hash__ = None
print(Ordered(1) < Ordered(2), Ordered(3) > Ordered(2), 5 > Ordered(3), Ordered(1) != Ordered(1), Ordered(2) != 3)
try:
    hash(Ordered(1))
except TypeError as e:
    print(type(e).__name__, e)

# __init__ returning non-None, __new__ returning other type
class BadInit:
    def __init__(self): return 5
try:
    BadInit()
except TypeError as e:
    print(type(e).__name__, e)
class NewOther:
    def __new__(cls): return 42
    def __init__(self): print('never')
print(NewOther())

# __enter__ style protocols on numbers: __index__ use in range/slicing
class Idx:
    def __index__(self): return 3
print(range(Idx()), 'abcdef'[Idx():], [0] * Idx(), operator_index := __import__('operator').index(Idx()))
try:
    range(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    abc, idx = 'abc', 1.5
    abc[idx]
except TypeError as e:
    print(type(e).__name__, e)
