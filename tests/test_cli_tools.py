"""The `pyceval` command line: the python-style default (`pyceval script.py args`) and
`pyceval stats` on a program with a polymorphic site (its report must stay readable and
bounded however often a site re-specializes)."""
import json
import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

POLYMORPHIC = textwrap.dedent("""\
    class A:
        def __init__(self):
            self.x = 1
    class B:
        def __init__(self):
            self.x = 2
    def get(o):
        return o.x
    objs = [A(), B()] * 3000
    print(sum(get(o) for o in objs))
""")


def pyceval(*argv, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONHASHSEED="0")
    return subprocess.run([sys.executable, "-m", "pyceval", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_script_without_run_behaves_like_python(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text("import sys\nprint(sys.argv[1:])\nsys.exit(3)\n")
    direct = pyceval(str(script), "a", "-b")
    assert (direct.returncode, direct.stdout) == (3, "['a', '-b']\n")
    assert pyceval("run", str(script), "a", "-b").stdout == direct.stdout
    assert pyceval("-c", "print(6 * 7)").stdout == "42\n"
    assert pyceval("--no-tier2", "-c", "print(1)").stdout == "1\n"
    missing = pyceval(str(tmp_path / "nosuch.py"))
    native = subprocess.run([sys.executable, str(tmp_path / "nosuch.py")], capture_output=True,
                            text=True)
    assert missing.returncode == native.returncode == 2
    assert "can't open file" in missing.stderr
    bad = pyceval("-x")
    assert bad.returncode == 2 and "unknown option -x" in bad.stderr


def test_stats_history_of_a_polymorphic_site_is_bounded(tmp_path):
    script = tmp_path / "poly.py"
    script.write_text(POLYMORPHIC)
    out = tmp_path / "stats.json"
    p = pyceval("stats", "--json", str(out), "--sort", "deopts", "--limit", "1", str(script))
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("9000\n")
    data = json.loads(out.read_text())
    row = next(r for r in data["instructions"]
               if r["function"] == "get" and r["base"] == "LOAD_ATTR")
    events = row["events"]
    # 3.11: 53 misses deoptimize, the adaptive form retries: the site cycles many times
    assert events["deopt"] >= 20 and events["success"] >= events["deopt"]
    assert len(row["history"]) <= 12 and len(row["history_tail"]) <= 4
    assert row["history_omitted"] + len(row["history"]) + len(row["history_tail"]) \
        == sum(events.values())
    assert row["history"][0]["event"] == "success"
    assert row["history"][0]["detail"] == "LOAD_ATTR_INSTANCE_VALUE"
    assert sum(n for w, d, n in row["event_details"] if w == "deopt") == events["deopt"]
    assert data["families"]["load_attr"]["deopt"] >= events["deopt"]
    # the text report: this site first (--sort deopts), on one bounded line
    lines = p.stdout.splitlines()
    at = lines.index("Instructions by deopts (top 1)")
    assert " get @" in lines[at + 1] and "LOAD_ATTR" in lines[at + 1]
    described = lines[at + 2]
    assert described.strip().startswith("specialized to LOAD_ATTR_INSTANCE_VALUE at execution 8;")
    assert "more events (" in described
    assert f"in all: deoptimized {events['deopt']}x, specialized {events['success']}x" in described
    assert len(described) < 1000
