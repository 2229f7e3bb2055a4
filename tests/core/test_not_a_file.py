"""A path that is not a regular file (FIFO, device, socket, folder) is refused at once and never opened.

A FIFO nobody writes to would block ``open()`` for ever, so every call runs under a
guard: if it has not returned in time, the guard opens the FIFO's writing end (which
releases a blocked reader) and the test fails instead of hanging.
"""

from __future__ import annotations

import builtins
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.core.bundle import verify_bundle
from reader.core.errors import NotAFileError
from reader.core.library import Library
from tests.core.test_library_hostile import dump
from tests.helpers import bundles

GUARD_SECONDS = 10


def guarded(fifo: Path | None, call: Callable[[], Any]) -> Any:
    """``call()`` in a thread; fails (and unblocks it) if it does not return within GUARD_SECONDS."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(GUARD_SECONDS)
    if thread.is_alive():
        if fifo is not None:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # a blocked reader returns now
            os.close(fd)
        thread.join(GUARD_SECONDS)
        pytest.fail(f"blocked for more than {GUARD_SECONDS} s on a path that is not a regular file")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path handed to open() or os.open() during the test."""
    seen: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)):
            seen.append(os.fsdecode(file))
        return real_open(file, *args, **kwargs)

    def spy_os_open(path, *args, **kwargs):
        seen.append(os.fsdecode(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    return seen


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "usb" / "pipe.dtnb"
    path.parent.mkdir()
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path):
    path = tmp_path / "s.dtnb"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    yield path
    sock.close()


def test_verify_refuses_a_fifo_without_opening_it(fifo: Path, trust_store, opened: list[str]) -> None:
    with pytest.raises(NotAFileError) as info:
        guarded(fifo, lambda: verify_bundle(fifo, trust_store))
    assert str(info.value) == f"{fifo} is a named pipe (FIFO), not a bundle file; only regular files are read"
    assert info.value.code == "not-a-file" and info.value.params == {"path": str(fifo), "kind": "a named pipe (FIFO)"}
    assert str(fifo) not in opened


@pytest.mark.parametrize(("path", "kind"), [("/dev/zero", "a device"), ("/dev/null", "a device"), ("/tmp", "a folder")])
def test_verify_refuses_devices_and_folders(path: str, kind: str, trust_store, opened: list[str]) -> None:
    with pytest.raises(NotAFileError, match=f"is {kind}, not a bundle file"):
        guarded(None, lambda: verify_bundle(path, trust_store))
    assert path not in opened


def test_verify_refuses_a_socket(unix_socket: Path, trust_store) -> None:
    with pytest.raises(NotAFileError, match="is a socket, not a bundle file"):
        guarded(None, lambda: verify_bundle(unix_socket, trust_store))


def test_a_symbolic_link_to_a_bundle_is_read(tmp_path: Path, bundle_path: Path, trust_store) -> None:
    link = tmp_path / "link.dtnb"
    link.symlink_to(bundle_path)
    assert verify_bundle(link, trust_store).manifest.bundle_id == "test-2024-06"


def test_a_symbolic_link_to_a_fifo_is_refused(tmp_path: Path, fifo: Path, trust_store, opened: list[str]) -> None:
    link = tmp_path / "link.dtnb"
    link.symlink_to(fifo)
    with pytest.raises(NotAFileError, match="is a named pipe"):
        guarded(fifo, lambda: verify_bundle(link, trust_store))
    assert str(link) not in opened and str(fifo) not in opened


def test_import_refuses_a_fifo_and_changes_nothing_but_the_audit_log(
    tmp_path: Path, fifo: Path, publisher_key, opened: list[str]
) -> None:
    trust = bundles.make_trust_store(tmp_path / "lib" / "trust", publisher_key)
    with Library.open(tmp_path / "lib", trust=trust) as lib:
        assert lib.import_file(bundles.write(tmp_path / "ok.dtnb", bundles.build(publisher_key))).status == "imported"
        before, audit_before, store_before = dump(lib)
        for call in (lambda: lib.import_file(fifo), lambda: lib.import_paths([fifo])[0]):
            result = guarded(fifo, call)
            assert (result.status, result.error_type) == ("rejected", "NotAFileError")
            assert "is a named pipe (FIFO), not a bundle file" in result.reason
        after, audit_after, store_after = dump(lib)
        assert after == before and store_after == store_before and len(audit_after) == len(audit_before) + 2
        # A folder holding the FIFO: the scan passes it by.
        assert guarded(fifo, lambda: lib.import_paths([fifo.parent])) == []
    assert str(fifo) not in opened
