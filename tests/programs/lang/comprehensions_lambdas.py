# comprehensions (list/set/dict/generator), nesting, conditions, scoping; lambdas

print([x * x for x in range(10)])
print([x for x in range(20) if x % 2 if x % 3])
print([(x, y) for x in range(3) for y in range(x)])
print([[y for y in range(x)] for x in range(4)])
print(sorted({x % 4 for x in range(20)}))
print({x: x ** 2 for x in range(5)})
print({k: v for k, v in zip('abc', [1, 2, 3]) if v != 2})
print({v: k for k, v in {'a': 1, 'b': 2}.items()})
g = (x * 2 for x in range(5))
print(type(g).__name__, next(g), list(g), list(g))
print(sum(x for x in range(101)), max(len(w) for w in ['a', 'abc', 'ab']))
print([i for row in [[1, 2], [3], []] for i in row])
print([(i, j) for i in range(3) if i != 1 for j in 'ab' if not (i == 2 and j == 'b')])
print([x if x % 2 else -x for x in range(6)])
print([y for x in range(5) if (y := x * 10) > 15])
print('walrus leaked', y)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print(list(zip(*matrix)))

# scoping: loop variable doesn't leak
x = 'outer x'
lst = [x for x in range(3)]
print(x, lst)
# comprehension in class body can't see class vars (except first iterable)
class C:
    val = 10
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    try:
        broken = [val for i in range(2)]
    except NameError as e:
        err = str(e)
    first_iter = [i for i in range(val)]
print(C.doubled, C.err, len(C.first_iter))

# closures in comprehension - late binding
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])

def outer():
    n = 5
    return [n * k for k in range(3)], {n + k for k in range(2)}, (n - k for k in range(2))
a, b, c = outer()
print(a, sorted(b), list(c))

# generator expression evaluates first iterable immediately
def noisy(n):
    print('noisy called', n)
    return range(n)
gen = (v for v in noisy(3))
print('gen created')
print(list(gen))
try:
    gen = (v for v in 5)
except TypeError as e:
    print(type(e).__name__, e)
gen = (1 / v for v in [1, 0])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError as e:
    print(type(e).__name__, e)

# nested generator expressions and all/any short circuit
def pred(v):
    print('pred', v)
    return v > 1
print(any(pred(v) for v in range(5)))
print(all(pred(v) for v in [3, 2, 1, 0]))

# dict comprehension key collision, evaluation order
print({k % 3: k for k in range(10)})
order = []
def key(k):
    order.append('k%d' % k); return k
def val(v):
    order.append('v%d' % v); return v
d = {key(i): val(i) for i in range(2)}
print(d, order)
order.clear()
d = {key(1): val(1), key(2): val(2)}
print(order)

# set comprehension with unhashable error
try:
    {[i] for i in range(2)}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {[]: 1 for i in range(1)}
except TypeError as e:
    print(type(e).__name__, e)

# async-free but yields inside comprehension disallowed - just generator functions
def genfunc():
    yield from (i * 3 for i in range(3))
    yield from [10, 20]
    r = yield 'sent?'
    yield ('received', r)
gg = genfunc()
print([next(gg) for _ in range(6)])
print(gg.send('hello'))

# lambdas
add = lambda a, b=2, *args, c=3, **kw: (a, b, args, c, sorted(kw.items()))
print(add(1), add(1, 5, 6, 7, c=8, z=9, y=0))
print((lambda: 'no args')(), (lambda *a: a)(1, 2), (lambda **k: sorted(k))(b=1, a=2))
print((lambda x: (lambda y: x + y))(10)(5))
print(add.__name__, (lambda: 0).__qualname__)
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print(sorted(['bb', 'a', 'ccc', 'dd'], key=lambda s: (-len(s), s)))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])))
print(list(filter(lambda v: v and v % 2, [0, 1, 2, 3, None, 5])))
rec = lambda n: 1 if n <= 1 else n * rec(n - 1)
print(rec(10))
try:
    (lambda a, /, b: 0)(a=1, b=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    (lambda x: x)()
except TypeError as e:
    print(type(e).__name__, e)
print((lambda: (yield 1))().__class__.__name__, list((lambda: (yield 1))()))
# lambda default evaluated at definition
z = 1
lz = lambda q=z: q
z = 2
print(lz(), (lambda: z)())
# conditional expression in lambda, nested ternaries
sign = lambda n: 'neg' if n < 0 else 'zero' if n == 0 else 'pos'
print([sign(n) for n in (-3, 0, 3)])
