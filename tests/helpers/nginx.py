"""A real nginx on a free 127.0.0.1 port, with its own config and prefix folder (never the
system service), serving a folder with ETag, Range and gzip on as a real site would.
Used by tests/e2e/test_sync_nginx.py and the sync benchmarks."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 10.0

CONFIG = """
daemon off;
master_process off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    types {{ application/json json; application/octet-stream dtnb minisig; }}
    default_type application/octet-stream;
    log_format plain '$request_method $uri $status $body_bytes_sent $bytes_sent "$http_range" "$http_if_none_match" "$http_accept_encoding"';
    access_log {prefix}/access.log plain;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    sendfile on;
    etag on;
    gzip on;
    gzip_min_length 1;
    gzip_types application/json application/octet-stream;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""


def binary() -> str | None:
    """The nginx executable (Debian installs it in /usr/sbin, often not on a user's PATH)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.path.exists(p)), None)


@dataclass(frozen=True)
class Site:
    url: str
    root: Path
    prefix: Path

    def log(self) -> list[str]:
        """The access log, one line per request: method uri status body-bytes bytes "range" "etag" "accept-encoding"."""
        path = self.prefix / "access.log"
        return path.read_text().splitlines() if path.exists() else []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(root: Path, prefix: Path) -> Iterator[Site]:
    """Run nginx serving ``root`` until the block ends. RuntimeError if it is missing or does not start."""
    exe = binary()
    if exe is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    prefix.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(CONFIG.format(prefix=prefix, port=port, root=root))
    proc = subprocess.Popen([exe, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {proc.stderr.read().decode(errors='replace') if proc.poll() is not None else 'timeout'}") from None
                time.sleep(0.05)
        yield Site(f"http://127.0.0.1:{port}/", root, prefix)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
