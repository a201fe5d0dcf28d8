"""Application configuration loading, layered the way services do it: defaults
from dataclasses, a TOML file (tomllib), an INI file (configparser with
interpolation), environment variable overrides, and command-line style
overrides; then validation with rich error messages and a dump of the
effective config with where each value came from."""
import configparser
import dataclasses
import enum
import io
import json
import os
import tomllib
import typing
from dataclasses import KW_ONLY, InitVar, asdict, dataclass, field, fields, replace

TOML_TEXT = """
# service configuration
title = "inventory-service"
debug = false
tags = ["prod", "eu"]

[server]
host = "0.0.0.0"
port = 8080
workers = 4
timeouts = { read = 2.5, write = 5.0 }

[database]
url = "postgresql://db.internal:5432/inv"
pool_size = 10
options.sslmode = "require"
options.application_name = "inv"

[[cache.backends]]
name = "local"
size_mb = 64

[[cache.backends]]
name = "redis"
url = "redis://cache:6379/0"
size_mb = 512

[logging]
level = "INFO"
started = 2024-01-15T08:30:00Z
window = 07:30:00
"""

INI_TEXT = """
[DEFAULT]
base_dir = /srv/inventory
env = staging

[paths]
data = %(base_dir)s/data
logs = %(base_dir)s/logs/%(env)s
cache = ${paths:data}/cache

[features]
new_ui = yes
beta_api = off
max_items = 250
ratio = 0.75

[empty]
"""


class LogLevel(enum.Enum):
    DEBUG = 10
    INFO = 20
    WARNING = 30
    ERROR = 40


@dataclass(frozen=True, slots=True)
class Timeouts:
    read: float = 1.0
    write: float = 1.0


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    timeouts: Timeouts = field(default_factory=Timeouts)

    def __post_init__(self):
        if not 0 < self.port < 65536:
            raise ValueError(f"server.port out of range: {self.port}")
        if self.workers < 1:
            raise ValueError("server.workers must be >= 1")


@dataclass
class DatabaseConfig:
    url: str = "sqlite:///:memory:"
    pool_size: int = 5
    options: dict = field(default_factory=dict)
    password: InitVar[str] = None
    has_password: bool = field(init=False, default=False)

    def __post_init__(self, password):
        self.has_password = bool(password)


@dataclass
class CacheBackend:
    name: str
    size_mb: int = 16
    url: typing.Optional[str] = None


