"""The deep check's row-by-row comparison (in this process and in worker processes) finds what
the straightforward check finds: re-indexing every signed bundle into a throw-away index and
comparing the two. Every tampering below is applied to a copy of one library."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from reader.core.errors import DTNError
from reader.core.library import Library, importing, maintenance, queries, schema
from reader.core.library import deepcheck
from reader.core.library.base import LibraryBase
from reader.core.library.deepcheck import _EDITION_FIELDS, CheckReport, Finding, _differences, deep_check, file_sha256, report_json
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf


def _index_rows(db: sqlite_utils.Database, sha256: str) -> dict[str, Any] | None:
    row = db.execute(f"SELECT pk, {', '.join(_EDITION_FIELDS)} FROM editions WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        return None
    pk, values = row[0], row[1:]
    bundle = db.execute("SELECT bundle_id, revision, size, signer_key_id FROM bundles WHERE sha256 = ?", [sha256]).fetchone()
    chapters = db.execute(
        """SELECT c.ord, c.chapter_id, c.title, c.themes, c.file, c.theme_chapter, c.markdown, f.title, f.body
           FROM chapters c LEFT JOIN chapter_fts f ON f.rowid = c.pk WHERE c.edition_pk = ? ORDER BY c.ord""",
        [pk],
    ).fetchall()
    events = db.execute(
        "SELECT start, end, value, label, scale, region, note FROM level_events WHERE edition_pk = ? ORDER BY start, region, pk",
        [pk],
    ).fetchall()
    checklists = []
    for cl_pk, *cl in db.execute(
        "SELECT pk, ord, checklist_id, partner, title FROM checklists WHERE edition_pk = ? ORDER BY ord", [pk]
    ).fetchall():
        items = db.execute("SELECT ord, item_id, text, priority FROM checklist_items WHERE checklist_pk = ? ORDER BY ord", [cl_pk]).fetchall()
        checklists.append((tuple(cl), tuple(items)))
    cached_html = db.execute("SELECT ord, html FROM chapters WHERE edition_pk = ? AND html IS NOT NULL ORDER BY ord", [pk]).fetchall()
    return {
        "pk": pk,
        "edition": dict(zip(_EDITION_FIELDS, values)),
        "bundle": tuple(bundle) if bundle else None,
        "chapters": [tuple(c) for c in chapters],
        "events": [tuple(e) for e in events],
        "checklists": checklists,
        "html": dict(cached_html),
    }


def straightforward_deep_check(lib: LibraryBase) -> CheckReport:
    """The deep check as it was before the fast path: each verified bundle indexed afresh into
    an in-memory library by the import's own code, and the two indexes compared."""
    report = CheckReport()
    result = lib.db.execute("PRAGMA integrity_check").fetchall()
    if [r[0] for r in result] != ["ok"]:
        report.findings.extend(Finding("database-damaged", f"database: {r[0]}") for r in result[:20])
    indexed = {r[0]: (r[1], r[2]) for r in lib.db.execute("SELECT sha256, bundle_id, revision FROM bundles").fetchall()}
    stored = sorted(lib.store.hashes())
    for sha in sorted(set(indexed) - set(stored)):
        bundle_id, revision = indexed[sha]
        report.findings.append(Finding("store-missing", "its signed original is missing from the store", f"{bundle_id}@{revision}", sha))
    shadow_db = sqlite_utils.Database(memory=True)
    schema.prepare(shadow_db)
    shadow = LibraryBase(lib.folder, shadow_db, lib.store, lib.trust, lib.limits, lib.bundle_limits)
    for sha in stored:
        report.bundles += 1
        where = f"{indexed[sha][0]}@{indexed[sha][1]}" if sha in indexed else None
        path = lib.store.path_for(sha)
        try:
            digest, size = file_sha256(path)
        except OSError as exc:
            report.findings.append(Finding("store-unreadable", f"store file {sha[:12]} cannot be read: {exc.strerror or exc}", where, sha))
            continue
        report.bytes_hashed += size
        if digest != sha:
            report.findings.append(Finding("store-hash-mismatch", f"store file {sha[:12]} was altered: its content no longer matches its sha256", where, sha))
            continue
        try:
            verified = maintenance.verify_stored(lib, path)
        except DTNError as exc:
            report.findings.append(Finding("bundle-unverified", f"store file {sha[:12]} no longer verifies: {exc}", where, sha, {"reason": str(exc)}))
            continue
        where = f"{verified.manifest.bundle_id}@{verified.manifest.revision}"
        actual = _index_rows(lib.db, sha)
        if actual is None:
            report.findings.append(Finding("store-unindexed", "a verified store file is not in the index", where, sha))
            continue
        with shadow_db.atomic():
            for table in schema.INDEX_TABLES:
                shadow_db.execute(f"DELETE FROM {table}")
        importing.index(shadow, verified, sha, size, "check")
        expected = _index_rows(shadow_db, sha)
        for code, message, params in _differences(actual, expected):
            report.findings.append(Finding(code, message, where, sha, params))
        for order, cached in actual["html"].items():
            row = next(shadow_db.query("SELECT pk, edition_pk, markdown FROM chapters WHERE ord = ?", [order]), None)
            if row is None:
                continue
            if cached != queries._render(shadow, row).html:
                chapter = expected["chapters"][order][1] if order < len(expected["chapters"]) else order
                report.findings.append(Finding("index-html-differs", f"chapter {chapter!r}: the shown page differs from the signed text",
                                               where, sha, {"chapter": chapter}))
    shadow_db.close()
    leftovers = sorted(p.name for p in lib.store.folder.glob(".tmp-*")) if lib.store.folder.is_dir() else []
    report.findings.extend(Finding("store-leftover", f"leftover temporary file {name}") for name in leftovers)
    return report


