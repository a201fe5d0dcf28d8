# star-unpacking, nested unpacking, unpacking errors; f-strings

a, *b, c = range(6)
print(a, b, c)
*a, b = 'xyz'
print(a, b)
a, *b = [1]
print(a, b)
(a, b), [c, *d], e = (1, 2), 'hello', {'k': 1}
print(a, b, c, d, e)
a, (b, (c, d)) = 1, [2, (3, 4)]
print(a, b, c, d)
first, *_, last = range(100)
print(first, last)
x = y = z = [0]
print(x is y is z)
a, b = b, a
print(a, b)
for i, (k, v) in enumerate({'p': 1, 'q': 2}.items()):
    print(i, k, v)
for p, *rest in [(1, 2, 3), (4,)]:
    print(p, rest)
print([*range(3), *'ab', *{'k': 0}])
print((*[1, 2], 3), {*'aab'} == {'a', 'b'})
print({**{'a': 1}, 'b': 2, **{'a': 3}})
def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*[1, 2], *(3,), **{'x': 1}, y=2, **{'z': 3}))
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
class O: pass
o = O()
o.a, o.b = 'ab'
print(o.a, o.b)
d = {}
d['x'], d['y'] = divmod(17, 5)
print(d)
i = 0
data = [10, 20, 30]
i, data[i] = 1, 99   # i assigned first, then data[1]
print(i, data)

def unpack_err(src, n):
    try:
        if n == 2:
            a, b = src
        elif n == 3:
            a, b, c = src
        elif n == 'star':
            a, b, *c, d = src
        elif n == 'one':
            (a,) = src
        print('ok', src)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

unpack_err([1, 2, 3], 2)
unpack_err([1], 2)
unpack_err([], 2)
unpack_err((1, 2), 3)
unpack_err('ab', 'star')
unpack_err('abc', 'star')
unpack_err(5, 2)
unpack_err(None, 'star')
unpack_err([], 'one')
unpack_err([1, 2], 'one')
unpack_err(iter(range(10)), 2)
unpack_err({'a': 1, 'b': 2}, 2)
def gen():
    yield 1
    yield 2
    yield 3
unpack_err(gen(), 2)
try:
    f(**{1: 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**[1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(*5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**{'x': 1}, x=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**{'x': 1}, **{'x': 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    [*5]
except TypeError as e:
    print(type(e).__name__, e)
try:
    {**[1]}
except TypeError as e:
    print(type(e).__name__, e)

print('--- f-strings')
name = 'World'
n = 42
pi = 3.14159265
s = 'quote"s and \'single\''
print(f'Hello {name}!', f"{n}", f'{n!r} {name!r} {name!s} {"café"!a} {s!r}')
print(f'{n:5d}|{n:<5}|{n:^5}|{n:>5}|{n:05}|{n:+}|{-n:+}|{n: }|{n:x}|{n:#X}|{n:#o}|{n:b}|{n:,}|{10**7:_}')
print(f'{pi:.2f}|{pi:10.3f}|{pi:<10.1f}|{pi:e}|{pi:.3E}|{pi:g}|{1e20:g}|{pi:%}|{0.5:.0%}|{pi:=+10.2f}')
print(f'{name:*^15}|{name:>10}|{name:.3}|{name!r:>10}|{"x":-<4}')
width, prec = 12, 4
print(f'{pi:{width}.{prec}f}|{pi:{"<"}{width}}|{n:{"0"}{width}d}')
print(f'{n = }', f'{name=}', f'{n*2 = :5}', f'{pi=:.2f}', f'{name = !r}', f'{name=!s}')
print(f'{{literal braces}} {{{n}}}')
print(f'{[1, 2][0]} {({"k": "v"})["k"]} {(lambda q: q * 2)(3)} {n if n > 40 else 0}')
print(f'{"nested {}".format(1)} {f"{n}"!r} {f"{n:{width}}"!r}')
print(f'multi'
      f'-part {n}'
      '-plain')
import datetime
dt = datetime.date(2024, 1, 15)
print(f'{dt:%Y/%m/%d} {dt!r}')
class Fmt:
    def __format__(self, spec):
        return 'Fmt<%s>' % spec
    def __repr__(self):
        return 'FmtRepr'
    def __str__(self):
        return 'FmtStr'
print(f'{Fmt()} {Fmt():abc} {Fmt()!r} {Fmt()!s} {Fmt()!r:>10}')
print(format(1234.5, ',.1f'), format('s', '>3'), format(255, '08b'), '{:>{w}}'.format('r', w=4))
print(f'{3+4j}', f'{True}', f'{None}', f'{b"x"}', f'{1.0}', f'{1e100}', f'{-0.0}', f'{float("nan")}')
print(f'{12345.6789:.2e}', f'{0.000012345:g}', f'{123456789:e}', f'{1/3:.20f}')
for bad in ['{n:d}'.replace('n', 'pi'), '{name:d}', '{n:s}', '{n:.2s}', '{n:z}']:
    try:
        print(eval('f' + repr(bad)))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    eval("f'{n!x}'")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
print('%s %r %d %05.1f %x %o %e %c %%' % ('s', 'r', 7, 2.25, 255, 8, 12345.678, 65))
print('%(a)s-%(b)03d' % {'a': 'A', 'b': 5}, '%-5s|' % 'ab', '%+d' % 5, '%.3s' % 'abcdef')
try:
    print('%d' % 'x')
except TypeError as e:
    print(type(e).__name__, e)
try:
    print('%s %s' % ('only one',))
except TypeError as e:
    print(type(e).__name__, e)
try:
    print('%s' % (1, 2))
except TypeError as e:
    print(type(e).__name__, e)
print('{} {} {}'.format(1, 'two', 3.0), '{0}{1}{0}'.format('a', 'b'), '{x.real}'.format(x=5), '{0[1]}'.format([7, 8]))
try:
    '{} {}'.format(1)
except IndexError as e:
    print(type(e).__name__, e)
try:
    '{k}'.format()
except KeyError as e:
    print(type(e).__name__, e)
