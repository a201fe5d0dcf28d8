# str / bytes / bytearray / list / dict / set / tuple methods

def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

print('--- str')
s = 'Hello, World! hello'
print(s.upper(), s.lower(), s.swapcase(), s.title(), s.capitalize(), 'ß'.casefold())
print(s.find('o'), s.rfind('o'), s.find('zz'), s.index('World'), s.count('l'), s.count('l', 5, 12))
print(s.startswith('Hell'), s.startswith(('x', 'He')), s.endswith('lo'), s.endswith('lo', 0, 5))
print(s.replace('l', 'L'), s.replace('l', 'L', 2), s.split(), s.split(', '), s.split('l', 2), s.rsplit('l', 2))
print('a,b,,c'.split(','), '  lead  trail  '.split(), ' x '.strip(), 'xxhixx'.strip('x'), '--a'.lstrip('-'), 'a--'.rstrip('-'))
print('line1\nline2\r\nline3'.splitlines(), 'a\nb\n'.splitlines(keepends=True), ''.split(','), ''.split())
print('-'.join(['a', 'b', 'c']), ''.join(reversed('abc')), 'abc'.partition('b'), 'abc'.rpartition('x'), 'a.b.c'.rpartition('.'))
print('abc'.center(9, '*'), 'abc'.ljust(6, '.'), 'abc'.rjust(6), '42'.zfill(5), '-42'.zfill(5), 'a\tb'.expandtabs(4))
print('abc123'.isalnum(), 'abc'.isalpha(), '123'.isdigit(), '½'.isnumeric(), '١'.isdecimal(), 'Ab'.istitle(), 'ab'.islower(), 'AB'.isupper(), ' \t'.isspace(), 'id_1'.isidentifier(), 'a\x00'.isprintable(), 'abc'.isascii())
print('prefix_body'.removeprefix('prefix_'), 'body.txt'.removesuffix('.txt'), 'aaa'.removeprefix('b'))
tbl = str.maketrans('abc', 'xyz', 'd')
print('abcdabcd'.translate(tbl), str.maketrans({'a': 'A'}), 'hello'.translate({ord('l'): None}))
print('%s' % 'x', '{0:>4}'.format('ab'), 'é'.encode('utf-8'), 'é'.encode('latin-1'), 'x'.encode('ascii'))
print(len('héllo'), 'héllo'[1], ord('é'), chr(233), chr(0x1F600) == '\U0001F600', ascii('héllo'), repr('tab\there'), repr("it's"), repr('both \' and "'))
print('abc' * 3, 'abc'[::-1], 'abcdef'[1:5:2], 'abc' < 'abd', 'a' in 'cat', min('hello'), sorted('hello'))
show('index missing', lambda: 'abc'.index('z'))
show('encode error', lambda: 'é'.encode('ascii'))
show('encode replace', lambda: 'é€'.encode('ascii', 'replace'))
show('decode error', lambda: b'\xff'.decode('utf-8'))
show('decode ignore', lambda: b'a\xffb'.decode('utf-8', 'ignore'))
show('join non-str', lambda: ','.join(['a', 1]))
show('str index oob', lambda: 'abc'[5])
show('str assign', lambda: exec("s = 'abc'; s[0] = 'x'"))
show('empty sep', lambda: 'abc'.split(''))
show('center bad fill', lambda: 'abc'.center(5, 'xy'))
show('chr range', lambda: chr(0x110000))
show('ord len', lambda: ord('ab'))
show('str + None', lambda: 'a' + None)
show('format spec', lambda: format('abc', '+'))
show('int of float str', lambda: int('1.5'))
show('replace count kw', lambda: 'aaa'.replace('a', 'b', count=1))

print('--- bytes / bytearray')
b = b'Hello\x00\xffWorld'
print(b, len(b), b[0], b[-1], b[1:5], list(b[:3]), b.hex(), bytes.fromhex('de ad be ef'), b.hex(':', 2))
print(b.upper(), b.lower(), b.split(b'\x00'), b.find(b'World'), b.replace(b'l', b'L'), b.startswith(b'He'), b.count(b'l'))
print(bytes(5), bytes([65, 66]), bytes('é', 'utf-8'), b'abc' + b'def', b'ab' * 2, b'a' in b'cat', 97 in b'cat')
print(b'  x '.strip(), b'a,b'.split(b','), b'-'.join([b'a', b'b']), b'abc'.decode(), b'%d-%s' % (5, b'x'), b'abc'.center(7, b'*'))
print(b'\x01\x02'.hex(), int.from_bytes(b'\x00\x10', 'big'), (258).to_bytes(2, 'little'), b'AbC'.swapcase(), b'a1'.isalnum())
ba = bytearray(b'hello')
ba[0] = 72
ba.append(33)
ba.extend(b'??')
ba += b'!'
del ba[-2:]
ba.insert(0, 62)
print(ba, ba.pop(), ba, len(ba), ba.decode(), bytes(ba), ba.upper(), ba[1:3], ba.find(b'l'))
ba[1:3] = b'XYZ'
print(ba, ba.reverse(), ba, bytearray(3), bytearray([1, 2]), ba.remove(ord('X')), ba)
show('bytes item', lambda: b'abc'.__setitem__(0, 1))
show('bytes + str', lambda: b'a' + 'b')
show('bytearray big', lambda: bytearray([256]))
show('bytes neg', lambda: bytes([-1]))
show('ba append str', lambda: bytearray().append('a'))
show('bytes fromhex bad', lambda: bytes.fromhex('zz'))
show('bytes(str)', lambda: bytes('abc'))
show('ba remove missing', lambda: bytearray(b'a').remove(98))

