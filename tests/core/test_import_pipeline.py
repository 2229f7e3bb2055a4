"""Import and rebuild with worker processes (reader/core/pipeline.py) give what the straightforward
ones give; a worker that dies or raises, a cancel and a worker that cannot start lose nothing."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from reader.core.errors import CancelledError
from reader.core import pipeline
from reader.core.library import importing, maintenance, rules
from reader.core.trust import utc_now
from tests.core.test_library import edition_bytes, open_library
from tests.helpers import bundles as bf
from tests.helpers import prepare_faults
from tests.helpers.snapshot import library_state

MASKED = ("imported_at", "time", "applied_at")  # when it was written differs between two runs


def logical_dump(folder: Path) -> dict[str, object]:
    """Every row of every table but the times, the search index's text and every term at
    every position it holds (fts5vocab), the store's files and anything left in it."""
    conn = sqlite3.connect(f"file:{folder / 'library.db'}?mode=ro", uri=True)
    try:
        out: dict[str, object] = {}
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'chapter_fts%' AND name NOT LIKE 'sqlite_%'"
        )]
        for table in sorted(tables):
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})") if c[1] not in MASKED]
            out[table] = sorted(map(repr, conn.execute(f"SELECT {', '.join(columns)} FROM {table}")))
        out["chapter_fts"] = conn.execute("SELECT rowid, title, body FROM chapter_fts ORDER BY rowid").fetchall()
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, chapter_fts, 'instance')")
        out["fts_terms"] = conn.execute("SELECT term, doc, col, offset FROM temp.terms ORDER BY term, doc, col, offset").fetchall()
        out["fts_config"] = conn.execute("SELECT k, v FROM chapter_fts_config ORDER BY k").fetchall()
    finally:
        conn.close()
    store = folder / "store"
    out["store"] = sorted(p.name for p in store.iterdir()) if store.is_dir() else []
    return out


def result_rows(results) -> list[dict]:
    return [dataclasses.asdict(r) for r in results]


@pytest.fixture
def key():
    return bf.new_key()


@pytest.fixture
def usb(tmp_path, key) -> Path:
    """A folder of bundles with every outcome an import has: new editions, a newer revision
    and a rollback behind it, the same bytes twice, an altered one, an unknown signer,
    a file that is not a bundle."""
    folder = tmp_path / "usb"
    for i in range(8):
        bf.write(folder / f"e{i}.dtnb", edition_bytes(key, bundle_id=f"dtn-{i}", items=[f"actie-{i}"], summary=f"Editie {i}."))
    bf.write(folder / "f-dtn3-r2.dtnb", edition_bytes(key, bundle_id="dtn-3", revision=2, summary="Herzien."))
    bf.write(folder / "g-dtn3-r1-other.dtnb", edition_bytes(key, bundle_id="dtn-3", revision=1, summary="Anders."))
    shutil.copy(folder / "e0.dtnb", folder / "h-e0-again.dtnb")
    good = edition_bytes(key, bundle_id="dtn-altered")
    bf.write(folder / "i-altered.dtnb", bf.replace_member(good, "chapters/01-niveau.md", b"Iets anders.\n"))
    bf.write(folder / "j-unknown-key.dtnb", edition_bytes(bf.new_key(), bundle_id="dtn-unknown"))
    bf.write(folder / "k-not-a-bundle.dtnb", b"not a zip at all")
    return folder


def no_worker_left() -> bool:
    return all(p.name != "dtn-prepare-worker" for p in multiprocessing.active_children())


def test_a_pipelined_import_gives_the_same_library_as_the_sequential_one(tmp_path, key, usb):
    libraries = {}
    for pipelined in (False, True):
        folder = tmp_path / f"lib-{pipelined}"
        progress = []
        with open_library(folder, key) as lib:
            results = lib.import_paths([usb], progress=lambda d, t: progress.append((d, t)), pipelined=pipelined)
            assert lib.check() == []
        libraries[pipelined] = (result_rows(results), progress, logical_dump(folder))
    sequential, piped = libraries[False], libraries[True]
    statuses = [r["status"] for r in piped[0]]
    assert statuses.count("imported") == 9 and statuses.count("present") == 1 and statuses.count("rejected") == 4
    assert piped[0] == sequential[0]
    assert piped[1] == sequential[1] == [(i, 14) for i in range(1, 15)]
    assert piped[2] == sequential[2]
    assert no_worker_left()