EXTRA = "extra-bundle.bin"
NOT_TAMPERING = {"nothing", "edition not shown fields", "key revoked"}  # a revoked key's editions are kept, hidden


def edition(key, bundle_id: str, revision: int = 1, events: int = 1) -> bytes:
    manifest = bf.sample_manifest()
    manifest["bundle_id"], manifest["revision"] = bundle_id, revision
    base = manifest["level_events"][0]
    manifest["level_events"] = [
        {**base, "start": f"2024-0{1 + i % 3}-01", "region": ("Utrecht", "Amsterdam")[i % 2], "note": f"melding {i}"} for i in range(events)
    ]
    return bf.build(key, manifest)


@pytest.fixture(scope="module")
def key():
    return bf.new_key()


@pytest.fixture(scope="module")
def base_library(tmp_path_factory, key) -> Path:
    root = tmp_path_factory.mktemp("deepcheck-equivalence")
    folder = root / "lib"
    trust = TrustStore(folder / "trust")
    trust.add(key.public.to_file(), name="Testredactie", publisher=bf.PUBLISHER_NAME)
    with Library.open(folder, trust=trust) as lib:
        for bundle_id, revision, events in (("dtn-a", 1, 1), ("dtn-a", 2, 4), ("dtn-b", 1, 0), ("dtn-c", 1, 3)):
            assert lib.import_file(bf.write(root / "in" / f"{bundle_id}-{revision}.dtnb", edition(key, bundle_id, revision, events))).ok
        for e in ("dtn-a", "dtn-c"):
            for ch in lib.chapters(lib.edition(e).pk):
                lib.chapter(ch.pk)  # renders and caches the page
    (folder / EXTRA).write_bytes(edition(key, "dtn-extra"))  # a signed bundle never imported
    return folder


def sql(statement: str, params=()):
    def tamper(folder: Path) -> None:
        conn = sqlite3.connect(folder / "library.db")
        with conn:
            assert conn.execute(statement, params).rowcount >= 1, statement
        conn.close()
    return tamper


def store_file(folder: Path, bundle_id: str = "dtn-b") -> Path:
    conn = sqlite3.connect(folder / "library.db")
    sha = conn.execute("SELECT sha256 FROM editions WHERE bundle_id = ? ORDER BY revision DESC", [bundle_id]).fetchone()[0]
    conn.close()
    return folder / "store" / f"{sha}.dtnb"


def flip_byte(folder: Path) -> None:
    path = store_file(folder)
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x20
    path.write_bytes(bytes(data))


def truncate_store_file(folder: Path) -> None:
    path = store_file(folder, "dtn-c")
    path.write_bytes(path.read_bytes()[:-7])


def remove_store_file(folder: Path) -> None:
    store_file(folder, "dtn-a").unlink()


def extra_store_file(folder: Path) -> None:
    data = (folder / EXTRA).read_bytes()
    (folder / "store" / f"{hashlib.sha256(data).hexdigest()}.dtnb").write_bytes(data)


def untrust_the_key(folder: Path) -> None:
    for path in (folder / "trust").glob("*"):
        path.unlink()


