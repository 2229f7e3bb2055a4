"""Canary: showing hostile chapters makes no network connection and reads no file outside the library.

A real HTTP server on 127.0.0.1 records every request; canary files sit outside
the library where absolute, ``file:`` and relative image URLs would find them.
The chapters go through the real import (trusted test key) and are shown in the
real ChapterBrowser; then raw hostile HTML (which the sanitizer would never let
through) is fed to the browser directly, to prove the browser on its own is safe.

File access is watched twice: Python-level opens (builtins/io/os.open) are
recorded, and on Linux inotify reports every open of the canary files by
anyone, including Qt's C++ code, which Python-level wrapping cannot see.
"""

from __future__ import annotations

import builtins
import ctypes
import ctypes.util
import errno
import http.server
import io
import os
import struct
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

import PySide6
from reader.core.library import Library
from reader.core.paths import resource_path
from reader.core.source import level_bar_png
from reader.ui.browser import ChapterBrowser
from reader.ui.views.editions import EditionsView
from tests.helpers import bundles

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)"
)

TIMEOUT_MS = 15_000


# --- the canaries ------------------------------------------------------------------------


class CanaryServer:
    """An HTTP server on 127.0.0.1 (port chosen by the OS) that records every request line."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                requests.append(f"GET {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                body = level_bar_png()
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_HEAD = do_GET  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="canary-http", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def canary_server():
    server = CanaryServer()
    yield server
    server.close()


class Inotify:
    """Every open/read of a file in the watched folders, whoever does it (Linux inotify via ctypes)."""

    IN_ACCESS = 0x00000001
    IN_OPEN = 0x00000020
    _EVENT = struct.Struct("iIII")

    def __init__(self) -> None:
        self._libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self._folders: dict[int, Path] = {}

    def watch(self, folder: Path) -> None:
        wd = self._libc.inotify_add_watch(self.fd, os.fsencode(folder), self.IN_OPEN | self.IN_ACCESS)
        if wd < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {folder} failed")
        self._folders[wd] = folder

    def events(self) -> list[str]:
        """Files opened or read in the watched folders since the last call.

        Opening a watched folder itself (Python's import system lists the working
        folder) reads no file's content and is left out.
        """
        found = []
        while True:
            try:
                data = os.read(self.fd, 64 * 1024)
            except OSError as exc:
                if exc.errno == errno.EAGAIN:
                    return found
                raise
            offset = 0
            while offset < len(data):
                wd, _mask, _cookie, length = self._EVENT.unpack_from(data, offset)
                name = data[offset + self._EVENT.size: offset + self._EVENT.size + length].rstrip(b"\0")
                if name:
                    found.append(str(self._folders.get(wd, Path("?")) / os.fsdecode(name)))
                offset += self._EVENT.size + length

    def close(self) -> None:
        os.close(self.fd)


class OpenRecorder:
    """Paths opened through Python's builtins.open / io.open / os.open while active."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        self._lock = threading.Lock()
        real_open, real_os_open = builtins.open, os.open

        def record(file) -> None:
            if isinstance(file, int):
                return
            with self._lock:
                self.paths.append(os.path.abspath(os.fsdecode(file)))


        def recording_open(file, *args, **kwargs):
            record(file)
            return real_open(file, *args, **kwargs)

        def recording_os_open(path, *args, **kwargs):
            record(path)
            return real_os_open(path, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", recording_open)
        monkeypatch.setattr(io, "open", recording_open)
        monkeypatch.setattr(os, "open", recording_os_open)

    def outside(self, *allowed: Path) -> list[str]:
        roots = [os.path.realpath(p) for p in allowed]
        bad = []
        for path in self.paths:
            real = os.path.realpath(path)
            if not any(real == root or real.startswith(root + os.sep) for root in roots):
                bad.append(path)
        return bad


def allowed_roots(library_dir: Path) -> list[Path]:
    """The library, the app's shipped resources, and the Python/Qt installation."""
    return [
        library_dir, resource_path(), Path(sys.prefix), Path(sys.base_prefix), Path(PySide6.__file__).parent,
        Path("/dev/null"),
    ]


# --- the hostile content -------------------------------------------------------------------


def hostile_markdown(port: int, secret: Path) -> str:
    host = f"127.0.0.1:{port}"
    return f"""Een hoofdstuk vol [vreemde](javascript:alert(1)) dingen.

![remote](http://{host}/x.png)
![protocol-relative](//{host}/y.png)
![file url](file://{secret})
![absolute path]({secret})
![relative](../../secret.png)
![plain](secret.png)
![eigen figuur](../assets/schaal.png)

<img src="http://{host}/raw.png"> <img src="file://{secret}"> <img src="../../secret.png">
<link rel="stylesheet" href="http://{host}/style.css">

[js](javascript:alert(1)) [file]({"file://" + str(secret)}) [data](data:text/html,<b>x</b>)
[vbscript](vbscript:msgbox) [protocol-relative link](//{host}/p) [remote link](http://{host}/link)

![reference image][ref]

[ref]: http://{host}/ref.png

<http://{host}/autolink>

## Sectie

Tekst met een [anker](#sectie) en een [ander hoofdstuk](02-online.md#signalen).
"""


def hostile_html(port: int, secret: Path, secret_css: Path) -> str:
    host = f"127.0.0.1:{port}"
    return f"""<html><head>
<link rel="stylesheet" type="text/css" href="file://{secret_css}">
<link rel="stylesheet" type="text/css" href="http://{host}/head.css">
<style>@import url(http://{host}/import.css); p {{ background-image: url(file://{secret}); }}</style>
</head><body background="file://{secret}">
<p><img src="http://{host}/d1.png"><img src="//{host}/d2.png"><img src="file://{secret}">
<img src="{secret}"><img src="../../secret.png"><img src="secret.png"><img src="qrc:/qt-project.org/x.png">
<img src="data:image/png;base64,iVBORw0KGgo="></p>
<table background="file://{secret}"><tr><td background="http://{host}/td.png">x</td></tr></table>
<span style="background-image:url(file://{secret})">y</span>
<p><a href="javascript:alert(1)">js</a> <a href="file://{secret}">f</a> <a href="http://{host}/dlink">h</a>
<a href="data:text/html,x">d</a> <a href="//{host}/rel">r</a> <a href="{secret}">p</a></p>
</body></html>"""


@pytest.fixture
def canary_files(tmp_path, monkeypatch):
    """secret.png outside the library, and the working folder set so '../../secret.png' would find it too."""
    outside = tmp_path / "outside"
    workdir = outside / "a" / "b"
    workdir.mkdir(parents=True)
    secret = outside / "secret.png"
    secret.write_bytes(level_bar_png())
    (workdir / "secret.png").write_bytes(level_bar_png())
    secret_css = outside / "secret.css"
    secret_css.write_text("p { color: red }")
    monkeypatch.chdir(workdir)
    return outside, workdir, secret, secret_css


@pytest.fixture
def inotify(canary_files):
    if not sys.platform.startswith("linux"):
        return None
    watcher = Inotify()
    outside, workdir, _secret, _css = canary_files
    watcher.watch(outside)
    watcher.watch(workdir)
    yield watcher
    watcher.close()


def follow_every_link(browser: ChapterBrowser, qtbot) -> int:
    """Tab to each link in turn and press Enter, like a keyboard user. Returns how many."""
    browser.window().activateWindow()
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus, timeout=TIMEOUT_MS)
    cursor = browser.textCursor()
    cursor.setPosition(0)
    browser.setTextCursor(cursor)
    followed = 0
    seen = set()
    while followed < 50:
        before = browser.textCursor().position()
        qtbot.keyClick(browser, Qt.Key.Key_Tab)
        cursor = browser.textCursor()
        if not cursor.charFormat().isAnchor() or cursor.position() in seen or cursor.position() == before:
            break
        seen.add(cursor.position())
        qtbot.keyClick(browser, Qt.Key.Key_Return)
        followed += 1
    return followed


