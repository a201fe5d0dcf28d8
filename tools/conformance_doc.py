"""Regenerate docs/conformance.md: the core list and the extra stdlib modules, run
natively and under pyceval (takes a few minutes on 2 cores).

    python3 tools/conformance_doc.py [-j N]
"""
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from pyceval.tools import conformance  # noqa: E402

BEYOND = """test_json test_textwrap test_difflib test_string test_fractions test_statistics
test_dataclasses test_enum test_functools test_collections test_heapq test_bisect test_copy
test_pprint test_shlex test_argparse test_csv test_operator test_abc test_typing test_inspect
test_traceback test_calendar test_configparser test_tomllib test_html test_keyword
test_reprlib test_graphlib test_random""".split()

INTRO = """# Conformance: CPython's test suite under pyceval

Each `test.<module>` of CPython's own `Lib/test` runs natively and under pyceval, in
separate processes, through a unittest driver that records every case. A case
*conforms* when its outcome under pyceval (pass, skip, expected failure) is the native
one; cases that do not pass natively are left out. Regenerate this page with
`python3 tools/conformance_doc.py`; one module: `pyceval conformance test_grammar`.
Remaining failures are grouped by cause from `tests/conformance_divergences.py`
(`tests/test_conformance.py` keeps that list honest for the modules CI runs).

"""


def main(argv):
    jobs = argv[argv.index("-j") + 1] if "-j" in argv else str(os.cpu_count() or 1)
    known = os.path.join(ROOT, "tests", "conformance_divergences.py")
    parts = [INTRO]
    with tempfile.TemporaryDirectory() as tmp:
        for title, modules in (("Core list", []), ("Beyond the core list: pure-Python "
                                                   "stdlib modules", BEYOND)):
            out = os.path.join(tmp, "part.md")
            conformance.main(["-j", jobs, "--known", known, "--markdown", out,
                              "--title", title, *modules])
            with open(out) as fh:
                parts.append(fh.read())
    with open(os.path.join(ROOT, "docs", "conformance.md"), "w") as fh:
        fh.write("\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
