"""The builtins pyceval's own code uses, captured when pyceval is imported.

A program may replace `builtins.len` or `builtins.isinstance` (test_functools caches
`len` with an lru_cache); CPython's own machinery is C and never sees that, so pyceval's
must not either. Every pyceval module does `from .hostbuiltins import *`, which binds
these names in the module's globals, where lookups find them before the builtins dict.
"""
import builtins as _b

_NAMES = """abs all any ascii bool callable delattr dict dir enumerate exec format frozenset
getattr globals hasattr hash id isinstance issubclass iter len list max min next object
print range repr reversed set setattr slice sorted str sum super tuple type vars zip""".split()

__all__ = list(_NAMES)
globals().update({name: getattr(_b, name) for name in _NAMES})
