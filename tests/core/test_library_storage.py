"""The library's own storage failing: a full disk, a read-only folder, a database locked by
another program, a damaged database. Each gives its typed error with a message that names
the real cause, and the library stays exactly as it was (database dump and store bytes).

A full disk and a read-only folder are real where the test runs as root (as in CI): a
small tmpfs, and a read-only remount of it. ENOSPC and SQLITE_FULL are also injected, so
the same rules are tested everywhere.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.errors import LibraryBusyError, LibraryDamagedError, LibraryDiskFullError, LibraryReadOnlyError
from reader.core.library import Library, LibraryLimits
from reader.core.trust import TrustStore
from tests.core.test_library import edition_bytes
from tests.helpers import bundles as bf

ROOT = Path(__file__).resolve().parents[2]
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TMPFS_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def key():
    return bf.new_key()


@pytest.fixture(scope="module")
def usb(tmp_path_factory, key) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("usb")
    good = bf.write(folder / "rev2.dtnb", edition_bytes(key, revision=2, summary="Revisie twee."))
    forged = bytearray(edition_bytes(key, revision=3))
    forged[len(forged) // 2] ^= 0xFF
    return {"good": good, "rejected": bf.write(folder / "forged.dtnb", bytes(forged))}


def snapshot(folder: Path) -> tuple[list[str], dict[str, str]]:
    """The database as a dump (read with a fresh read-only connection) and every file of the store."""
    conn = sqlite3.connect(f"file:{folder / 'library.db'}?mode=ro", uri=True)
    try:
        dump = list(conn.iterdump())
    finally:
        conn.close()
    store = folder / "store"
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(store.iterdir())} if store.is_dir() else {}
    return dump, files


def every_byte(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_library(folder: Path, key, **kwargs) -> Library:
    trust = TrustStore(folder / "trust")
    if trust.get(key.key_id_hex) is None:
        trust.add(key.public.to_file(), name="Testredactie")
    return Library.open(folder, trust=trust, **kwargs)


def seeded(folder: Path, key, tmp_path: Path) -> None:
    """A library holding revision 1, closed."""
    with make_library(folder, key) as lib:
        assert lib.import_file(bf.write(tmp_path / "rev1.dtnb", edition_bytes(key, revision=1))).status == "imported"


def dtn(*args: str, library: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DTN_LIBRARY": str(library)}
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs of its own (root only): (mount point, remount function)."""
    if not AS_ROOT:
        pytest.skip("mounting a tmpfs needs root (CI runs as root); the injected-error tests cover the rest")
    point = tmp_path / "disk"
    point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES}", "tmpfs", str(point)], check=True)

    def remount(mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(point)], check=True)

    try:
        yield point, remount
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def fill(folder: Path) -> Path:
    """Fill the disk of ``folder`` to the last byte."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (65536, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


# --- a full disk ------------------------------------------------------------------------


def test_a_full_tmpfs_gives_disk_full_and_changes_nothing(tmpfs, key, usb, tmp_path):
    point, _remount = tmpfs
    folder = point / "lib"
    seeded(folder, key, tmp_path)
    with make_library(folder, key) as lib:
        filler = fill(point)
        before = snapshot(folder)
        with pytest.raises(LibraryDiskFullError) as caught:
            lib.import_file(usb["good"])
        assert f"the disk that holds the library in {folder} is full" in str(caught.value)
        assert "free" in str(caught.value) and "Nothing was changed" in str(caught.value)
        assert caught.value.code == "library-disk-full" and caught.value.params["free_bytes"] is not None
        assert snapshot(folder) == before
        assert not list((folder / "store").glob(".tmp-*"))
        # The same disk, for a bundle that would be rejected: still the disk's fault, said once.
        with pytest.raises(LibraryDiskFullError):
            lib.import_file(usb["rejected"])
        assert snapshot(folder) == before
        filler.unlink()
        assert lib.import_file(usb["good"]).status == "imported"  # room again: it works


def test_dtn_import_on_a_full_disk_prints_one_line(tmpfs, key, usb, tmp_path):
    point, _remount = tmpfs
    folder = point / "lib"
    seeded(folder, key, tmp_path)
    before = snapshot(folder)
    filler = fill(point)
    result = dtn("import", str(usb["good"]), library=folder)
    filler.unlink()  # a closed library's database cannot even be read on a full tmpfs (no room for its -shm)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("dtn: the disk that holds the library") and "is full" in line
    assert snapshot(folder) == before


def test_injected_enospc_while_staging_blames_the_library_disk_not_the_source(lib_folder, key, usb, monkeypatch):
    import reader.core.store as store

    with make_library(lib_folder, key) as lib:
        before = snapshot(lib_folder)

        def full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store.os, "fsync", full)
        with pytest.raises(LibraryDiskFullError) as caught:
            lib.import_file(usb["good"])
        monkeypatch.undo()
        assert str(usb["good"]) not in str(caught.value)  # not "cannot read SOURCE"
        assert f"the disk that holds the library in {lib_folder} is full" in str(caught.value)
        assert snapshot(lib_folder) == before
        assert not list((lib_folder / "store").glob(".tmp-*"))


def test_injected_sqlite_full_undoes_the_store_commit(lib_folder, key, tmp_path):
    # Big enough that its index rows need new database pages.
    big = bf.write(tmp_path / "big.dtnb", edition_bytes(key, revision=2, chapters=[("groot", "Groot", [], " ".join(f"woord{i}" for i in range(40_000)))]))
    with make_library(lib_folder, key) as lib:
        before = snapshot(lib_folder)
        pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
        lib.db.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow: SQLITE_FULL
        with pytest.raises(LibraryDiskFullError):
            lib.import_file(big)
        assert snapshot(lib_folder) == before  # the store file moved into place was taken back
        lib.db.execute("PRAGMA max_page_count = 1073741823")
        assert lib.import_file(big).status == "imported"


@pytest.fixture
def lib_folder(tmp_path, key) -> Path:
    folder = tmp_path / "lib"
    seeded(folder, key, tmp_path)
    return folder


# --- a read-only folder ----------------------------------------------------------------------


def test_opening_a_read_only_library_folder(tmpfs, key, usb, tmp_path):
    point, remount = tmpfs
    folder = point / "lib"
    seeded(folder, key, tmp_path)
    before = every_byte(folder)
    remount("ro")
    try:
        with pytest.raises(LibraryReadOnlyError) as caught:
            make_library(folder, key)
        assert "is read-only" in str(caught.value)
        result = dtn("import", str(usb["rejected"]), library=folder)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"dtn: the library folder {folder} is read-only")
        assert every_byte(folder) == before
    finally:
        remount("rw")


@pytest.mark.skipif(AS_ROOT, reason="root writes through file modes; the read-only mount tests cover root")
def test_a_read_only_library_folder_by_its_modes(lib_folder, key, usb):
    paths = [lib_folder, *lib_folder.rglob("*")]
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        with pytest.raises(LibraryReadOnlyError):
            make_library(lib_folder, key)
    finally:
        for p in paths:
            p.chmod(0o755 if p.is_dir() else 0o644)


# --- locked by another program -----------------------------------------------------------------


def test_a_database_locked_by_another_program(lib_folder, key, usb):
    waits = []
    limits = LibraryLimits(busy_timeout_ms=400, busy_notice_ms=50)
    with make_library(lib_folder, key, limits=limits, on_wait=waits.append) as lib:
        before = snapshot(lib_folder)
        other = sqlite3.connect(lib_folder / "library.db", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(LibraryBusyError) as caught:
                lib.import_file(usb["good"])
            assert "is locked by another program" in str(caught.value) and "0.4 s" in str(caught.value)
            assert caught.value.code == "library-busy"
            assert len(waits) == 1 and "waiting" in waits[0]  # it said that it waited, once
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert snapshot(lib_folder) == before
        assert not list((lib_folder / "store").glob(".tmp-*"))
        assert lib.import_file(usb["good"]).status == "imported"


# --- damaged ---------------------------------------------------------------------------------


def test_a_damaged_database_says_what_will_help(lib_folder, key):
    db = lib_folder / "library.db"
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LibraryDamagedError) as caught:
        make_library(lib_folder, key)
    assert f"the library database {db} is damaged" in str(caught.value)
    assert "dtn rebuild" in str(caught.value) and "move library.db out of the folder" in str(caught.value)
