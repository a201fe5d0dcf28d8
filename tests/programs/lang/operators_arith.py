# Arithmetic, operators, augmented assignment, comparisons, is/in

def show(label, fn):
    try:
        r = fn()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

# basic int arithmetic
for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (10**20, 7), (-(10**20), 7)]:
    print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b), a / b)
    print(a ** 2, -a, +a, ~a, abs(a), a & b, a | b, a ^ b)
    print(a << 3, a >> 1, a == b, a != b, a < b, a <= b, a > b, a >= b)

# floats
for a, b in [(7.5, 2.0), (-7.5, 2.0), (1e300, 1e10), (0.1, 0.2)]:
    print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b))
print(0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e-7, 123456789.123456789, 1e22, 1e21, 1.0, -0.0)
print(float('inf'), float('-inf'), float('nan'), float('inf') - float('inf'))
print(2 ** -1, 2 ** 0.5, (-8) ** (1 / 3) if False else 'skip', 10 ** -2, 0 ** 0)
print((-2) ** 2, -2 ** 2, 2 ** 3 ** 2, pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234.5678, -2), round(15, -1), round(25, -1))
print(int(3.9), int(-3.9), int('  42 '), int('ff', 16), int('0b101', 0), int('1_000'), float('1e3'))
print(complex(1, 2) * complex(3, -1), abs(3 + 4j), (1 + 2j).conjugate(), 1j ** 2)
print(True + True, True * 10, False - 1, 5 // True)
print(7 .bit_length(), (255).to_bytes(2, 'big'), int.from_bytes(b'\x01\x00', 'little'))
print(bool(0), bool(0.0), bool(''), bool([]), bool([0]), bool(None), bool(-1))

# errors
show('1/0', lambda: 1 / 0)
show('1//0', lambda: 1 // 0)
show('1%0', lambda: 1 % 0)
show('1.0/0', lambda: 1.0 / 0)
show('1.0//0', lambda: 1.0 // 0.0)
show('divmod(1,0)', lambda: divmod(1, 0))
show('0**-1', lambda: 0 ** -1)
show('0.0**-1', lambda: 0.0 ** -1)
show("'a'+1", lambda: 'a' + 1)
show("1+'a'", lambda: 1 + 'a')
show("[]+()", lambda: [] + ())
show("'a'*'b'", lambda: 'a' * 'b')
show("'a'*2.0", lambda: 'a' * 2.0)
show("-'a'", lambda: -'a')
show("~1.5", lambda: ~1.5)
show("1<<-1", lambda: 1 << -1)
show("None<1", lambda: None < 1)
show("[]<()", lambda: [] < ())
show("{}<{}", lambda: {} < {})
show("int('x')", lambda: int('x'))
show("float('x')", lambda: float('x'))
show("pow(2,-1,4)", lambda: pow(2, -1, 4))
show("10**400 float", lambda: float(10 ** 400))
show("1e308*10 ok", lambda: 1e308 * 10)
show("2.0**10000", lambda: 2.0 ** 10000)
show("None+None", lambda: None + None)
show("1 @ 2", lambda: 1 @ 2)
show("[1]-[1]", lambda: [1] - [1])
show("{1}|[1]", lambda: {1} | [1])

# augmented assignment
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 4; print(x)
x **= 10; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0xFF; print(x)
x |= 0x100; print(x)
x ^= 0x0F; print(x)
x /= 3; print(x)
s = 'ab'
s += 'cd'; s *= 2; print(s)
lst = [1, 2]
alias = lst
lst += [3]
print(lst, alias, lst is alias)
lst *= 2
print(lst, alias is lst)
t = (1, 2)
talias = t
t += (3,)
print(t, talias, t is talias)
d = {'a': 1}
d['a'] += 10
d.setdefault('b', []).append(5)
d['b'] += [6]
print(d)

class Box:
    def __init__(self): self.v = 1
b = Box()
b.v += 41
print(b.v)
arr = [[1, 2], [3, 4]]
arr[1][0] *= 100
print(arr)
def aug_err():
    t = (1, [2])
    try:
        t[1] += [3]
    except TypeError as e:
        print(type(e).__name__, e, t)
aug_err()
def aug_unbound():
    try:
        y += 1
    except UnboundLocalError as e:
        print(type(e).__name__, e)
aug_unbound()

# comparison chains
def loud(n):
    print('eval', n)
    return n
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1.0 == True, 1 < 2 > 0)
print(loud(1) < loud(0) < loud(5))
print(loud(1) < loud(2) < loud(3) < loud(4))
print(1 < 2 != 3 == 3 >= 3 <= 4)
a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b, a is c, a is not b, None is None, 1 in a, 3 not in a)
print('ab' in 'xaby', '' in 'x', 2 in {2: 3}, 3 in {2: 3}, 'k' in {'k'}, 5 in range(10), 10 in range(10))
print([1, 2] < [1, 3], (1, 2) < (1, 2, 0), 'abc' < 'abd', 'Z' < 'a', [1, [2]] == [1, [2]])
print(float('nan') == float('nan'), float('nan') != float('nan'))
n = float('nan'); print([n] == [n], n in [n])
print(0 == -0.0, 1 == 1 + 0j, hash(1) == hash(1.0) == hash(True))
print(max(3, 1, 2), min([4, 2, 8]), sum([1, 2, 3], 10), sum([0.1] * 10))
# ternary and boolean ops
for v in [0, 1, '', 'x', None, [], [0]]:
    print(repr(v), v or 'dflt', v and 'yes', not v, 'T' if v else 'F')
print(1 and 2 and 3, 1 and 0 and 3, 0 or '' or None, 0 or 5 or 6)
print(divmod(-7, 2), divmod(7.5, -2), -7 % 2, 7 % -2, -7.5 % 2)
print(12345678901234567890 * 98765432109876543210)
print(2 ** 200, -(2 ** 100) // 3, (2 ** 100) % 97, 3 ** 100 // 7 ** 20)
print(hex(255), oct(8), bin(5), hex(-255), 0xff, 0o17, 0b11, 1_000_000)
print(int.__add__(1, 2), (5).__rsub__(10), (3).__pow__(2), float.__truediv__(1.0, 4))
print(isinstance(True, int), type(1 + 1.0).__name__, type(2 ** -1).__name__, type(7 // 2.0).__name__)
