"""A utility module documented with doctests, run through doctest the way
projects do in CI: testmod on this module, DocTestParser/DocTestRunner on a
text file, option flags, a failing example whose report is captured."""
import doctest
import io
import os
import re
import sys


def parse_duration(text):
    """Parse durations like '1h30m', '45s', '2d'.

    >>> parse_duration("1h30m")
    5400
    >>> parse_duration("45s")
    45
    >>> parse_duration("2d 3h")
    183600
    >>> parse_duration("")
    Traceback (most recent call last):
        ...
    ValueError: empty duration
    >>> parse_duration("5x")
    Traceback (most recent call last):
    ValueError: unknown unit 'x' in '5x'
    """
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    text = text.replace(" ", "")
    if not text:
        raise ValueError("empty duration")
    total, num = 0, ""
    for ch in text:
        if ch.isdigit():
            num += ch
        elif ch in units:
            total += int(num) * units[ch]
            num = ""
        else:
            raise ValueError(f"unknown unit {ch!r} in {text!r}")
    return total


def humanize(seconds):
    """Turn seconds into a short description.

    >>> humanize(0)
    'now'
    >>> [humanize(s) for s in (59, 60, 3599, 3600, 90061)]
    ['59s', '1m', '59m 59s', '1h', '1d 1h 1m 1s']
    >>> print(humanize(7322))
    2h 2m 2s
    """
    if seconds == 0:
        return "now"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        n, seconds = divmod(seconds, size)
        if n:
            parts.append(f"{n}{unit}")
    return " ".join(parts)


class Interval:
    """A closed interval of integers.

    >>> a = Interval(1, 5)
    >>> a
    Interval(1, 5)
    >>> 3 in a, 6 in a
    (True, False)
    >>> len(a)
    5
    >>> a & Interval(4, 10)
    Interval(4, 5)
    >>> print(a & Interval(7, 9))
    None
    >>> sorted([Interval(3, 4), Interval(1, 9), Interval(2, 2)])   # doctest: +NORMALIZE_WHITESPACE
    [Interval(1, 9),
     Interval(2, 2),
     Interval(3, 4)]
    >>> list(Interval(1, 100))  # doctest: +ELLIPSIS
    [1, 2, 3, ..., 99, 100]
    >>> {"big": Interval(0, 10**6)}
    {'big': Interval(0, 1000000)}
    """

    def __init__(self, lo, hi):
        if lo > hi:
            raise ValueError("empty interval")
        self.lo, self.hi = lo, hi

    def __repr__(self):
        return f"Interval({self.lo}, {self.hi})"

    def __contains__(self, x):
        return self.lo <= x <= self.hi

    def __len__(self):
        return self.hi - self.lo + 1

    def __iter__(self):
        return iter(range(self.lo, self.hi + 1))

    def __lt__(self, other):
        return (self.lo, self.hi) < (other.lo, other.hi)

    def __and__(self, other):
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None

    def shift(self, n):
        """Shift both ends.

        >>> Interval(1, 2).shift(3)
        Interval(4, 5)
        >>> Interval(1, 2).shift(-1).lo
        0
        """
        return Interval(self.lo + n, self.hi + n)


def buggy_mean(xs):
    """This doctest fails on purpose.

    >>> buggy_mean([1, 2, 3, 4])
    2.5
    >>> buggy_mean([])
    0
    """
    return sum(xs) // len(xs)


TEXT_DOC = """
Using the library from a text file
==================================

    >>> from math import isqrt
    >>> x = 10
    >>> x * 2
    20
    >>> isqrt(x)
    3

Blank lines in output need a marker:

    >>> print("a\\n\\nb")
    a
    <BLANKLINE>
    b

Skipped and ignored examples:

    >>> 1 / 0   # doctest: +SKIP
    >>> print("noise")  # doctest: +IGNORE_EXCEPTION_DETAIL
    noise

Exception detail can be ignored:

    >>> raise KeyError("some key")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    KeyError: 'a different key'

State persists between examples:

    >>> x += 1; x
    11
    >>> undefined_name
    Traceback (most recent call last):
    NameError: name 'undefined_name' is not defined
"""


def main():
    # testmod on everything except the deliberately failing function
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [t for t in finder.find(sys.modules[__name__]) if t.examples]
    tests.sort(key=lambda t: t.name)
    out = io.StringIO()
    for test in tests:
        short = test.name.split(".", 1)[1] if "." in test.name else test.name
        before = runner.failures
        runner.run(test, out=out.write)
        status = "FAILED" if runner.failures > before else "ok"
        print(f"{short:25} {len(test.examples):2} examples  {status}")
    results = runner.summarize(verbose=False)
    print("summary:", results)

    # the failure report, with the file path removed
    report = out.getvalue()
    for line in report.splitlines():
        if line.startswith("File "):
            line = "File ..., " + line.split(", ", 1)[1]
        line = re.sub(r'File "([^"]*)"', lambda m: f'File "{os.path.basename(m[1])}"', line)
        print("|", line)

    # a text document
    parser = doctest.DocTestParser()
    test = parser.get_doctest(TEXT_DOC, {}, "guide.txt", "guide.txt", 0)
    print("guide examples:", len(test.examples),
          [e.lineno for e in test.examples][:4], repr(test.examples[0].source))
    r2 = doctest.DocTestRunner(verbose=False)
    buf = io.StringIO()
    r2.run(test, out=buf.write)
    print("guide:", r2.summarize(verbose=False), repr(buf.getvalue()[:60]))

    # verbose mode on a tiny docstring
    tiny = parser.get_doctest(">>> 2 + 2\n4\n>>> 'x' * 3\n'xxx'\n", {}, "tiny", None, 0)
    r3 = doctest.DocTestRunner(verbose=True)
    vb = io.StringIO()
    r3.run(tiny, out=vb.write)
    print(vb.getvalue(), end="")

    # testmod as a one-liner, capturing its stdout
    saved = sys.stdout
    sys.stdout = io.StringIO()
    try:
        res = doctest.testmod(sys.modules[__name__], optionflags=doctest.ELLIPSIS, report=False)
    finally:
        sys.stdout = saved
    print("testmod:", res)
    print("output checker:", doctest.OutputChecker().check_output("[1, ..., 9]\n", "[1, 2, 9]\n",
                                                                 doctest.ELLIPSIS))
    print("script_from_examples:")
    print(doctest.script_from_examples(">>> 1 + 1\n2\nSome text\n>>> print('x')\nx\n"))


if __name__ == "__main__":
    main()
