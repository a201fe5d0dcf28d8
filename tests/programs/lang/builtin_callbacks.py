# builtins called with Python callbacks: sorted/min/max key, map/filter, functools, itertools, __del__ ...
import functools
import itertools
import operator
import heapq
import bisect
import collections

words = ['banana', 'Apple', 'cherry', 'date', 'Elderberry', 'fig', 'apple']
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
print(min(words, key=len), max(words, key=len), min(words), max(words, key=lambda w: w[-1]))
print(min([], default='empty'), max([3], key=lambda v: -v), min(3, 1, 2, key=lambda v: -v))
calls = []
def keyfn(v):
    calls.append(v)
    return -v
print(sorted([3, 1, 2], key=keyfn), calls)  # key called once per element
lst = [5, 2, 8, 1]
lst.sort(key=lambda v: v % 3)
print(lst)
lst.sort(reverse=True)
print(lst)
# stable sort
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
print(sorted(pairs, key=operator.itemgetter(0)))
# cmp_to_key
def cmp(a, b):
    return (a > b) - (a < b)
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: cmp(b, a))))
# exception propagation from key
def bad_key(v):
    if v == 2:
        raise ValueError('bad key %d' % v)
    return v
try:
    sorted([1, 2, 3], key=bad_key)
except ValueError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 'a'])
except TypeError as e:
    print(type(e).__name__, e)
# list modified during sort
def mutating_key(v):
    big.append(v)
    return v
big = [3, 1, 2]
try:
    big.sort(key=mutating_key)
except ValueError as e:
    print(type(e).__name__, e)

print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(map(str.upper, 'abc')), list(filter(None, [0, 1, '', 'x'])), list(filter(str.isdigit, 'a1b2')))
print(list(itertools.filterfalse(lambda v: v % 2, range(6))))
print(functools.reduce(lambda acc, v: acc * v, range(1, 8)), functools.reduce(operator.add, [], 'init'))
try:
    functools.reduce(operator.add, [])
except TypeError as e:
    print(type(e).__name__, e)
print(list(zip('ab', range(5))), dict(zip('xy', [1, 2])), list(enumerate('ab', start=10)))
print(any(map(lambda v: v > 3, [1, 5])), all(map(bool, [1, 0])), sum(map(len, words)))

# lru_cache
@functools.lru_cache(maxsize=3)
def slow_square(n):
    print('  computing', n)
    return n * n
for n in [1, 2, 1, 3, 4, 1, 2]:
    slow_square(n)
print(slow_square.cache_info())
slow_square.cache_clear()
print(slow_square.cache_info())
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(90), fib.cache_info().hits, fib.cache_info().misses)
@functools.cache
def typed(x):
    print('  typed computing', repr(x))
    return x
typed(1); typed(1.0); typed(True)
try:
    slow_square([1])
except TypeError as e:
    print(type(e).__name__, e)

# partial
def power(base, exp, *, mod=None):
    return pow(base, exp, mod)
square = functools.partial(power, exp=2)
cube_mod = functools.partial(power, exp=3, mod=10)
print(square(7), cube_mod(7), square.func is power, square.args, square.keywords)
p2 = functools.partial(functools.partial(max, 5), 10)
print(p2(1), p2.args, repr(functools.partial(power, 2)).startswith('functools.partial(<function power'))
try:
    square()
except TypeError as e:
    print(type(e).__name__, e)

# itertools with Python callables
print(list(itertools.accumulate([1, 2, 3, 4], lambda a, b: a * b)), list(itertools.accumulate([1, 2, 3], initial=100)))
print(list(itertools.takewhile(lambda v: v < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda v: v < 3, [1, 2, 3, 1])))
print([(k, list(g)) for k, g in itertools.groupby(sorted(words, key=len), key=len)])
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.compress('abcd', [1, 0, 1, 0])))
print(list(itertools.islice(itertools.count(10, 5), 4)), list(itertools.islice(itertools.cycle('ab'), 5)))
print(list(itertools.chain([1], (2, 3), 'ab')), list(itertools.chain.from_iterable([[1], [2, 3]])))
print(list(itertools.product('ab', repeat=2)), list(itertools.permutations(range(3), 2)))
print(list(itertools.combinations('abcd', 2)), list(itertools.combinations_with_replacement('ab', 2)))
print(list(itertools.zip_longest('ab', 'xyz', fillvalue='-')), list(itertools.repeat('r', 3)), list(itertools.pairwise('abcd')))
it1, it2 = itertools.tee(iter([1, 2, 3]))
print(list(it1), list(it2))
def gen_values():
    for i in range(3):
        print('  yielding', i)
        yield i
