"""Keeping the library whole: startup recovery, hiding editions of revoked keys,
removing the demo, rebuilding the index from the store, and checking it."""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core import pipeline
from reader.core.bundle import VerifiedBundle
from reader.core.errors import CancelledError, DTNError, LibraryBusyError, LibraryError, LibraryStorageError
from reader.core.library import importing, keys, rules
from reader.core.library.changes import AUDIT, EDITIONS
from reader.core.library.models import Progress
from reader.core.library.schema import INDEX_TABLES
from reader.core.prepare import WorkerContext, prepare_stored, verify_stored_with
from reader.core.store import Store
from reader.core.trust import utc_now

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase

log = logging.getLogger(__name__)


def recover(lib: LibraryBase) -> list[str]:
    """Startup recovery: sweep temporary files, index store files an interrupted import left
    unindexed, and hide editions whose signing key was revoked. Returns what it did.

    Temporary files are swept only when this Library holds the library lock alone: with
    another program (or thread) using the library they may be its import in progress. A
    store file is only ever unindexed outside a change (an import moves it into place
    inside its transaction), so one found unindexed while no change runs is an interrupted
    import; while another program's change runs it is left to that change.
    """
    done = []
    alone = lib.lock is not None and lib.lock.try_exclusive()
    try:
        if alone:
            swept = lib.store.sweep()
            if swept:
                done.append(f"removed {swept} temporary file(s) of an interrupted import")
        indexed = {row["sha256"] for row in lib.db.query("SELECT sha256 FROM bundles")}
        for sha in sorted(lib.store.hashes() - indexed):
            done.extend(_finish_interrupted_import(lib, sha, wait=alone))
    finally:
        if lib.lock is not None:
            lib.lock.share(lib.limits.busy_timeout_ms, lib.say_waiting, lib.limits.open_retry_ms)
    done.extend(keys.apply_revocations(lib))
    for line in done:
        log.info("recovery: %s", line)
    return done


def _finish_interrupted_import(lib: LibraryBase, sha: str, *, wait: bool) -> list[str]:
    path = lib.store.path_for(sha)
    try:
        verified = verify_stored(lib, path)
        size = path.stat().st_size
    except FileNotFoundError:
        return []  # an import elsewhere took it back (its change failed)
    except (sqlite3.Error, OSError) as exc:
        return [f"store file {sha[:12]} could not be indexed now: {exc}"]
    except Exception as exc:  # noqa: BLE001  one bad stored file must never keep the library from opening
        return _set_aside(lib, sha, exc)
    try:
        with lib.changing(wait=wait) as change:
            lib.step("recover:begin")
            if rules.find_present(change.db, sha) is not None or not lib.store.has(sha):
                return []  # another program's import finished it (or took it back) meanwhile
            ownership = rules.check_owner(change.db, verified)
            rules.check_rollback(change.db, verified, sha)
            importing.index(lib, verified, sha, size, "recovered after an interrupted import", ownership=ownership)
        importing.after_index(lib, verified, ownership)
        lib.note(EDITIONS)
        return [f"finished an interrupted import of {verified.manifest.bundle_id}"]
    except LibraryBusyError:
        return []  # another program is changing the library now: this file may be its import
    except LibraryStorageError:
        raise
    except (sqlite3.Error, OSError) as exc:
        return [f"store file {sha[:12]} could not be indexed now: {exc}"]
    except Exception as exc:  # noqa: BLE001  one bad stored file must never keep the library from opening
        return _set_aside(lib, sha, exc)


def _set_aside(lib: LibraryBase, sha: str, exc: Exception) -> list[str]:
    """A stored file that cannot be indexed is never deleted: it moves to the quarantine
    folder, with an audit row."""
    from reader.core.library.deepcheck import quarantine

    reason = str(exc) if isinstance(exc, DTNError) else f"unexpected {type(exc).__name__}: {exc} (a bug; please report it)"
    if not isinstance(exc, DTNError):
        log.exception("recovery of store file %s failed unexpectedly", sha)
    try:
        target = quarantine(lib, sha, reason)
        return [f"store file {sha[:12]} could not be indexed and was moved to {target}: {reason}"]
    except DTNError as moved:
        return [f"store file {sha[:12]} could not be indexed: {reason}; {moved}"]