def revoke_the_key(folder: Path) -> None:
    trust = TrustStore(folder / "trust")
    trust.revoke(trust.keys()[0].key_id, "test")


def leftover(folder: Path) -> None:
    (folder / "store" / ".tmp-import-1").write_bytes(b"half")


FIELD_EDITS = [
    ("bundle_id", "'dtn-z'"), ("revision", "revision + 10"), ("number", "NULL"), ("date", "'1999-01-01'"),
    ("name", "'Anders'"), ("title", "title || ' '"), ("summary", "'Alles rustig.'"), ("level_value", "1"),
    ("level_label", "'Minimaal'"), ("level_scale", "'x'"), ("level_since", "'2000-01-01'"), ("demo", "1 - demo"),
    ("publisher", "'Iemand'"), ("language", "'en'"), ("created", "'2000-01-01T00:00:00Z'"), ("files", "'[]'"),
    ("signer_key_id", "'0000000000000000'"),
]

TAMPERINGS = {
    "nothing": lambda folder: None,
    **{f"edition {name}": sql(f"UPDATE editions SET {name} = {value} WHERE bundle_id = 'dtn-c'") for name, value in FIELD_EDITS},
    "edition not shown fields": sql("UPDATE editions SET signer_name = 'x', imported_at = 'x', hidden_reason = 'x'"),
    "edition deleted": sql("DELETE FROM editions WHERE bundle_id = 'dtn-b'"),
    "edition added": sql(
        "INSERT INTO editions (bundle_id, revision, sha256, number, date, name, title, summary, level_value, level_label,"
        " level_scale, level_since, demo, publisher, language, created, files, signer_key_id, signer_name, imported_at)"
        " SELECT 'dtn-y', revision, sha256, number, date, name, title, summary, level_value, level_label, level_scale,"
        " level_since, demo, publisher, language, created, files, signer_key_id, signer_name, imported_at FROM editions WHERE bundle_id = 'dtn-b'"
    ),
    "bundle size": sql("UPDATE bundles SET size = size + 1 WHERE bundle_id = 'dtn-b'"),
    "bundle key": sql("UPDATE bundles SET signer_key_id = '0000000000000000' WHERE bundle_id = 'dtn-b'"),
    "bundle id": sql("UPDATE bundles SET bundle_id = 'dtn-q' WHERE bundle_id = 'dtn-b'"),
    "bundle deleted": sql("DELETE FROM bundles WHERE bundle_id = 'dtn-b'"),
    "chapter title": sql("UPDATE chapters SET title = 'Anders' WHERE ord = 0"),
    "chapter themes": sql("UPDATE chapters SET themes = '[]'"),
    "chapter file": sql("UPDATE chapters SET file = 'chapters/x.md' WHERE ord = 1"),
    "chapter theme flag": sql("UPDATE chapters SET theme_chapter = 1 - theme_chapter WHERE ord = 0"),
    "chapter order": sql("UPDATE chapters SET ord = ord + 5 WHERE ord = 0 AND edition_pk = (SELECT min(pk) FROM editions)"),
    "chapter markdown": sql("UPDATE chapters SET markdown = markdown || 'x' WHERE chapter_id = 'online'"),
    "chapter deleted": sql("DELETE FROM chapters WHERE pk = (SELECT max(pk) FROM chapters)"),
    "chapter added": sql(
        "INSERT INTO chapters (edition_pk, ord, chapter_id, title, themes, file, theme_chapter, markdown)"
        " SELECT edition_pk, ord + 100, chapter_id || '-2', title, themes, file, theme_chapter, markdown FROM chapters WHERE pk = (SELECT min(pk) FROM chapters)"
    ),
    "chapter without edition": sql(
        "INSERT INTO chapters (edition_pk, ord, chapter_id, title, themes, file, theme_chapter, markdown)"
        " VALUES (9999, 0, 'x', 'x', '[]', 'chapters/x.md', 0, 'x')"
    ),
    "html": sql("UPDATE chapters SET html = '<p>Er is niets aan de hand.</p>' WHERE html IS NOT NULL AND ord = 0"),
    "fts body": sql("UPDATE chapter_fts SET body = body || ' anders' WHERE rowid = (SELECT min(pk) FROM chapters)"),
    "fts title": sql("UPDATE chapter_fts SET title = 'anders' WHERE rowid = (SELECT max(pk) FROM chapters)"),
    "fts deleted": sql("DELETE FROM chapter_fts WHERE rowid = (SELECT max(pk) FROM chapters)"),
    "fts added": sql("INSERT INTO chapter_fts (rowid, title, body) VALUES (99999, 'x', 'vals spoor')"),
    "fts moved": sql("UPDATE chapter_fts SET rowid = 99999 WHERE rowid = (SELECT min(pk) FROM chapters)"),
    "event value": sql("UPDATE level_events SET value = 1, label = 'Minimaal' WHERE pk = (SELECT max(pk) FROM level_events)"),
    "event note": sql("UPDATE level_events SET note = 'x'"),
    "event end": sql("UPDATE level_events SET end = '2030-01-01' WHERE pk = (SELECT min(pk) FROM level_events)"),
    "event deleted": sql("DELETE FROM level_events WHERE pk = (SELECT max(pk) FROM level_events)"),
    "event added": sql(
        "INSERT INTO level_events (edition_pk, start, end, value, label, scale, region, note)"
        " SELECT edition_pk, start, end, value, label, scale, region, note FROM level_events WHERE pk = (SELECT min(pk) FROM level_events)"
    ),
    "event without edition": sql("INSERT INTO level_events (edition_pk, start, value, label, scale, region, note) VALUES (9999, '2024-01-01', 1, 'x', 'x', 'x', '')"),
    "checklist partner": sql("UPDATE checklists SET partner = 'x' WHERE pk = (SELECT min(pk) FROM checklists)"),
    "checklist deleted": sql("DELETE FROM checklists WHERE pk = (SELECT max(pk) FROM checklists)"),
    "checklist added": sql(
        "INSERT INTO checklists (edition_pk, ord, checklist_id, partner, title) SELECT edition_pk, ord + 1, checklist_id, partner, title FROM checklists WHERE pk = (SELECT min(pk) FROM checklists)"
    ),
    "checklist without edition": sql("INSERT INTO checklists (edition_pk, ord, checklist_id, partner, title) VALUES (9999, 0, 'x', 'x', 'x')"),
    "item text": sql("UPDATE checklist_items SET text = 'Doe niets.' WHERE pk = (SELECT min(pk) FROM checklist_items)"),
    "item priority": sql("UPDATE checklist_items SET priority = 'laag' WHERE pk = (SELECT max(pk) FROM checklist_items)"),
    "item deleted": sql("DELETE FROM checklist_items WHERE pk = (SELECT max(pk) FROM checklist_items)"),
    "item added": sql(
        "INSERT INTO checklist_items (checklist_pk, ord, item_id, text, priority) SELECT checklist_pk, ord + 50, item_id || '-2', text, priority FROM checklist_items WHERE pk = (SELECT min(pk) FROM checklist_items)"
    ),
    "item without checklist": sql("INSERT INTO checklist_items (checklist_pk, ord, item_id, text, priority) VALUES (9999, 0, 'x', 'x', 'hoog')"),
    "flipped byte": flip_byte,
    "truncated store file": truncate_store_file,
    "store file removed": remove_store_file,
    "extra store file": extra_store_file,
    "key no longer trusted": untrust_the_key,
    "key revoked": revoke_the_key,
    "leftover temporary file": leftover,
}


