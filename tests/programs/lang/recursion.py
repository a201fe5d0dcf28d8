# recursion, including catching RecursionError
import sys

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(30))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))

def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves
print(len(hanoi(10, 'A', 'C', 'B', [])), hanoi(2, 'A', 'C', 'B', []))

def permutations(seq):
    if len(seq) <= 1:
        return [seq]
    out = []
    for i, x in enumerate(seq):
        for rest in permutations(seq[:i] + seq[i + 1:]):
            out.append(x + rest)
    return out
print(permutations('abc'))

def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x
print(list(flatten([1, [2, [3, [4, [5]]]], 6])))

def depth_first(tree, path=()):
    name, children = tree
    yield path + (name,)
    for c in children:
        yield from depth_first(c, path + (name,))
tree = ('root', [('a', [('a1', []), ('a2', [])]), ('b', [])])
print(['/'.join(p) for p in depth_first(tree)])

def unbounded(n):
    return unbounded(n + 1) + 1
try:
    unbounded(0)
except RecursionError as e:
    print('caught RecursionError:', type(e).__name__, str(e).startswith('maximum recursion depth exceeded'))

# recovery after recursion error: can still recurse normally
print(fact(50) == fact(49) * 50)

# recursion through __repr__ of a self-referential list / dict
lst = [1, 2]
lst.append(lst)
print(lst, repr(lst))
d = {'k': 1}
d['self'] = d
print(d)

# recursion via method and via __getattr__ mistakes
class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.nxt = nxt
    def length(self):
        return 1 + (self.nxt.length() if self.nxt else 0)
    def __repr__(self):
        return 'Node(%r%s)' % (self.val, ', ' + repr(self.nxt) if self.nxt else '')
chain = None
for i in range(50):
    chain = Node(i, chain)
print(chain.length(), repr(Node(1, Node(2, Node(3)))))

class BadGetattr:
    def __getattr__(self, name):
        return self.missing_attr_that_recurses
try:
    BadGetattr().x
except RecursionError:
    print('caught RecursionError from __getattr__')

# mutual recursion with generators
def even_gen(n):
    if n == 0:
        yield 'even'
    else:
        yield from odd_gen(n - 1)
def odd_gen(n):
    if n == 0:
        yield 'odd'
    else:
        yield from even_gen(n - 1)
print(list(even_gen(51)), list(odd_gen(40)))

# memoized recursion using dict default
def count_paths(r, c, memo={}):
    if (r, c) in memo:
        return memo[(r, c)]
    if r == 0 or c == 0:
        return 1
    memo[(r, c)] = count_paths(r - 1, c) + count_paths(r, c - 1)
    return memo[(r, c)]
print(count_paths(16, 16))

# recursion limit manipulation
old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
r = depth(0)
print('limited depth is below 200:', r < 200, 'and above 50:', r > 50)
sys.setrecursionlimit(old)
print('limit restored', sys.getrecursionlimit() == old)

# deep-ish recursion that must succeed (below default limit)
def sum_to(n):
    return 0 if n == 0 else n + sum_to(n - 1)
print(sum_to(800))

# RecursionError from unbounded recursion inside a comprehension / lambda
f = lambda n: f(n + 1)
try:
    f(0)
except RecursionError:
    print('caught RecursionError from lambda')
def rec_comp(n):
    return [rec_comp(n + 1) for _ in range(1)]
try:
    rec_comp(0)
except RecursionError:
    print('caught RecursionError from comprehension')
