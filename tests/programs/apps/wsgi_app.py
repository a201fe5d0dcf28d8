"""A small WSGI web application (routing, middleware, sessions via cookies,
JSON API, form parsing, error pages) exercised in-process with fake environs,
the way framework test clients do; uses wsgiref, urllib.parse, http.cookies,
http.HTTPStatus, email-style headers and json."""
import base64
import hashlib
import hmac
import io
import json
import re
import urllib.parse
from http import HTTPStatus
from http.cookies import SimpleCookie
from wsgiref.headers import Headers
from wsgiref.util import request_uri, setup_testing_defaults
from wsgiref.validate import validator

SECRET = b"not-so-secret"


class HTTPError(Exception):
    def __init__(self, status, detail=""):
        super().__init__(detail)
        self.status = HTTPStatus(status)
        self.detail = detail or self.status.description


class Request:
    def __init__(self, environ):
        self.environ = environ
        self.method = environ["REQUEST_METHOD"]
        self.path = environ.get("PATH_INFO", "/")
        self.query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        self.cookies = {k: m.value for k, m in cookie.items()}
        self._body = None

    @property
    def body(self):
        if self._body is None:
            length = int(self.environ.get("CONTENT_LENGTH") or 0)
            self._body = self.environ["wsgi.input"].read(length)
        return self._body

    def form(self):
        return dict(urllib.parse.parse_qsl(self.body.decode()))

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except json.JSONDecodeError as e:
            raise HTTPError(400, f"invalid JSON: {e.msg}") from None

    @property
    def auth_user(self):
        header = self.environ.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Basic "):
            user, _, pw = base64.b64decode(header[6:]).decode().partition(":")
            if USERS.get(user) == hashlib.sha256(pw.encode()).hexdigest():
                return user
        return None


class Response:
    def __init__(self, body="", status=200, content_type="text/plain; charset=utf-8"):
        self.status = HTTPStatus(status)
        self.headers = Headers([("Content-Type", content_type)])
        self.body = body.encode() if isinstance(body, str) else body
        if self.status in (HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED):
            del self.headers["Content-Type"]

    def set_cookie(self, name, value, **attrs):
        c = SimpleCookie()
        c[name] = value
        for k, v in attrs.items():
            c[name][k.replace("_", "-")] = v
        self.headers.add_header("Set-Cookie", c[name].OutputString())

    def __call__(self, start_response):
        self.headers["Content-Length"] = str(len(self.body))
        start_response(f"{self.status.value} {self.status.phrase}", self.headers.items())
        return [self.body]


def json_response(data, status=200):
    return Response(json.dumps(data, sort_keys=True), status, "application/json")


USERS = {"admin": hashlib.sha256(b"hunter2").hexdigest()}
TODOS = {}
ROUTES = []


def route(pattern, methods=("GET",)):
    regex = re.compile("^" + re.sub(r"<(\w+)>", r"(?P<\1>[^/]+)", pattern) + "$")

    def deco(fn):
        ROUTES.append((regex, set(methods), fn))
        return fn
    return deco


def sign(value):
    mac = hmac.new(SECRET, value.encode(), hashlib.sha256).hexdigest()[:16]
    return f"{value}.{mac}"


def unsign(signed):
    value, _, mac = signed.rpartition(".")
    return value if hmac.compare_digest(sign(value), signed) else None


@route("/")
def index(req):
    visits = int(unsign(req.cookies.get("visits", "")) or 0) + 1
    resp = Response(f"Hello! You have visited {visits} time(s).")
    resp.set_cookie("visits", sign(str(visits)), path="/", httponly=True, max_age=3600)
    return resp


@route("/todos")
def list_todos(req):
    done = req.query.get("done", [None])[0]
    items = [t for t in TODOS.values() if done is None or str(t["done"]).lower() == done]
    return json_response({"count": len(items), "items": items})


@route("/todos", methods=("POST",))
def create_todo(req):
    if req.auth_user is None:
        raise HTTPError(401)
    data = req.json()
    if not isinstance(data, dict) or not str(data.get("title", "")).strip():
        raise HTTPError(422, "title is required")
    tid = len(TODOS) + 1
    TODOS[tid] = {"id": tid, "title": data["title"].strip(), "done": False, "by": req.auth_user}
    resp = json_response(TODOS[tid], 201)
    resp.headers["Location"] = f"/todos/{tid}"
    return resp


@route("/todos/<tid>", methods=("GET", "PATCH", "DELETE"))
def todo_detail(req, tid):
    try:
        todo = TODOS[int(tid)]
    except (KeyError, ValueError):
        raise HTTPError(404, f"no todo {tid!r}")
    if req.method == "GET":
        return json_response(todo)
    if req.auth_user is None:
        raise HTTPError(401)
    if req.method == "DELETE":
        del TODOS[todo["id"]]
        return Response(status=204)
    todo.update({k: v for k, v in req.json().items() if k in ("title", "done")})
    return json_response(todo)


@route("/search", methods=("POST",))
def search(req):
    form = req.form()
    q = form.get("q", "").lower()
    hits = [t["title"] for t in TODOS.values() if q in t["title"].lower()]
    return Response("\n".join(hits) or "(no results)")


@route("/crash")
def crash(req):
    return {}["boom"]