def verify_stored(lib: LibraryBase, path: Path) -> VerifiedBundle:
    """Verify a stored bundle; one signed by a key revoked since still verifies (to be hidden)."""
    return verify_stored_with(path, lib.trust, lib.bundle_limits)


def is_empty(lib: LibraryBase) -> bool:
    return lib.db.execute("SELECT count(*) FROM bundles").fetchone()[0] == 0


def remove_demo(lib: LibraryBase) -> int:
    """Remove every demo edition (index rows and stored bytes). Returns how many bundles."""
    shas = [r[0] for r in lib.db.execute("SELECT DISTINCT sha256 FROM editions WHERE demo = 1").fetchall()]
    if not shas:
        return 0
    with lib.changing():
        for sha in shas:
            delete_bundle_rows(lib, sha)
        lib.db.execute(
            "INSERT INTO audit (time, source, result, reason, error_code, error_params) VALUES (?, ?, ?, ?, ?, ?)",
            [utc_now(), "demo library", "removed", f"{len(shas)} demo bundle(s) removed by the user", "audit-demo-removed", json.dumps({"count": len(shas)})],
        )
    lib.note(EDITIONS | AUDIT)
    for sha in shas:
        lib.store.remove(sha)
    return len(shas)


def delete_bundle_rows(lib: LibraryBase, sha: str) -> None:
    for (pk,) in lib.db.execute("SELECT pk FROM editions WHERE sha256 = ?", [sha]).fetchall():
        lib.db.execute("DELETE FROM chapter_fts WHERE rowid IN (SELECT pk FROM chapters WHERE edition_pk = ?)", [pk])
        lib.db.execute("DELETE FROM chapters WHERE edition_pk = ?", [pk])
        lib.db.execute("DELETE FROM checklist_items WHERE checklist_pk IN (SELECT pk FROM checklists WHERE edition_pk = ?)", [pk])
        lib.db.execute("DELETE FROM checklists WHERE edition_pk = ?", [pk])
        lib.db.execute("DELETE FROM level_events WHERE edition_pk = ?", [pk])
        lib.db.execute("UPDATE editions SET superseded_by = NULL WHERE superseded_by = ?", [pk])
        lib.db.execute("DELETE FROM editions WHERE pk = ?", [pk])
    lib.db.execute("DELETE FROM bundles WHERE sha256 = ?", [sha])


def rebuild(
    lib: LibraryBase, progress: Progress | None = None, cancel: threading.Event | None = None, *, pipelined: bool | None = None
) -> dict[str, Any]:
    """Recreate the index from the store, re-verifying every bundle against the current trust store.

    User state (ticks, notes, bookmarks, reading positions, settings, audit) is kept.
    Bundles that no longer verify stay in the store and are reported; editions of
    revoked keys are kept but hidden with the reason. With many bundles
    (``pipeline.MIN_PIPELINED_BUNDLES``; ``pipelined`` says so for any number) they are
    verified in worker processes and indexed one by one as they come, so memory stays
    bounded; the result is the same.
    """
    shas = sorted(lib.store.hashes())
    if pipelined if pipelined is not None else len(shas) >= pipeline.MIN_PIPELINED_BUNDLES:
        return _rebuild_streamed(lib, shas, progress, cancel)
    return _rebuild_in_memory(lib, progress, cancel)


