"""Differential test: the recursion depth CPython's test.support reads (from
_testinternalcapi.get_recursion_depth, else by walking frames) is the guest's, at module
level and in nested calls, so the recursion it leaves available is the same."""
from test import support
import sys
def a(n):
    return support.get_recursion_depth() if n == 0 else a(n - 1)
print(support.get_recursion_depth(), a(0), a(5), a(30))
print(support.get_recursion_available() - sys.getrecursionlimit() + support.get_recursion_depth())
