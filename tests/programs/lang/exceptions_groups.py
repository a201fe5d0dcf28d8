# except* and ExceptionGroup

def fmt(e, depth=0):
    pad = '  ' * depth
    if isinstance(e, BaseExceptionGroup):
        print(pad + '%s(%r) [%d]' % (type(e).__name__, e.message, len(e.exceptions)))
        for sub in e.exceptions:
            fmt(sub, depth + 1)
    else:
        print(pad + '%s(%r)' % (type(e).__name__, str(e)))

eg = ExceptionGroup('top', [
    ValueError('v1'),
    TypeError('t1'),
    ExceptionGroup('nested', [ValueError('v2'), KeyError('k1')]),
    OSError('o1'),
])
fmt(eg)
print(str(eg), repr(ExceptionGroup('x', [ValueError(1)])))

print('--- split')
match, rest = eg.split(ValueError)
fmt(match); fmt(rest)
match, rest = eg.split((KeyError, OSError))
fmt(match); fmt(rest)
match, rest = eg.split(lambda e: isinstance(e, Exception) and 'nested' not in str(e) and str(e).endswith('1'))
fmt(match); fmt(rest)
m, r = eg.split(ZeroDivisionError)
print(m, r is not None)
m, r = eg.split(Exception)
print(m is eg, r)
print('subgroup', end=' '); fmt(eg.subgroup(LookupError))
print(eg.subgroup(ArithmeticError))
d = eg.derive([ValueError('only')])
fmt(d)

print('--- construction errors')
for args in [('msg', []), ('msg', [1]), (1, [ValueError()]), ('msg', ValueError()), ('msg',)]:
    try:
        ExceptionGroup(*args)
    except Exception as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup('m', [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
beg = BaseExceptionGroup('b', [ValueError(1), KeyboardInterrupt()])
print(type(beg).__name__)
beg2 = BaseExceptionGroup('b', [ValueError(1)])
print(type(beg2).__name__, isinstance(beg2, ExceptionGroup))

print('--- except*')
def run(exc):
    try:
        raise exc
    except* ValueError as g:
        print('ValueError handler:', end=' '); fmt(g)
    except* (TypeError, KeyError) as g:
        print('Type/Key handler:', end=' '); fmt(g)
    except* OSError:
        print('OSError handler')

run(eg)
try:
    run(ExceptionGroup('with zero', [ZeroDivisionError('z'), ValueError('vv')]))
except ExceptionGroup as e:
    print('escaped:', end=' '); fmt(e)

print('--- naked exception wrapped')
try:
    try:
        raise ValueError('naked')
    except* ValueError as g:
        print(type(g).__name__, repr(g.message), [str(x) for x in g.exceptions])
except Exception as e:
    print('unexpected', e)

try:
    try:
        raise KeyError('naked2')
    except* ValueError:
        print('no')
except KeyError as e:
    print('unwrapped naked passes through:', type(e).__name__, e)

print('--- raise inside except*')
try:
    try:
        raise ExceptionGroup('g', [ValueError('a'), TypeError('b')])
    except* ValueError:
        raise RuntimeError('from handler')
except BaseException as e:
    fmt(e)
    for sub in e.exceptions:
        if isinstance(sub, RuntimeError):
            print('runtime context:', type(sub.__context__).__name__)

print('--- reraise in except*')
try:
    try:
        raise ExceptionGroup('g', [ValueError('a'), TypeError('b')])
    except* ValueError:
        raise
except ExceptionGroup as e:
    fmt(e)

print('--- else/finally with except*')
def star_flow(exc):
    try:
        if exc:
            raise exc
    except* ValueError:
        print('handled VE')
    else:
        print('else ran')
    finally:
        print('finally ran')
star_flow(None)
star_flow(ExceptionGroup('x', [ValueError()]))

print('--- errors')
try:
    try:
        raise ExceptionGroup('x', [ValueError()])
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise ExceptionGroup('x', [ValueError()])
    except* (ValueError, BaseExceptionGroup):
        pass
except TypeError as e:
    print(type(e).__name__, e)

print('--- nested except* with traceback handling preserved')
def collect():
    errors = []
    for i in range(4):
        try:
            if i % 2:
                raise ValueError(i)
            else:
                raise TypeError(i)
        except Exception as e:
            errors.append(e)
    raise ExceptionGroup('collected', errors)
try:
    collect()
except* ValueError as g:
    print('VE', sorted(int(str(x)) for x in g.exceptions))
except* TypeError as g:
    print('TE', sorted(int(str(x)) for x in g.exceptions))

class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + '!', excs)
try:
    raise MyGroup('mine', [ValueError('a'), KeyError('b')])
except* ValueError as g:
    print(type(g).__name__, g.message)
except* KeyError as g:
    print(type(g).__name__, g.message)

import traceback
print(traceback.format_exception_only(ExceptionGroup, ExceptionGroup('fmt', [ValueError(1), TypeError(2)])))