def findings(report: CheckReport) -> list[tuple]:
    return [(f["code"], f["message"], f["edition"], f["sha256"], json.dumps(f["params"], sort_keys=True)) for f in report_json(report)["findings"]]


@pytest.fixture(params=sorted(TAMPERINGS))
def tampered(request, base_library: Path, tmp_path: Path) -> tuple[str, Path]:
    folder = tmp_path / "lib"
    shutil.copytree(base_library, folder)
    TAMPERINGS[request.param](folder)
    return request.param, folder


def test_the_row_comparison_finds_what_reindexing_finds(tampered: tuple[str, Path], monkeypatch) -> None:
    name, folder = tampered
    with Library.open(folder, trust=TrustStore(folder / "trust"), recover=False) as lib:
        reference = straightforward_deep_check(lib)
        report = deep_check(lib, workers=0)
        monkeypatch.setattr(deepcheck, "PARALLEL_HASH_MIN_BYTES", 0)  # every file hashed while it is verified
        overlapped = deep_check(lib, workers=0)
    new = findings(report)
    assert findings(overlapped) == new
    assert [f for f in new if f[0] != "index-rows-unaccounted"] == findings(reference)
    assert (report.bundles, report.bytes_hashed) == (reference.bundles, reference.bytes_hashed)
    if name in NOT_TAMPERING:
        assert report.ok
    else:
        assert not report.ok, name  # every tampering is found


