"""A real HTTP server on 127.0.0.1, in a thread, serving the cases a page fetcher must survive."""

from __future__ import annotations

import http.server
import threading
from email.utils import formatdate
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
BIG = 20_000_000  # a 20 MB page


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PageServer

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?")[0]
        if path.startswith("/pages/"):
            return self._page(PAGES / path[len("/pages/"):])
        if path == "/missing":
            return self._send(404, b"<html><body>Not here</body></html>")
        if path == "/loop":
            return self._redirect("/loop")
        if path == "/moved":
            return self._redirect("/pages/asia-wire.html")
        if path == "/slow":
            self.server.stop.wait(30)  # longer than any test's timeout; ends at shutdown
            return self._send(200, b"<html><body><p>Too late.</p></body></html>")
        if path == "/file.bin":
            return self._send(200, bytes(range(256)) * 64, "application/octet-stream")
        if path == "/binary-as-html":
            return self._send(200, b"GIF89a\x00\x01\x00\x00" * 100, "text/html")
        if path == "/big":
            return self._big(declare=True)
        if path == "/big-undeclared":
            return self._big(declare=False)
        if path == "/plain.txt":
            return self._send(200, "Biden met Kishida in Hiroshima on Thursday.".encode(), "text/plain; charset=utf-8")
        if path == "/latin1":
            body = "<html><body><article><p>Le président a visité Genève jeudi, dit l'agence.</p>" \
                   "</article></body></html>"
            return self._send(200, body.encode("latin-1"), "text/html; charset=iso-8859-1")
        if path in ("/flaky", "/busy"):  # 503, or 429 Too Many Requests, twice; then the page
            self.server.flaky += 1
            if self.server.flaky <= 2:
                return self._send(503 if path == "/flaky" else 429, b"busy", extra={"Retry-After": "0"})
            return self._page(PAGES / "asia-wire.html")
        if path == "/down":
            return self._send(503, b"down for maintenance")
        return self._send(404, b"no such case")

    def _page(self, file: Path):
        if not file.is_file():
            return self._send(404, b"no such page")
        etag = f'"{file.stat().st_size:x}-{int(file.stat().st_mtime):x}"'
        modified = formatdate(int(file.stat().st_mtime), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        return self._send(200, file.read_bytes(), "text/html; charset=utf-8",
                          extra={"ETag": etag, "Last-Modified": modified})

    def _redirect(self, to: str):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _big(self, declare: bool):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declare:
            self.send_header("Content-Length", str(BIG))
        else:
            self.close_connection = True
        self.end_headers()
        chunk = b"<p>" + b"filler words " * 5000 + b"</p>\n"
        try:
            sent = 0
            while sent < BIG:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              extra: dict[str, str] | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class PageServer(http.server.ThreadingHTTPServer):
    """``http.server`` on a free loopback port; ``requests`` records each path and its headers."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.flaky = 0
        self.stop = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, args=(0.02,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def __enter__(self) -> PageServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.shutdown()
        self.server_close()
        self._thread.join(5)
