"""A service that configures logging the way applications do: dictConfig, a logger
hierarchy, filters, adapters, custom formatter hiding file paths in tracebacks,
per-request context and an in-memory handler for the final summary."""
import io
import logging
import logging.config
import logging.handlers
import os
import sys
import traceback
import warnings


class PathFreeFormatter(logging.Formatter):
    """Tracebacks with basenames only (no absolute paths in output)."""

    def formatException(self, ei):
        lines = []
        for fs in traceback.extract_tb(ei[2]):
            lines.append(f'  File "{os.path.basename(fs.filename)}", line {fs.lineno}, in {fs.name}')
            if fs.line:
                lines.append(f"    {fs.line}")
        lines.append("".join(traceback.format_exception_only(ei[0], ei[1])).rstrip())
        return "Traceback (most recent call last):\n" + "\n".join(lines)

    def formatStack(self, stack_info):
        return "Stack (hidden): %d frames" % stack_info.count("File ")


class RequestFilter(logging.Filter):
    def __init__(self):
        super().__init__()
        self.request_id = "-"

    def filter(self, record):
        record.request_id = self.request_id
        return not str(record.msg).startswith("healthcheck")


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


REQUEST_FILTER = RequestFilter()
LIST_HANDLER = ListHandler()

CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"()": PathFreeFormatter,
                  "format": "%(levelname)-8s %(name)-14s [%(request_id)s] %(message)s"},
        "root": {"()": PathFreeFormatter, "format": "ROOT %(levelname)s %(name)s: %(message)s"},
        "short": {"()": PathFreeFormatter, "format": "%(levelname).1s:%(name)s:%(funcName)s:%(message)s"},
    },
    "filters": {"request": {"()": lambda: REQUEST_FILTER}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                   "formatter": "plain", "filters": ["request"], "level": "DEBUG"},
        "rootout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                    "formatter": "root"},
        "errors": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                   "formatter": "short", "level": "ERROR"},
    },
    "loggers": {
        "app": {"level": "DEBUG", "handlers": ["stdout"], "propagate": False},
        "app.db": {"level": "INFO"},
        "app.http": {"level": "DEBUG", "handlers": ["errors"]},
        "noisy": {"level": "WARNING"},
    },
    "root": {"level": "INFO", "handlers": ["rootout"]},
}


class Database:
    log = logging.getLogger("app.db")

    def __init__(self):
        self.rows = {1: "alice", 2: "bob"}

    def get(self, key):
        self.log.debug("lookup %s", key)  # filtered: app.db is INFO
        try:
            return self.rows[key]
        except KeyError:
            self.log.warning("missing row %r", key)
            raise LookupError(f"no user {key}") from None


class Handler:
    log = logging.getLogger("app.http")

    def __init__(self, db):
        self.db = db

    def handle(self, request_id, path):
        REQUEST_FILTER.request_id = request_id
        adapter = logging.LoggerAdapter(self.log, {"path": path})
        adapter.info("GET %s", path)
        try:
            if path == "/health":
                self.log.info("healthcheck ok")
                return 200
            parts = path.strip("/").split("/")
            if parts[0] != "users":
                self.log.warning("unknown route %s", path)
                return 404
            user = self.db.get(int(parts[1]))
            self.log.debug("found %s", user)
            return 200
        except LookupError as e:
            self.log.error("lookup failed: %s", e)
            return 404
        except Exception:
            self.log.exception("unhandled error for %s", path)
            return 500
        finally:
            REQUEST_FILTER.request_id = "-"


def main():
    logging.config.dictConfig(CONFIG)
    logging.getLogger("app").addHandler(LIST_HANDLER)

    app = Handler(Database())
    for i, path in enumerate(["/users/1", "/health", "/users/9", "/orders", "/users/x",
                              "/users/"]):
        status = app.handle(f"req-{i}", path)
        print(f"-> {path} {status}")
        sys.stdout.flush()
        sys.stderr.flush()

    # hierarchy & effective levels
    for name in ["app", "app.db", "app.http", "app.http.client", "noisy.lib", "other"]:
        lg = logging.getLogger(name)
        print(f"{name:16} level={logging.getLevelName(lg.level):8} "
              f"effective={logging.getLevelName(lg.getEffectiveLevel()):8} "
              f"parent={lg.parent.name} enabled(DEBUG)={lg.isEnabledFor(logging.DEBUG)}")

    logging.getLogger("noisy.lib").info("you will not see this")
    logging.getLogger("noisy.lib").warning("noisy warning %d%%", 99)
    logging.getLogger("other").info("other %s", {"k": [1, 2]})
    logging.getLogger("app.http.client").debug("deep debug line")
    logging.getLogger("app").info("stack", stack_info=True)

    # lazy formatting errors go to Handler.handleError; report them briefly
    def short_error(record):
        exc = sys.exc_info()[1]
        print(f"logging error in {record.name}: {type(exc).__name__}: {exc}")

    for h in logging.getLogger("app").handlers:
        h.handleError = short_error
    logging.getLogger("app.db").info("bad format %d", "not-a-number")

    # custom levels, LogRecord factory, percent/brace styles
    logging.addLevelName(25, "NOTICE")
    logging.getLogger("app").log(25, "custom level")
    bf = logging.Formatter("{levelname}|{name}|{message}", style="{")
    sf = logging.Formatter("$levelname/$name/$message", style="$")
    rec = logging.LogRecord("x.y", logging.WARNING, "file.py", 10, "hello %s", ("w",), None)
    print(bf.format(rec), sf.format(rec), rec.getMessage(), rec.levelno)

    old_factory = logging.getLogRecordFactory()

    def factory(*a, **k):
        r = old_factory(*a, **k)
        r.msg = "[tagged] " + str(r.msg)
        return r

    logging.setLogRecordFactory(factory)
    logging.getLogger("app").warning("with factory")
    logging.setLogRecordFactory(old_factory)

    # MemoryHandler buffering, flushing into a StringIO target
    buf = io.StringIO()
    target = logging.StreamHandler(buf)
    target.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    mem = logging.handlers.MemoryHandler(capacity=3, flushLevel=logging.ERROR, target=target)
    ml = logging.getLogger("buffered")
    ml.propagate = False
    ml.setLevel(logging.DEBUG)
    ml.addHandler(mem)
    for i in range(4):
        ml.debug("buffered %d", i)
        print("buffer size after", i, "=", len(mem.buffer))
    ml.error("flush now")
    mem.close()
    print("memory handler wrote:", buf.getvalue().splitlines())

    # warnings routed through logging
    logging.captureWarnings(True)
    warnings.formatwarning = lambda msg, cat, filename, lineno, line=None: (
        f"{os.path.basename(filename)}:{lineno}: {cat.__name__}: {msg}")
    warnings.warn("deprecated thing", DeprecationWarning, stacklevel=1)
    warnings.simplefilter("always")
    warnings.warn("user warning here")
    logging.captureWarnings(False)

    # summary from the in-memory handler
    by_level = {}
    for r in LIST_HANDLER.records:
        by_level[r.levelname] = by_level.get(r.levelname, 0) + 1
    print("captured by level:", sorted(by_level.items()))
    print("exc records:", [(r.name, r.exc_info[0].__name__) for r in LIST_HANDLER.records if r.exc_info])
    print("adapter extras:", sorted({getattr(r, "path", None) or "" for r in LIST_HANDLER.records}))
    logging.shutdown()


if __name__ == "__main__":
    main()
