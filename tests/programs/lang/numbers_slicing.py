# big integers, float formatting, divmod/pow/round; slicing incl. extended, assignment, deletion
import math
from fractions import Fraction
from decimal import Decimal

print('--- big ints')
big = 2 ** 521 - 1
print(big)
print(big % 1000007, big // 10 ** 150, len(str(big)), big.bit_length(), -big >> 500, (big >> 500) << 3)
print(math.factorial(40), math.comb(60, 30), math.gcd(2 ** 64, 6 ** 20), math.lcm(12, 18), math.isqrt(10 ** 30 + 5))
print(pow(3, 10 ** 6, 10 ** 9 + 7), pow(123456789, -1, 1000000007), pow(-3, 3), pow(2, -2))
print(divmod(10 ** 30, 7 ** 15), divmod(-(10 ** 30), 7 ** 15), (10 ** 30) / 3, -(10 ** 25) // 7)
print(int('9' * 50) + 1, int('-' + '1' * 30, 2), hex(2 ** 100), int(hex(2 ** 100), 16) == 2 ** 100, f'{2 ** 70:,}')
print(abs(-10 ** 20), -10 ** 20 < -10 ** 19, 10 ** 20 == 10.0 ** 20, 2 ** 53 + 1 == float(2 ** 53 + 1), (2 ** 64).to_bytes(9, 'big'))
print(round(12345678901234567890, -5), round(-15, -1), round(25, -1), round(35, -1), (7).__round__(), round(7, 2))
print(sum(range(10 ** 6)), sum(i * i for i in range(1000)), math.prod(range(1, 20)))

print('--- floats')
vals = [0.0, -0.0, 1.0, 0.1, 1 / 3, 2 / 3, 100.0, 1e15, 1e16, 1.5e-5, 1e-4, 123456789012345678.0, 3.14159265358979, 2.5, float('inf'), float('nan'), 1e300 * 1e10]
for v in vals:
    print(repr(v), str(v), '%g' % v, '%.3f' % v, '{:e}'.format(v), format(v, '.4'), format(v, ''), format(v, '10.2f'))
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(0.125, 2), round(0.375, 2), round(2.675, 2), round(1e20, 2), round(1.23456e-5, 7))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), int(-2.5), math.floor(2.5), math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.sqrt(2), math.pi, math.e, math.inf, math.isnan(float('nan')), math.isinf(-math.inf), math.isclose(0.1 + 0.2, 0.3))
print(math.log(8, 2), math.log10(1000), math.exp(1), math.sin(0), math.cos(math.pi), math.atan2(1, 1), math.hypot(3, 4), math.degrees(math.pi))
print((0.1).as_integer_ratio(), (2.5).is_integer(), (3.0).is_integer(), float.fromhex('0x1.8p1'), (1.5).hex(), float('  -1.5e3 '), float('-inf'))
print(divmod(7.5, 2), divmod(-7.5, 2), 7.5 % -2, -0.0 % 5, math.fmod(-7.5, 2), math.copysign(1, -0.0), 5 % 0.3)
print(pow(2.0, 0.5), pow(-8, 1 / 3), 2 ** 0.5, (-1) ** 0.5, 10.0 ** -3, 4 ** 0.5)
print(1e308 * 10, -1e308 * 10, 1e-320, 5e-324, 5e-324 / 2, 2.0 ** 1023 * 2 if False else 'skip')
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: float('abc'), lambda: int(float('inf')), lambda: int(float('nan')), lambda: math.factorial(-1), lambda: math.exp(1000), lambda: round(float('inf')), lambda: (10 ** 400) * 1.0]:
    try:
        print(bad())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
print(Fraction(1, 3) + Fraction(1, 6), Fraction('0.75'), Fraction(0.5), float(Fraction(22, 7)), Fraction(3, 4) ** 2, round(Fraction(7, 2)))
print(Decimal('0.1') + Decimal('0.2'), Decimal(1) / Decimal(7), Decimal('1.005').quantize(Decimal('0.01')), Decimal('10') ** 20)
print(complex('1+2j'), (1 + 2j) ** 2, (3 + 4j) / (1 - 1j), abs(-3j), complex(1.5, -0.0), (1j).imag, repr(complex(0, 0)))
try:
    print(complex(1, 1) < complex(2, 2))
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(divmod(1j, 1))
except TypeError as e:
    print(type(e).__name__, e)
print(int(True), float(False), int('  0x1F  '.strip(), 16), int('z', 36), int('-0'), float('1_0.5'), int(' -7 '), int(b'12'), float(b'1.5'))
print(7 / 2, 7 // 2, -7 / 2, -7 // 2, 7 // -2.0, 1 / 8, 10 / 4, 2 ** 10 / 2 ** 3, 3 * 1.1)

print('--- slicing')
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[:-7], s[::2], s[1::3], s[::-1], s[8:2:-2], s[-1:-4:-1], s[100:], s[-100:2], s[5:2], s[::-3])
txt = 'abcdefghij'
print(txt[2:5], txt[::-1], txt[::3], txt[-2:], txt[1:-1:2], txt[slice(2, None, 2)], txt[slice(3)], (1, 2, 3, 4)[1::2])
sl = slice(1, 8, 3)
print(sl, sl.start, sl.stop, sl.step, sl.indices(5), slice(None, None, -1).indices(4), s[sl])
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    s['a':'b']
except TypeError as e:
    print(type(e).__name__, e)
# slice assignment
a = list(range(10))
a[2:5] = ['x', 'y']
print(a)
a[:0] = [-1, -2]
print(a)
a[len(a):] = [100]
print(a)
a[::2] = ['E'] * len(a[::2])
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
a[1:3] = 'PQ'
print(a)
a[:] = []
print(a)
b = list(range(6))
b[3:1] = ['ins']  # empty slice insert
print(b)
b[::-1] = list('abcdefg')
print(b)
try:
    b[1:2] = 5
except TypeError as e:
    print(type(e).__name__, e)
# slice deletion
c = list(range(12))
del c[::3]
print(c)
del c[2:4]
print(c)
del c[-2:]
print(c)
del c[::-2]
print(c)
del c[:]
print(c)
ba = bytearray(b'0123456789')
ba[::2] = b'abcde'
del ba[1::4]
print(ba)
# slicing with negative steps and out-of-range bounds on tuples/strings/ranges
r = range(20)
print(r[::-4], r[5:15:3], list(r[-3:]), r[::2][::3], 'hello'[10:], 'hello'[-10:2], (1, 2, 3)[::-1])
# object with __getitem__ receiving slices and __index__
class Seq:
    def __init__(self, data): self.data = data
    def __len__(self): return len(self.data)
    def __getitem__(self, k):
        if isinstance(k, slice):
            return Seq(self.data[k])
        return self.data[k]
    def __repr__(self): return 'Seq(%r)' % (self.data,)
sq = Seq([1, 2, 3, 4, 5])
print(sq[1:4], sq[::-1], sq[2], sq[-1], list(sq), sq[1:][1:][0])
class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
print(s[I(2):I(6):I(2)], txt[I(-3):], [0, 1, 2][I(1)])
