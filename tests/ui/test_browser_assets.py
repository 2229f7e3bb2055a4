"""The viewer decodes an asset only as the raster type its name declares, within the pixel caps, and
never opens a file outside the bundle: an SVG with ``<image href="/some/local/file">`` or
``href="/dev/stdin"`` shows the placeholder and opens nothing, whether it is named .svg or .png.

The assets are handed to the real ChapterBrowser directly (the reader's verify would refuse them:
this is the viewer with the checks before it switched off). Opens are watched three ways: Python's
open/os.open are wrapped; inotify reports every open of the canary file by anyone, Qt's C++ code
included; and a FIFO stands in for a local file, with a writer waiting on it, so any reader that
opened it, however deep, would release the writer.
"""

from __future__ import annotations

import os
import select
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QImage, QTextDocument

from reader.core.image import ImageLimits
from reader.ui.browser import ChapterBrowser
from tests.helpers import bundles
from tests.ui.test_no_remote import Inotify, OpenRecorder

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

WRITER_WAIT_S = 2.0


class FifoWatch:
    """A FIFO with a writer (a child process, so it needs no GIL) blocked in open(). Each time
    anything opens the FIFO for reading, the writer reports it, writes nothing and closes, so that
    reader sees end of file instead of blocking; then it waits for the next one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self._writer = subprocess.Popen(
            ["sh", "-c", 'while :; do : > "$1"; echo opened; done', "sh", str(path)], stdout=subprocess.PIPE
        )

    def wait_opened(self, seconds: float) -> bool:
        ready, _, _ = select.select([self._writer.stdout], [], [], seconds)
        return bool(ready)

    def close(self) -> None:
        self._writer.kill()
        self._writer.wait()
        self._writer.stdout.close()


class StdinWatch:
    """fd 0 (what ``/dev/stdin`` opens) becomes a pipe holding one byte: anyone who reads stdin takes it.

    Only a child process (``sleep``) holds the pipe's writing end, so a reader blocked on stdin
    gets end of file after GUARD_S even while it holds the GIL: a regression then fails the test
    instead of hanging it.
    """

    GUARD_S = 10

    def __init__(self) -> None:
        read_end, write_end = os.pipe()
        os.write(write_end, b"<")
        self._guard = subprocess.Popen(["sleep", str(self.GUARD_S)], pass_fds=(write_end,))
        os.close(write_end)
        self._saved = os.dup(0)
        os.dup2(read_end, 0)
        os.close(read_end)

    @property
    def fired(self) -> bool:
        return self._guard.poll() is not None

    def untouched(self) -> bool:
        """True if the byte is still there (nobody read stdin)."""
        os.set_blocking(0, False)
        try:
            return os.read(0, 16) == b"<"
        except BlockingIOError:
            return False

    def close(self) -> None:
        if self._guard.poll() is None:
            self._guard.kill()
        self._guard.wait()
        os.dup2(self._saved, 0)
        os.close(self._saved)


def _png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(0xFF3366CC)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _shown(browser: ChapterBrowser, name: str) -> QImage:
    resource = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"dtn-asset:{name}"))
    return resource if isinstance(resource, QImage) else QImage()


@pytest.fixture
def canaries(tmp_path: Path):
    folder = tmp_path / "outside"
    folder.mkdir()
    secret = folder / "secret.png"
    secret.write_bytes(_png(8, 8))
    fifo = FifoWatch(folder / "pipe")
    inotify = Inotify()
    inotify.watch(folder)
    stdin = StdinWatch()
    yield secret, fifo, inotify, stdin
    stdin.close()
    inotify.close()
    fifo.close()


def test_svg_assets_referencing_local_files_and_devices_open_nothing(qtbot, canaries, monkeypatch) -> None:
    secret, fifo, inotify, stdin = canaries
    opened = OpenRecorder(monkeypatch)
    assets = {
        "assets/file.svg": bundles.svg_image(str(secret)),
        "assets/stdin.svg": bundles.svg_image("/dev/stdin"),
        "assets/pipe.svg": bundles.svg_image(str(fifo.path)),
        "assets/file.png": bundles.svg_image(f"file://{secret}"),  # SVG content under a raster name
        "assets/stdin.png": bundles.svg_image("/dev/stdin"),
        "assets/pipe.jpg": bundles.svg_image(str(fifo.path)),
        "assets/doc.gif": bundles.PDF_DOCUMENT,
        "assets/ok.png": _png(20, 10),
    }
    html = "".join(f'<p><img src="dtn-asset:{name}"></p>' for name in assets)
    browser = ChapterBrowser()
    qtbot.addWidget(browser)
    browser.resize(600, 800)
    browser.show()
    browser.set_chapter(html, assets)
    browser.grab()  # layout and paint: every image is asked for
    assert not stdin.fired, "the viewer blocked reading /dev/stdin"
    assert stdin.untouched(), "something read /dev/stdin"
    assert not fifo.wait_opened(WRITER_WAIT_S), "something opened the FIFO an SVG referenced"
    assert inotify.events() == []
    assert not [p for p in opened.paths if p.startswith(str(secret.parent)) or p.startswith("/dev/stdin") or p.startswith("/proc")]
    for name in assets:
        assert f"dtn-asset:{name}" in browser.requested_resources
        if name != "assets/ok.png":
            assert f"dtn-asset:{name}" in browser.refused_resources
            assert _shown(browser, name).size().width() <= 1  # the 1x1 placeholder
    assert (_shown(browser, "assets/ok.png").width(), _shown(browser, "assets/ok.png").height()) == (20, 10)


def test_the_fifo_canary_would_notice(canaries) -> None:
    """The watch is real: opening the FIFO for reading is seen."""
    _secret, fifo, _inotify, stdin = canaries
    assert stdin.untouched() is True and stdin.untouched() is False  # the stdin watch sees a read too
    assert not fifo.wait_opened(0)
    fd = os.open(fifo.path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert fifo.wait_opened(WRITER_WAIT_S)
    finally:
        os.close(fd)


def test_decoded_by_the_declared_type_only(qtbot) -> None:
    """A real JPEG named .png is not shown: the PNG decoder is asked, and nothing else."""
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    image.fill(0xFF00AA00)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    jpeg = bytes(data)
    browser = ChapterBrowser()
    qtbot.addWidget(browser)
    browser.set_chapter('<img src="dtn-asset:assets/a.png"><img src="dtn-asset:assets/b.jpg">', {"assets/a.png": jpeg, "assets/b.jpg": jpeg})
    browser.grab()
    assert _shown(browser, "assets/a.png").width() <= 1
    assert _shown(browser, "assets/b.jpg").width() == 16


def test_a_chapter_decodes_no_more_than_its_pixel_budget(qtbot) -> None:
    limits = ImageLimits(max_chapter_pixels=2_500)
    assets = {f"assets/{i}.png": _png(30, 30) for i in range(4)}  # 900 pixels each
    browser = ChapterBrowser(image_limits=limits)
    qtbot.addWidget(browser)
    html = "".join(f'<img src="dtn-asset:{name}"><img src="dtn-asset:{name}">' for name in assets)
    browser.set_chapter(html, assets)
    browser.grab()
    shown = [name for name in assets if _shown(browser, name).width() == 30]
    assert len(shown) == 2  # the third would pass 2,500; showing one twice costs nothing more
    browser.set_chapter(html, assets)  # a new chapter starts a new budget
    browser.grab()
    assert len([name for name in assets if _shown(browser, name).width() == 30]) == 2
