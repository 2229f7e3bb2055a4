"""The library: verified import, rollback protection, supersede, carry-over, search, rebuild, check."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.core.errors import CancelledError
from reader.core.library import Library, LibraryLimits, migrations
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf


def open_library(folder: Path, key=None, **kwargs) -> Library:
    """A library whose trust store holds ``key`` (no built-in keys)."""
    trust = TrustStore(folder / "trust")
    if key is not None and trust.get(key.key_id_hex) is None:
        trust.add(key.public.to_file(), name="Testredactie", publisher=bf.PUBLISHER_NAME)
    return Library.open(folder, trust=trust, **kwargs)


def edition_bytes(key, *, bundle_id="dtn-test-2025-06", revision=1, items=None, summary="Samenvatting.", chapters=None):
    manifest = bf.sample_manifest()
    manifest["bundle_id"] = bundle_id
    manifest["revision"] = revision
    manifest["summary"] = summary
    members = bf.sample_members()
    if items is not None:
        checklist = {
            "type": "dtn-checklist", "id": "politie", "partner": "Politie", "title": "Handelingsperspectief politie",
            "items": [{"id": i, "text": f"Actie {i}.", "priority": "hoog"} for i in items],
        }
        members["checklists/politie.json"] = bf.canonical_json(checklist)
    if chapters is not None:
        manifest["chapters"] = [
            {"id": cid, "title": title, "themes": themes, "file": f"chapters/{cid}.md"} for cid, title, themes, _ in chapters
        ]
        for name in [n for n in members if n.startswith("chapters/")]:
            del members[name]
        for cid, _title, _themes, text in chapters:
            members[f"chapters/{cid}.md"] = text.encode()
    return bf.build(key, manifest, members)


@pytest.fixture
def key():
    return bf.new_key()


@pytest.fixture
def lib(tmp_path, key):
    library = open_library(tmp_path / "lib", key)
    yield library
    library.close()


def write_bundle(tmp_path: Path, name: str, data: bytes) -> Path:
    return bf.write(tmp_path / "in" / name, data)


def test_import_indexes_everything_and_keeps_original_bytes(tmp_path, lib, key):
    data = edition_bytes(key)
    result = lib.import_file(write_bundle(tmp_path, "a.dtnb", data))
    assert result.status == "imported", result.reason
    assert result.signer == "Testredactie" and result.signer_key_id == key.key_id_hex
    stored = lib.store.path_for(result.sha256)
    assert stored.read_bytes() == data
    [edition] = lib.editions()
    assert (edition.bundle_id, edition.revision, edition.level_label, edition.level_scale) == ("dtn-test-2025-06", 1, "Substantieel", "dtn-5")
    assert [c.chapter_id for c in lib.chapters(edition.pk)] == ["niveau", "online"]
    chapter = lib.chapter(lib.chapters(edition.pk)[0].pk)
    assert "<strong>substantieel</strong>" in chapter.html and 'src="dtn-asset:assets/schaal.png"' in chapter.html
    assert [t["title"] for t in chapter.toc] == ["Toelichting"]
    assert lib.asset(edition.pk, "assets/schaal.png") == bf.level_bar_png()
    [audit] = lib.audit()
    assert audit.result == "imported" and audit.sha256 == result.sha256 and "Testredactie" in audit.signer
    assert lib.check() == []


def test_same_bytes_again_is_already_present_not_an_error(tmp_path, lib, key):
    path = write_bundle(tmp_path, "a.dtnb", edition_bytes(key))
    assert lib.import_file(path).status == "imported"
    again = lib.import_file(path)
    assert again.status == "present" and again.ok
    assert len(lib.editions(include_superseded=True)) == 1
    assert [a.result for a in lib.audit()] == ["already present", "imported"]


def test_lower_revision_is_refused_as_rollback(tmp_path, lib, key):
    assert lib.import_file(write_bundle(tmp_path, "r2.dtnb", edition_bytes(key, revision=2))).status == "imported"
    result = lib.import_file(write_bundle(tmp_path, "r1.dtnb", edition_bytes(key, revision=1)))
    assert result.status == "rejected" and result.error_type == "RollbackError"
    assert "older than revision 2" in result.reason
    assert [e.revision for e in lib.editions(include_superseded=True)] == [2]


def test_same_revision_with_other_bytes_is_refused(tmp_path, lib, key):
    assert lib.import_file(write_bundle(tmp_path, "a.dtnb", edition_bytes(key))).status == "imported"
    result = lib.import_file(write_bundle(tmp_path, "b.dtnb", edition_bytes(key, summary="Andere tekst.")))
    assert result.status == "rejected" and result.error_type == "RollbackError"
    assert "different content" in result.reason


def test_newer_revision_supersedes_and_ticks_carry_over(tmp_path, lib, key):
    lib.import_file(write_bundle(tmp_path, "r1.dtnb", edition_bytes(key, items=["politie-a", "politie-b"])))
    old = lib.edition("dtn-test-2025-06")
    lib.set_item_state("dtn-test-2025-06", "politie", "politie-a", ticked=True, note="gedaan op maandag")
    lib.set_item_state("dtn-test-2025-06", "politie", "politie-b", ticked=True)
    result = lib.import_file(write_bundle(tmp_path, "r2.dtnb", edition_bytes(key, revision=2, items=["politie-a", "politie-c"])))
    assert result.status == "imported" and result.superseded == 1
    current = lib.edition("dtn-test-2025-06")
    assert current.revision == 2 and [e.revision for e in lib.editions()] == [2]
    # The old revision stays viewable, marked superseded by the new one.
    kept = lib.edition("dtn-test-2025-06@1")
    assert kept.pk == old.pk and kept.superseded_by == current.pk
    assert lib.chapters(kept.pk)
    [checklist] = lib.checklists(current.pk)
    state = {i.item_id: (i.ticked, i.note) for i in checklist.items}
    assert state == {"politie-a": (True, "gedaan op maandag"), "politie-c": (False, "")}
    assert checklist.done == 1


def test_search_dutch_words_phrases_prefixes_and_accents(tmp_path, lib, key):
    chapters = [
        ("niveau", "Het dreigingsniveau", ["dreigingsniveau"], "De kans op een aanslag is reëel. De Nationaal Coördinator meldt dit."),
        ("online", "Online radicalisering", ["online-radicalisering"], "Jongeren radicaliseren online, buiten het zicht van hun omgeving."),
        ("jihad", "Jihadisme", ["jihadisme"], "Het jihadisme blijft de grootste dreiging. Radicale netwerken zijn online actief."),
    ]
    lib.import_file(write_bundle(tmp_path, "a.dtnb", edition_bytes(key, chapters=chapters)))
    assert [h.chapter_id for h in lib.search("dreiging")] == ["jihad"]
    # Phrase: only the chapter with the words next to each other.
    assert [h.chapter_id for h in lib.search('"online radicalisering"')] == ["online"]
    # Prefix, explicit and while typing.
    assert {h.chapter_id for h in lib.search("radicali*")} == {"online"}
    assert {h.chapter_id for h in lib.search("radica", prefix_last=True)} == {"online", "jihad"}
    # Accents: with and without.
    for query in ("reëel", "reeel", "Coördinator", "coordinator"):
        hits = lib.search(query)
        assert [h.chapter_id for h in hits] == ["niveau"], query
    hit = lib.search("coordinator")[0]
    assert "<mark>Coördinator</mark>" in hit.snippet
    # Title matches rank above body matches.
    assert lib.search("online")[0].chapter_id == "online"
    # Filters.
    assert [h.chapter_id for h in lib.search("online", themes=["jihadisme"])] == ["jihad"]
    assert lib.search("online", year_from=2025) == []
    assert len(lib.search("online", year_from=2024, year_to=2024)) == 2
    assert lib.search("online", year_to=2023) == []


def test_search_input_is_never_fts_syntax(lib):
    for nasty in ['"', "AND", "NEAR(", "a OR", "*", "col:x", "(((", "-", "^"]:
        assert lib.search(nasty) == [] or isinstance(lib.search(nasty), list)
    assert Library.fts_query('online "radicalisering van" NEAR(x') == '"online" "radicalisering van" "NEAR" "x"'


def test_snippets_escape_chapter_text(tmp_path, lib, key):
    chapters = [("x", "Titel", ["jihadisme"], "Tekst met <b>tags</b> & dreiging erin.")]
    lib.import_file(write_bundle(tmp_path, "a.dtnb", edition_bytes(key, chapters=chapters)))
    snippet = lib.search("dreiging")[0].snippet
    assert "<b>" not in snippet and "&lt;" in snippet or "tags" in snippet
    assert "<mark>dreiging</mark>" in snippet


def test_folder_import_reports_each_bundle_and_respects_caps(tmp_path, key):
    folder = tmp_path / "usb"
    bf.write(folder / "a.dtnb", edition_bytes(key, bundle_id="dtn-a"))
    bf.write(folder / "sub" / "deeper" / "b.dtnb", edition_bytes(key, bundle_id="dtn-b"))
    bf.write(folder / "sub" / "broken.dtnb", b"not a zip at all")
    bf.write(folder / "notes.txt", b"ignored")
    progress = []
    with open_library(tmp_path / "lib", key) as lib:
        results = lib.import_paths([folder], progress=lambda d, t: progress.append((d, t)))
        assert [(Path(r.source).name, r.status) for r in results] == [
            ("a.dtnb", "imported"), ("broken.dtnb", "rejected"), ("b.dtnb", "imported"),
        ]
        assert progress == [(1, 3), (2, 3), (3, 3)]
    with open_library(tmp_path / "lib2", key, limits=LibraryLimits(max_scan_depth=1)) as lib:
        names = [p.name for p in lib.scan_folder(folder)]
        assert names == ["a.dtnb", "broken.dtnb"]
    with open_library(tmp_path / "lib3", key, limits=LibraryLimits(max_scan_bundles=1)) as lib:
        [result] = lib.import_paths([folder])
        assert result.status == "rejected" and "more than 1 bundles" in result.reason
        assert lib.editions() == []


def test_folder_import_can_be_cancelled(tmp_path, key):
    folder = tmp_path / "usb"
    for i in range(3):
        bf.write(folder / f"{i}.dtnb", edition_bytes(key, bundle_id=f"dtn-{i}"))
    cancel = threading.Event()
    with open_library(tmp_path / "lib", key) as lib:
        with pytest.raises(CancelledError, match="after 1 of 3") as caught:
            lib.import_paths([folder], progress=lambda d, t: cancel.set(), cancel=cancel)
        assert [r.bundle_id for r in caught.value.results] == ["dtn-0"]
        assert [e.bundle_id for e in lib.editions()] == ["dtn-0"]
        assert lib.check() == []


def test_rebuild_keeps_user_state_and_hides_editions_of_revoked_keys(tmp_path, key):
    other = bf.new_key()
    folder = tmp_path / "lib"
    with open_library(folder, key) as lib:
        lib.trust.add(other.public.to_file(), name="Tweede uitgever")
        lib.import_file(write_bundle(tmp_path, "a.dtnb", edition_bytes(key, bundle_id="dtn-a", items=["politie-a"])))
        lib.import_file(write_bundle(tmp_path, "b.dtnb", edition_bytes(other, bundle_id="dtn-b")))
        before = sorted((e.bundle_id, e.revision) for e in lib.editions())
        lib.trust.revoke(other.key_id_hex, "sleutel uitgelekt")
    # Throw the index away entirely: rebuild must recreate it from the store.
    (folder / "library.db").unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{folder / 'library.db'}{suffix}").unlink(missing_ok=True)
    with open_library(folder, key, recover=False) as lib:
        assert lib.editions(include_hidden=True) == []
        assert len(lib.check()) == 2
        report = lib.rebuild()
        assert report["indexed"] == 2 and report["hidden"] == ["dtn-b"] and report["rejected"] == []
        assert [e.bundle_id for e in lib.editions()] == ["dtn-a"]
        assert sorted((e.bundle_id, e.revision) for e in lib.editions(include_hidden=True)) == before
        hidden = [e for e in lib.editions(include_hidden=True) if e.bundle_id == "dtn-b"][0]
        assert "revoked" in hidden.hidden_reason and "sleutel uitgelekt" in hidden.hidden_reason
        assert lib.check() == []


def test_rebuild_keeps_state_in_place(tmp_path, lib, key):
    lib.import_file(write_bundle(tmp_path, "a.dtnb", edition_bytes(key, items=["politie-a"])))
    lib.set_item_state("dtn-test-2025-06", "politie", "politie-a", ticked=True, note="ok")
    lib.set_reading_position("dtn-test-2025-06", "niveau", 0.5)
    lib.add_bookmark("dtn-test-2025-06", "online", note="lezen")
    report = lib.rebuild()
    assert report["indexed"] == 1
    [checklist] = lib.checklists(lib.edition("dtn-test-2025-06").pk)
    assert [(i.ticked, i.note) for i in checklist.items] == [(True, "ok")]
    assert lib.reading_position("dtn-test-2025-06", "niveau") == 0.5
    assert [b.note for b in lib.bookmarks()] == ["lezen"]
    assert lib.search("radicaliseren")


def test_check_reports_missing_and_unindexed_store_files(tmp_path, lib, key):
    result = lib.import_file(write_bundle(tmp_path, "a.dtnb", edition_bytes(key)))
    assert lib.check() == []
    stored = lib.store.path_for(result.sha256)
    moved = tmp_path / "moved.dtnb"
    stored.rename(moved)
    assert any("store file is missing" in p for p in lib.check())
    moved.rename(stored)
    (lib.store.folder / ("0" * 64 + ".dtnb")).write_bytes(b"x")
    assert any("is not in the index" in p for p in lib.check())


def test_startup_recovery_finishes_an_interrupted_import(tmp_path, key):
    folder = tmp_path / "lib"
    data = edition_bytes(key)
    with open_library(folder, key) as lib:
        lib.store.ensure()
        # As if the process died after the rename but before the transaction committed.
        staged = lib.store.stage_chunks([data], 10**9)
        lib.store.commit(staged)
        (lib.store.folder / ".tmp-leftover").write_bytes(b"half")
    with open_library(folder, key, recover=False) as lib:
        assert len(lib.check()) == 2
    with open_library(folder, key) as lib:
        assert lib.check() == []
        assert [e.bundle_id for e in lib.editions()] == ["dtn-test-2025-06"]


def test_remove_demo_removes_only_demo_editions(tmp_path, key):
    from reader.core.demo import load_demo

    folder = tmp_path / "lib"
    with Library.open(folder) as lib:
        lib.trust.add(key.public.to_file(), name="Testredactie", publisher=bf.PUBLISHER_NAME)
        results = load_demo(lib)
        assert results and all(r.status == "imported" for r in results)
        assert all("demo library" in a.source for a in lib.audit() if a.source != "trust store")
        loaded = lib.audit(1)[0]
        assert (loaded.source, loaded.result) == ("demo library", "loaded")
        assert loaded.reason == f"{len(results)} demo bundle(s) loaded by the user, 0 not"
        manifest = bf.sample_manifest()
        manifest["demo"] = False
        lib.import_file(write_bundle(tmp_path, "real.dtnb", bf.build(key, manifest)))
        assert lib.remove_demo() == len(results)
        assert [e.bundle_id for e in lib.editions()] == [manifest["bundle_id"]]
        removed = lib.audit(1)[0]
        assert (removed.source, removed.result) == ("demo library", "removed")
        assert lib.check() == []


def test_database_settings(lib):
    assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert isinstance(lib.db.conn, sqlite3.Connection)


def test_connections_opening_a_new_library_at_once_do_not_collide(tmp_path):
    for trial in range(10):
        folder = tmp_path / f"lib{trial}"
        errors: list[BaseException] = []

        def open_and_close() -> None:
            try:
                Library.open(folder, recover=False).close()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        threads = [threading.Thread(target=open_and_close) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with Library.open(folder) as lib:
            names = [r[0] for r in lib.db.execute("SELECT name FROM _sqlite_migrations").fetchall()]
            assert names and len(names) == len(set(names)) and migrations.pending(lib.db) == []


def test_rejections_are_audited_with_their_error_type(tmp_path, lib):
    result = lib.import_file(bf.write(tmp_path / "junk.dtnb", b"not a zip at all"))
    assert result.status == "rejected" and result.error_type == "ArchiveError"
    [entry] = lib.audit(1)
    assert (entry.result, entry.error_type) == ("rejected", "ArchiveError") and "not a zip" in entry.reason


def test_an_old_library_is_migrated(tmp_path):
    import sqlite3 as sqlite
    import sqlite_utils

    folder = tmp_path / "old"
    folder.mkdir()
    db = sqlite_utils.Database(sqlite.connect(folder / "library.db"))
    migrations.apply(db, stop_before="m002_audit_error_type")  # a library from before the audit error type
    db.execute("INSERT INTO audit (time, source, result) VALUES ('2026-01-01T00:00:00Z', 'x', 'rejected')")
    db.conn.commit()
    db.close()
    with Library.open(folder) as lib:
        [entry] = lib.audit()
        assert entry.source == "x" and entry.error_type is None


def test_asset_read_is_checked_against_the_signed_hash(tmp_path, lib, key):
    from reader.core.errors import IntegrityError, NotFoundError

    result = lib.import_file(write_bundle(tmp_path, "a.dtnb", edition_bytes(key)))
    edition = lib.edition("dtn-test-2025-06")
    with pytest.raises(NotFoundError):
        lib.asset(edition.pk, "chapters/01-niveau.md")
    stored = lib.store.path_for(result.sha256)
    data = bytearray(stored.read_bytes())
    png = bf.level_bar_png()
    at = bytes(data).index(png[:64])
    data[at + 40] ^= 0xFF  # the asset is stored, not deflated: flip one of its bytes in place
    stored.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match="no longer matches the signed manifest"):
        lib.asset(edition.pk, "assets/schaal.png")