print('--- list')
lst = [3, 1, 4, 1, 5, 9, 2, 6]
print(lst.index(1), lst.index(1, 2), lst.count(1), sorted(lst), lst[::-2], lst.copy() == lst, lst.copy() is lst)
lst.append(7); lst.extend([8, 9]); lst.insert(0, 0); lst.insert(-1, 'neg'); lst.insert(100, 'end')
print(lst)
print(lst.pop(), lst.pop(0), lst.pop(-2), lst)
lst.remove(7); lst.reverse()
print(lst)
lst.sort(); lst.clear()
print(lst, [1, 2] * 2, [[0]] * 2, [1] + [2], [1, 2, 3] == [1, 2, 3], [1, 2] < [1, 2, 0], len([[]]))
aliased = [[0] * 2] * 2
aliased[0][0] = 1
print(aliased)
show('list.index missing', lambda: [1].index(2))
show('list.remove missing', lambda: [1].remove(2))
show('pop empty', lambda: [].pop())
show('pop oob', lambda: [1].pop(5))
show('list index oob', lambda: [1][1])
one_list, key_a = [1], 'a'
show('list index str', lambda: one_list[key_a])
show('list + tuple', lambda: [1] + (2,))
show('list * list', lambda: [1] * [2])
show('sort mixed', lambda: [1, 'a', 2.0].sort())
print(list('abc'), list(range(3)), list({'a': 1}), list((1,)), list(), list(map(int, '123')))

print('--- tuple')
t = (1, 2, 3, 2)
print(t.count(2), t.index(3), t[1:], t + (4,), t * 2, (1,) < (1, 2), tuple('ab'), tuple([]), (), (5,), hash((1, 2)) == hash((1, 2)))
show('tuple index', lambda: t.index(7))
show('tuple assign', lambda: t.__setitem__(0, 1))
show('hash unhashable tuple', lambda: hash((1, [2])))
show('tuple oob', lambda: t[10])

print('--- dict')
d = {'b': 2, 'a': 1}
d['c'] = 3
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()), len(d), 'a' in d, 2 in d)
print(d.get('a'), d.get('z'), d.get('z', 0), d.setdefault('a', 9), d.setdefault('n', []), d)
print(d.pop('n'), d.pop('zz', 'nope'), d.popitem(), d)
d.update({'x': 1}, y=2); d.update([('z', 3)])
print(d, dict(a=1, b=2), dict([('k', 'v')]), dict.fromkeys('ab', 0), dict(d, extra=True))
print(d | {'q': 0}, {**d}, d.copy() == d, sorted(d.items(), key=lambda kv: kv[1]))
d |= {'b': 200}
print(d, d == {'b': 200, 'a': 1, 'x': 1, 'y': 2, 'z': 3}, list(reversed(d)))
keys = d.keys()
d['new'] = 0
print(keys, 'new' in keys, keys & {'a', 'zz'}, sorted(keys - {'a'}), type(d.values()).__name__)
show('missing key', lambda: d['missing'])
show('missing key tuple', lambda: {}[(1, 2)])
show('pop missing', lambda: {}.pop('x'))
show('popitem empty', lambda: {}.popitem())
show('unhashable key', lambda: {[1]: 2})
show('dict from bad seq', lambda: dict([(1, 2, 3)]))
show('dict from bad elem', lambda: dict([1]))
def mutate_during_iter():
    dd = {1: 1, 2: 2}
    for k in dd:
        dd[k + 10] = 0
show('dict changed size', mutate_during_iter)
show('dict | list', lambda: {} | [])

print('--- set / frozenset')
a, b = {1, 2, 3}, {3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a <= {1, 2, 3, 4}, a < a, a.isdisjoint({9}), a.issuperset({1}))
print(sorted(a.union([7], (8,))), sorted(a.intersection(range(3))), sorted(a.difference({1})), sorted(a.symmetric_difference([1, 9])))
c = set()
c.add(1); c.update([2, 3], {4}); c.discard(99); c.remove(1)
print(sorted(c), c.pop() in {2, 3, 4}, len(c))
c.clear(); c |= {5}; c &= {5, 6}; c -= {6}; c ^= {7}
print(sorted(c), set() == frozenset(), frozenset([1, 2]) | {3}, type(frozenset([1]) | {3}).__name__, type({3} | frozenset([1])).__name__)
print(sorted({'b', 'a', 'c'}), {1, 2} == {2, 1}, {1} in [{1}], len({1, 1.0, True}), {frozenset([1]): 'fs'})
show('remove missing', lambda: set().remove(1))
show('pop empty set', lambda: set().pop())
show('unhashable in set', lambda: {[]})
show('set | list', lambda: {1} | [2])
show('set < list', lambda: {1} < [1])
show('frozenset add', lambda: frozenset().add(1))
print(repr(set()), repr(frozenset()), repr({1}), repr(frozenset({1})))

print('--- range / misc')
r = range(2, 20, 3)
print(r, list(r), len(r), r[2], r[-1], r[1:3], 8 in r, 9 in r, r.index(11), r.count(5), range(5)[::-1], range(0) == range(2, 2))
show('range step 0', lambda: range(1, 2, 0))
show('range index', lambda: range(3)[5])
print(list(enumerate(reversed(range(3)))), sorted(range(5), reverse=True), list(range(10, 0, -3)))
print(repr(None), repr(...), repr(NotImplemented), type(...).__name__, bool(...))
print(isinstance([], (list, tuple)), type([]) is list, issubclass(bool, int), callable(len), id(None) == id(None))
print(abs(-5), abs(-2.5), hash('a') == hash('a'), hash(1), hash(-1), hash(0.5), hash(()) == hash(()))
print(memoryview(b'abc')[1], bytes(memoryview(b'abc')[1:]), memoryview(b'xy').tolist())
