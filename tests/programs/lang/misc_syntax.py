# walrus, conditional expressions, chained comparisons, loops with else, generators, global/module features

print('--- walrus')
data = [1, 5, 12, 7, 30, 2]
if (n := len(data)) > 5:
    print('long list', n)
print([y for x in data if (y := x * 2) > 10], y)
values = iter([3, 2, 1, 0, 9])
while (v := next(values)) != 0:
    print('loop value', v)
print('stopped at', v)
print((w := 5) + w, w)
def walrus_in_func():
    results = [last := i * i for i in range(4)]
    return results, last
print(walrus_in_func())
def walrus_comprehension_scope():
    total = 0
    [total := total + i for i in range(5)]
    return total
print(walrus_comprehension_scope())
matches = {k: m for k in ['a1', 'b', 'c3'] if (m := k[-1]).isdigit()}
print(matches)
print(f'{(z := 10)} {z * 2}')
if any((hit := x) > 10 for x in data):
    print('first over 10:', hit)

print('--- conditional expressions')
for i in range(-1, 3):
    print(i, 'neg' if i < 0 else 'zero' if i == 0 else 'one' if i == 1 else 'many')
def side(tag, val):
    print('  eval', tag)
    return val
print(side('a', 1) if side('cond', False) else side('b', 2))
x = [] or None if True else 'never'
print(x)
print(((lambda: 'l1') if False else (lambda: 'l2'))())

print('--- chained comparisons with side effects')
def val(tag, v):
    print('  val', tag)
    return v
print(val('a', 1) < val('b', 2) < val('c', 3))
print(val('a', 1) < val('b', 0) < val('c', 3))
print(val('a', 1) == val('b', 1) != val('c', 2) is not None)
print(1 < 2 < 3 < 4 < 5 > 4 > 3, 'a' < 'b' <= 'b' < 'c', [1] < [2] < [3])
x = 5
print(0 < x < 10, 0 < x > 10, x in [5] in [[5]], (x in [5]) in [True])

print('--- loops with else / break / continue')
for i in range(3):
    if i == 5:
        break
else:
    print('for-else ran (no break)')
for i in range(10):
    if i == 2:
        break
else:
    print('not printed')
print('broke at', i)
n = 0
while n < 3:
    n += 1
else:
    print('while-else ran', n)
while True:
    n -= 1
    if n < 0:
        break
    if n % 2:
        continue
    print('even n', n)
for i in []:
    pass
else:
    print('empty for-else ran')
for outer in range(3):
    for inner in range(3):
        if inner == outer:
            continue
        if inner > outer:
            break
        print('pair', outer, inner)
# loop variable after loop; for over dict while modifying keys copy
for k in list({'a': 1, 'b': 2}):
    pass
print('last k', k)
# for with tuple target from zip and nested targets, starred targets
for i, (a, *b) in enumerate([(1, 2, 3), (4,)]):
    print(i, a, b)
# else on try in loop
for i in range(2):
    try:
        if i:
            raise ValueError
    except ValueError:
        print('except in loop', i)
    else:
        print('else in loop', i)

print('--- generators')
def gen(n):
    print('  gen start')
    for i in range(n):
        received = yield i
        if received:
            print('  received', received)
    print('  gen end')
    return 'done'
g = gen(3)
print(type(g).__name__, g.__name__, g.__qualname__)
print(next(g), g.send('hello'), next(g))
try:
    next(g)
except StopIteration as e:
    print('StopIteration', e.value)
print(next(g, 'exhausted'))
g2 = gen(2)
try:
    g2.send('x')
except TypeError as e:
    print(type(e).__name__, e)
def delegator():
    result = yield from gen(2)
    print('  delegated result', result)
    yield 'after'
print(list(delegator()))
def closer():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('  GeneratorExit caught')
        raise
    finally:
        print('  closer finally')
c = closer()
next(c)
c.close()
c.close()
def bad_closer():
    try:
        yield 1
    except GeneratorExit:
        yield 'refuse'
bc = bad_closer()
next(bc)
try:
    bc.close()
except RuntimeError as e:
    print(type(e).__name__, e)
def throw_target():
    while True:
        try:
            yield
        except KeyError as e:
            print('  caught thrown', e)
            yield 'handled'
t = throw_target()
next(t)
print(t.throw(KeyError('k')))
try:
    t.throw(ValueError('unhandled'))
except ValueError as e:
    print('propagated', e)
print(t.gi_frame, t.gi_running)
def running_check():
    yield rc.gi_running
rc = running_check()
print(next(rc))
def self_next():
    yield next(sn)
sn = self_next()
try:
    next(sn)
except ValueError as e:
    print(type(e).__name__, e)
# generator expression with send/throw attributes
ge = (i for i in range(3))
print(ge.__name__, next(ge), list(ge))
# infinite generator with islice
import itertools
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(itertools.islice(naturals(), 5)), sum(itertools.takewhile(lambda v: v < 100, naturals())))
# yield inside try/finally with return
def gen_ret():
    try:
        yield 1
        return 'r'
    finally:
        print('  gen_ret finally')
print(list(gen_ret()))
# yield as expression values
def echo():
    val = None
    while True:
        val = yield val
        if val == 'stop':
            return
e = echo()
next(e)
print(e.send(1), e.send('two'))
try:
    e.send('stop')
except StopIteration:
    print('echo stopped')
# generator state inspection
import inspect
def states():
    yield 1
st = states()
print(inspect.getgeneratorstate(st), end=' ')
next(st)
print(inspect.getgeneratorstate(st), end=' ')
list(st)
print(inspect.getgeneratorstate(st))

print('--- misc expressions')
print(not 1 == 2, not (1 and 0), -(-3), +True, ~~5, - - 2)
print(1 if 0 else 2 if 0 else 3, (1, 2)[True], [10, 20][False], {True: 'y', False: 'n'}[3 > 2])
print(type(...).__name__, ... is Ellipsis, __debug__)
print(0b1010 | 0o17 ^ 0x3 & 7, 2 + 3 * 4 ** 2 // 5 % 7 - 1, (2 + 3) * 4, 2 ** -1 ** 2, -3 ** 2)
a = b = c = 0
a += 1
print(a, b, c)
i = 0
lst = [0, 0, 0]
lst[i] = i = 2
print(lst, i)
x, y = 1, 2
x, y = y, x + y
print(x, y)
print(str(1_000), 0x_FF, 1e1_0, 0o7_7, .5, 5., 1_0j)
print('implicit' ' concatenation' " of strings", r'raw\n', b'byt' b'es', '''triple
quoted''', """also
triple""")
print('\N{GREEK SMALL LETTER ALPHA}', '\x41\u0042\U00000043', '\101', len('\0'), 'a\
b')
def annotated(a: int, b: 'str' = 'x') -> bool:
    v: int = 5
    w: list
    return True
print(annotated.__annotations__)
class Ann:
    x: int
    y: str = 'y'
print(Ann.__annotations__, hasattr(Ann, 'x'), Ann.y)
__annotations_module_var: int = 1
print('module annotations', sorted(__annotations__))
pass
...
if True: print('one-line if'); print('second stmt')
