# metaclasses, __init_subclass__, __set_name__, super(), MRO, properties, descriptors, __slots__, attribute hooks

print('--- metaclass')
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        print('prepare', mcls.__name__, name, [b.__name__ for b in bases], sorted(kwargs))
        ns = {'injected': 'from prepare'}
        return ns
    def __new__(mcls, name, bases, ns, **kwargs):
        print('meta new', name, sorted(k for k in ns if not k.startswith('__')), sorted(kwargs.items()))
        cls = super().__new__(mcls, name, bases, ns)
        cls.meta_kwargs = kwargs
        return cls
    def __init__(cls, name, bases, ns, **kwargs):
        print('meta init', name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kwargs):
        print('meta call', cls.__name__, args, sorted(kwargs.items()))
        inst = super().__call__(*args, **kwargs)
        inst.created_by_meta = True
        return inst
    def __repr__(cls):
        return '<class %s via Meta>' % cls.__name__
    def meta_method(cls):
        return 'meta_method on ' + cls.__name__

class Base(metaclass=Meta, flavor='vanilla', size=3):
    x = 1
    def __init__(self, v):
        print('Base init', v)
        self.v = v
    def method(self):
        return 'method'

b = Base(10)
print(b.v, b.created_by_meta, Base.injected, Base.meta_kwargs, Base, type(Base).__name__)
print(Base.meta_method(), hasattr(b, 'meta_method'))

class Derived(Base, extra=True):
    y = 2
print(type(Derived).__name__, Derived.meta_kwargs, Derived.injected)
d = Derived(20)

# metaclass conflict
class OtherMeta(type):
    pass
class Other(metaclass=OtherMeta):
    pass
try:
    class Conflict(Base, Other):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# type() three-arg form
Dyn = type('Dyn', (object,), {'a': 1, 'hello': lambda self: 'hi from Dyn'})
print(Dyn.__name__, Dyn.a, Dyn().hello(), Dyn.__bases__, Dyn.__qualname__)
try:
    type('X', (1,), {})
except TypeError as e:
    print(type(e).__name__, e)
try:
    type('X', (), {}, 1)
except TypeError as e:
    print(type(e).__name__, e)

# class keyword args without metaclass -> __init_subclass__
print('--- __init_subclass__')
class Plugin:
    plugins = []
    def __init_subclass__(cls, /, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.plugins.append(cls.plugin_name)
        print('init_subclass', cls.__name__, name, kwargs)
class A(Plugin, name='alpha'):
    pass
class B(Plugin):
    pass
class C(A, name='gamma'):
    pass
print(Plugin.plugins, C.plugin_name)
try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad2(unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)

print('--- __set_name__')
class Field:
    def __set_name__(self, owner, name):
        print('set_name', owner.__name__, name)
        self.name = name
        self.private = '_' + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, 'unset ' + self.name)
    def __set__(self, obj, value):
        print('Field set', self.name, value)
        setattr(obj, self.private, value)
class Model:
    first = Field()
    second = Field()
m = Model()
print(m.first)
m.first = 'F'
print(m.first, m.second, Model.first.name, vars(m))
# __set_name__ not called for later assignment
Model.third = Field()
print(hasattr(Model.third, 'name'))

print('--- super()')
class Root:
    def who(self):
        return ['Root']
    @classmethod
    def cls_who(cls):
        return ['Root.cls:' + cls.__name__]
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls.tagged = 'tagged by Root for ' + cls.__name__
class Left(Root):
    def who(self):
        return ['Left'] + super().who()
    @classmethod
    def cls_who(cls):
        return ['Left.cls'] + super().cls_who()
class Right(Root):
    def who(self):
        return ['Right'] + super().who()
    @classmethod
    def cls_who(cls):
        return ['Right.cls'] + super().cls_who()
class Bottom(Left, Right):
    def who(self):
        return ['Bottom'] + super().who()
    def explicit(self):
        return super(Left, self).who()
    @staticmethod
    def static_super():
        try:
            return super().who()
        except RuntimeError as e:
            return '%s: %s' % (type(e).__name__, e)
print(Bottom().who(), Bottom.cls_who(), Bottom().explicit(), Bottom.tagged)
print([k.__name__ for k in Bottom.__mro__], [k.__name__ for k in Bottom.mro()])
print(Bottom.static_super())
print(super(Bottom, Bottom()).who(), super(Bottom).__thisclass__.__name__)
def outside_super():
    try:
        super()
    except RuntimeError as e:
        print(type(e).__name__, e)
outside_super()
try:
    super(int, 'str')
except TypeError as e:
    print(type(e).__name__, e)

# MRO errors
class X1: pass
class Y1: pass
class Z1(X1, Y1): pass
class W1(Y1, X1): pass
try:
    class Bad3(Z1, W1): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad4(X1, X1): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad5(object, X1): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad6(bool): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class Bad7(1): pass
except TypeError as e:
    print(type(e).__name__, e)

# diamond with attribute lookup
class D0:
    attr = 'D0'
class D1(D0): pass
class D2(D0):
    attr = 'D2'
class D3(D1, D2): pass
print(D3.attr, D3.__mro__.index(D2) < D3.__mro__.index(D0))
print(issubclass(D3, D0), issubclass(D3, (int, D2)), isinstance(D3(), D1), D3.__bases__ == (D1, D2))
print([c.__name__ for c in D0.__subclasses__()])