def app(environ, start_response):
    req = Request(environ)
    try:
        allowed = set()
        for regex, methods, fn in ROUTES:
            m = regex.match(req.path)
            if m:
                if req.method in methods:
                    resp = fn(req, **m.groupdict())
                    break
                allowed |= methods
        else:
            if allowed:
                resp = Response(status=405)
                resp.headers["Allow"] = ", ".join(sorted(allowed))
            else:
                raise HTTPError(404, f"{req.path} not found")
    except HTTPError as e:
        resp = json_response({"error": e.status.phrase, "detail": e.detail}, e.status)
        if e.status == 401:
            resp.headers["WWW-Authenticate"] = 'Basic realm="todos"'
    except Exception as e:  # noqa: BLE001
        resp = Response(f"Internal error: {type(e).__name__}", 500)
    return resp(start_response)


def logging_middleware(inner, log):
    def wrapped(environ, start_response):
        captured = {}

        def sr(status, headers, exc_info=None):
            captured["status"] = status
            return start_response(status, headers, exc_info)

        body = inner(environ, sr)
        size = sum(len(b) for b in body)
        log.append(f'{environ["REQUEST_METHOD"]} {request_uri(environ, include_query=True)} '
                   f'-> {captured["status"]} ({size} bytes)')
        return body
    return wrapped


class Client:
    def __init__(self, application):
        self.app = application
        self.jar = SimpleCookie()

    def request(self, method, url, body=b"", headers=None):
        parts = urllib.parse.urlsplit(url)
        environ = {"REQUEST_METHOD": method, "PATH_INFO": urllib.parse.unquote(parts.path),
                   "QUERY_STRING": parts.query, "wsgi.input": io.BytesIO(body),
                   "CONTENT_LENGTH": str(len(body)), "SERVER_NAME": "testserver", "SCRIPT_NAME": "",
                   "SERVER_PORT": "80", "HTTP_HOST": "testserver"}
        if self.jar:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={m.value}" for k, m in self.jar.items())
        for k, v in (headers or {}).items():
            environ["HTTP_" + k.upper().replace("-", "_")] = v
        setup_testing_defaults(environ)
        result = {}

        def start_response(status, hdrs, exc_info=None):
            result["status"] = status
            result["headers"] = hdrs

        chunks = self.app(environ, start_response)
        data = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        for name, value in result["headers"]:
            if name == "Set-Cookie":
                self.jar.load(value)
        return result["status"], result["headers"], data


def main():
    log = []
    client = Client(validator(logging_middleware(app, log)))
    auth = {"Authorization": "Basic " + base64.b64encode(b"admin:hunter2").decode()}
    bad_auth = {"Authorization": "Basic " + base64.b64encode(b"admin:wrong").decode()}
    calls = [
        ("GET", "/", b"", None),
        ("GET", "/", b"", None),
        ("POST", "/todos", b'{"title": "write tests"}', auth),
        ("POST", "/todos", b'{"title": "ship it"}', auth),
        ("POST", "/todos", b'{"title": "nope"}', bad_auth),
        ("POST", "/todos", b'{"title": "  "}', auth),
        ("POST", "/todos", b"{broken", auth),
        ("GET", "/todos", b"", None),
        ("PATCH", "/todos/1", b'{"done": true, "owner": "x"}', auth),
        ("GET", "/todos?done=true", b"", None),
        ("GET", "/todos/99", b"", None),
        ("GET", "/todos/abc", b"", None),
        ("PUT", "/todos/1", b"", auth),
        ("POST", "/search", urllib.parse.urlencode({"q": "SHIP", "x": "é&="}).encode(), None),
        ("DELETE", "/todos/2", b"", auth),
        ("GET", "/todos", b"", None),
        ("GET", "/crash", b"", None),
        ("GET", "/missing%20page", b"", None),
    ]
    for method, url, body, headers in calls:
        status, hdrs, data = client.request(method, url, body, headers)
        interesting = {k: v for k, v in hdrs if k in ("Content-Type", "Location", "Allow",
                                                      "WWW-Authenticate", "Set-Cookie")}
        print(f"{method:6} {url:18} {status:28} {interesting}")
        if data:
            print("       ", data.decode()[:100])
    print("\naccess log:")
    for line in log:
        print("  ", line)
    print("\ncookie jar:", {k: m.value.split(".")[0] for k, m in client.jar.items()})
    print("tampered cookie rejected:", unsign("5.0000000000000000") is None, unsign(sign("7")))

    # urllib.parse toolkit
    u = urllib.parse.urlparse("https://user:pw@Example.test:8443/a/b;p?q=1&q=2&x=%20y#frag")
    print(u.scheme, u.netloc, u.hostname, u.port, u.path, u.params, u.query, u.fragment, u.username)
    print(urllib.parse.urljoin("http://h/a/b/c", "../d?e"), urllib.parse.quote("a b/ü?&"),
          urllib.parse.quote_plus("a b&c"), urllib.parse.unquote_plus("a+b%26c"))
    print(urllib.parse.urlencode([("k", "v 1"), ("k", "v2"), ("e", "")]),
          urllib.parse.parse_qs("a=1&a=2&b=&c", keep_blank_values=True))
    print(urllib.parse.urlunsplit(("http", "h:1", "/p", "q=1", "")), u._replace(fragment="").geturl())
    print([(s.value, s.phrase) for s in (HTTPStatus.OK, HTTPStatus.NOT_FOUND, HTTPStatus.IM_A_TEAPOT)],
          HTTPStatus(503).description, HTTPStatus.CREATED == 201)
    c = SimpleCookie()
    c.load('session="abc;def"; theme=dark; Path=/')
    print("cookies:", sorted((k, m.value, m["path"]) for k, m in c.items()), c.output(header="Cookie:", sep=" | "))


if __name__ == "__main__":
    main()