@pytest.mark.parametrize("name, table", [
    ("edition added", "editions"), ("bundle deleted", "editions"), ("chapter without edition", "chapters"),
    ("fts added", "chapter_fts"), ("fts moved", "chapter_fts"), ("event without edition", "level_events"),
    ("checklist without edition", "checklists"), ("item without checklist", "checklist_items"),
])
def test_a_row_of_no_edition_is_reported(name: str, table: str, base_library: Path, tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(base_library, folder)
    TAMPERINGS[name](folder)
    with Library.open(folder, trust=TrustStore(folder / "trust"), recover=False) as lib:
        report = deep_check(lib, workers=0)
        assert ("index-rows-unaccounted", table) in {(f.code, f.params.get("table")) for f in report.findings}
        lib.rebuild()
        assert deep_check(lib, workers=0).ok


@pytest.mark.parametrize("name", ["nothing", "flipped byte", "chapter markdown", "fts body", "html", "key no longer trusted", "key revoked"])
def test_worker_processes_give_the_same_report(name: str, base_library: Path, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(base_library, folder)
    TAMPERINGS[name](folder)
    monkeypatch.setattr(deepcheck, "MIN_BUNDLES_FOR_WORKERS", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started = []
    real_init = deepcheck.ProcessPoolExecutor.__init__

    def counting_init(self, *args, **kwargs):
        started.append(kwargs.get("max_workers"))
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(deepcheck.ProcessPoolExecutor, "__init__", counting_init)
    with Library.open(folder, trust=TrustStore(folder / "trust"), recover=False) as lib:
        inline = deep_check(lib, workers=0)
        pooled = deep_check(lib, workers=2)
    assert started == [2]  # the pooled run did use workers
    assert findings(pooled) == findings(inline)
    assert (pooled.bundles, pooled.bytes_hashed) == (inline.bundles, inline.bytes_hashed)


def test_a_check_in_worker_processes_can_be_cancelled(base_library: Path, tmp_path: Path, monkeypatch) -> None:
    import multiprocessing
    import threading

    from reader.core.errors import CancelledError

    folder = tmp_path / "lib"
    shutil.copytree(base_library, folder)
    monkeypatch.setattr(deepcheck, "MIN_BUNDLES_FOR_WORKERS", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    cancel, seen = threading.Event(), []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        cancel.set()  # the user presses Cancel after the first bundle

    with Library.open(folder, trust=TrustStore(folder / "trust"), recover=False) as lib:
        with pytest.raises(CancelledError):
            deep_check(lib, progress, cancel, workers=2)
    assert seen == [(1, 4)]
    # The check's workers were shut down (the chapter renderer of the cached pages may live on).
    assert [p.name for p in multiprocessing.active_children() if p.name != "dtn-render-worker"] == []


def test_without_worker_processes_the_check_runs_here(base_library: Path, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(base_library, folder)
    TAMPERINGS["chapter markdown"](folder)
    monkeypatch.setattr(deepcheck, "MIN_BUNDLES_FOR_WORKERS", 1)

    def no_processes(*_args, **_kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(deepcheck, "ProcessPoolExecutor", no_processes)
    with Library.open(folder, trust=TrustStore(folder / "trust"), recover=False) as lib:
        pooled = deep_check(lib, workers=2)
        inline = deep_check(lib, workers=0)
    assert {f.code for f in pooled.findings} == {"index-chapter-text-differs"}
    assert findings(pooled) == findings(inline)


def test_the_index_reader_reads_what_a_query_per_bundle_reads(base_library: Path, tmp_path: Path, key) -> None:
    """Also for a bundle imported after the reader was made (another program importing during a check)."""
    folder = tmp_path / "lib"
    shutil.copytree(base_library, folder)
    TAMPERINGS["event added"](folder)
    TAMPERINGS["item added"](folder)
    with Library.open(folder, trust=TrustStore(folder / "trust"), recover=False) as lib:
        reader = deepcheck._IndexReader(lib.db)
        assert lib.import_file(bf.write(tmp_path / "late.dtnb", edition(key, "dtn-late", 1, 2))).ok
        shas = [r[0] for r in lib.db.execute("SELECT sha256 FROM bundles ORDER BY sha256").fetchall()]
        assert len(shas) == 5 and any(sha not in reader.edition_pks for sha in shas)
        for sha in shas:
            assert reader.rows(sha) == _index_rows(lib.db, sha)
        assert reader.rows("0" * 64) is None