def test_a_worker_that_dies_or_raises_costs_its_bundle_only(tmp_path, key, usb, monkeypatch):
    monkeypatch.setattr(importing, "prepare_import", prepare_faults.prepare_import)
    monkeypatch.setenv(prepare_faults.DIES, "e2.dtnb")
    monkeypatch.setenv(prepare_faults.RAISES, "e5.dtnb")
    folder = tmp_path / "lib"
    with open_library(folder, key) as lib:
        results = {Path(r.source).name: r for r in lib.import_paths([usb], pipelined=True)}
        assert results["e2.dtnb"].status == "rejected" and results["e2.dtnb"].error_code == "prepare-worker-stopped"
        assert results["e5.dtnb"].status == "rejected" and results["e5.dtnb"].error_type == "BugError"
        assert "ZeroDivisionError" in results["e5.dtnb"].reason
        # The bundles after the dead worker's were prepared by a fresh one.
        assert [results[f"e{i}.dtnb"].status for i in (0, 1, 3, 4, 6, 7)] == ["imported"] * 6
        assert sorted(e.bundle_id for e in lib.editions()) == ["dtn-0", "dtn-1", "dtn-3", "dtn-4", "dtn-6", "dtn-7"]
        assert lib.check() == []  # no temporary file left, nothing unindexed in the store
        assert [row.result for row in lib.audit() if row.source.endswith("e2.dtnb")] == ["rejected"]
    assert len(logical_dump(folder)["store"]) == 7  # six editions and dtn-3's second revision
    assert no_worker_left()


def test_workers_that_keep_dying_leave_the_rest_to_this_process(tmp_path, key, usb, monkeypatch):
    monkeypatch.setattr(importing, "prepare_import", prepare_faults.prepare_import)
    monkeypatch.setenv(prepare_faults.DIES, "e")  # every bundle whose name has an "e"
    with open_library(tmp_path / "lib", key) as lib:
        results = lib.import_paths([usb], pipelined=True)
        stopped = [r for r in results if r.error_code == "prepare-worker-stopped"]
        assert len(stopped) == pipeline.MAX_WORKER_RESTARTS + 1
        assert results[-1].status == "rejected" and results[-1].error_code != "prepare-worker-stopped"  # prepared here
        assert lib.check() == []
    assert no_worker_left()


def test_an_import_cancelled_mid_pipeline_keeps_what_was_done_and_nothing_else(tmp_path, key, usb):
    cancel = threading.Event()
    folder = tmp_path / "lib"

    def progress(done: int, total: int) -> None:
        if done == 3:
            cancel.set()

    with open_library(folder, key) as lib:
        with pytest.raises(CancelledError, match="after 3 of 14") as caught:
            lib.import_paths([usb], progress=progress, cancel=cancel, pipelined=True)
        assert [r.bundle_id for r in caught.value.results] == ["dtn-0", "dtn-1", "dtn-2"]
        assert sorted(e.bundle_id for e in lib.editions()) == ["dtn-0", "dtn-1", "dtn-2"]
        assert lib.check() == []
    assert len(logical_dump(folder)["store"]) == 3
    assert no_worker_left()


