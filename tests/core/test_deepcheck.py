"""The deep check finds every way the index or the store can differ from the signed originals."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.core.library.deepcheck import CheckLimits, bounded_hash_check, deep_check
from reader.core.errors import CancelledError
from reader.core.library import Library
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf


@pytest.fixture
def key():
    return bf.new_key()


def edition(key, bundle_id: str, revision: int = 1) -> bytes:
    manifest = bf.sample_manifest()
    manifest["bundle_id"], manifest["revision"] = bundle_id, revision
    return bf.build(key, manifest)


@pytest.fixture
def folder(tmp_path: Path, key) -> Path:
    folder = tmp_path / "lib"
    trust = TrustStore(folder / "trust")
    trust.add(key.public.to_file(), name="Testredactie", publisher=bf.PUBLISHER_NAME)
    with Library.open(folder, trust=trust) as lib:
        for bundle_id in ("dtn-a", "dtn-b"):
            assert lib.import_file(bf.write(tmp_path / "in" / f"{bundle_id}.dtnb", edition(key, bundle_id))).ok
        lib.chapter(lib.chapters(lib.edition("dtn-a").pk)[0].pk)  # renders and caches the first chapter
    return folder


def open_lib(folder: Path) -> Library:
    return Library.open(folder, trust=TrustStore(folder / "trust"))


def edit_db(folder: Path, sql: str, params=()) -> None:
    """An edit made behind the reader's back, with another SQLite connection."""
    conn = sqlite3.connect(folder / "library.db")
    with conn:
        assert conn.execute(sql, params).rowcount >= 1
    conn.close()


def test_a_consistent_library_passes(folder: Path) -> None:
    with open_lib(folder) as lib:
        report = deep_check(lib)
    assert report.ok, report.findings
    assert report.bundles == 2 and report.bytes_hashed == sum(p.stat().st_size for p in (folder / "store").glob("*.dtnb"))


def test_a_flipped_byte_in_a_stored_bundle_is_found(folder: Path) -> None:
    with open_lib(folder) as lib:
        sha = lib.edition("dtn-b").sha256
    path = folder / "store" / f"{sha}.dtnb"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with open_lib(folder) as lib:
        quick = lib.check()
        report = deep_check(lib)
    assert quick == []  # what the old check could not see
    assert [(f.code, f.edition, f.sha256) for f in report.findings] == [("store-hash-mismatch", "dtn-b@1", sha)]
    assert f"store file {sha[:12]} was altered" in report.findings[0].message


def test_an_edited_level_in_the_database_is_found(folder: Path) -> None:
    edit_db(folder, "UPDATE editions SET level_value = 5, level_label = 'Kritiek' WHERE bundle_id = 'dtn-a'")
    with open_lib(folder) as lib:
        assert lib.check() == []
        report = deep_check(lib)
    assert [(f.code, f.edition, f.params["field"]) for f in report.findings] == [
        ("index-edition-differs", "dtn-a@1", "level_value"),
        ("index-edition-differs", "dtn-a@1", "level_label"),
    ]
    assert report.findings[0].message == "level: the index says 5, the signed bundle 4"


@pytest.mark.parametrize(
    "sql, code",
    [
        ("UPDATE chapters SET markdown = 'Er is niets aan de hand.' WHERE chapter_id = 'online'", "index-chapter-text-differs"),
        ("UPDATE chapters SET html = '<p>Er is niets aan de hand.</p>' WHERE html IS NOT NULL", "index-html-differs"),
        ("UPDATE chapter_fts SET body = 'anders' WHERE rowid = (SELECT min(pk) FROM chapters)", "index-search-differs"),
        ("UPDATE level_events SET value = 1, label = 'Minimaal'", "index-events-differ"),
        ("UPDATE checklist_items SET text = 'Doe niets.'", "index-checklists-differ"),
        ("UPDATE editions SET summary = 'Alles rustig.' WHERE bundle_id = 'dtn-b'", "index-edition-differs"),
    ],
)
def test_edited_index_content_is_found_per_edition(folder: Path, sql: str, code: str) -> None:
    edit_db(folder, sql)
    with open_lib(folder) as lib:
        report = deep_check(lib)
        assert report.findings and {f.code for f in report.findings} == {code}
        assert all(f.edition in ("dtn-a@1", "dtn-b@1") for f in report.findings)
        lib.rebuild()
        assert deep_check(lib).ok


def test_the_check_can_be_cancelled_and_reports_progress(folder: Path) -> None:
    seen = []
    with open_lib(folder) as lib:
        deep_check(lib, progress=lambda done, total: seen.append((done, total)))
        cancel = threading.Event()
        cancel.set()
        with pytest.raises(CancelledError):
            deep_check(lib, cancel=cancel)
    assert seen == [(1, 2), (2, 2)]


def test_the_bounded_check_stays_in_budget_and_continues_where_it_stopped(folder: Path) -> None:
    with open_lib(folder) as lib:
        shas = sorted(lib.store.hashes())
        one = CheckLimits(background_max_bytes=1, background_max_seconds=60)
        first = bounded_hash_check(lib, one)
        second = bounded_hash_check(lib, one)
        assert (first.bundles, second.bundles, first.complete) == (1, 1, False)
        assert lib.setting("store_hash_check_cursor") == shas[1]
        path = lib.store.path_for(shas[0])
        data = path.read_bytes()
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        third = bounded_hash_check(lib, one)  # wraps round to the first file
        assert [(f.code, f.sha256) for f in third.findings] == [("store-hash-mismatch", shas[0])]
        assert bounded_hash_check(lib).bundles == 2
