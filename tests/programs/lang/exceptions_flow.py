# try/except/else/finally control flow: return/break/continue in finally and loops

def f1():
    try:
        print('f1 try')
        return 'try'
    finally:
        print('f1 finally')

def f2():
    try:
        return 'try'
    finally:
        return 'finally'  # overrides

def f3():
    try:
        raise ValueError('boom')
    finally:
        return 'swallowed'

def f4():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print('f4 body', i)
        finally:
            print('f4 finally', i)
    return i

def f5():
    out = []
    for i in range(4):
        try:
            raise KeyError(i)
        except KeyError as e:
            out.append(('caught', e.args[0]))
            if i == 2:
                break
            continue
        finally:
            out.append(('fin', i))
    return out

def f6():
    x = 0
    while True:
        try:
            x += 1
            if x > 3:
                return x
        finally:
            if x < 5:
                continue  # allowed in 3.8+
    return -1

def f7():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break  # swallow exception
    return ('f7', i)

def f8(n):
    try:
        if n == 0:
            raise ValueError('zero')
        elif n == 1:
            raise TypeError('one')
        elif n == 2:
            return 'two'
        r = 'other'
    except ValueError as e:
        r = 'VE:' + str(e)
    except (TypeError, KeyError) as e:
        r = 'TE/KE:' + str(e)
    else:
        r += '+else'
    finally:
        print('f8 finally', n)
    return r

def f9():
    try:
        try:
            raise ValueError('inner')
        finally:
            print('inner finally')
    except ValueError as e:
        print('outer caught', e)
    try:
        try:
            raise ValueError('inner2')
        except TypeError:
            print('not reached')
        else:
            print('not reached either')
        finally:
            print('inner2 finally')
    except ValueError as e:
        print('outer2 caught', e)

def f10():
    # exception variable is deleted after except
    e = 'before'
    try:
        raise ValueError('x')
    except ValueError as e:
        pass
    try:
        print(e)
    except NameError as err:
        print(type(err).__name__, err)
    except UnboundLocalError as err:
        print(type(err).__name__, err)

def f11():
    # return value evaluated before finally
    x = [1]
    try:
        return x
    finally:
        x.append(2)

def f12():
    count = 0
    for i in range(3):
        for j in range(3):
            try:
                if j == 1:
                    break
                count += 1
            finally:
                count += 10
    return count

def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print('gen finally')

def f13():
    g = gen_finally()
    print(next(g))
    g.close()
    g2 = gen_finally()
    for v in g2:
        print('gv', v)

def f14():
    # exceptions inside else
    try:
        try:
            pass
        except Exception:
            print('no')
        else:
            raise RuntimeError('from else')
        finally:
            print('f14 finally')
    except RuntimeError as e:
        print('f14 caught', e)

def f15():
    # bare except and exception hierarchy
    for exc in [ZeroDivisionError, KeyError, IndexError, StopIteration, AttributeError, OSError, FileNotFoundError]:
        try:
            raise exc('m')
        except ArithmeticError as e:
            print('Arith', type(e).__name__)
        except LookupError as e:
            print('Lookup', type(e).__name__, repr(e))
        except OSError as e:
            print('OS', type(e).__name__, e.errno, e)
        except:
            print('bare', exc.__name__)

def f16():
    # nested loops with try and return from inner finally
    for i in range(3):
        try:
            for j in range(3):
                try:
                    if i == 1 and j == 1:
                        return (i, j)
                finally:
                    print('inner fin', i, j)
        finally:
            print('outer fin', i)

def f17():
    # exception class object used in except tuple variable
    handlers = (ValueError, TypeError)
    try:
        int('zz')
    except handlers as e:
        print('tuple var', type(e).__name__, e)
    try:
        try:
            raise ValueError
        except 42:
            pass
    except TypeError as e:
        print(type(e).__name__, e)

def f18():
    try:
        raise ValueError
    except ValueError as e:
        print(repr(e), e.args, str(e) == '')
    try:
        raise ValueError('a', 2)
    except ValueError as e:
        print(repr(e), e.args, str(e))
    try:
        raise 5
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        raise int
    except TypeError as e:
        print(type(e).__name__, e)

def f19():
    log = []
    def inner(k):
        try:
            log.append('try%d' % k)
            if k % 2:
                raise IndexError(k)
            return k
        except IndexError:
            log.append('exc%d' % k)
            return -k
        finally:
            log.append('fin%d' % k)
    res = [inner(k) for k in range(4)]
    print(res, log)

def f20():
    while True:
        try:
            try:
                raise ValueError('v')
            finally:
                print('f20 inner finally')
        except ValueError:
            print('f20 caught; breaking')
            break
        finally:
            print('f20 outer finally')
    print('f20 end')

print(f1())
print(f2())
print(f3())
print(f4())
print(f5())
print(f6())
print(f7())
for n in range(4):
    print(f8(n))
f9()
f10()
print(f11())
print(f12())
f13()
f14()
f15()
print(f16())
f17()
f18()
f19()
f20()
import sys
try:
    raise KeyError('k')
except KeyError:
    print(sys.exc_info()[0].__name__, repr(sys.exc_info()[1]))
print(sys.exc_info())
try:
    try:
        raise ValueError('outer')
    except ValueError:
        try:
            raise TypeError('inner')
        except TypeError:
            print('inside inner', type(sys.exception() if hasattr(sys, 'exception') else sys.exc_info()[1]).__name__)
        print('back to outer', sys.exc_info()[0].__name__)
except Exception:
    pass
print('done', sys.exc_info())
