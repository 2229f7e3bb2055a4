"""``dtn bookmarks`` in a subprocess: bookmarks and notes survive losing the index, through export and import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EDITION = "dtn-2023-12"


def dtn(*args: str, library: Path) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DTN_LIBRARY": str(library)}
    return subprocess.run([sys.executable, "-m", "reader", *args], env=environ, capture_output=True, text=True, timeout=120)


def ok(*args: str, library: Path) -> str:
    result = dtn(*args, library=library)
    assert result.returncode == 0, result.stderr
    return result.stdout


def listed(library: Path) -> list[dict]:
    return json.loads(ok("bookmarks", "list", "--json", library=library))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    ok("demo", "load", library=folder)
    return folder


def test_bookmarks_and_notes_come_back_after_the_index_is_lost(library: Path, tmp_path: Path) -> None:
    ok("bookmarks", "add", EDITION, "jihadisme", "--note", "Bespreken in het driehoeksoverleg", library=library)
    ok("bookmarks", "add", EDITION, "online-radicalisering", "--section", "signalen", "--note", "regel 1\nregel 2", library=library)
    ok("bookmarks", "add", "dtn-2019-12", "jihadisme", library=library)
    before = listed(library)
    assert len(before) == 3
    exported = tmp_path / "mijn-bladwijzers.json"
    assert "3 bookmark(s) written" in ok("bookmarks", "export", str(exported), library=library)

    for name in ("library.db", "library.db-wal", "library.db-shm"):
        (library / name).unlink(missing_ok=True)
    ok("rebuild", library=library)
    assert listed(library) == []
    assert EDITION in ok("list", library=library)  # the editions are back from the store

    assert "3 added, 0 updated, 0 already present" in ok("bookmarks", "import", str(exported), library=library)
    after = listed(library)
    key = lambda b: (b["bundle_id"], b["chapter_id"], b["anchor"], b["note"], b["created_at"])  # noqa: E731
    assert sorted(map(key, after)) == sorted(map(key, before))
    assert {b["chapter"] for b in after} >= {"Jihadisme: de grootste en een groeiende dreiging"}

    # Importing the same file again merges: nothing is added twice.
    assert "0 added, 0 updated, 3 already present" in ok("bookmarks", "import", str(exported), library=library)
    assert len(listed(library)) == 3

    # Notes are searchable.
    found = json.loads(ok("bookmarks", "list", "--search", "driehoeksoverleg", "--json", library=library))
    assert [b["chapter_id"] for b in found] == ["jihadisme"] and found[0]["bundle_id"] == EDITION


def test_a_bad_bookmarks_file_is_refused_in_one_line_and_changes_nothing(library: Path, tmp_path: Path) -> None:
    ok("bookmarks", "add", EDITION, "jihadisme", "--note", "blijft", library=library)
    before = listed(library)
    bad = tmp_path / "bad.json"
    entries = [
        {"bundle_id": EDITION, "chapter_id": "aanpak", "anchor": "", "note": "goed", "created_at": "2026-01-01T00:00:00Z"},
        {"bundle_id": "../../etc", "chapter_id": "x", "created_at": "2026-01-01T00:00:00Z"},
    ]
    bad.write_text(json.dumps({"type": "dtn-reader-bookmarks", "version": 1, "bookmarks": entries}), encoding="utf-8")
    result = dtn("bookmarks", "import", str(bad), library=library)
    assert result.returncode == 1
    assert result.stderr.startswith("dtn: ") and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "bookmarks[1].bundle_id" in result.stderr
    assert listed(library) == before  # the good first entry was not added either

    unknown = dtn("bookmarks", "add", EDITION, "no-such-chapter", library=library)
    assert unknown.returncode == 1 and "no-such-chapter" in unknown.stderr
