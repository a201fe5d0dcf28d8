# raise from, __context__, __cause__, __suppress_context__, re-raise, exceptions in except/finally
import sys, traceback

def describe(e, depth=0):
    pad = '  ' * depth
    print(pad + type(e).__name__, repr(str(e)),
          'cause=' + (type(e.__cause__).__name__ if e.__cause__ else 'None'),
          'context=' + (type(e.__context__).__name__ if e.__context__ else 'None'),
          'suppress=' + str(e.__suppress_context__))
    if e.__cause__ is not None and depth < 5:
        describe(e.__cause__, depth + 1)
    elif e.__context__ is not None and depth < 5:
        describe(e.__context__, depth + 1)

def t1():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise ValueError('converted') from e
    except ValueError as e:
        describe(e)

def t2():
    try:
        try:
            {}['missing']
        except KeyError:
            raise RuntimeError('implicit')
    except RuntimeError as e:
        describe(e)

def t3():
    try:
        try:
            [][1]
        except IndexError:
            raise TypeError('suppressed') from None
    except TypeError as e:
        describe(e)
        print('context still set:', type(e.__context__).__name__)

def t4():
    # re-raise keeps identity
    err = ValueError('orig')
    try:
        try:
            raise err
        except ValueError:
            raise
    except ValueError as e:
        print('same object', e is err)
    # raise e re-raises too
    try:
        try:
            raise err
        except ValueError as e2:
            raise e2
    except ValueError as e:
        print('same object 2', e is err)

def t5():
    # exception in finally replaces
    try:
        try:
            raise ValueError('first')
        finally:
            raise KeyError('second')
    except KeyError as e:
        describe(e)

def t6():
    # exception in except handler
    try:
        try:
            raise ValueError('first')
        except ValueError:
            undefined_name_xyz
    except NameError as e:
        describe(e)

def t7():
    # raise from with class instead of instance
    try:
        raise ValueError('x') from KeyError
    except ValueError as e:
        describe(e)
    try:
        raise ValueError from 5
    except TypeError as e:
        print(type(e).__name__, e)

def t8():
    # chain three levels
    try:
        try:
            try:
                raise OSError('level1')
            except OSError as e:
                raise LookupError('level2') from e
        except LookupError:
            raise AssertionError('level3')
    except AssertionError as e:
        describe(e)

def t9():
    # bare raise with no active exception
    try:
        raise
    except RuntimeError as e:
        print(type(e).__name__, e)

def t10():
    # context cycle avoidance
    a = ValueError('a')
    try:
        try:
            raise a
        except ValueError:
            try:
                raise KeyError('b')
            except KeyError as kb:
                raise a
    except ValueError as e:
        print('a context is', type(e.__context__).__name__, 'kb context is', type(e.__context__.__context__).__name__ if e.__context__.__context__ else None)

def t11():
    # with_traceback, args, custom exceptions
    class MyErr(Exception):
        def __init__(self, code, msg):
            super().__init__(code, msg)
            self.code = code
        def __str__(self):
            return 'MyErr[%d]: %s' % (self.code, self.args[1])
    try:
        raise MyErr(42, 'bad thing')
    except MyErr as e:
        print(e, e.args, e.code, repr(str(e)))
    class Sub(MyErr):
        pass
    try:
        raise Sub(7, 'sub')
    except MyErr as e:
        print(type(e).__name__, e, isinstance(e, Exception), Sub.__mro__[1].__name__)
    e = KeyError('x')
    print(str(e), repr(e), str(KeyError()), str(KeyError('a', 'b')))
    print(repr(StopIteration(5).value), repr(SystemExit(3).code), repr(OSError(2, 'No such file').strerror))
    print(str(OSError(2, 'No such file')), OSError(2, 'x').errno)
    print(type(OSError(2, 'x')).__name__)

def t12():
    # traceback formatting of a chained exception (without file paths)
    try:
        try:
            raise ValueError('inner value')
        except ValueError as e:
            raise TypeError('outer type') from e
    except TypeError as e:
        lines = traceback.format_exception_only(type(e), e)
        print(lines)
        print(traceback.format_exception_only(type(e.__cause__), e.__cause__))

def t13():
    # exception inside generator propagating; generator throw
    def gen():
        try:
            yield 1
        except ValueError as e:
            print('gen got', e)
            yield 'recovered'
        yield 'end'
    g = gen()
    print(next(g))
    print(g.throw(ValueError('thrown')))
    print(next(g))
    try:
        next(g)
    except StopIteration as e:
        print('StopIteration', e.value)
    def gen2():
        yield 1
        return 'retval'
    g = gen2()
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print('StopIteration value', e.value)
    def gen3():
        raise StopIteration('oops')
        yield
    try:
        next(gen3())
    except RuntimeError as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)

def t14():
    # exception during handling sets __context__ even through function call
    def helper():
        raise KeyError('helper')
    try:
        try:
            raise ValueError('v')
        except ValueError:
            helper()
    except KeyError as e:
        describe(e)

def t15():
    # except clause with exception variable shadowing and del
    try:
        raise ValueError('x')
    except ValueError as err:
        saved = err
    print('saved', repr(saved), 'err' in dir())

def t16():
    # sys.exc_info within finally during exception
    try:
        try:
            raise ValueError('pending')
        finally:
            print('in finally exc_info:', sys.exc_info()[0].__name__)
    except ValueError:
        pass
    # exception restored after nested handler
    try:
        raise ValueError('A')
    except ValueError:
        try:
            raise KeyError('B')
        except KeyError:
            pass
        print('restored:', repr(sys.exc_info()[1]))

def t17():
    # raise in __exit__-like nested functions and add_note (3.11)
    try:
        e = ValueError('with note')
        e.add_note('note one')
        e.add_note('note two')
        raise e
    except ValueError as e:
        print(e.__notes__)
        print(''.join(traceback.format_exception_only(type(e), e)), end='')

def t18():
    # BaseException subclasses not caught by Exception
    for exc in (KeyboardInterrupt, SystemExit, GeneratorExit):
        try:
            try:
                raise exc
            except Exception:
                print('WRONG')
        except BaseException as e:
            print('caught base', type(e).__name__, isinstance(e, Exception))

for t in [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18]:
    print('---', t.__name__)
    t()
