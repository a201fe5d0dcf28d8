"""Every program under tests/programs/ (and the shipped examples) must behave the same
natively and under pyceval: stdout, stderr and exit status (see differential.py)."""
import glob
import os

import pytest

from differential import ROOT, compare

PROGRAMS = sorted(
    os.path.relpath(p, ROOT)
    for p in glob.glob(os.path.join(ROOT, "tests", "programs", "**", "*.py"), recursive=True)
) + ["examples/tour.py"]


@pytest.mark.parametrize("program", PROGRAMS)
def test_program(program):
    problems = compare(program)
    assert not problems, "\n".join(problems)


CLI_CASES = [
    (["-c", "import sys; print(sys.argv, __name__)"], ["a", "b"], b""),
    (["-c", "print(input()); print(input())"], [], b"one\ntwo\n"),
    (["-c", "import sys; sys.exit('bye')"], [], b""),
    (["-c", "import sys; sys.exit(7)"], [], b""),
    (["-c", "raise SystemExit"], [], b""),
    (["-c", "1/0"], [], b""),
    (["-c", "def f(:"], [], b""),
    (["-m", "json.tool"], [], b'{"b": [1, 2], "a": null}'),
    (["-m", "tests.programs.lang.operators_arith"], [], b""),
    (["tests/programs/lang/exit_code.py"], ["x", "--flag"], b""),
    (["no_such_file.py"], [], b""),
    (["-m", "no_such_module_xyz"], [], b""),
]


@pytest.mark.parametrize("target,args,stdin", CLI_CASES, ids=[" ".join(c[0])[:40] for c in CLI_CASES])
def test_cli_like_python(target, args, stdin):
    problems = compare(target, args, stdin)
    assert not problems, "\n".join(problems)
