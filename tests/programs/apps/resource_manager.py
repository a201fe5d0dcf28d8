"""A build tool's resource handling: contextlib (ExitStack, contextmanager,
suppress, closing, redirect_stdout, nullcontext, chdir), tempfile working
directories, shutil/pathlib/os file operations, zipfile archives in memory and
atexit-free cleanup ordering. Only relative names are printed."""
import contextlib
import hashlib
import io
import os
import pathlib
import shutil
import sys
import tempfile
import zipfile


LOG = []


class Resource:
    def __init__(self, name, fail_on_close=False):
        self.name = name
        self.fail_on_close = fail_on_close
        self.closed = False
        LOG.append(f"open {name}")

    def close(self):
        self.closed = True
        LOG.append(f"close {self.name}")
        if self.fail_on_close:
            raise OSError(f"{self.name}: close failed")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


@contextlib.contextmanager
def step(name):
    LOG.append(f"begin {name}")
    try:
        yield name.upper()
    except ValueError as e:
        LOG.append(f"{name} handled {e}")
    else:
        LOG.append(f"{name} ok")
    finally:
        LOG.append(f"end {name}")


@contextlib.contextmanager
def transaction(db):
    snapshot = dict(db)
    try:
        yield db
    except Exception:
        db.clear()
        db.update(snapshot)
        LOG.append("rolled back")
        raise
    else:
        LOG.append("committed")


class Timer(contextlib.ContextDecorator):
    """Counts instead of timing so output stays deterministic."""
    calls = 0

    def __enter__(self):
        Timer.calls += 1
        return self

    def __exit__(self, *exc):
        return False


@Timer()
def decorated(x):
    return x * 2


class AsyncRes(contextlib.AbstractAsyncContextManager):
    async def __aexit__(self, *exc):
        LOG.append("async exit")


