# closures, cells, nonlocal, global, LOAD_CLASSDEREF, del of names

def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get
inc, get = counter()
inc(); inc(5)
print(get(), inc.__code__.co_freevars, counter.__code__.co_cellvars)
print(type(inc.__closure__[0]).__name__, inc.__closure__[0].cell_contents)

def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda x: x + i)  # late binding
    return adders
print([f(10) for f in make_adders()])

def make_adders_fixed():
    def make(i):
        return lambda x: x + i
    return [make(i) for i in range(3)]
print([f(10) for f in make_adders_fixed()])

def closure_over_arg(a, *args, k=5, **kw):
    def inner():
        return a, args, k, kw
    a = 'rebound'
    return inner
print(closure_over_arg(1, 2, 3, k=4, z=0)())

def cell_modified_after():
    fns = []
    x = 1
    fns.append(lambda: x)
    x = 2
    fns.append(lambda: x)
    return [f() for f in fns]
print(cell_modified_after())

def deep():
    a = 1
    def l1():
        b = 2
        def l2():
            c = 3
            def l3():
                nonlocal a
                a += 100
                return a + b + c
            return l3
        return l2
    r = l1()()()
    return r, a
print(deep())

def nonlocal_shadow():
    x = 'outer'
    def mid():
        x = 'mid'
        def inner():
            nonlocal x
            x = 'set by inner'
        inner()
        return x
    return mid(), x
print(nonlocal_shadow())

# class body referencing outer function variables (LOAD_CLASSDEREF)
def class_factory(value):
    hidden = 'hidden-' + str(value)
    class K:
        attr = hidden.upper()
        other = hidden
        value = 'class-level'  # makes 'value' local to class body after this point
        after = value
        def method(self):
            return hidden, value  # value here is the function's cell
    return K
K = class_factory(7)
print(K.attr, K.other, K.after, K().method())

def class_deref_global_fallback():
    class K2:
        print_ref = print  # builtin via class body
        name_ref = __name__
    return K2.name_ref, K2.print_ref is print
print(class_deref_global_fallback())

SHADOWED = 'global SHADOWED'
def class_body_classdict_shadow():
    x = 'function x'
    SHADOWED = 'function SHADOWED'
    class K3:
        nonlocal_read = x
        before = SHADOWED  # assigned in class body -> LOAD_NAME -> skips function scope
        SHADOWED = 'class SHADOWED'
        after = SHADOWED
        def m(self):
            return x, SHADOWED
    return K3.nonlocal_read, K3.before, K3.after, K3().m()
print(class_body_classdict_shadow())

def class_with_metaclass_prepare_shadow():
    y = 'cell y'
    class Meta(type):
        @classmethod
        def __prepare__(mcls, name, bases):
            return {'y': 'from prepare'}
    class K4(metaclass=Meta):
        seen = y  # LOAD_CLASSDEREF checks class namespace first
    return K4.seen
print(class_with_metaclass_prepare_shadow())

# __class__ cell
class WithClassCell:
    def who(self):
        return __class__.__name__
    def sup(self):
        return super().__repr__.__name__
print(WithClassCell().who(), WithClassCell().sup())

# global statement
G = 'global G'
def read_global():
    return G
def write_global():
    global G, NEW_GLOBAL
    G = 'modified G'
    NEW_GLOBAL = 'created'
print(read_global())
write_global()
print(G, NEW_GLOBAL)

def unbound_local():
    try:
        print(G)
        G = 1
    except UnboundLocalError as e:
        print(type(e).__name__, e)
unbound_local()

def free_unbound():
    def inner():
        return later
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    later = 1
    return inner()
print(free_unbound())

def del_cell():
    v = 1
    def inner():
        return v
    del v
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
del_cell()

# global at module level is legal
global MODLEVEL
MODLEVEL = 3
print(MODLEVEL)

# del of names
a = 1
del a
try:
    a
except NameError as e:
    print(type(e).__name__, e)
try:
    del a
except NameError as e:
    print(type(e).__name__, e)
def del_local():
    q = 1
    del q
    try:
        return q
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    try:
        del q
    except UnboundLocalError as e:
        print(type(e).__name__, e)
del_local()
def del_global():
    global TO_DELETE
    TO_DELETE = 1
    del TO_DELETE
    try:
        TO_DELETE
    except NameError as e:
        print(type(e).__name__, e)
del_global()
try:
    undefined_builtin_xyz
except NameError as e:
    print(type(e).__name__, e)

# del attributes and items
class Obj:
    def __init__(self):
        self.a = 1
        self.b = 2
o = Obj()
del o.a
print(sorted(vars(o)))
try:
    del o.a
except AttributeError as e:
    print(type(e).__name__, e)
try:
    o.a
except AttributeError as e:
    print(type(e).__name__, e)
lst = list(range(10))
del lst[0], lst[-1]
del lst[::2]
print(lst)
d = {'x': 1, 'y': 2}
del d['x']
try:
    del d['x']
except KeyError as e:
    print(type(e).__name__, e)
try:
    del lst[100]
except IndexError as e:
    print(type(e).__name__, e)
x1, x2 = 1, 2
del (x1, x2)
try:
    x1
except NameError as e:
    print(type(e).__name__, e)

# closures capturing loop variable via default / cell in while loop
def while_closures():
    out = []
    i = 0
    while i < 3:
        out.append(lambda: i)
        i += 1
    return [f() for f in out]
print(while_closures())

# recursive closure and mutual recursion
def fact_maker():
    def fact(n):
        return 1 if n == 0 else n * fact(n - 1)
    return fact
print(fact_maker()(12))
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7))

# generator closures
def gen_closure():
    total = 0
    def g():
        nonlocal total
        for i in range(4):
            total += i
            yield total
    return g, lambda: total
g, peek = gen_closure()
it = g()
print(next(it), next(it), peek(), list(it), peek())

# nested functions attributes
def outer_fn():
    def inner_fn():
        pass
    return inner_fn
f = outer_fn()
print(f.__name__, f.__qualname__, f.__code__.co_name, f.__module__)
print([c for c in closure_over_arg.__code__.co_cellvars], closure_over_arg.__code__.co_varnames)