def _rebuild_in_memory(lib: LibraryBase, progress: Progress | None, cancel: threading.Event | None) -> dict[str, Any]:
    """The straightforward rebuild: verify every bundle, then index them all. For few
    bundles; it holds every verified bundle's texts until the index is written."""
    shas = sorted(lib.store.hashes())
    verified: list[tuple[VerifiedBundle, str, int]] = []
    rejected: list[tuple[str, str]] = []
    hidden: list[str] = []
    for done, sha in enumerate(shas):
        if cancel is not None and cancel.is_set():
            raise CancelledError("rebuild cancelled; the library was left as it was", code="rebuild-cancelled")
        path = lib.store.path_for(sha)
        try:
            vb = verify_stored(lib, path)
            verified.append((vb, sha, path.stat().st_size))
            if vb.signer.revoked:
                hidden.append(vb.manifest.bundle_id)
        except DTNError as exc:
            rejected.append((sha, str(exc)))
        if progress:
            progress(done + 1, len(shas))
    with lib.changing():
        # What another program imported since the store was listed is indexed too.
        for sha in sorted(lib.store.hashes() - set(shas)):
            path = lib.store.path_for(sha)
            try:
                vb = verify_stored(lib, path)
                verified.append((vb, sha, path.stat().st_size))
            except DTNError as exc:
                rejected.append((sha, str(exc)))
        known = {r["sha256"]: (r["source"], r["imported_at"]) for r in lib.db.query("SELECT sha256, source, imported_at FROM bundles")}
        # In the order they were first imported where the index still knows it (so each id keeps
        # the publisher that brought it first), else by signed creation time; old revisions first,
        # so each newer one supersedes the one before. The import rules apply as on import.
        verified.sort(key=lambda item: (known.get(item[1], ("", "~"))[1], item[0].manifest.created, item[0].manifest.revision))
        indexed, removed_demo = 0, []
        for table in INDEX_TABLES:
            lib.db.execute(f"DELETE FROM {table}")
        for vb, sha, size in verified:
            try:
                ownership = rules.check_owner(lib.db, vb)
                rules.check_rollback(lib.db, vb, sha)
            except DTNError as exc:
                rejected.append((sha, str(exc)))
                continue
            importing.index(lib, vb, sha, size, known.get(sha, ("rebuilt from store",))[0] or "rebuilt from store", ownership=ownership)
            removed_demo.extend(ownership.replaces_demo)
            indexed += 1 - len(ownership.replaces_demo)
        _audit_rebuilt(lib, indexed, rejected)
    return _after_rebuild(lib, indexed, hidden, rejected, removed_demo)


def _audit_rebuilt(lib: LibraryBase, indexed: int, rejected: list) -> None:
    """The rebuild's audit row, inside its transaction."""
    lib.db.execute(
        "INSERT INTO audit (time, source, result, reason, error_code, error_params) VALUES (?, ?, ?, ?, ?, ?)",
        [
            utc_now(), "rebuild", "rebuilt", f"{indexed} bundle(s) indexed, {len(rejected)} refused",
            "audit-rebuilt", json.dumps({"indexed": indexed, "failed": len(rejected)}),
        ],
    )


def _after_rebuild(lib: LibraryBase, indexed: int, hidden: Any, rejected: list, removed_demo: list[str]) -> dict[str, Any]:
    """After the rebuild's transaction: drop replaced demo files, hide revoked keys' editions."""
    lib.note(EDITIONS | AUDIT)
    for sha in removed_demo:
        lib.store.remove(sha)
    keys.apply_revocations(lib)
    return {"indexed": indexed, "hidden": hidden, "rejected": rejected}


def _sort_key(context: WorkerContext, sha: str) -> tuple[str, int] | None:
    """What the rebuild orders a stored bundle by besides its import time: its manifest's
    creation time and revision, read (not verified: the bundle is verified before it is
    indexed, and must then say the same) from the store file; None if it cannot be read."""
    from reader.core.archive import Archive
    from reader.core.bundle import MANIFEST_NAME, load_json, parse_manifest

    ml = context.bundle_limits.manifest
    try:
        with Archive.open(str(Store(context.store_folder).path_for(sha)), context.bundle_limits.archive) as archive:
            if MANIFEST_NAME not in archive.members or archive.members[MANIFEST_NAME].size > ml.max_manifest_bytes:
                return None
            data = archive.read(MANIFEST_NAME)
        manifest = parse_manifest(load_json(data, MANIFEST_NAME, ml.max_manifest_bytes, ml.max_json_depth), ml)
    except (DTNError, OSError, ValueError):
        return None
    return manifest.created, manifest.revision


def _empty_index(lib: LibraryBase) -> None:
    """Empty the index tables. The search index is dropped and made again by its own CREATE
    statement: FTS5 deletes row by row, reading every row's text back to find its terms
    (2.6 s for 6,000 chapters), where a new table costs nothing; what it holds after the
    rebuild is the same."""
    (create,) = lib.db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chapter_fts'").fetchone()
    settings = lib.db.execute("SELECT k, v FROM chapter_fts_config WHERE k != 'version'").fetchall()  # e.g. automerge
    lib.db.execute("DROP TABLE chapter_fts")
    lib.db.execute(create)
    for key, value in settings:
        lib.db.execute("INSERT INTO chapter_fts (chapter_fts, rank) VALUES (?, ?)", [key, value])
    for table in INDEX_TABLES:
        if table != "chapter_fts":
            lib.db.execute(f"DELETE FROM {table}")


