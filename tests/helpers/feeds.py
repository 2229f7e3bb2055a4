"""Feeds for tests: signed editions, feed folders, and a feed server on 127.0.0.1 with faults on demand.

The server is the standard library's ``ThreadingHTTPServer`` in a thread. It serves
files from memory with ETag, Last-Modified and Range, counts every request and the
body bytes it sent, and can misbehave per path (see :class:`FeedServer.fault`).
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reader.core.feed import FEED_NAME, FEED_SIGNATURE_NAME, FeedEntry, build_feed, entry_for
from reader.core.minisign import SecretKey
from tests.helpers import bundles

LABELS = {1: "Minimaal", 2: "Beperkt", 3: "Aanzienlijk", 4: "Substantieel", 5: "Kritiek"}
NOW = datetime(2026, 12, 1, 8, 0, 0, tzinfo=timezone.utc)


def edition(key: SecretKey, bundle_id: str = "dtn-2024-06", revision: int = 1, date: str = "2024-06-11",
            level: int = 4, publisher: str = bundles.PUBLISHER_NAME, pad: int = 0, small: bool = False) -> bytes:
    """A real (not demo) signed edition. ``pad`` adds an incompressible asset of that many bytes;
    ``small`` keeps one short chapter (for feeds of a thousand editions)."""
    m = bundles.sample_manifest()
    m.update(bundle_id=bundle_id, revision=revision, publisher=publisher, demo=False)
    m["edition"] = {"date": date, "name": f"DTN {date} (test)"}
    m["level"] = {"value": level, "label": LABELS[level], "scale": "dtn-5", "since": date[:7]}
    members = bundles.sample_members()
    if small:
        m.update(chapters=[{"id": "kort", "title": "Kort", "themes": ["dreigingsniveau"], "file": "chapters/01-kort.md"}],
                 checklists=[], level_events=[])
        members = {"chapters/01-kort.md": b"Kort.\n"}
    if pad:
        header = bundles.png_image(1, 1)[:33]  # a PNG signature and IHDR, so the asset checks pass
        members["assets/pad.png"] = header + _noise(max(0, pad - len(header)))
    return bundles.build(key, m, members)


def _noise(size: int) -> bytes:
    out = bytearray()
    seed = b"pad"
    while len(out) < size:
        seed = hashlib.sha256(seed).digest()
        out += seed * 64
    return bytes(out[:size])


def feed_files(folder: Path, editions: dict[str, bytes], feed_key: SecretKey, *, version: int = 1,
               created: datetime = NOW, expires_days: int = 30) -> dict[str, bytes]:
    """Write ``editions`` (relative path -> bytes) and a signed feed into ``folder``; return every file."""
    entries: list[FeedEntry] = []
    for rel, data in editions.items():
        bundles.write(folder / rel, data)
        entries.append(entry_for(folder, rel))
    data, sig = build_feed(entries, feed_key, version=version, created=created, expires_days=expires_days)
    (folder / FEED_NAME).write_bytes(data)
    (folder / FEED_SIGNATURE_NAME).write_bytes(sig)
    return {**editions, FEED_NAME: data, FEED_SIGNATURE_NAME: sig}


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    status: int = 0
    body_bytes: int = 0


@dataclass
class FeedServer:
    """``files`` maps a path (no leading slash) to bytes. ``faults`` maps a path to a fault name:

    404, 500, truncate (half the body, then close), extra (more bytes than the file, declared in
    Content-Length), extra-chunked (the same, chunked, no length), drip
    (a byte every 0.2 s), endless (chunked, never ends), gzip-bomb (Content-Encoding gzip of
    zeros), redirect-host, redirect-scheme, redirect-same (to ``/same/<path>``), interrupt-once
    (the first response breaks off halfway, later ones serve Range requests).
    """

    files: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, str] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    etag: bool = True
    _interrupted: set[str] = field(default_factory=set)

    def start(self) -> FeedServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    @property
    def body_bytes(self) -> int:
        return sum(r.body_bytes for r in self.requests)

    def _send(self, h: BaseHTTPRequestHandler, req: Request, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        req.status = status
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        req.body_bytes += len(body)

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.lstrip("/")
        req = Request(path, {k.lower(): v for k, v in h.headers.items()})
        self.requests.append(req)
        fault = self.faults.get(path)
        if path.startswith("same/"):
            path = path[len("same/"):]
        data = self.files.get(path)
        if fault in ("404", "500") or data is None:
            status = 500 if fault == "500" else 404
            self._send(h, req, status, b"no")
            return
        port = self.httpd.server_address[1]
        if fault == "redirect-host":
            self._send(h, req, 302, b"", {"Location": f"http://localhost:{port}/{path}"})
            return
        if fault == "redirect-scheme":
            self._send(h, req, 302, b"", {"Location": f"https://127.0.0.1:{port}/{path}"})
            return
        if fault == "redirect-same":
            self._send(h, req, 301, b"", {"Location": f"/same/{path}"})
            return
        tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(1_700_000_000, usegmt=True)
        validators = {"ETag": tag, "Last-Modified": modified} if self.etag else {}
        if self.etag and (h.headers.get("If-None-Match") == tag):
            req.status = 304
            h.send_response(304)
            for k, v in validators.items():
                h.send_header(k, v)
            h.end_headers()
            return
        if fault == "gzip-bomb":
            bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), 9)
            self._send(h, req, 200, bomb, {"Content-Encoding": "gzip"})
            return
        if fault == "endless":
            req.status = 200
            h.send_response(200)
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"x" * 65536
            try:
                while True:
                    h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    req.body_bytes += len(chunk)
            except OSError:
                return
        if fault == "drip":
            req.status = 200
            h.send_response(200)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            try:
                for i in range(len(data)):
                    h.wfile.write(data[i:i + 1])
                    h.wfile.flush()
                    req.body_bytes += 1
                    time.sleep(0.2)
            except OSError:
                return
            return
        start = 0
        rng = h.headers.get("Range")
        if rng and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
        body = data[start:]
        headers = dict(validators)
        status = 200
        if start:
            status = 206
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        if fault in ("extra", "extra-chunked"):
            body = body + b"more bytes than declared" * 100
        if fault == "extra-chunked":  # no Content-Length: only the reader's own cap ends it
            req.status = status
            h.send_response(status)
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            h.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
            req.body_bytes += len(body)
            return
        if fault == "truncate" or (fault == "interrupt-once" and path not in self._interrupted):
            self._interrupted.add(path)
            req.status = status
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            half = body[: max(1, len(body) // 2)]
            h.wfile.write(half)
            req.body_bytes += len(half)
            h.wfile.flush()
            h.close_connection = True
            return
        self._send(h, req, status, body, headers)


def later(days: int) -> datetime:
    return NOW + timedelta(days=days)
