# with statements, suppression, nested/multiple managers, contextlib
import contextlib
from contextlib import contextmanager, ExitStack, suppress, nullcontext, closing, redirect_stdout
import io

class CM:
    def __init__(self, name, suppress=False, fail_enter=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_enter = fail_enter
        self.fail_exit = fail_exit
    def __enter__(self):
        print('enter', self.name)
        if self.fail_enter:
            raise RuntimeError('enter failed ' + self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et.__name__ if et else None, repr(ev) if ev else None, tb is not None)
        if self.fail_exit:
            raise KeyError('exit failed ' + self.name)
        return self.suppress

with CM('a') as v:
    print('body', v)

with CM('b', suppress=True) as v:
    print('body', v)
    raise ValueError('suppressed!')
print('after suppressed')

try:
    with CM('c') as v:
        raise ValueError('not suppressed')
except ValueError as e:
    print('caught', e)

with CM('x') as x, CM('y') as y, CM('z'):
    print('multi', x, y)

with (CM('p') as p,
      CM('q') as q):
    print('paren', p, q)

try:
    with CM('outer'), CM('inner', fail_enter=True):
        print('not reached')
except RuntimeError as e:
    print('caught', e)

try:
    with CM('o2'), CM('i2', fail_exit=True):
        print('body o2/i2')
except KeyError as e:
    print('caught', repr(e))

try:
    with CM('o3', suppress=True), CM('i3', fail_exit=True):
        raise ValueError('orig')
except Exception as e:
    print('should not happen', e)
print('o3 suppressed everything')

def with_return():
    with CM('ret'):
        return 'returned'
print(with_return())

def with_break():
    for i in range(3):
        with CM('loop%d' % i):
            if i == 1:
                break
            continue
    return i
print(with_break())

# truthiness of __exit__ return value
class Weird:
    def __enter__(self): return self
    def __exit__(self, *a): return 'non-empty string'
with Weird():
    raise ZeroDivisionError
print('Weird suppressed')

class NoExit:
    def __enter__(self): return self
try:
    with NoExit():
        pass
except Exception as e:
    print(type(e).__name__, e)
class NoEnter:
    def __exit__(self, *a): pass
try:
    with NoEnter():
        pass
except Exception as e:
    print(type(e).__name__, e)
try:
    with 42:
        pass
except Exception as e:
    print(type(e).__name__, e)

# contextmanager
@contextmanager
def tag(name):
    print('<%s>' % name)
    try:
        yield name * 2
    except ValueError as e:
        print('tag handled', e)
    finally:
        print('</%s>' % name)

with tag('b') as t:
    print('inside', t)
with tag('i'):
    raise ValueError('eaten by generator')
print('after eaten')
try:
    with tag('u'):
        raise TypeError('passes')
except TypeError as e:
    print('caught', e)

@contextmanager
def bad_double_yield():
    yield 1
    yield 2
try:
    with bad_double_yield():
        pass
except RuntimeError as e:
    print(type(e).__name__, e)

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print(type(e).__name__, e)

@contextmanager
def transform():
    try:
        yield
    except KeyError as e:
        raise LookupError('transformed') from e
try:
    with transform():
        raise KeyError('k')
except LookupError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

# ExitStack
with ExitStack() as stack:
    names = [stack.enter_context(CM('s%d' % i)) for i in range(3)]
    print('stack names', names)
    stack.callback(print, 'callback ran', 42)
    @stack.push
    def exit_fn(et, ev, tb):
        print('pushed exit fn', et)
        return False

with ExitStack() as stack:
    stack.enter_context(CM('suppressor', suppress=True))
    stack.enter_context(CM('plain'))
    raise ValueError('into stack')
print('stack suppressed')

def pop_all_demo():
    with ExitStack() as stack:
        stack.enter_context(CM('kept'))
        new_stack = stack.pop_all()
    print('stack exited, kept still open')
    new_stack.close()
pop_all_demo()

# suppress
with suppress(KeyError, IndexError):
    [][0]
print('suppress worked')
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print('not suppressed:', e)

with nullcontext('NC') as nc:
    print(nc)

class Resource:
    def __init__(self): self.closed = False
    def close(self):
        self.closed = True
        print('Resource closed')
r = Resource()
with closing(r) as rr:
    print(rr is r, r.closed)
print(r.closed)

buf = io.StringIO()
with redirect_stdout(buf):
    print('captured text')
print('buffer has', repr(buf.getvalue()))

# __exit__ receives traceback; exception identity
class Inspect:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        self.seen = ev
        return True
i = Inspect()
err = IndexError('ix')
with i:
    raise err
print(i.seen is err)

# with inside generator
def gen_with():
    with CM('gen'):
        yield 1
        yield 2
g = gen_with()
print(next(g))
g.close()
print('gen closed')

# ContextDecorator
class deco(contextlib.ContextDecorator):
    def __enter__(self):
        print('deco enter')
        return self
    def __exit__(self, *exc):
        print('deco exit')
        return False
@deco()
def decorated(x):
    print('decorated body', x)
    return x * 2
print(decorated(21))

# exception in __exit__ chains context
class ExitRaises:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        raise RuntimeError('exit raised')
try:
    with ExitRaises():
        raise ValueError('body raised')
except RuntimeError as e:
    print(type(e).__name__, e, 'context:', type(e.__context__).__name__, e.__context__)