# FTS5 gathers the terms of the rows written in a transaction in a hash table and writes it out
# as a new segment of the index whenever it holds more than its 'hashsize' (FTS5's default 1 MB;
# with the 2-8 prefix index that is a few chapters). A rebuild writes every bundle in one
# transaction: with a larger table it writes and merges fewer, larger segments (the insert
# about 20 % faster; the writing process peaks some 25 MB higher, 74 MB against 49). Set for
# the rebuild only, in its transaction.
REBUILD_FTS_HASHSIZE_BYTES = 16 * 1024 * 1024
FTS_DEFAULT_HASHSIZE_BYTES = 1024 * 1024  # FTS5_DEFAULT_HASHSIZE, what FTS5 uses when none is set


@contextlib.contextmanager
def _fts_bulk_write(lib: LibraryBase) -> Iterator[None]:
    """The search index's hashsize at ``REBUILD_FTS_HASHSIZE_BYTES`` inside the block, then as the
    library had it: its own value, or no setting (FTS5's default) as before. If the block raises,
    the change's rollback takes the setting back (FTS5 rereads its settings after a rollback)."""
    had = lib.db.execute("SELECT v FROM chapter_fts_config WHERE k = 'hashsize'").fetchone()
    lib.db.execute("INSERT INTO chapter_fts (chapter_fts, rank) VALUES ('hashsize', ?)", [REBUILD_FTS_HASHSIZE_BYTES])
    yield
    # Through FTS5, so that this connection uses the value again; a setting FTS5 has no way to
    # remove, so a library that had none gets its row deleted after it.
    lib.db.execute("INSERT INTO chapter_fts (chapter_fts, rank) VALUES ('hashsize', ?)", [had[0] if had else FTS_DEFAULT_HASHSIZE_BYTES])
    if had is None:
        lib.db.execute("DELETE FROM chapter_fts_config WHERE k = 'hashsize'")


class _IndexedKeyWrong(Exception):
    """A bundle's sort key taken from the old index is not what its verified manifest says."""


def _rebuild_streamed(lib: LibraryBase, shas: list[str], progress: Progress | None, cancel: threading.Event | None) -> dict[str, Any]:
    """The rebuild of ``_rebuild_in_memory``, in the same order with the same rules, but each
    bundle verified (in worker processes) just before it is indexed, inside the one change.

    The order needs every bundle's creation time and revision before the first is indexed.
    They are taken from the old index where it has them, else read from the store file; when
    a verified manifest then disagrees with the index (a damaged index), everything indexed
    so far is rolled back and the rebuild starts over with every key read from the files."""
    context = importing.worker_context(lib)
    with lib.changing():
        # What another program imported since the store was listed is indexed too.
        listed = shas + sorted(lib.store.hashes() - set(shas))
        known = {r["sha256"]: (r["source"], r["imported_at"]) for r in lib.db.query("SELECT sha256, source, imported_at FROM bundles")}
        indexed_keys = {row[0]: (row[1], row[2]) for row in lib.db.execute("SELECT sha256, created, revision FROM editions")}
        _empty_index(lib)
        with _fts_bulk_write(lib):
            try:
                with lib.db.atomic():  # a savepoint: the first attempt can be undone alone
                    outcome = _stream(lib, context, shas, listed, known, indexed_keys, progress, cancel)
            except _IndexedKeyWrong:
                log.warning("the index disagrees with a stored bundle; rebuilding in the order the store files give")
                outcome = _stream(lib, context, shas, listed, known, {}, progress, cancel)
        indexed, hidden, rejected, removed_demo = outcome
        _audit_rebuilt(lib, indexed, rejected)
    return _after_rebuild(lib, indexed, hidden, rejected, removed_demo)