print(list(itertools.islice(gen_values(), 2)))

# heapq / bisect with key
data = [5, 1, 8, 3, 9, 2]
heapq.heapify(data)
print([heapq.heappop(data) for _ in range(3)], heapq.nlargest(2, words, key=len), heapq.nsmallest(2, [4, 1, 3]))
print(list(heapq.merge([1, 4], [2, 3], key=lambda v: v)))
print(bisect.bisect_left([1, 2, 4], 3), bisect.bisect([(1, 'a'), (3, 'c')], (2,)), bisect.bisect_right([1, 2, 2, 3], 2, key=None))
rs = [('a', 1), ('b', 5)]
print(bisect.bisect(rs, 3, key=lambda t: t[1]))

# collections with Python callbacks
dd = collections.defaultdict(lambda: 'default!')
dd['x'] = 1
print(dd['x'], dd['y'], sorted(dd.items()))
counter_calls = collections.defaultdict(list)
for w in words:
    counter_calls[w[0].lower()].append(w)
print(sorted(counter_calls.items()))
c = collections.Counter('mississippi')
print(c.most_common(2), sorted(c.items()), c['z'])
od = collections.OrderedDict.fromkeys('cab')
od.move_to_end('c')
print(list(od), od.popitem(last=False))
Pt = collections.namedtuple('Pt', 'x y', defaults=[0])
pt = Pt(1)
print(pt, pt._replace(y=5), pt._asdict(), Pt._fields, pt.x + pt[1])
try:
    Pt()
except TypeError as e:
    print(type(e).__name__, e)
dq = collections.deque([1, 2, 3], maxlen=4)
dq.appendleft(0); dq.append(4); dq.rotate(1)
print(dq, dq.maxlen)
cm = collections.ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], sorted(cm))

# dict/set using Python __eq__/__hash__
class K:
    def __init__(self, v): self.v = v
    def __hash__(self):
        return self.v % 3
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
    def __repr__(self): return 'K(%d)' % self.v
s = {K(i) for i in range(6)} | {K(1), K(4)}
print(sorted(s, key=lambda k: k.v), K(4) in s, K(7) in s)
d = dict.fromkeys([K(1), K(4), K(1)], 0)
print(d, list(d.keys()))
s.discard(K(0))
print(len(s), {K(1): 'a'} == {K(1): 'a'}, [K(2)].index(K(2)), [K(1), K(2)].count(K(1)), K(3) in [K(3)])
class ExplodingEq:
    def __hash__(self): return 1
    def __eq__(self, o): raise RuntimeError('eq exploded')
try:
    {ExplodingEq(): 1, ExplodingEq(): 2}
except RuntimeError as e:
    print(type(e).__name__, e)
class ExplodingHash:
    def __hash__(self): raise KeyError('hash exploded')
try:
    {ExplodingHash()}
except KeyError as e:
    print(type(e).__name__, e)

# getattr on object with __getattr__
class Proxy:
    def __init__(self, target):
        self._target = target
    def __getattr__(self, name):
        print('  proxy getattr', name)
        return getattr(self._target, name)
pr = Proxy([3, 1, 2])
pr.sort()
print(pr._target, getattr(pr, 'count')(1), hasattr(pr, 'nonexistent'))
print(getattr(pr, 'missing', 'dflt'))

# __del__ printing (deterministic via refcounting)
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('  __del__', self.name)
n1 = Noisy('n1')
del n1
n2 = Noisy('n2')
n2 = None
def scope():
    local = Noisy('local')
    print('  leaving scope')
scope()
lst_of = [Noisy('in-list-%d' % i) for i in range(2)]
lst_of.clear()
print('after clear')
x = Noisy('reassigned')
x = Noisy('second')
del x

# builtins with callbacks: iter(callable, sentinel), vars, callable checks
counter = itertools.count()
print(list(iter(lambda: next(counter), 4)))
print(list(map(operator.attrgetter('real'), [1, 2.5])), list(map(operator.methodcaller('upper'), ['q'])))
print(sorted({'b': 2, 'a': 3}.items(), key=operator.itemgetter(1)))
print(sum([[1], [2]], []), ''.join(map(str, range(5))), list(reversed(range(3))))
print(round(sum(map(float, ['1.5', '2.25'])), 2), divmod(*map(int, '17 5'.split())))
print(sorted(set('hello')), sorted(frozenset([3, 1])), sorted('bca', reverse=True))
