for f, a in ((exec, ()), (exec, (1,2,3,4)), (eval, ()), (eval, (1,2,3,4))):
    try: f(*a)
    except TypeError as e: print(f.__name__, e)
try: eval('1', globals={})
except TypeError as e: print(e)
try: exec('1', globals={})
except TypeError as e: print(e)
print(eval('1+1'), exec('z=1'))
