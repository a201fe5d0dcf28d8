"""Puzzle solver collection: n-queens, sudoku backtracking, Dijkstra/A* on a grid
map, knapsack/edit-distance/LIS dynamic programming, memoisation with lru_cache
and cache, topological sort and union-find."""
import functools
import graphlib
import heapq
import itertools
import sys
from collections import deque


# ------------------------------------------------------------- n-queens
def n_queens(n):
    solutions = []
    cols, d1, d2 = set(), set(), set()
    board = []

    def place(r):
        if r == n:
            solutions.append(tuple(board))
            return
        for c in range(n):
            if c in cols or r - c in d1 or r + c in d2:
                continue
            cols.add(c); d1.add(r - c); d2.add(r + c); board.append(c)
            place(r + 1)
            cols.remove(c); d1.remove(r - c); d2.remove(r + c); board.pop()

    place(0)
    return solutions


# ------------------------------------------------------------- sudoku
PUZZLE = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""


def parse_sudoku(text):
    rows = [r for r in text.split() if r]
    return [[0 if ch == "." else int(ch) for ch in row] for row in rows]


def solve_sudoku(grid):
    stats = {"guesses": 0}

    def candidates(r, c):
        used = set(grid[r]) | {grid[i][c] for i in range(9)}
        br, bc = 3 * (r // 3), 3 * (c // 3)
        used |= {grid[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
        return [v for v in range(1, 10) if v not in used]

    def solve():
        best = None
        for r, c in itertools.product(range(9), repeat=2):
            if grid[r][c] == 0:
                cands = candidates(r, c)
                if best is None or len(cands) < len(best[2]):
                    best = (r, c, cands)
                    if len(cands) <= 1:
                        break
        if best is None:
            return True
        r, c, cands = best
        for v in cands:
            stats["guesses"] += 1
            grid[r][c] = v
            if solve():
                return True
        grid[r][c] = 0
        return False

    return solve(), stats["guesses"]


# ------------------------------------------------------------- graphs
MAP = """\
S..#......
.#.#.####.
.#...#....
.####.#.#.
......#.#G
"""


def grid_graph(text):
    rows = text.splitlines()
    cells = {}
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            if ch != "#":
                cells[(r, c)] = ch
    return cells, len(rows), len(rows[0])


def neighbours(cells, pos):
    r, c = pos
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        p = (r + dr, c + dc)
        if p in cells:
            yield p


def dijkstra(cells, start, goal, cost=lambda p: 1):
    dist = {start: 0}
    prev = {}
    pq = [(0, start)]
    popped = 0
    while pq:
        d, u = heapq.heappop(pq)
        popped += 1
        if u == goal:
            break
        if d > dist[u]:
            continue
        for v in neighbours(cells, u):
            nd = d + cost(v)
            if nd < dist.get(v, float("inf")):
                dist[v] = nd
                prev[v] = u
                heapq.heappush(pq, (nd, v))
    path = [goal]
    while path[-1] != start:
        path.append(prev[path[-1]])
    return dist[goal], path[::-1], popped


def astar(cells, start, goal):
    h = lambda p: abs(p[0] - goal[0]) + abs(p[1] - goal[1])
    counter = itertools.count()
    open_ = [(h(start), next(counter), start, 0)]
    best = {start: 0}
    expanded = 0
    while open_:
        _, _, u, g = heapq.heappop(open_)
        expanded += 1
        if u == goal:
            return g, expanded
        for v in neighbours(cells, u):
            if g + 1 < best.get(v, 1 << 30):
                best[v] = g + 1
                heapq.heappush(open_, (g + 1 + h(v), next(counter), v, g + 1))
    return None, expanded


def bfs_components(cells):
    seen = set()
    comps = []
    for start in sorted(cells):
        if start in seen:
            continue
        q = deque([start])
        seen.add(start)
        size = 0
        while q:
            u = q.popleft()
            size += 1
            for v in neighbours(cells, u):
                if v not in seen:
                    seen.add(v)
                    q.append(v)
        comps.append(size)
    return comps


class UnionFind:
    def __init__(self, items):
        self.parent = {x: x for x in items}
        self.rank = dict.fromkeys(items, 0)

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.rank[ra] += self.rank[ra] == self.rank[rb]
        return True


def kruskal(edges, nodes):
    uf = UnionFind(nodes)
    tree = [(w, a, b) for w, a, b in sorted(edges) if uf.union(a, b)]
    return sum(w for w, _, _ in tree), tree


# ------------------------------------------------------------- DP
def knapsack(items, capacity):
    @functools.lru_cache(maxsize=None)
    def best(i, cap):
        if i == len(items):
            return 0, ()
        name, w, v = items[i]
        skip = best(i + 1, cap)
        if w > cap:
            return skip
        val, chosen = best(i + 1, cap - w)
        take = (val + v, (name,) + chosen)
        return max(skip, take)

    result = best(0, capacity)
    return result, best.cache_info()


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def lis(seq):
    import bisect
    tails, idx, parent = [], [], [None] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x); idx.append(i)
        else:
            tails[k] = x; idx[k] = i
        parent[i] = idx[k - 1] if k else None
    out, i = [], idx[-1]
    while i is not None:
        out.append(seq[i]); i = parent[i]
    return out[::-1]


@functools.cache
def partitions(n, k=None):
    if k is None:
        k = n
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k) + partitions(n, k - 1)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def hanoi(n, a="A", b="B", c="C"):
    if n == 0:
        return
    yield from hanoi(n - 1, a, c, b)
    yield (n, a, c)
    yield from hanoi(n - 1, b, a, c)


def main():
    for n in (4, 6, 8):
        sols = n_queens(n)
        print(f"{n}-queens: {len(sols)} solutions, first {sols[0]}")
    first = n_queens(8)[0]
    for c in first[:3]:
        print("  " + " ".join("Q" if i == c else "." for i in range(8)))

    grid = parse_sudoku(PUZZLE)
    ok, guesses = solve_sudoku(grid)
    print("sudoku solved:", ok, "guesses:", guesses)
    for row in grid[:3]:
        print("  " + "".join(map(str, row)))
    assert all(sorted(r) == list(range(1, 10)) for r in grid)
    assert all(sorted(col) == list(range(1, 10)) for col in zip(*grid))

    cells, h, w = grid_graph(MAP)
    start = next(p for p, ch in cells.items() if ch == "S")
    goal = next(p for p, ch in cells.items() if ch == "G")
    d, path, popped = dijkstra(cells, start, goal)
    print(f"dijkstra: distance {d}, popped {popped}, path starts {path[:4]}")
    d2, path2, _ = dijkstra(cells, start, goal, cost=lambda p: 1 + (p[0] == 0) * 5)
    print(f"weighted: distance {d2}, via row 0 cells: {sum(1 for p in path2 if p[0] == 0)}")
    print("astar:", astar(cells, start, goal))
    drawing = [list(r) for r in MAP.splitlines()]
    for r, c in path[1:-1]:
        drawing[r][c] = "*"
    print("\n".join("  " + "".join(r) for r in drawing))
    print("components:", bfs_components(cells))

    edges = [(7, "A", "B"), (5, "A", "D"), (8, "B", "C"), (9, "B", "D"), (7, "B", "E"),
             (5, "C", "E"), (15, "D", "E"), (6, "D", "F"), (8, "E", "F"), (9, "E", "G"),
             (11, "F", "G")]
    print("mst:", kruskal(edges, "ABCDEFG"))

    ts = graphlib.TopologicalSorter({"app": {"lib", "utils"}, "lib": {"utils", "core"},
                                     "utils": {"core"}, "tests": {"app"}})
    print("build order:", list(ts.static_order()))
    try:
        list(graphlib.TopologicalSorter({"a": {"b"}, "b": {"a"}}).static_order())
    except graphlib.CycleError as e:
        print("cycle:", e.args[0], sorted(e.args[1]))

    items = [("map", 9, 150), ("compass", 13, 35), ("water", 153, 200), ("sandwich", 50, 160),
             ("glucose", 15, 60), ("tin", 68, 45), ("banana", 27, 60), ("apple", 39, 40),
             ("cheese", 23, 30), ("beer", 52, 10), ("suntan", 11, 70), ("camera", 32, 30)]
    (value, chosen), info = knapsack(tuple(items), 250)
    print("knapsack:", value, sorted(chosen), "hits>0:", info.hits > 0, "currsize:", info.currsize)

    for a, b in [("kitten", "sitting"), ("flaw", "lawn"), ("", "abc"), ("pyceval", "cpython")]:
        print(f"edit({a!r}, {b!r}) = {edit_distance(a, b)}")
    print("lis:", lis([3, 10, 2, 1, 20, 4, 6, 7, 15, 5, 9, 11]))
    print("partitions:", [partitions(n) for n in range(1, 16)], partitions(100))
    print("partitions cache:", partitions.cache_info().currsize > 100)
    print("ackermann(2, 3) =", ackermann(2, 3))
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(60)
    try:
        ackermann(3, 5)
    except RecursionError as e:
        print("RecursionError:", e)
    finally:
        sys.setrecursionlimit(old)
    moves = list(hanoi(4))
    print("hanoi(4):", len(moves), "moves, first", moves[:3], "last", moves[-1])
    print("perms:", sum(1 for p in itertools.permutations(range(7))
                        if all(abs(p[i] - p[i + 1]) != 1 for i in range(6))))


if __name__ == "__main__":
    main()
