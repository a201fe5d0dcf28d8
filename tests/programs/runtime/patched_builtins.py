import builtins, functools
old_len = builtins.len
try:
    builtins.len = functools.lru_cache(4)(len)
    for i in [0, 0, 1, 2, 3, 3, 4, 5, 6, 1, 7, 2, 1]:
        assert len('abcdefghijklmn'[:i]) == i
    def g(x): return [x] * 2
    print(g(3), sorted([3, 1]))
finally:
    builtins.len = old_len
print("ok")
