"""`dtn check` re-verifies the library end to end; `dtn rebuild` repairs it, also from a damaged library.db."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.e2e.test_cli_bundle import dtn, work  # noqa: F401  (work is a fixture)


@pytest.fixture
def library(work: Path, tmp_path: Path) -> Path:  # noqa: F811
    folder = tmp_path / "lib"
    added = dtn("trust", "add", str(work / "keys/pub.pub"), "--publisher", "Voorbeeldredactie", "--library", str(folder), cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    imported = dtn("import", str(work / "edition.dtnb"), "--library", str(folder), cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    return folder


def store_file(folder: Path) -> Path:
    [path] = (folder / "store").glob("*.dtnb")
    return path


def edit_db(folder: Path, sql: str) -> None:
    conn = sqlite3.connect(folder / "library.db")
    with conn:
        assert conn.execute(sql).rowcount >= 1
    conn.close()


def test_check_passes_on_a_consistent_library(library: Path, tmp_path: Path) -> None:
    result = dtn("check", "--library", str(library), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "library is consistent: 1 bundle(s) re-hashed" in result.stdout


def test_check_finds_a_flipped_byte_in_a_stored_bundle(library: Path, tmp_path: Path) -> None:
    path = store_file(library)
    data = bytearray(path.read_bytes())
    data[100] ^= 0x40
    path.write_bytes(bytes(data))
    quick = dtn("check", "--quick", "--library", str(library), cwd=tmp_path)
    assert quick.returncode == 0 and "consistent (quick check)" in quick.stdout
    result = dtn("check", "--library", str(library), cwd=tmp_path)
    assert result.returncode == 1
    assert "voorbeeld-2026-06@1:\n  store file " in result.stdout
    assert "was altered: its content no longer matches its sha256" in result.stdout
    assert "moved to the quarantine folder by the rebuild: import that edition again from its source" in result.stdout
    rebuilt = dtn("rebuild", "--library", str(library), cwd=tmp_path)
    assert f"quarantined (altered): store file {path.stem[:12]} moved to {library / 'quarantine' / path.name}" in rebuilt.stdout
    assert (library / "quarantine" / path.name).read_bytes() == bytes(data)
    assert "the library is empty" in dtn("list", "--library", str(library), cwd=tmp_path).stdout
    assert dtn("check", "--library", str(library), cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    "sql, shown",
    [
        ("UPDATE editions SET level_value = 5, level_label = 'Kritiek'", "  level: the index says 5, the signed bundle 3"),
        ("UPDATE chapters SET markdown = 'Alles is rustig.' WHERE ord = 0", "the text differs from the signed bundle"),
    ],
)
def test_check_finds_an_edited_database_and_rebuild_repairs_it(library: Path, tmp_path: Path, sql: str, shown: str) -> None:
    edit_db(library, sql)
    result = dtn("check", "--library", str(library), cwd=tmp_path)
    assert result.returncode == 1
    assert shown in result.stdout
    assert "run 'dtn rebuild' to rebuild the index from the signed originals" in result.stdout
    assert "quarantine" not in result.stdout
    rebuilt = dtn("rebuild", "--library", str(library), cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert dtn("check", "--library", str(library), cwd=tmp_path).returncode == 0
    assert "level 3 Aanzienlijk" in dtn("list", "--library", str(library), cwd=tmp_path).stdout


@pytest.mark.parametrize("damage", ["truncated", "bit-flipped", "garbage"])
def test_rebuild_recovers_a_damaged_library_db(library: Path, tmp_path: Path, damage: str) -> None:
    db = library / "library.db"
    # Fold the WAL into the file first, so the damage hits the data itself.
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "bit-flipped":
        for offset in range(100, len(data), 997):
            data[offset] ^= 0xFF
    else:
        data = bytearray(b"not a database" * 100)
    db.write_bytes(bytes(data))
    listed = dtn("list", "--library", str(library), cwd=tmp_path)
    assert listed.returncode != 0 or "voorbeeld" not in listed.stdout
    assert "Traceback" not in listed.stderr
    rebuilt = dtn("rebuild", "--library", str(library), cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    [aside] = library.glob("library.db.damaged-*[0-9TZ]")
    assert aside.read_bytes() == bytes(data)
    assert f"it was moved to {aside}" in rebuilt.stdout
    assert "rebuilt the index: 1 bundle(s) verified and indexed" in rebuilt.stdout
    assert "voorbeeld-2026-06" in dtn("list", "--library", str(library), cwd=tmp_path).stdout
    assert dtn("check", "--library", str(library), cwd=tmp_path).returncode == 0
