# function and class decorators, stacked, with arguments, functools.wraps
import functools

def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print('calling %s%r' % (fn.__name__, args))
        result = fn(*args, **kwargs)
        print('%s returned %r' % (fn.__name__, result))
        return result
    return wrapper

def no_wraps(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper

def repeat(times):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            return [fn(*a, **k) for _ in range(times)]
        wrapper.times = times
        return wrapper
    return deco

def tag(name):
    print('tag factory', name)
    def deco(fn):
        print('applying tag', name, 'to', fn.__name__)
        @functools.wraps(fn)
        def wrapper(*a, **k):
            return '<%s>%s</%s>' % (name, fn(*a, **k), name)
        return wrapper
    return deco

@trace
def add(a, b):
    """Add two numbers."""
    return a + b

@no_wraps
def sub(a, b):
    """Subtract."""
    return a - b

@repeat(3)
def hello(who='x'):
    """Say hello."""
    return 'hi ' + who

@tag('b')
@tag('i')
def text(s):
    return s

print(add(2, 3))
print(add.__name__, add.__doc__, add.__wrapped__.__name__, add.__qualname__, add.__module__)
print(sub.__name__, sub.__doc__, hasattr(sub, '__wrapped__'), sub.__qualname__)
print(hello('bob'), hello.__name__, hello.__doc__, hello.times)
print(text('word'), text.__name__, text.__wrapped__.__name__, text.__wrapped__.__wrapped__('raw'))
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

def annotated(a: int, b: 'str' = 'x') -> list:
    pass
annotated.custom_attr = 'custom'
w = functools.wraps(annotated)(lambda *a: None)
print(w.__name__, w.__annotations__, w.custom_attr, w.__dict__.keys() >= {'custom_attr', '__wrapped__'})

# decorator evaluation order
def order(label):
    print('evaluate decorator expr', label)
    def deco(fn):
        print('apply', label)
        return fn
    return deco
@order('outer')
@order('middle')
@order('inner')
def ordered():
    pass

# decorator returning non-function
def to_const(fn):
    return 42
@to_const
def gone():
    pass
print('gone is', gone)

# class decorator
registry = {}
def register(cls):
    registry[cls.__name__] = cls
    cls.registered = True
    return cls
def add_repr(cls):
    def __repr__(self):
        return '%s(%s)' % (type(self).__name__, ', '.join('%s=%r' % kv for kv in sorted(vars(self).items())))
    cls.__repr__ = __repr__
    return cls
@register
@add_repr
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(Point(1, 2), Point.registered, sorted(registry))

def singleton(cls):
    instances = {}
    @functools.wraps(cls, updated=())
    def get(*a):
        if cls not in instances:
            instances[cls] = cls(*a)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v):
        self.v = v
c1 = Config(1); c2 = Config(2)
print(c1 is c2, c1.v, Config.__name__)

# method decorators
class Calc:
    def __init__(self, base):
        self.base = base
    @trace
    def scaled(self, v):
        return self.base * v
    @staticmethod
    @trace
    def static_add(a, b):
        return a + b
    @classmethod
    def make(cls, b):
        return cls(b)
    @property
    @functools.lru_cache(maxsize=None)
    def expensive(self):
        print('computing expensive')
        return self.base ** 2
    def __repr__(self):
        return 'Calc(%r)' % self.base
    def __hash__(self):
        return hash(self.base)
    def __eq__(self, o):
        return isinstance(o, Calc) and o.base == self.base
c = Calc.make(3)
print(c.scaled(4), Calc.static_add(1, 1), c.expensive, c.expensive)

# decorators with optional arguments
def flexible(fn=None, *, prefix='>'):
    if fn is None:
        return lambda f: flexible(f, prefix=prefix)
    @functools.wraps(fn)
    def wrapper(*a):
        return prefix + str(fn(*a))
    return wrapper
@flexible
def f1(): return 1
@flexible(prefix='>>>')
def f2(): return 2
print(f1(), f2())

# class-based decorator
class CountCalls:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.calls = 0
    def __call__(self, *a, **k):
        self.calls += 1
        return self.fn(*a, **k)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return functools.partial(self.__call__, obj)
@CountCalls
def counted(x):
    """counted doc"""
    return x * 2
counted(1); counted(2)
print(counted.calls, counted.__name__, counted.__doc__, type(counted).__name__)
class UsesCounted:
    @CountCalls
    def meth(self, y):
        return ('meth', y)
u = UsesCounted()
print(u.meth(5), UsesCounted.meth.calls)

# decorator expression forms (PEP 614)
decos = {'t': trace, 'list': [repeat(2)]}
@decos['list'][0]
def relaxed():
    return 'r'
print(relaxed())
@(lambda f: (lambda: f().upper()))
def lam_decorated():
    return 'lower'
print(lam_decorated())

# functools.wraps and signature
import inspect
print(inspect.signature(add), inspect.signature(hello))
print(inspect.unwrap(text).__name__, inspect.unwrap(text)('u'))

# cached_property, total_ordering, singledispatch
class Lazy:
    def __init__(self): self.n = 0
    @functools.cached_property
    def value(self):
        self.n += 1
        return 'computed %d' % self.n
lz = Lazy()
print(lz.value, lz.value, lz.n, 'value' in vars(lz))
del lz.value
print(lz.value)

@functools.total_ordering
class Version:
    def __init__(self, *parts): self.parts = parts
    def __eq__(self, o): return self.parts == o.parts
    def __lt__(self, o): return self.parts < o.parts
    def __repr__(self): return 'V%s' % '.'.join(map(str, self.parts))
vs = [Version(1, 2), Version(1, 0, 5), Version(2), Version(1, 2)]
print(sorted(vs), Version(1) <= Version(1), Version(2) > Version(1, 9), Version(1) >= Version(2))

@functools.singledispatch
def describe(x):
    return 'object %r' % (x,)
@describe.register
def _(x: int):
    return 'int %d' % x
@describe.register(list)
def _(x):
    return 'list of %d' % len(x)
@describe.register(str)
def _describe_str(x):
    return 'str %s' % x
print(describe(1), describe([1, 2]), describe('s'), describe(1.5), describe(True))
