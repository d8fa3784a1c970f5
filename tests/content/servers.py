"""Local HTTP servers serving fixture pages and media for capture tests (tests never touch the internet)."""

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


def body(content: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> Route:
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        handler.wfile.write(content)

    return send


def echo() -> Route:
    """Answers with what it was sent (method, headers, body) as JSON."""

    def send(handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        sent = handler.rfile.read(length) if length else b""
        seen = {"method": handler.command, "headers": dict(handler.headers.items()), "body": sent.decode("latin-1")}
        body(json.dumps(seen).encode(), "application/json")(handler)

    return send


def redirect(location: str, status: int = 302) -> Route:
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return send


def endless(chunk: bytes = b"x" * 4096) -> Route:
    """No Content-Length, and more bytes than any limit."""

    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/octet-stream")
        handler.end_headers()
        try:
            for _ in range(10_000):
                handler.wfile.write(chunk)
        except OSError:
            pass

    return send


def drip(pause_s: float = 0.2, count: int = 100) -> Route:
    """A byte at a time, slowly: the whole body takes far longer than the fetch limit."""

    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        try:
            for _ in range(count):
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(pause_s)
        except OSError:
            pass

    return send


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[str]:
    """Serve the routes on 127.0.0.1 on a free port; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            (route or body(b"not found", "text/plain", 404))(self)

        do_POST = do_HEAD = do_PUT = do_GET

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
