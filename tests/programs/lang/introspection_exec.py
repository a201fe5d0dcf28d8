# locals()/globals()/vars()/dir(), exec/eval without namespaces, sys._getframe, print sep/end/file
import sys

MODULE_CONST = 'module const'

def user_globals():
    return sorted(k for k in globals() if not k.startswith('__'))

print('--- locals/vars/dir in functions')
def fn(a, b=2, *args, **kw):
    c = a + b
    def inner():
        return c
    print(sorted(locals()))
    print(sorted(vars()))
    print(sorted(dir()))
    loc = locals()
    print(loc['a'], loc['b'], loc['args'], loc['kw'], loc['c'])
    d = 'late'
    print('d' in loc, 'd' in locals())
    return inner
fn(1, 5, 6, k=7)

def closure_locals():
    x = 1
    def inner():
        y = 2
        print('inner locals', sorted(locals().items()))
        return x
    inner()
    def inner2():
        nonlocal x
        x = 5
        print('inner2 locals', sorted(locals().items()))
    inner2()
    print('outer locals', sorted((k, v) for k, v in locals().items() if not callable(v)))
closure_locals()

def locals_write_no_effect():
    v = 1
    locals()['v'] = 2
    print('v stays', v)
locals_write_no_effect()

print('--- class body namespaces')
class K:
    a = 1
    b = a + 1
    print('class locals', sorted(k for k in locals() if not k.startswith('__')), locals()['__qualname__'], locals()['__module__'])
    def m(self):
        pass
print(sorted(k for k in vars(K) if not k.startswith('__')))
print([n for n in dir(K) if not n.startswith('__')])
k = K()
k.inst = 3
print(vars(k), sorted(n for n in dir(k) if not n.startswith('__')))
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
print('--- globals')
print(user_globals())
def setter():
    globals()['DYNAMIC_GLOBAL'] = 'dyn'
setter()
print(DYNAMIC_GLOBAL, globals() is vars(), __name__, globals()['__name__'])
print(sorted(k for k in dir() if not k.startswith('__'))[:5])

print('--- eval/exec at module level')
x = 10
print(eval('x * 2'), eval('MODULE_CONST.upper()'), eval('[i for i in range(x) if i % 4 == 0]'))
exec('y_from_exec = x + 1')
print(y_from_exec)
exec('def made_by_exec(n):\n    return n * x\n')
print(made_by_exec(3))
exec('class ExecClass:\n    val = x\n')
print(ExecClass.val, ExecClass.__module__)
ns = {}
exec('z = 5\nw = z * 2', ns)
print(sorted(k for k in ns if k != '__builtins__'), ns['w'])
print(eval('q + 1', {'q': 1}), eval('q + r', {'q': 1}, {'r': 2}), eval('len("abc")', {}))
try:
    eval('undefined_in_eval')
except NameError as e:
    print(type(e).__name__, e)
try:
    eval('1 +')
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset)
try:
    exec('x = (1,\n')
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec('raise ValueError("from exec")')
except ValueError as e:
    print(type(e).__name__, e)
code = compile('a_compiled = 6 * 7', '<mycode>', 'exec')
exec(code)
print(a_compiled, code.co_filename, compile('1+1', '<e>', 'eval').co_name)
print(eval(compile('[1,2][-1]', '<s>', 'eval')))

print('--- eval/exec inside functions')
def in_function(p):
    local_v = p * 2
    print(eval('local_v + p'))
    print(eval('MODULE_CONST'))
    print(eval('[local_v for _ in range(2)]') if False else eval('(local_v, p)'))
    exec('print("exec sees", local_v, p)')
    exec('new_local = 99')
    print('new_local' in locals(), locals().get('new_local'))
    exec('global GLOBAL_FROM_EXEC\nGLOBAL_FROM_EXEC = local_v')
    l = {}
    exec('t = MODULE_CONST + "!"', globals(), l)
    print(l)
    def nested():
        return eval('p')  # p not a free var of nested -> NameError
    try:
        print(nested())
    except NameError as e:
        print(type(e).__name__, e)
in_function(4)
print(GLOBAL_FROM_EXEC)
def exec_defines_function():
    exec('def helper():\n    return "helper ok"')
    return eval('helper()')
print(exec_defines_function())
print(eval('lambda v: v + x')(1), eval('(lambda: x)()'))
print(exec('1'), eval('None'), eval('  3  '), eval('\n4'), eval(b'5'), eval('__name__'))

print('--- sys._getframe')
def where():
    f = sys._getframe()
    return f.f_code.co_name, f.f_back.f_code.co_name, f.f_lineno
def caller_a():
    return where()
print(caller_a())
def frame_locals():
    alpha = 1
    beta = 'two'
    f = sys._getframe()
    return sorted(k for k in f.f_locals if k != 'f'), f.f_locals['beta']
print(frame_locals())
def caller_locals():
    secret = 'seen by callee'
    return peek_caller()
def peek_caller():
    return sys._getframe(1).f_locals['secret'], sys._getframe(1).f_code.co_name
print(caller_locals())
def stack_names():
    names = []
    f = sys._getframe()
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names
def lvl1(): return lvl2()
def lvl2(): return stack_names()
print(lvl1())
print(sys._getframe().f_code.co_name, sys._getframe().f_globals is globals(), sys._getframe().f_back)
def lineno_demo():
    a = sys._getframe().f_lineno
    b = sys._getframe().f_lineno
    return b - a
print(lineno_demo())
class InClassBody:
    frame_name = sys._getframe().f_code.co_name
    outer_name = sys._getframe(1).f_code.co_name
print(InClassBody.frame_name, InClassBody.outer_name)
gen_frame_names = []
def gen_with_frame():
    gen_frame_names.append(sys._getframe().f_code.co_name)
    gen_frame_names.append(sys._getframe(1).f_code.co_name)
    yield 1
def consume():
    return list(gen_with_frame())
consume()
print(gen_frame_names)
print((lambda: sys._getframe().f_code.co_name)(), [sys._getframe().f_code.co_name for _ in range(1)])
try:
    sys._getframe(1000)
except ValueError as e:
    print(type(e).__name__, e)
def code_attrs(a, b, *c, d, **e):
    z = 1
    return z
co = code_attrs.__code__
print(co.co_name, co.co_argcount, co.co_kwonlyargcount, co.co_nlocals, co.co_varnames, co.co_firstlineno > 0, co.co_qualname)

print('--- print')
print('a', 'b', 'c', sep='-', end='!\n')
print('no newline', end='')
print(' continued')
print()
print('x', 1, None, 2.5, [1], sep='')
print(*range(5), sep=', ')
print('to stderr', 42, file=sys.stderr)
print('stderr custom', sep='|', end='<END>\n', file=sys.stderr)
sys.stderr.write('direct stderr write\n')
sys.stdout.write('direct stdout write\n')
print('flush', flush=True)
print(sep='x')
print('multi\nline', 'values')
print('None sep', 'x', sep=None, end=None)
try:
    print('x', sep=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print('x', file='notafile')
except AttributeError as e:
    print(type(e).__name__, e)
import io
buf = io.StringIO()
print('into buffer', 1, 2, sep=':', file=buf)
print(repr(buf.getvalue()))
class Writer:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = Writer()
print('custom', 'writer', file=w)
print(w.parts)