def test_hostile_chapters_make_no_request_and_read_no_outside_file(
    ctx, qtbot, library_dir, tmp_path, publisher_key, canary_server, canary_files, inotify, monkeypatch
):
    outside, _workdir, secret, secret_css = canary_files
    manifest = bundles.sample_manifest()
    members = bundles.sample_members()
    members["chapters/01-niveau.md"] = hostile_markdown(canary_server.port, secret).encode()
    members["chapters/02-online.md"] = ("## Signalen\n\n" + hostile_markdown(canary_server.port, secret)).encode()
    bundle = tmp_path / "hostile.dtnb"
    bundle.write_bytes(bundles.build(publisher_key, manifest, members))
    with Library.open(library_dir) as lib:
        lib.trust.add(publisher_key.public.to_file(), name=bundles.PUBLISHER_NAME, role="publisher")
        result = lib.import_file(bundle)
        assert result.status == "imported", result.line()
        chapter_pks = [c.pk for c in lib.chapters(lib.edition("test-2024-06").pk)]

    asked: list[str] = []
    opened: list[QUrl] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    if inotify is not None:
        inotify.events()  # forget our own writes
    recorder = OpenRecorder(monkeypatch)

    view = EditionsView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    followed = 0
    for pk in chapter_pks:
        with qtbot.waitSignal(view.chapter_shown, timeout=TIMEOUT_MS):
            view.open_chapter(pk)
        view.grab()  # layout and paint: every image is asked for now
        followed += follow_every_link(view.browser, qtbot)
        # Links to other chapters open them; come back to the one under test.
        qtbot.waitUntil(lambda: not ctx.tasks._live, timeout=TIMEOUT_MS)

    browser = view.browser
    # The part of the content that survived sanitizing was really shown and its links followed.
    assert "dtn-asset:assets/schaal.png" in browser.requested_resources
    assert followed >= 2
    assert asked and all(f"127.0.0.1:{canary_server.port}/link" in text or "autolink" in text for text in asked)
    # Nothing hostile was even asked for after the sanitizer, and nothing but own assets was answered.
    assert not [u for u in browser.requested_resources if not u.startswith("dtn-asset:")]
    answered = [u for u in browser.requested_resources if u not in browser.refused_resources]
    assert all(u.startswith("dtn-asset:assets/") for u in answered)

    # Now the browser alone, with raw hostile HTML no sanitizer would pass.
    raw = ChapterBrowser()
    qtbot.addWidget(raw)
    raw.resize(800, 600)
    raw.show()
    qtbot.waitExposed(raw)
    raw.set_chapter(hostile_html(canary_server.port, secret, secret_css), {})
    raw.grab()
    raw_followed = follow_every_link(raw, qtbot)
    assert raw_followed >= 5
    requested = raw.requested_resources
    assert any(u.startswith("file:") for u in requested)
    assert any(u.startswith("http:") for u in requested)
    answered = [u for u in requested if u not in raw.refused_resources]
    assert answered == []
    # javascript:, file:, data: and protocol-relative links are ignored without a question.
    assert sum("dlink" in text for text in asked) == 1

    assert canary_server.requests == []
    assert opened == []
    if inotify is not None:
        assert inotify.events() == []
    assert recorder.outside(*allowed_roots(library_dir)) == []


def test_the_canaries_would_notice(qtbot, canary_server, canary_files, inotify, monkeypatch, library_dir):
    """The detectors work: a request reaches the server, a read of the secret file is seen,
    also when Qt's own C++ code reads it (a stock QTextBrowser does, for a file: image)."""
    import urllib.request

    from PySide6.QtWidgets import QTextBrowser

    outside, _workdir, secret, _css = canary_files
    recorder = OpenRecorder(monkeypatch)
    with urllib.request.urlopen(f"http://127.0.0.1:{canary_server.port}/probe") as response:
        assert response.status == 200
    assert canary_server.requests == ["GET /probe"]
    if inotify is not None:
        inotify.events()
    assert secret.read_bytes()[:4] == b"\x89PNG"
    assert recorder.outside(*allowed_roots(library_dir)) == [str(secret)]
    if inotify is not None:
        assert str(secret) in inotify.events()
        stock = QTextBrowser()
        qtbot.addWidget(stock)
        stock.setHtml(f'<p><img src="file://{secret}"></p>')
        stock.grab()
        assert str(secret) in inotify.events()