@dataclass
class AppConfig:
    title: str = "app"
    _: KW_ONLY
    debug: bool = False
    tags: list = field(default_factory=list)
    server: ServerConfig = field(default_factory=ServerConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    backends: list = field(default_factory=list)
    level: LogLevel = LogLevel.WARNING
    paths: dict = field(default_factory=dict, metadata={"source": "ini"})
    features: dict = field(default_factory=dict, metadata={"source": "ini"})


class ConfigError(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} configuration error(s)")
        self.errors = errors


def coerce(value, typ, path):
    origin = typing.get_origin(typ)
    if origin is typing.Union:
        args = [a for a in typing.get_args(typ) if a is not type(None)]
        return None if value is None else coerce(value, args[0], path)
    if typ is bool:
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("1", "true", "yes", "on"):
            return True
        if str(value).lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{path}: cannot interpret {value!r} as bool")
    if isinstance(typ, type) and issubclass(typ, enum.Enum):
        try:
            return typ[str(value).upper()]
        except KeyError:
            raise ValueError(f"{path}: {value!r} is not one of {[m.name for m in typ]}") from None
    if typ in (int, float, str):
        try:
            return typ(value)
        except ValueError:
            raise ValueError(f"{path}: {value!r} is not a valid {typ.__name__}") from None
    return value


def build(cls, data, path, sources, errors):
    kwargs = {}
    hints = typing.get_type_hints(cls)
    for f in fields(cls):
        if not f.init or f.name == "_":
            continue
        key = f"{path}.{f.name}" if path else f.name
        if f.name not in data:
            sources.setdefault(key, "default")
            continue
        raw = data[f.name]
        typ = hints[f.name]
        try:
            if dataclasses.is_dataclass(typ) and isinstance(raw, dict):
                kwargs[f.name] = build(typ, raw, key, sources, errors)
            else:
                kwargs[f.name] = coerce(raw, typ, key)
        except ValueError as e:
            errors.append(str(e))
    try:
        return cls(**kwargs)
    except (ValueError, TypeError) as e:
        errors.append(f"{path or 'root'}: {e}")
        return cls()


def deep_merge(base, override, sources, origin, prefix=""):
    for k, v in override.items():
        key = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            deep_merge(base[k], v, sources, origin, key)
        else:
            base[k] = v
            sources[key] = origin
    return base


def env_overrides(prefix):
    out = {}
    for name in sorted(os.environ):
        if not name.startswith(prefix):
            continue
        parts = name[len(prefix):].lower().split("__")
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = os.environ[name]
    return out


def load(argv_overrides=()):
    sources = {}
    data = {}
    toml_data = tomllib.loads(TOML_TEXT)
    toml_data["backends"] = toml_data.pop("cache")["backends"]
    toml_data["level"] = toml_data["logging"]["level"]
    deep_merge(data, {k: v for k, v in toml_data.items() if k != "logging"}, sources, "toml")

    ini = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
    ini.read_string(INI_TEXT.replace("%(base_dir)s", "${base_dir}").replace("%(env)s", "${env}"))
    data["paths"] = dict(ini["paths"])
    feats = ini["features"]
    data["features"] = {"new_ui": feats.getboolean("new_ui"), "beta_api": feats.getboolean("beta_api"),
                        "max_items": feats.getint("max_items"), "ratio": feats.getfloat("ratio")}
    sources["paths"] = sources["features"] = "ini"

    deep_merge(data, env_overrides("INV_"), sources, "env")
    for item in argv_overrides:
        key, _, value = item.partition("=")
        node = data
        *parents, leaf = key.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
        sources[key] = "argv"

    errors = []
    cfg = build(AppConfig, data, "", sources, errors)
    cfg.backends = [CacheBackend(**b) for b in data.get("backends", [])]
    if errors:
        raise ConfigError(errors)
    return cfg, sources


def main():
    os.environ["INV_SERVER__PORT"] = "9090"
    os.environ["INV_DEBUG"] = "yes"
    os.environ["INV_DATABASE__POOL_SIZE"] = "20"
    os.environ["INV_DATABASE__PASSWORD"] = "s3cret"
    cfg, sources = load(["server.workers=8", "level=debug"])
    print("effective config:")
    for key, value in sorted(flatten(asdict(cfg)).items()):
        src = sources.get(key) or sources.get(key.split(".")[0], "default")
        print(f"  {key:28} = {value!r:45} [{src}]")
    print("types:", type(cfg.server.timeouts).__name__, cfg.level, cfg.database.has_password,
          type(cfg.backends[0]).__name__)
    print("json:", json.dumps(asdict(cfg.server), sort_keys=True))
    print("replace:", replace(cfg.server, port=1234).port, cfg.server.port)
    try:
        cfg.server.timeouts.read = 9
    except dataclasses.FrozenInstanceError as e:
        print("frozen:", type(e).__name__, e)
    print("slots:", Timeouts.__slots__, hasattr(Timeouts(), "__dict__"))
    print("fields meta:", {f.name: dict(f.metadata) for f in fields(AppConfig) if f.metadata})
    try:
        AppConfig("x", False)
    except TypeError as e:
        print("kw_only:", e)
    print("repr:", repr(cfg.server))
    print("eq:", ServerConfig() == ServerConfig(), ServerConfig() == ServerConfig(port=1))

    for bad in (["server.port=70000"], ["server.workers=zero"], ["level=verbose", "debug=maybe"]):
        try:
            load(bad)
        except ConfigError as e:
            print(f"{bad}: {e}")
            for err in e.errors:
                print("   -", err)

    # configparser details
    cp = configparser.ConfigParser()
    cp.read_string(INI_TEXT)
    print("sections:", cp.sections(), "| defaults:", dict(cp.defaults()))
    print("interpolated:", cp["paths"]["logs"], "| raw:", cp.get("paths", "logs", raw=True))
    print("fallback:", cp.get("empty", "nothing", fallback="(none)"), cp.getint("features", "missing", fallback=-1),
          "| has:", cp.has_option("empty", "env"), "| items:", len(cp.items("empty")))
    try:
        cp.getboolean("features", "max_items")
    except ValueError as e:
        print("bool error:", e)
    try:
        cp.read_string("[dup]\na=1\na=2\n")
    except configparser.DuplicateOptionError as e:
        print("duplicate:", e)
    try:
        cp.read_string("no section header\n")
    except configparser.MissingSectionHeaderError as e:
        print("missing header:", e.lineno, e.line)
    cp["new"] = {"key": "value", "n": "3"}
    out = io.StringIO()
    cp.write(out)
    print("written sections:", [l for l in out.getvalue().splitlines() if l.startswith("[")])

    # tomllib details
    t = tomllib.loads(TOML_TEXT)
    print("toml:", t["server"]["timeouts"], t["database"]["options"], t["logging"]["started"],
          t["logging"]["window"], [b["name"] for b in t["cache"]["backends"]])
    try:
        tomllib.loads("a = 1\na = 2\n")
    except tomllib.TOMLDecodeError as e:
        print("toml error:", e)
    print("parse_float:", tomllib.loads("x = 0.1", parse_float=lambda s: f"<{s}>"))


def flatten(d, prefix=""):
    out = {}
    for k, v in d.items():
        key = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict) and v and all(isinstance(x, str) for x in v):
            out.update(flatten(v, key))
        else:
            out[key] = v
    return out


if __name__ == "__main__":
    main()
