"""No escapes: while a program runs under pyceval, the host executes no Python frame
except pyceval's own machinery and the import system's frozen bootstrap.

tests/support/escape_probe.py runs the program in a subprocess with a host profiler
(sys.setprofile / threading.setprofile) that records every frame the host executes.
Guest code, stdlib code imported by the program and stdlib code imported before the
VM started (adopted, see pyceval/adoption.py) must all run inside the VM.
"""
import glob
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROBE = os.path.join(ROOT, "tests", "support", "escape_probe.py")
PROGRAMS = sorted(os.path.relpath(p, ROOT) for p in glob.glob(
    os.path.join(ROOT, "tests", "programs", "**", "*.py"), recursive=True)
    if not p.endswith("__init__.py"))


@pytest.mark.parametrize("program", PROGRAMS)
def test_no_python_frame_runs_on_the_host(program, tmp_path):
    out = tmp_path / "probe.json"
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=ROOT)
    subprocess.run([sys.executable, PROBE, str(out), program], cwd=ROOT, env=env,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=180)
    report = json.loads(out.read_text())
    assert report["guest_native"] == {}, "guest frames executed natively"
    assert report["other_native"] == {}, "Python frames executed natively"
