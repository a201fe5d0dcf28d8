# keyword-only, positional-only, defaults, *args/**kwargs, and call TypeError messages
import inspect

def show(label, fn, *args, **kwargs):
    try:
        print(label, '->', fn(*args, **kwargs))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

def plain(a, b, c=3):
    return (a, b, c)
def posonly(a, b=2, /, c=3):
    return (a, b, c)
def kwonly(a, *, b, c=3):
    return (a, b, c)
def mixed(p1, p2=0, /, n1=1, *args, k1, k2=2, **kw):
    return (p1, p2, n1, args, k1, k2, sorted(kw.items()))
def star_only(*args):
    return args
def kw_only_star(**kw):
    return sorted(kw.items())
def noargs():
    return 'none'
def many_req(a, b, c, d):
    return a + b + c + d
def kwonly_many(*, x, y, z):
    return x, y, z

show('plain ok', plain, 1, 2)
show('plain kw', plain, b=1, a=2)
show('plain missing 1', plain, 1)
show('plain missing 2', plain)
show('many_req missing 3', many_req, 1)
show('many_req missing 2 kw', many_req, 1, c=3)
show('plain too many', plain, 1, 2, 3, 4)
show('plain unexpected kw', plain, 1, 2, d=4)
show('plain multiple', plain, 1, 2, a=5)
show('posonly ok', posonly, 1, 2, 3)
show('posonly kw', posonly, 1, c=9)
show('posonly as kw', posonly, a=1)
show('posonly as kw 2', posonly, 1, b=2)
show('posonly as kw both', posonly, a=1, b=2)
show('posonly too many', posonly, 1, 2, 3, 4)
show('kwonly ok', kwonly, 1, b=2)
show('kwonly missing', kwonly, 1)
show('kwonly_many missing', kwonly_many, y=1)
show('kwonly_many missing 1', kwonly_many, y=1, x=2)
show('kwonly positional', kwonly, 1, 2)
show('kwonly positional 2', kwonly, 1, 2, 3, b=1)
show('kwonly_many positional', kwonly_many, 1)
show('mixed ok', mixed, 1, 2, 3, 4, 5, k1='K', extra='E')
show('mixed missing kw', mixed, 1)
show('mixed posonly in kw', mixed, 1, k1=1, p2=5)
show('star_only', star_only, 1, 2)
show('star_only kw', star_only, a=1)
show('kw_only_star', kw_only_star, b=1, a=2)
show('kw_only_star pos', kw_only_star, 1)
show('noargs extra', noargs, 1)
show('noargs kw', noargs, x=1)
show('noargs ok', noargs)

class Klass:
    def method(self, a, b=2):
        return (a, b)
    @classmethod
    def cm(cls, a):
        return (cls.__name__, a)
    @staticmethod
    def sm(a, /, *, b):
        return (a, b)
    def __init__(self, x=0):
        self.x = x
    def __repr__(self):
        return 'Klass(%r)' % self.x

k = Klass()
show('method ok', k.method, 1)
show('method missing', k.method)
show('method too many', k.method, 1, 2, 3)
show('method unexpected', k.method, 1, z=2)
show('method multiple', k.method, 1, a=2)
show('unbound missing self', Klass.method)
show('unbound ok', Klass.method, k, 5)
show('classmethod', Klass.cm, 1)
show('classmethod missing', Klass.cm)
show('classmethod via instance too many', k.cm, 1, 2)
show('staticmethod ok', Klass.sm, 1, b=2)
show('staticmethod missing kw', Klass.sm, 1)
show('staticmethod posonly kw', Klass.sm, a=1, b=2)
show('init too many', Klass, 1, 2)
show('init unexpected', Klass, y=1)
show('init ok', Klass, x=4)

class NoInit:
    pass
show('object() args', NoInit, 1)
show('object() kwargs', NoInit, a=1)

class OnlyNew:
    def __new__(cls, a):
        obj = super().__new__(cls)
        obj.a = a
        return obj
show('new ok', lambda: OnlyNew(5).a)
show('new missing', OnlyNew)

# builtin call errors
show('len()', len)
show('len(1,2)', len, 1, 2)
show('len(5)', len, 5)
show('abs kw', abs, x=1)
show('int base', int, '10', base=2)
show('sorted pos key', sorted, [1], None)
show('divmod 1 arg', divmod, 1)
show('isinstance bad', isinstance, 1, 1)
show('getattr 1 arg', getattr, 1)
show('dict bad', dict, 1)
show('str.join bad', ''.join, [1])
show('list.append none', [].append)
show('max empty', max, [])
show('min no args', min)
show('print bad kw', print, 'x', bad=1)
show('int() too many', int, 1, 2, 3)
show('range()', range)
five, nothing, text = 5, None, 'abc'
show('call non-callable', lambda: five())
show('call None', lambda: nothing())
show('call str', lambda: text())
show('call module', lambda: inspect())
show('call instance', lambda: k())
show('zip strict', lambda: list(zip([1, 2], [1], strict=True)))

# defaults: mutable default shared
def append_to(v, acc=[]):
    acc.append(v)
    return acc
print(append_to(1), append_to(2), append_to.__defaults__)
def kwdefaults(*, a=1, b=[]):
    return a, b
print(kwdefaults.__kwdefaults__, plain.__defaults__, mixed.__defaults__)
print(plain.__code__.co_argcount, posonly.__code__.co_posonlyargcount, kwonly.__code__.co_kwonlyargcount)
print(mixed.__code__.co_varnames[:mixed.__code__.co_argcount + mixed.__code__.co_kwonlyargcount + 2])
plain.__defaults__ = (100, 200)
print(plain(1))
kwonly.__kwdefaults__ = {'b': 'B', 'c': 'C'}
print(kwonly(0))

# defaults evaluated once, in order
def make_default(v):
    print('default evaluated', v)
    return v
def with_defaults(a=make_default(1), *, b=make_default(2)):
    return a, b
print(with_defaults(), with_defaults(9, b=8))

# argument evaluation order
def trace(v):
    print('arg', v)
    return v
def take(*a, **k):
    return a, sorted(k)
print(take(trace(1), trace(2), x=trace(3), *[trace(4)], **{'y': trace(5)}))

# **kwargs with keys that match positional names
def kwnames(a, **kw):
    return a, kw
print(kwnames(1, b=2, **{'c': 3}))
print(kwnames(**{'a': 1, 'kw': 2}))
def posonly_kw(a, /, **kw):
    return a, kw
print(posonly_kw(1, a=2))

# generic inspect.signature output
import inspect
for fn in (plain, posonly, kwonly, mixed, star_only, kw_only_star, Klass.sm, Klass.method):
    print(fn.__name__, inspect.signature(fn))
print(inspect.signature(k.method), inspect.signature(Klass))
print(inspect.getfullargspec(mixed))
bound = inspect.signature(mixed).bind(1, 2, 3, k1=4, z=5)
print(bound.arguments)
try:
    inspect.signature(plain).bind(b=1)
except TypeError as e:
    print(type(e).__name__, e)

# keyword argument with same name as builtin, unicode names
def fn_unicode(ñame, *, λ=1):
    return ñame, λ
print(fn_unicode('x', λ=2))

# calling with huge number of arguments
def count_args(*a, **k):
    return len(a), len(k)
print(count_args(*range(300), **{'k%d' % i: i for i in range(300)}))