def tree(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            out.append(f"{os.path.normpath(os.path.join(rel, f))} ({os.path.getsize(p)} bytes)")
    return out


def build(src, dst):
    """Copy sources, 'compile' .txt into .out, and produce a manifest."""
    manifest = []
    for path in sorted(pathlib.Path(src).rglob("*.txt")):
        rel = path.relative_to(src)
        target = pathlib.Path(dst, rel).with_suffix(".out")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        target.write_text(text.upper(), encoding="utf-8")
        digest = hashlib.md5(text.encode()).hexdigest()[:8]
        manifest.append(f"{rel.as_posix()} -> {target.relative_to(dst).as_posix()} {digest}")
    pathlib.Path(dst, "MANIFEST").write_text("\n".join(manifest) + "\n")
    return manifest


def main():
    # ExitStack with callbacks, failing close, and pop_all
    try:
        with contextlib.ExitStack() as stack:
            a = stack.enter_context(Resource("a"))
            stack.enter_context(Resource("b", fail_on_close=True))
            stack.callback(LOG.append, "callback 1")
            c = stack.enter_context(contextlib.closing(Resource("c")))
            stack.push(lambda *exc: LOG.append(f"push sees {exc[0].__name__ if exc[0] else None}"))
            LOG.append(f"using {a.name} and {c.name}")
            raise KeyError("oops")
    except OSError as e:
        print("exit stack raised:", e, "| context:", repr(e.__context__))
    print("\n".join("  " + l for l in LOG))
    LOG.clear()

    with contextlib.ExitStack() as outer:
        res = [outer.enter_context(Resource(f"r{i}")) for i in range(3)]
        keep = outer.pop_all()
    print("after pop_all:", [r.closed for r in res])
    keep.close()
    print("after close:", [r.closed for r in res], LOG[-3:])
    LOG.clear()

    # contextmanager-based steps, suppress, nullcontext
    with step("compile") as s:
        LOG.append(f"inside {s}")
    with step("link"):
        raise ValueError("bad symbol")
    try:
        with step("package"):
            raise RuntimeError("disk full")
    except RuntimeError as e:
        LOG.append(f"propagated {e}")
    with contextlib.suppress(FileNotFoundError, KeyError):
        {}["nope"]
    LOG.append("suppressed")
    with contextlib.nullcontext("value") as v:
        LOG.append(f"null gave {v}")
    print("\n".join("  " + l for l in LOG))
    LOG.clear()

    db = {"x": 1}
    with transaction(db) as t:
        t["y"] = 2
    try:
        with transaction(db) as t:
            t["z"] = 3
            raise LookupError("constraint")
    except LookupError:
        pass
    print("db:", db, LOG)
    LOG.clear()

    print("decorated:", decorated(21), decorated(1), "timer calls:", Timer.calls)

    # redirect_stdout/stderr into buffers
    buf, ebuf = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(ebuf):
        print("to buffer")
        print("to err buffer", file=sys.stderr)
        help(len)
    print("captured:", buf.getvalue().splitlines()[0], "| err:", ebuf.getvalue().strip(),
          "| help lines:", len(buf.getvalue().splitlines()) > 3)

    # reusable / reentrant
    cm = contextlib.nullcontext()
    with cm, cm:
        pass
    gen_cm = step("once")
    with gen_cm:
        pass
    try:
        with gen_cm:
            pass
    except (RuntimeError, AttributeError) as e:
        print("generator cm not reusable:", type(e).__name__)
    LOG.clear()

    # temp dirs, chdir, files
    start = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="build-") as tmp:
        print("tmp basename starts with build-:", os.path.basename(tmp).startswith("build-"))
        src = os.path.join(tmp, "src")
        os.makedirs(os.path.join(src, "pkg", "sub"))
        files = {"a.txt": "alpha\n", "pkg/b.txt": "beta\nbeta\n", "pkg/sub/c.txt": "gamma",
                 "pkg/skip.bin": "\x00\x01", "README": "readme"}
        for rel, text in files.items():
            with open(os.path.join(src, *rel.split("/")), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        with contextlib.chdir(tmp):
            print("cwd inside chdir is tmp:", os.path.samefile(os.getcwd(), tmp))
            manifest = build("src", "dist")
            print("manifest:")
            for line in manifest:
                print("  " + line)
            shutil.copytree("src", "copy", ignore=shutil.ignore_patterns("*.bin", "README"))
            print("copy tree:", tree("copy"))
            shutil.move("copy/a.txt", "copy/pkg/a-moved.txt")
            os.rename("copy/pkg/sub", "copy/pkg/renamed")
            print("after move:", tree("copy"))
            archive = shutil.make_archive("dist-archive", "zip", root_dir="dist")
            print("archive:", os.path.basename(archive))
            with zipfile.ZipFile(archive) as zf:
                print("zip entries:", sorted(zf.namelist()))
                print("zip a.out:", zf.read("a.out").decode().strip())
            try:
                open("missing.txt")
            except FileNotFoundError as e:
                print("missing:", e.errno, e.strerror, e.filename)
            shutil.rmtree("copy")
            print("exists after rmtree:", os.path.exists("copy"),
                  sorted(p.name for p in pathlib.Path(".").iterdir()))
            with tempfile.NamedTemporaryFile("w+", suffix=".log", dir=".", delete=True) as nt:
                nt.write("line1\nline2\n")
                nt.flush()
                nt.seek(0)
                print("named temp:", nt.read().splitlines(), os.path.dirname(
                    os.path.relpath(nt.name)) == "", nt.name.endswith(".log"))
            with tempfile.SpooledTemporaryFile(max_size=10, mode="w+") as sp:
                sp.write("short")
                rolled_before = sp._rolled
                sp.write(" but now longer than ten")
                print("spooled rolled:", rolled_before, sp._rolled)
        print("back in start dir:", os.getcwd() == start)
        saved_tmp = tmp
    print("tmp removed:", not os.path.exists(saved_tmp))

    # in-memory zip with compression and comments
    mem = io.BytesIO()
    with zipfile.ZipFile(mem, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/numbers.txt", "\n".join(str(i) for i in range(500)))
        zf.writestr(zipfile.ZipInfo("data/empty/", date_time=(2020, 1, 1, 0, 0, 0)), "")
        zf.comment = b"built by resource_manager"
    mem.seek(0)
    with zipfile.ZipFile(mem) as zf:
        info = zf.getinfo("data/numbers.txt")
        print("zip:", zf.comment, info.file_size, info.compress_size < info.file_size,
              zf.testzip(), [i.is_dir() for i in zf.infolist()])
        with zf.open("data/numbers.txt") as fh:
            lines = io.TextIOWrapper(fh, encoding="ascii").read().splitlines()
        print("zip lines:", len(lines), lines[-1])

    # async context manager via a minimal event loop
    import asyncio

    async def use_async():
        async with AsyncRes() as r:
            LOG.append(f"async body {type(r).__name__}")
        async with contextlib.AsyncExitStack() as st:
            st.push_async_callback(_acb, "async callback")
            await st.enter_async_context(AsyncRes())

    async def _acb(msg):
        LOG.append(msg)

    asyncio.run(use_async())
    print("async:", LOG)


if __name__ == "__main__":
    main()
