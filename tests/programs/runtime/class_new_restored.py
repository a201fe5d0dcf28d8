"""Differential test: a class call where `__new__ = object.__new__` is set in a class
(CPython's type then calls it through its slot, with the arguments, and object.__new__
refuses them) is not the plain object.__new__ case; deleting it makes the inherited
__new__ run again; and what follows `del A.__new__` too: CPython keeps B's stale
slot_tp_new (test_descr.test_restored_object_new, an expected failure there), and so
does pyceval, which reads the slot (once per class version: interpreter.class_frame)."""


class A(object):
    def __new__(cls, *args, **kwargs):
        raise AssertionError


class B(A):
    __new__ = object.__new__

    def __init__(self, foo):
        self.foo = foo


class C:
    def __init__(self, foo):
        self.foo = foo


for _ in range(20):                     # hot: the loop's class-call path
    for make in (lambda: B(3), lambda: C(4)):
        try:
            r = make()
            print(type(r).__name__, r.foo)
        except (TypeError, AssertionError) as e:
            print(type(e).__name__, e)
    if _ == 10:
        del B.__new__


del A.__new__                           # B's tp_new slot stays slot_tp_new: B(3) still fails
for _ in range(20):
    try:
        print(B(3).foo)
    except TypeError as e:
        print(type(e).__name__, e)