print('--- properties')
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        """Temperature in C."""
        print('get celsius')
        return self._c
    @celsius.setter
    def celsius(self, v):
        print('set celsius', v)
        if v < -273.15:
            raise ValueError('too cold')
        self._c = v
    @celsius.deleter
    def celsius(self):
        print('del celsius')
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print(type(e).__name__, e)
del t.celsius
print(t._c, Temp.celsius.__doc__, type(Temp.celsius).__name__)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.fahrenheit
except AttributeError as e:
    print(type(e).__name__, e)
p = property(lambda self: 'lambda prop')
class HasP:
    val = p
print(HasP().val, p.fget is not None, p.fset)

print('--- descriptors')
class DataDesc:
    def __get__(self, obj, objtype=None):
        return ('DataDesc.get', None if obj is None else type(obj).__name__, objtype.__name__)
    def __set__(self, obj, value):
        print('DataDesc.set', value)
        obj.__dict__['dd'] = value
    def __delete__(self, obj):
        print('DataDesc.delete')
class NonDataDesc:
    def __get__(self, obj, objtype=None):
        return 'NonDataDesc.get'
class Host:
    dd = DataDesc()
    nd = NonDataDesc()
h = Host()
print(h.dd, Host.dd)
h.dd = 5
print(h.dd, h.__dict__)  # data desc wins over instance dict
print(h.nd)
h.nd = 'instance value'
print(h.nd)  # instance dict wins over non-data
del h.dd
del h.nd
print(h.nd)
# functions are non-data descriptors
def free_fn(self, x):
    return ('free_fn', type(self).__name__, x)
Host.method = free_fn
print(h.method(1), Host.method(h, 2), type(h.method).__name__, h.method.__self__ is h, h.method.__func__ is free_fn)
bm = free_fn.__get__(h, Host)
print(bm(3))
sm = staticmethod(lambda: 'static')
cm = classmethod(lambda cls: cls.__name__)
Host.sm = sm; Host.cm = cm
print(h.sm(), Host.cm(), h.cm())

print('--- __slots__')
class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = 1
s = Slotted()
print(s.a, hasattr(s, '__dict__'), Slotted.a.__class__.__name__)
try:
    s.b
except AttributeError as e:
    print(type(e).__name__, e)
try:
    s.c = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del s.b
except AttributeError as e:
    print(type(e).__name__, e)
s.b = 2
del s.b
class SlottedChild(Slotted):
    pass
sc = SlottedChild()
sc.c = 'dict allowed'
print(sc.c, sorted(vars(sc)))
class SlotsWithDict:
    __slots__ = ('x', '__dict__')
swd = SlotsWithDict()
swd.x = 1; swd.y = 2
print(swd.x, vars(swd))
try:
    class SlotConflict:
        __slots__ = ('v',)
        v = 5
except ValueError as e:
    print(type(e).__name__, e)
class FrozenSlots:
    __slots__ = ()
try:
    FrozenSlots().anything = 1
except AttributeError as e:
    print(type(e).__name__, e)

print('--- __getattr__ / __getattribute__ / __setattr__ / __delattr__')
class Dynamic:
    def __init__(self):
        self.real = 'real value'
    def __getattr__(self, name):
        if name.startswith('dyn_'):
            return 'dynamic ' + name[4:]
        raise AttributeError('%s has no %s' % (type(self).__name__, name))
d = Dynamic()
print(d.real, d.dyn_thing, getattr(d, 'dyn_x'), getattr(d, 'missing', 'default'), hasattr(d, 'nope'))
try:
    d.nope
except AttributeError as e:
    print(type(e).__name__, e)

class Logged:
    def __init__(self):
        object.__setattr__(self, 'log', [])
    def __getattribute__(self, name):
        if name != 'log':
            object.__getattribute__(self, 'log').append('get ' + name)
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        self.log.append('set %s=%r' % (name, value))
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append('del ' + name)
        object.__delattr__(self, name)
lg = Logged()
lg.a = 1
_ = lg.a
del lg.a
try:
    lg.a
except AttributeError as e:
    print(type(e).__name__, e)
print(lg.log)

class Both:
    def __getattribute__(self, name):
        if name == 'boom':
            raise AttributeError('boom via getattribute')
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return 'fallback for ' + name
print(Both().boom, Both().other)

class Strict:
    x = 1
try:
    Strict().y
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Strict.y
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (5).foo
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (5).real = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object().x = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    int.x = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    [].append.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
import math
try:
    math.nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    None.x
except AttributeError as e:
    print(type(e).__name__, e)

print('--- class attributes and namespaces')
class Ns:
    """Doc of Ns."""
    a = 1
    def f(self): pass
print(Ns.__name__, Ns.__qualname__, Ns.__module__, Ns.__doc__, sorted(k for k in Ns.__dict__ if not k.startswith('__')))
print(type(Ns.__dict__).__name__, Ns.__dict__['f'].__qualname__)
def fn_scope():
    class Local:
        class Inner:
            def meth(self): pass
    return Local
L = fn_scope()
print(L.__qualname__, L.Inner.__qualname__, L.Inner.meth.__qualname__)
class Counter:
    count = 0
    def __init__(self):
        type(self).count += 1
Counter(); Counter()
print(Counter.count)
inst = Counter()
inst.count = 'shadow'
print(Counter.count, inst.count)
print(type(type), type(object), object.__bases__, type.__mro__ == (type, object))