def test_without_workers_the_import_is_done_in_this_process(tmp_path, key, usb, monkeypatch):
    def refuse(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(pipeline.Preparer, "_start", refuse)
    with open_library(tmp_path / "a", key) as lib:
        refused = result_rows(lib.import_paths([usb], pipelined=True))
    monkeypatch.undo()
    with open_library(tmp_path / "b", key) as lib:
        straight = result_rows(lib.import_paths([usb], pipelined=False))
    assert refused == straight
    assert logical_dump(tmp_path / "a") == logical_dump(tmp_path / "b")


@pytest.fixture
def rebuilt_library(tmp_path, key, usb) -> Path:
    """A library of the usb folder, a second publisher's key now revoked, and in the store a
    file that no longer verifies, with its index thrown away."""
    other = bf.new_key()
    folder = tmp_path / "lib"
    with open_library(folder, key) as lib:
        lib.trust.add(other.public.to_file(), name="Tweede uitgever")
        lib.import_paths([usb], pipelined=False)
        lib.import_file(bf.write(tmp_path / "other.dtnb", edition_bytes(other, bundle_id="dtn-other")))
        lib.trust.revoke(other.key_id_hex, "sleutel uitgelekt")
    altered = bf.replace_member(edition_bytes(key, bundle_id="dtn-x"), "chapters/02-online.md", b"Anders.\n")
    import hashlib

    bf.write(folder / "store" / f"{hashlib.sha256(altered).hexdigest()}.dtnb", altered)
    return folder


@pytest.mark.parametrize("damaged", [False, True], ids=["intact-index", "index-disagrees-with-a-file"])
def test_a_streamed_rebuild_gives_the_same_library_and_report_as_the_one_in_memory(tmp_path, key, rebuilt_library, damaged, caplog):
    if damaged:  # the streamed rebuild orders by the index's keys first; this one must make it start over
        conn = sqlite3.connect(rebuilt_library / "library.db")
        with conn:
            conn.execute("UPDATE editions SET created = '2000-01-01T00:00:00Z', revision = 7 WHERE bundle_id = 'dtn-5'")
        conn.close()
    copies = {}
    for pipelined in (False, True):
        folder = tmp_path / f"copy-{pipelined}"
        shutil.copytree(rebuilt_library, folder)
        progress = []
        with open_library(folder, key, recover=False) as lib:
            report = lib.rebuild(progress=lambda d, t: progress.append((d, t)), pipelined=pipelined)
            searched = [(r.chapter_pk, r.bundle_id, r.snippet, r.rank) for r in lib.search("radicaliseren", limit=50)]
            editions = [(e.bundle_id, e.revision, e.hidden_reason) for e in lib.editions(include_hidden=True)]
        copies[pipelined] = (report, progress[-1], searched, editions, logical_dump(folder))
    in_memory, streamed = copies[False], copies[True]
    assert ("the index disagrees with a stored bundle" in caplog.text) == damaged
    assert streamed[0]["indexed"] == 10 and streamed[0]["hidden"] == ["dtn-other"] and len(streamed[0]["rejected"]) == 1
    assert streamed[0] == in_memory[0]
    assert streamed[1] == in_memory[1] == (11, 11)
    assert streamed[2:] == in_memory[2:]
    assert no_worker_left()


@pytest.mark.parametrize("own", [{}, {"hashsize": 65536, "automerge": 8}], ids=["fts5-defaults", "own-settings"])
def test_the_rebuild_s_search_index_settings_are_the_library_s_again_after_it(tmp_path, key, rebuilt_library, own, monkeypatch):
    """The streamed rebuild writes with a large FTS5 hash table; the index it leaves holds the
    same terms at the same places as one written with a tiny one (a segment per few rows), and
    the settings the library had, also on the connection that rebuilt (its next import)."""
    conn = sqlite3.connect(rebuilt_library / "library.db")
    with conn:
        for k, v in own.items():
            conn.execute("INSERT INTO chapter_fts (chapter_fts, rank) VALUES (?, ?)", [k, v])
    conn.close()
    dumps, used = [], []
    real = maintenance._stream

    def stream(lib, *args):
        used.append(lib.db.execute("SELECT v FROM chapter_fts_config WHERE k = 'hashsize'").fetchone()[0])
        return real(lib, *args)

    monkeypatch.setattr(maintenance, "_stream", stream)
    for hashsize in (64, maintenance.REBUILD_FTS_HASHSIZE_BYTES):
        monkeypatch.setattr(maintenance, "REBUILD_FTS_HASHSIZE_BYTES", hashsize)
        folder = tmp_path / f"copy-{hashsize}"
        shutil.copytree(rebuilt_library, folder)
        with open_library(folder, key, recover=False) as lib:
            lib.rebuild(pipelined=True)
            assert lib.import_file(bf.write(tmp_path / "late.dtnb", edition_bytes(key, bundle_id="dtn-late"))).status == "imported"
        dumps.append(logical_dump(folder))
    assert used == [64, maintenance.REBUILD_FTS_HASHSIZE_BYTES]
    assert dumps[0] == dumps[1]
    assert dumps[0]["fts_config"] == sorted([*own.items(), ("version", 4)])
    assert len(dumps[0]["fts_terms"]) > 300


def test_a_rebuild_cancelled_mid_stream_leaves_the_library_as_it_was(tmp_path, key, rebuilt_library):
    cancel = threading.Event()
    before = library_state(rebuilt_library)
    with open_library(rebuilt_library, key, recover=False) as lib:
        with pytest.raises(CancelledError):
            lib.rebuild(progress=lambda d, t: cancel.set() if d == 4 else None, cancel=cancel, pipelined=True)
    assert library_state(rebuilt_library) == before
    assert no_worker_left()


def test_a_rebuild_worker_that_dies_costs_its_bundle_only(tmp_path, key, rebuilt_library, monkeypatch):
    with open_library(rebuilt_library, key, recover=False) as lib:
        victim = lib.edition("dtn-4").sha256
    monkeypatch.setattr(maintenance, "prepare_stored", prepare_faults.prepare_stored)
    monkeypatch.setenv(prepare_faults.DIES, victim)
    with open_library(rebuilt_library, key, recover=False) as lib:
        report = lib.rebuild(pipelined=True)
        assert report["indexed"] == 9
        assert [sha for sha, _reason in report["rejected"]].count(victim) == 1
        assert "stopped" in dict(report["rejected"])[victim]
        assert "dtn-4" not in {e.bundle_id for e in lib.editions(include_hidden=True)}
        assert lib.store.has(victim)  # left in the store, as a bundle that failed to verify
    assert no_worker_left()


# --- writing the rows: one statement per table, the keys SQLite would give ------------------


def reference_write_index(lib, rows, sha256, size, source, ownership=rules.Ownership()):
    """write_index as it was: one statement per chapter and per search row."""
    verified = rows.verified
    m = verified.manifest
    now = utc_now()
    demo = m.demo or verified.signer.demo
    hidden = None
    with lib.db.atomic():
        importing._apply_ownership(lib, verified, ownership)
        lib.db.execute(
            "INSERT INTO bundles (sha256, bundle_id, revision, source, size, signer_key_id, signer_name, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [sha256, m.bundle_id, m.revision, source, size, verified.signer_key_id, verified.signer_name, now],
        )
        cursor = lib.db.execute(
            """INSERT INTO editions (bundle_id, revision, sha256, number, date, name, title, summary,
                level_value, level_label, level_scale, level_since, demo, publisher, language, created, files,
                signer_key_id, signer_name, imported_at, hidden_reason)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                m.bundle_id, m.revision, sha256, m.edition_number, m.edition_date, m.edition_name, m.title,
                m.summary.strip(), m.level.value, m.level.label, m.level.scale, m.level.since, int(demo),
                m.publisher, m.language, m.created,
                json.dumps([[f.path, f.size, f.sha256] for f in m.files]),
                verified.signer_key_id, verified.signer_name, now, hidden,
            ],
        )
        edition_pk = cursor.lastrowid
        lib.db.execute(
            "UPDATE editions SET superseded_by = ? WHERE bundle_id = ? AND pk != ? AND superseded_by IS NULL",
            [edition_pk, m.bundle_id, edition_pk],
        )
        lib.db.execute("UPDATE bundles SET status = 'superseded' WHERE bundle_id = ? AND sha256 != ?", [m.bundle_id, sha256])
        for order, ch, text, plain in rows.chapters:
            cur = lib.db.execute(
                """INSERT INTO chapters (edition_pk, ord, chapter_id, title, themes, file, theme_chapter, markdown)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [edition_pk, order, ch.id, ch.title, json.dumps(list(ch.themes)), ch.file, int(ch.theme_chapter), text],
            )
            lib.db.execute("INSERT INTO chapter_fts (rowid, title, body) VALUES (?, ?, ?)", [cur.lastrowid, ch.title, plain])
        for ev in m.level_events:
            lib.db.execute(
                """INSERT INTO level_events (edition_pk, start, end, value, label, scale, region, note)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [edition_pk, ev.start, ev.end, ev.value, ev.label, ev.scale, ev.region, ev.note],
            )
        for order, cl in enumerate(rows.checklists):
            cur = lib.db.execute(
                "INSERT INTO checklists (edition_pk, ord, checklist_id, partner, title) VALUES (?, ?, ?, ?, ?)",
                [edition_pk, order, cl.id, cl.partner, cl.title],
            )
            lib.db.conn.executemany(
                "INSERT INTO checklist_items (checklist_pk, ord, item_id, text, priority) VALUES (?, ?, ?, ?, ?)",
                [(cur.lastrowid, i, item.id, item.text, item.priority) for i, item in enumerate(cl.items)],
            )
    return edition_pk



def test_the_rows_are_written_with_the_keys_one_by_one_inserts_would_get(tmp_path, key, usb, monkeypatch):
    dumps = []
    for writer in (reference_write_index, importing.write_index):
        monkeypatch.setattr(importing, "write_index", writer)
        folder = tmp_path / writer.__name__
        with open_library(folder, key) as lib:
            lib.import_paths([usb], pipelined=False)
            # The newest chapters go (a key below the largest one is free again), then more come.
    # (No rebuild here: its order depends on the import times, which differ between runs.)
            newest = lib.db.execute("SELECT sha256 FROM editions ORDER BY pk DESC LIMIT 1").fetchone()[0]
            with lib.changing():
                maintenance.delete_bundle_rows(lib, newest)
            lib.import_file(bf.write(tmp_path / "late.dtnb", edition_bytes(key, bundle_id="dtn-late")))
            lib.import_file(bf.write(tmp_path / "later.dtnb", edition_bytes(key, bundle_id="dtn-later")))
        dumps.append(logical_dump(folder))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["chapter_fts"]) == 2 * 10


def test_the_pipeline_is_used_from_its_threshold_on(tmp_path, key, usb, monkeypatch):
    used = []
    real = importing._import_pipelined
    monkeypatch.setattr(importing, "_import_pipelined", lambda lib, files, *rest: used.append(len(files)) or real(lib, files, *rest))
    monkeypatch.setattr(pipeline, "MIN_PIPELINED_BUNDLES", 15)  # the folder holds 14
    with open_library(tmp_path / "a", key) as lib:
        lib.import_paths([usb])
    assert used == []
    monkeypatch.setattr(pipeline, "MIN_PIPELINED_BUNDLES", 14)
    with open_library(tmp_path / "b", key) as lib:
        lib.import_paths([usb])
    assert used == [14]
    assert logical_dump(tmp_path / "a") == logical_dump(tmp_path / "b")