def _stream(
    lib: LibraryBase,
    context: WorkerContext,
    shas: list[str],
    listed: list[str],
    known: dict[str, tuple[str, str]],
    indexed_keys: dict[str, tuple[str, int]],
    progress: Progress | None,
    cancel: threading.Event | None,
) -> tuple[int, list[str], list[tuple[str, str]], list[str]]:
    """Verify and index the ``listed`` store files in the rebuild's order (sort keys from
    ``indexed_keys`` where given). Returns indexed, hidden, rejected, demo bundles replaced."""
    first_listing = set(shas)
    verify_failed: dict[str, str] = {}
    refused: list[tuple[str, str]] = []
    hidden: dict[str, str] = {}
    # The order of _rebuild_in_memory: first imported first, then by signed creation time
    # and revision; a store file whose manifest cannot be read will not verify either.
    sort_keys = {sha: indexed_keys.get(sha) or _sort_key(context, sha) for sha in listed}
    readable = [sha for sha in listed if sort_keys[sha] is not None]
    readable.sort(key=lambda sha: (known.get(sha, ("", "~"))[1], *sort_keys[sha]))  # type: ignore[misc]
    order = readable + [sha for sha in listed if sort_keys[sha] is None]
    indexed, removed_demo = 0, []
    preparer = pipeline.Preparer(prepare_stored, context, order)
    preparer.start()  # if no worker can be started, it prepares in this process
    with preparer:
        for done, (sha, prepared, error) in enumerate(preparer):
            if cancel is not None and cancel.is_set():
                raise CancelledError("rebuild cancelled; the library was left as it was", code="rebuild-cancelled")
            if error is not None:
                if not isinstance(error, DTNError):
                    raise error
                verify_failed[sha] = str(error)
            else:
                rows, size = prepared
                vb = rows.verified
                if sha in first_listing and vb.signer.revoked:
                    hidden[sha] = vb.manifest.bundle_id
                if sort_keys[sha] != (vb.manifest.created, vb.manifest.revision):
                    if sha in indexed_keys:
                        raise _IndexedKeyWrong(sha)
                    refused.append((sha, str(LibraryError(
                        f"store file {sha} changed while the rebuild read it; it was left in the store and not indexed",
                        code="rebuild-store-changed", sha256=sha,
                    ))))
                else:
                    try:
                        ownership = rules.check_owner(lib.db, vb)
                        rules.check_rollback(lib.db, vb, sha)
                    except DTNError as exc:
                        refused.append((sha, str(exc)))
                    else:
                        source = known.get(sha, ("rebuilt from store",))[0] or "rebuilt from store"
                        importing.write_index(lib, rows, sha, size, source, ownership)
                        removed_demo.extend(ownership.replaces_demo)
                        indexed += 1 - len(ownership.replaces_demo)
            if progress:
                progress(done + 1, len(order))
    # Reported as _rebuild_in_memory reports them: failed verifies in store order first.
    rejected = [(sha, verify_failed[sha]) for sha in listed if sha in verify_failed] + refused
    return indexed, [hidden[sha] for sha in shas if sha in hidden], rejected, removed_demo


def check(lib: LibraryBase) -> list[str]:
    """Problems found: database integrity, rows without store files, store files not indexed."""
    problems = []
    result = lib.db.execute("PRAGMA quick_check").fetchall()
    if [r[0] for r in result] != ["ok"]:
        problems.extend(f"database: {r[0]}" for r in result)
    indexed = {r[0] for r in lib.db.execute("SELECT sha256 FROM bundles").fetchall()}
    stored = lib.store.hashes()
    for sha in sorted(indexed - stored):
        problems.append(f"bundle {sha} is in the index but its store file is missing")
    for sha in sorted(stored - indexed):
        problems.append(f"store file {sha}.dtnb is not in the index")
    orphans = lib.db.execute("SELECT count(*) FROM editions WHERE sha256 NOT IN (SELECT sha256 FROM bundles)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} edition(s) without a bundle row")
    fts = lib.db.execute("SELECT count(*) FROM chapter_fts").fetchone()[0]
    chapters = lib.db.execute("SELECT count(*) FROM chapters").fetchone()[0]
    if fts != chapters:
        problems.append(f"search index holds {fts} chapters, the library {chapters}")
    if lib.store.folder.is_dir():
        problems.extend(f"leftover temporary file {p.name}" for p in lib.store.folder.glob(".tmp-*"))
    return problems
