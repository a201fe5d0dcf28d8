# pickle round-trips of module-level functions/classes and copy/deepcopy
import pickle
import copy
import copyreg

def module_func(x):
    return x * 3

class Plain:
    cls_attr = 'class attribute'
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def __repr__(self):
        return 'Plain(a=%r, b=%r)' % (self.a, self.b)
    def __eq__(self, other):
        return type(other) is Plain and (self.a, self.b) == (other.a, other.b)

class WithState:
    def __init__(self, name):
        self.name = name
        self.cache = {'expensive': True}
    def __getstate__(self):
        print('  __getstate__ called')
        state = self.__dict__.copy()
        del state['cache']
        return state
    def __setstate__(self, state):
        print('  __setstate__ called with', sorted(state))
        self.__dict__.update(state)
        self.cache = 'rebuilt'
    def __repr__(self):
        return 'WithState(%r, cache=%r)' % (self.name, self.cache)

class WithReduce:
    def __init__(self, *args):
        self.args = args
    def __reduce__(self):
        print('  __reduce__ called')
        return (WithReduce, self.args)
    def __repr__(self):
        return 'WithReduce%r' % (self.args,)

class Slotted:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'Slotted(%r, %r)' % (self.x, self.y)

class NewArgs:
    def __new__(cls, v):
        print('  NewArgs.__new__', v)
        obj = super().__new__(cls)
        obj.v = v
        return obj
    def __getnewargs__(self):
        return (self.v,)
    def __repr__(self):
        return 'NewArgs(%r)' % self.v

import enum, dataclasses, collections
class Mood(enum.Enum):
    HAPPY = 1
    SAD = 2
@dataclasses.dataclass
class DC:
    x: int
    items: list
NT = collections.namedtuple('NT', 'p q')

for proto in (2, 4, pickle.HIGHEST_PROTOCOL):
    print('--- protocol', proto)
    for obj in [module_func, Plain, Plain(1, [2, 3]), len, pickle.dumps, {'k': (1, 2.5, None, True)},
                [1, 'two', b'three', 4j, frozenset([5])], WithState('ws'), WithReduce(1, 'x'),
                Slotted(3, 4), Mood.SAD, DC(1, [2]), NT(1, 2), NewArgs(9), range(3, 9, 2), slice(1, 2), 10 ** 30,
                set([1, 2]), bytearray(b'ba'), Ellipsis, NotImplemented, type(None)]:
        data = pickle.dumps(obj, protocol=proto)
        back = pickle.loads(data)
        same = back is obj
        shown = back.__name__ if isinstance(back, type) or type(back).__name__ in ('function', 'builtin_function_or_method') else repr(back)
        print(type(obj).__name__, '->', shown, 'identical' if same else 'equal' if back == obj else 'different')

print(pickle.loads(pickle.dumps(module_func))(5), pickle.loads(pickle.dumps(Plain))(1, 2))
# shared references and recursion preserved
shared = [1]
container = [shared, shared]
back = pickle.loads(pickle.dumps(container))
print(back, back[0] is back[1])
rec = [1]
rec.append(rec)
back = pickle.loads(pickle.dumps(rec))
print(back, back[1] is back)
p = Plain('self', None)
p.b = p
back = pickle.loads(pickle.dumps(p))
print(back.a, back.b is back)

# errors
def local_scope():
    def local_fn():
        pass
    class LocalCls:
        pass
    for obj in (local_fn, LocalCls, lambda: 0, LocalCls()):
        try:
            pickle.dumps(obj)
        except (pickle.PicklingError, AttributeError, TypeError) as e:
            print(type(e).__name__, e)
local_scope()
try:
    pickle.dumps((x for x in []))
except TypeError as e:
    print(type(e).__name__, e)
try:
    pickle.loads(b'not a pickle')
except pickle.UnpicklingError as e:
    print(type(e).__name__, e)
p0 = pickle.loads(pickle.dumps([b'\x00' * 3, module_func, Plain(0, 'p0'), {'d': 1.5}], protocol=0))
print(p0[0], p0[1] is module_func, p0[2:])

print('--- copy / deepcopy')
orig = {'list': [1, [2, 3]], 'obj': Plain(1, [4])}
sh = copy.copy(orig)
dp = copy.deepcopy(orig)
orig['list'][1].append('mut')
orig['obj'].b.append('mut')
print(sh, dp)
print(sh['list'] is orig['list'], dp['list'] is orig['list'], dp['obj'] is orig['obj'], dp['obj'] == orig['obj'])
pl = Plain([1], {'k': [2]})
c1 = copy.copy(pl)
c2 = copy.deepcopy(pl)
print(c1.a is pl.a, c2.a is pl.a, c2.b == pl.b, c2.b['k'] is pl.b['k'], type(c2).__name__)
print(copy.copy(5), copy.copy('s'), copy.copy((1, 2)) is not None, copy.deepcopy((1, [2]))[1] is not None)
t = (1, 2)
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, [])) is t)
print(copy.copy(module_func) is module_func, copy.deepcopy(Plain) is Plain)

class Custom:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print('  __copy__')
        return Custom(self.v + ['copied'])
    def __deepcopy__(self, memo):
        print('  __deepcopy__ memo is dict:', isinstance(memo, dict))
        return Custom(copy.deepcopy(self.v, memo) + ['deep'])
    def __repr__(self):
        return 'Custom(%r)' % (self.v,)
cu = Custom([0])
print(copy.copy(cu), copy.deepcopy(cu), copy.deepcopy([cu, cu]))
print(copy.copy(WithState('cs')))
print(copy.deepcopy(WithReduce([1], 2)))
print(copy.deepcopy(Slotted([1], 'y')), copy.copy(NewArgs('n')))
d_rec = {'a': 1}
d_rec['self'] = d_rec
dc = copy.deepcopy(d_rec)
print(dc['self'] is dc, dc is d_rec)
print(copy.deepcopy(DC(5, [6])), copy.replace if hasattr(copy, 'replace') else 'no copy.replace in 3.11')
print(copy.copy([1, 2]), copy.copy({1: 2}), copy.copy({1, 2}), copy.deepcopy(Mood.HAPPY) is Mood.HAPPY)
class NotCopyable:
    def __reduce_ex__(self, proto):
        raise TypeError('refusing to copy')
try:
    copy.copy(NotCopyable())
except TypeError as e:
    print(type(e).__name__, e)

# copyreg custom reducer
class Point2:
    def __init__(self, x, y): self.x, self.y = x, y
    def __repr__(self): return 'Point2(%r, %r)' % (self.x, self.y)
def reduce_point(p):
    print('  reduce_point')
    return (Point2, (p.x * 10, p.y * 10))
copyreg.pickle(Point2, reduce_point)
print(pickle.loads(pickle.dumps(Point2(1, 2))), copy.copy(Point2(3, 4)))
