"""The local library: a SQLite index (sqlite-utils) over the store of signed bundles.

The store is the source of truth; the database can always be rebuilt from it.
Every import is verified first and written in one transaction; a rejected
import changes nothing but one audit-log row.

One Library object per thread: each opens its own connection.
"""

from __future__ import annotations

import difflib
import html
import json
import logging
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import sqlite_utils
from sqlite_utils.migrations import Migrations

from reader.core.bundle import BUNDLE_SUFFIX, BundleLimits, FileEntry, VerifiedBundle, read_member, verify_bundle
from reader.core.errors import (
    BUG_ERROR_TYPE,
    CancelledError,
    DTNError,
    LibraryError,
    NotFoundError,
    RevokedKeyError,
    RollbackError,
    bug_message,
)
from reader.core.paths import builtin_trust_dir
from reader.core.render import RenderedChapter, plain_text, render_chapter
from reader.core.store import StepHook, Store
from reader.core.minisign import format_key_id
from reader.core.trust import TrustedKey, TrustStore, utc_now
from reader.core.vocabulary import SCALES, THEMES

log = logging.getLogger(__name__)

DB_NAME = "library.db"
STORE_DIR = "store"
TRUST_DIR = "trust"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LibraryLimits:
    """Caps of the library. Counts, depths and milliseconds."""

    max_scan_depth: int = 8  # folder levels below the chosen folder
    max_scan_bundles: int = 10_000  # .dtnb files taken from one folder
    max_scan_entries: int = 200_000  # directory entries looked at in one folder scan
    busy_timeout_ms: int = 10_000
    open_attempts: int = 40  # tries to set up a new database that other connections are setting up too
    open_retry_ms: int = 50  # pause between those tries
    max_search_results: int = 200
    max_query_chars: int = 500
    # A search ranks at most this many matching chapters, the most recently indexed ones
    # (highest rowid) that pass the filters: ranking costs about 1-2 us per match, so a word
    # found in every chapter of a 20,000-chapter library would otherwise take 25-50 ms.
    # A library of real editions (a few hundred chapters) never reaches it.
    max_ranked_matches: int = 1000


@dataclass
class ImportResult:
    source: str
    status: str  # "imported" | "present" | "rejected"
    sha256: str | None = None
    bundle_id: str | None = None
    revision: int | None = None
    edition: str | None = None
    signer: str | None = None
    signer_key_id: str | None = None
    files_checked: int = 0
    reason: str | None = None
    error_type: str | None = None
    superseded: int | None = None  # revision it replaced
    demo: bool = False

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    def line(self) -> str:
        demo = " [DEMO]" if self.demo else ""
        if self.status == "imported":
            extra = f", replaces revision {self.superseded}" if self.superseded else ""
            return f"imported: {self.source}: {self.edition} ({self.bundle_id} revision {self.revision}{extra}), signed by {self.signer}{demo}"
        if self.status == "present":
            return f"already present: {self.source}: {self.bundle_id} revision {self.revision}{demo}"
        return f"rejected: {self.source}: {self.reason}"


@dataclass
class Edition:
    pk: int
    bundle_id: str
    revision: int
    number: int | None
    date: str
    name: str
    title: str
    summary: str
    level_value: int
    level_label: str
    level_scale: str
    level_since: str
    demo: bool
    publisher: str
    language: str
    created: str
    sha256: str
    signer_key_id: str
    signer_name: str
    imported_at: str
    superseded_by: int | None
    hidden_reason: str | None
    chapter_count: int = 0

    @property
    def key(self) -> str:
        return f"{self.bundle_id}@{self.revision}"

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ChapterInfo:
    pk: int
    edition_pk: int
    ord: int
    chapter_id: str
    title: str
    themes: list[str]
    file: str
    theme_chapter: bool
    edition_name: str = ""
    edition_date: str = ""
    bundle_id: str = ""


@dataclass
class Chapter(ChapterInfo):
    markdown: str = ""
    html: str = ""
    toc: list[dict] = field(default_factory=list)
    placeholder: bool = False


@dataclass
class SearchHit:
    chapter_pk: int
    edition_pk: int
    bundle_id: str
    edition_name: str
    edition_date: str
    chapter_id: str
    title: str
    themes: list[str]
    snippet: str  # HTML-escaped text with <mark> around hits
    rank: float
    demo: bool


@dataclass
class LevelPoint:
    date: str
    value: int
    label: str
    scale: str
    region: str  # "national" or the region of an event
    edition: str  # bundle id
    edition_pk: int
    end: str | None = None
    note: str = ""
    demo: bool = False

    @property
    def national(self) -> bool:
        return self.region == "national"


@dataclass
class ChecklistItemState:
    item_id: str
    text: str
    priority: str
    ticked: bool
    note: str
    updated_at: str | None


@dataclass
class ChecklistView:
    checklist_id: str
    partner: str
    title: str
    items: list[ChecklistItemState]

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.ticked)


@dataclass
class AuditEntry:
    id: int
    time: str
    source: str
    sha256: str | None
    result: str
    reason: str | None
    signer: str | None
    bundle_id: str | None
    revision: int | None
    error_type: str | None = None


class DiffPart(NamedTuple):
    """One step of a paragraph diff: ``op`` is "equal", "insert", "delete" or "replace";
    the texts are the paragraphs of that step (joined by a blank line) in the older and the
    newer chapter ("" where a side has none)."""

    op: str
    a_text: str
    b_text: str


@dataclass
class ChapterComparison:
    """One chapter of a comparison: ``a`` in the older edition, ``b`` in the newer (None where absent)."""

    status: str  # "added" | "removed" | "changed" | "unchanged"
    a: ChapterInfo | None
    b: ChapterInfo | None
    # The paragraph diff; for an added chapter one insert, a removed one one delete, an unchanged one equal.
    diff: list[DiffPart] = field(default_factory=list)
    diff_capped: bool = False  # the changed middle was too long to diff paragraph by paragraph

    @property
    def title(self) -> str:
        return (self.b or self.a).title

    @property
    def title_changed(self) -> bool:
        return self.a is not None and self.b is not None and self.a.title != self.b.title


@dataclass
class Comparison:
    """Two editions compared: ``a`` the older, ``b`` the newer.

    ``chapters`` is in the newer edition's order, each removed chapter placed after the
    chapter it followed in the older edition.
    """

    a: Edition
    b: Edition
    level_changed: bool
    level_a: LevelPoint  # the national level of each edition
    level_b: LevelPoint
    chapters: list[ChapterComparison]

    def _with(self, status: str) -> list[ChapterComparison]:
        return [c for c in self.chapters if c.status == status]

    @property
    def added(self) -> list[ChapterComparison]:
        return self._with("added")

    @property
    def removed(self) -> list[ChapterComparison]:
        return self._with("removed")

    @property
    def changed(self) -> list[ChapterComparison]:
        return self._with("changed")

    @property
    def unchanged(self) -> list[ChapterComparison]:
        return self._with("unchanged")

    @property
    def scale_changed(self) -> bool:
        return self.level_a.scale != self.level_b.scale

    @property
    def level_direction(self) -> str:
        """"raised", "lowered" or "same", by the level's word (the same word on the old
        four-level and the new five-level scale is the same level)."""
        rank_a, rank_b = _level_rank(self.level_a), _level_rank(self.level_b)
        return "raised" if rank_b > rank_a else "lowered" if rank_b < rank_a else "same"


# --- schema ---------------------------------------------------------------------------

migrations = Migrations("dtn-reader")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE bundles (
            sha256 TEXT PRIMARY KEY, bundle_id TEXT NOT NULL, revision INTEGER NOT NULL,
            source TEXT, size INTEGER NOT NULL, signer_key_id TEXT NOT NULL, signer_name TEXT NOT NULL,
            imported_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active')"""
    )
    db.execute(
        """CREATE TABLE editions (
            pk INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, revision INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES bundles(sha256), number INTEGER, date TEXT NOT NULL,
            name TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
            level_value INTEGER NOT NULL, level_label TEXT NOT NULL, level_scale TEXT NOT NULL,
            level_since TEXT NOT NULL, demo INTEGER NOT NULL, publisher TEXT NOT NULL,
            language TEXT NOT NULL, created TEXT NOT NULL, files TEXT NOT NULL,
            signer_key_id TEXT NOT NULL, signer_name TEXT NOT NULL, imported_at TEXT NOT NULL,
            superseded_by INTEGER REFERENCES editions(pk), hidden_reason TEXT,
            UNIQUE (bundle_id, revision))"""
    )
    db.execute("CREATE INDEX editions_date ON editions(date)")
    db.execute(
        """CREATE TABLE chapters (
            pk INTEGER PRIMARY KEY, edition_pk INTEGER NOT NULL REFERENCES editions(pk),
            ord INTEGER NOT NULL, chapter_id TEXT NOT NULL, title TEXT NOT NULL, themes TEXT NOT NULL,
            file TEXT NOT NULL, theme_chapter INTEGER NOT NULL, markdown TEXT NOT NULL,
            html TEXT, toc TEXT, placeholder INTEGER)"""
    )
    db.execute("CREATE INDEX chapters_edition ON chapters(edition_pk, ord)")
    db.execute(
        """CREATE VIRTUAL TABLE chapter_fts USING fts5(
            title, body, tokenize = "unicode61 remove_diacritics 2", prefix = '2 3')"""
    )
    db.execute(
        """CREATE TABLE level_events (
            pk INTEGER PRIMARY KEY, edition_pk INTEGER NOT NULL REFERENCES editions(pk),
            start TEXT NOT NULL, end TEXT, value INTEGER NOT NULL, label TEXT NOT NULL,
            scale TEXT NOT NULL, region TEXT NOT NULL, note TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE checklists (
            pk INTEGER PRIMARY KEY, edition_pk INTEGER NOT NULL REFERENCES editions(pk),
            ord INTEGER NOT NULL, checklist_id TEXT NOT NULL, partner TEXT NOT NULL, title TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE checklist_items (
            pk INTEGER PRIMARY KEY, checklist_pk INTEGER NOT NULL REFERENCES checklists(pk),
            ord INTEGER NOT NULL, item_id TEXT NOT NULL, text TEXT NOT NULL, priority TEXT NOT NULL)"""
    )
    # User state is keyed by stable ids, not by rows: it survives new revisions and rebuilds.
    db.execute(
        """CREATE TABLE checklist_state (
            checklist_id TEXT NOT NULL, item_id TEXT NOT NULL, ticked INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, PRIMARY KEY (checklist_id, item_id))"""
    )
    db.execute(
        """CREATE TABLE bookmarks (
            pk INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, chapter_id TEXT NOT NULL,
            anchor TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE reading_positions (
            bundle_id TEXT NOT NULL, chapter_id TEXT NOT NULL, position REAL NOT NULL,
            updated_at TEXT NOT NULL, PRIMARY KEY (bundle_id, chapter_id))"""
    )
    db.execute(
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY, time TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT,
            result TEXT NOT NULL, reason TEXT, signer TEXT, bundle_id TEXT, revision INTEGER)"""
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m002_audit_error_type(db: sqlite_utils.Database) -> None:
    # The error class of a rejection, so a GUI can put a translated headline in front of the reason.
    db.execute("ALTER TABLE audit ADD COLUMN error_type TEXT")


INDEX_TABLES = ("chapter_fts", "checklist_items", "checklists", "level_events", "chapters", "editions", "bundles")

_WORD_RE = re.compile(r"[\w]+\*?|\"[^\"]*\"?", re.UNICODE)
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"


def _json_list(text: str | None) -> list:
    return json.loads(text) if text else []


def _prepare(db: sqlite_utils.Database) -> None:
    """Connection settings and schema migrations."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    if migrations.pending(db):
        # Serialise first-time setup between connections opening a new database at once.
        db.execute("BEGIN IMMEDIATE")
        try:
            migrations.apply(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


class Library:
    """The library in ``folder``: ``library.db``, ``store/`` and the user's ``trust/``."""

    def __init__(
        self,
        folder: Path,
        db: sqlite_utils.Database,
        store: Store,
        trust: TrustStore,
        limits: LibraryLimits = LibraryLimits(),
        bundle_limits: BundleLimits = BundleLimits(),
    ) -> None:
        self.folder = folder
        self.db = db
        self.store = store
        self.trust = trust
        self.limits = limits
        self.bundle_limits = bundle_limits
        self._render_lock = threading.Lock()

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: str | Path,
        *,
        trust: TrustStore | None = None,
        on_step: StepHook | None = None,
        limits: LibraryLimits = LibraryLimits(),
        recover: bool = True,
    ) -> Library:
        """Open (creating if needed) the library in ``folder`` and run startup recovery."""
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(folder / DB_NAME, timeout=limits.busy_timeout_ms / 1000, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise LibraryError(f"cannot open the library in {folder}: {exc}") from None
        db = sqlite_utils.Database(conn)
        for attempt in range(limits.open_attempts):
            try:
                _prepare(db)
                break
            except sqlite3.OperationalError as exc:
                # Switching a new file to WAL is not covered by the busy timeout: when
                # several connections set up a new library at once, try again briefly.
                if "locked" not in str(exc) or attempt == limits.open_attempts - 1:
                    conn.close()
                    raise LibraryError(f"cannot open the library in {folder}: {exc}") from None
                time.sleep(limits.open_retry_ms / 1000)
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise LibraryError(f"the library database {folder / DB_NAME} is damaged ({exc}); run 'dtn rebuild'") from None
        lib = cls(
            folder,
            db,
            Store(folder / STORE_DIR, on_step),
            trust or TrustStore(folder / TRUST_DIR, builtin_trust_dir()),
            limits,
        )
        if recover:
            lib.recover()
        return lib

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def recover(self) -> list[str]:
        """Startup recovery: sweep temporary files, index store files an interrupted import left
        unindexed, and hide editions whose signing key was revoked. Returns what it did."""
        done = []
        swept = self.store.sweep()
        if swept:
            done.append(f"removed {swept} temporary file(s) of an interrupted import")
        indexed = {row["sha256"] for row in self.db.query("SELECT sha256 FROM bundles")}
        for sha in sorted(self.store.hashes() - indexed):
            path = self.store.path_for(sha)
            try:
                verified = self._verify_stored(path)
                self._check_rollback(verified, sha)
                self._index(verified, sha, path.stat().st_size, "recovered after an interrupted import")
                done.append(f"finished an interrupted import of {verified.manifest.bundle_id}")
            except DTNError as exc:
                # Original signed bytes are never deleted here; 'dtn check' reports the file.
                done.append(f"store file {sha[:12]} could not be indexed: {exc}")
        done.extend(self.apply_revocations())
        for line in done:
            log.info("recovery: %s", line)
        return done

    def _verify_stored(self, path: Path) -> VerifiedBundle:
        """Verify a stored bundle; one signed by a key revoked since still verifies (to be hidden)."""
        try:
            return verify_bundle(path, self.trust, self.bundle_limits)
        except (RevokedKeyError,):
            return verify_bundle(path, _TrustIgnoringRevocation(self.trust), self.bundle_limits)

    def apply_revocations(self) -> list[str]:
        """Hide (not delete) editions signed by keys that are now revoked; unhide if trusted again."""
        changes = []
        revoked = {k.key_id: k for k in self.trust.keys() if k.revoked}
        with self.db.atomic():
            for row in self.db.query("SELECT pk, bundle_id, signer_key_id, hidden_reason FROM editions"):
                key = revoked.get(row["signer_key_id"])
                reason = None
                if key is not None:
                    reason = f"signed by key {key.key_id} ({key.name}), revoked on {key.revoked_at}"
                    if key.revoked_reason:
                        reason += f": {key.revoked_reason}"
                if reason != row["hidden_reason"]:
                    self.db.execute("UPDATE editions SET hidden_reason = ? WHERE pk = ?", [reason, row["pk"]])
                    changes.append(f"{row['bundle_id']}: {'hidden, ' + reason if reason else 'shown again'}")
        return changes

    # --- import ------------------------------------------------------------------------

    def import_file(self, path: str | Path, source: str | None = None) -> ImportResult:
        """Import one bundle file. Never raises for a bad bundle: the result says why it was rejected."""
        path = Path(path)
        shown = source or str(path)
        result = ImportResult(shown, "rejected")
        staged = None
        committed = None  # a store file this import put in place but has not indexed yet
        try:
            staged = self.store.stage_file(path, self.bundle_limits.archive.max_archive_bytes)
            result.sha256 = staged.sha256
            present = self.db.execute(
                """SELECT b.bundle_id, b.revision, b.signer_name, b.signer_key_id, e.name, e.demo
                   FROM bundles b LEFT JOIN editions e ON e.sha256 = b.sha256 WHERE b.sha256 = ?""",
                [staged.sha256],
            ).fetchone()
            if present:
                self.store.discard(staged)
                result.status, result.bundle_id, result.revision = "present", present[0], present[1]
                result.signer, result.signer_key_id, result.edition, result.demo = present[2], present[3], present[4], bool(present[5])
                self._audit(result)
                return result
            verified = verify_bundle(staged.path, self.trust, self.bundle_limits)
            m = verified.manifest
            result.bundle_id, result.revision = m.bundle_id, m.revision
            result.edition, result.signer, result.signer_key_id = m.edition_name, verified.signer_name, verified.signer_key_id
            result.demo = m.demo or verified.signer.demo
            result.files_checked = verified.files_checked
            result.superseded = self._check_rollback(verified, staged.sha256)
            size = staged.size
            self.store.commit(staged)
            staged, committed = None, staged.sha256
            result.status = "imported"
            self._index(verified, result.sha256, size, shown, result)
            return result
        except Exception as exc:  # noqa: BLE001 - an unexpected error is a bug, but still loses nothing
            if staged is not None:
                self.store.discard(staged)
            if committed is not None:  # never left for startup recovery to trip over again
                self.store.remove(committed)
            result.status = "rejected"
            if isinstance(exc, DTNError):
                result.reason, result.error_type = str(exc), type(exc).__name__
            else:
                log.exception("import of %s failed unexpectedly", shown)
                result.reason, result.error_type = bug_message(exc), BUG_ERROR_TYPE
            self._audit(result)
            return result

    def _check_rollback(self, verified: VerifiedBundle, sha256: str) -> int | None:
        """Refuse older revisions and same-revision conflicts. Returns the revision this one supersedes."""
        m = verified.manifest
        row = self.db.execute(
            "SELECT revision, sha256 FROM editions WHERE bundle_id = ? ORDER BY revision DESC LIMIT 1", [m.bundle_id]
        ).fetchone()
        if row is None:
            return None
        revision, existing_sha = row
        if m.revision < revision:
            raise RollbackError(
                f"{m.bundle_id} revision {m.revision} is older than revision {revision} already in the library (rollback refused)"
            )
        if m.revision == revision and sha256 != existing_sha:
            raise RollbackError(
                f"{m.bundle_id} revision {m.revision} is already in the library with different content; "
                "a correction must carry a higher revision"
            )
        return revision

    def _index(self, verified: VerifiedBundle, sha256: str, size: int, source: str, result: ImportResult | None = None) -> int:
        """Write one verified bundle into the index, in one transaction with its audit row."""
        m = verified.manifest
        now = utc_now()
        demo = m.demo or verified.signer.demo
        chapters = []
        for order, ch in enumerate(m.chapters):
            text = verified.text(ch.file)
            chapters.append((order, ch, text, plain_text(text)))
        checklists = [verified.checklist(entry) for entry in m.checklists]
        hidden = None
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO bundles (sha256, bundle_id, revision, source, size, signer_key_id, signer_name, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [sha256, m.bundle_id, m.revision, source, size, verified.signer_key_id, verified.signer_name, now],
            )
            cursor = self.db.execute(
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
            self.db.execute(
                "UPDATE editions SET superseded_by = ? WHERE bundle_id = ? AND pk != ? AND superseded_by IS NULL",
                [edition_pk, m.bundle_id, edition_pk],
            )
            self.db.execute("UPDATE bundles SET status = 'superseded' WHERE bundle_id = ? AND sha256 != ?", [m.bundle_id, sha256])
            for order, ch, text, plain in chapters:
                cur = self.db.execute(
                    """INSERT INTO chapters (edition_pk, ord, chapter_id, title, themes, file, theme_chapter, markdown)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    [edition_pk, order, ch.id, ch.title, json.dumps(list(ch.themes)), ch.file, int(ch.theme_chapter), text],
                )
                self.db.execute("INSERT INTO chapter_fts (rowid, title, body) VALUES (?, ?, ?)", [cur.lastrowid, ch.title, plain])
            for ev in m.level_events:
                self.db.execute(
                    """INSERT INTO level_events (edition_pk, start, end, value, label, scale, region, note)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    [edition_pk, ev.start, ev.end, ev.value, ev.label, ev.scale, ev.region, ev.note],
                )
            for order, cl in enumerate(checklists):
                cur = self.db.execute(
                    "INSERT INTO checklists (edition_pk, ord, checklist_id, partner, title) VALUES (?, ?, ?, ?, ?)",
                    [edition_pk, order, cl.id, cl.partner, cl.title],
                )
                self.db.conn.executemany(
                    "INSERT INTO checklist_items (checklist_pk, ord, item_id, text, priority) VALUES (?, ?, ?, ?, ?)",
                    [(cur.lastrowid, i, item.id, item.text, item.priority) for i, item in enumerate(cl.items)],
                )
            if result is not None:
                self._audit(result)
        return edition_pk

    def _audit(self, result: ImportResult) -> None:
        result_name = {"imported": "imported", "present": "already present", "rejected": "rejected"}[result.status]
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO audit (time, source, sha256, result, reason, signer, bundle_id, revision, error_type)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    utc_now(), result.source, result.sha256, result_name, result.reason,
                    f"{result.signer} ({result.signer_key_id})" if result.signer else None,
                    result.bundle_id, result.revision, result.error_type,
                ],
            )

    def scan_folder(self, folder: str | Path) -> list[Path]:
        """Every ``*.dtnb`` below ``folder`` (symlinks not followed), within the depth and count caps."""
        folder = Path(folder)
        found: list[Path] = []
        seen = 0
        stack: list[tuple[Path, int]] = [(folder, 0)]
        while stack:
            current, depth = stack.pop()
            try:
                entries = sorted(os.scandir(current), key=lambda e: e.name)
            except OSError as exc:
                raise LibraryError(f"cannot read folder {current}: {exc.strerror or exc}") from None
            subdirs = []
            for entry in entries:
                seen += 1
                if seen > self.limits.max_scan_entries:
                    raise LibraryError(f"{folder} holds more than {self.limits.max_scan_entries} entries; choose a smaller folder")
                if entry.is_symlink() or entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if depth < self.limits.max_scan_depth:
                        subdirs.append((Path(entry.path), depth + 1))
                elif entry.is_file(follow_symlinks=False) and entry.name.lower().endswith(BUNDLE_SUFFIX):
                    found.append(Path(entry.path))
                    if len(found) > self.limits.max_scan_bundles:
                        raise LibraryError(f"{folder} holds more than {self.limits.max_scan_bundles} bundles; import it in parts")
            stack.extend(reversed(subdirs))
        return sorted(found)

    def import_paths(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (every .dtnb below a folder). Each bundle is reported on its own."""
        files: list[tuple[Path, str]] = []
        results: list[ImportResult] = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                try:
                    files.extend((p, str(p)) for p in self.scan_folder(path))
                except LibraryError as exc:
                    result = ImportResult(str(path), "rejected", reason=str(exc), error_type=type(exc).__name__)
                    self._audit(result)
                    results.append(result)
            else:
                files.append((path, str(path)))
        total = len(files)
        for done, (path, shown) in enumerate(files):
            if cancel is not None and cancel.is_set():
                cancelled = CancelledError(f"import cancelled after {done} of {total} bundles")
                cancelled.results = results  # what was done before the cancel
                raise cancelled
            results.append(self.import_file(path, shown))
            if progress:
                progress(done + 1, total)
        return results

    # --- reading ------------------------------------------------------------------------

    _EDITION_SQL = """SELECT e.*, (SELECT count(*) FROM chapters c WHERE c.edition_pk = e.pk) AS chapter_count
                      FROM editions e"""

    def _edition(self, row: dict) -> Edition:
        row = dict(row)
        row.pop("files", None)
        row["demo"] = bool(row["demo"])
        return Edition(**row)

    def editions(self, *, include_superseded: bool = False, include_hidden: bool = False) -> list[Edition]:
        """Editions newest first."""
        where = []
        if not include_superseded:
            where.append("e.superseded_by IS NULL")
        if not include_hidden:
            where.append("e.hidden_reason IS NULL")
        sql = self._EDITION_SQL + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY e.date DESC, e.revision DESC"
        return [self._edition(r) for r in self.db.query(sql)]

    def edition(self, key: str | int) -> Edition:
        """An edition by pk, ``bundle_id`` (its newest revision) or ``bundle_id@revision``. Raises NotFoundError."""
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            rows = list(self.db.query(self._EDITION_SQL + " WHERE e.pk = ?", [int(key)]))
        elif "@" in key:
            bundle_id, _, rev = key.partition("@")
            rows = list(self.db.query(self._EDITION_SQL + " WHERE e.bundle_id = ? AND e.revision = ?", [bundle_id, rev]))
        else:
            rows = list(
                self.db.query(self._EDITION_SQL + " WHERE e.bundle_id = ? ORDER BY e.revision DESC LIMIT 1", [key])
            )
        if not rows:
            raise NotFoundError(f"no edition {key!r} in the library; 'dtn list' shows what there is")
        return self._edition(rows[0])

    def latest_edition(self) -> Edition | None:
        editions = self.editions()
        return editions[0] if editions else None

    def previous_edition(self, edition: Edition) -> Edition | None:
        for e in self.editions():
            if (e.date, e.bundle_id) < (edition.date, edition.bundle_id):
                return e
        return None

    def _chapter_info(self, row: dict) -> ChapterInfo:
        return ChapterInfo(
            pk=row["pk"], edition_pk=row["edition_pk"], ord=row["ord"], chapter_id=row["chapter_id"],
            title=row["title"], themes=_json_list(row["themes"]), file=row["file"],
            theme_chapter=bool(row["theme_chapter"]), edition_name=row.get("edition_name", ""),
            edition_date=row.get("edition_date", ""), bundle_id=row.get("bundle_id", ""),
        )

    _CHAPTER_SQL = """SELECT c.pk, c.edition_pk, c.ord, c.chapter_id, c.title, c.themes, c.file, c.theme_chapter,
                             e.name AS edition_name, e.date AS edition_date, e.bundle_id
                      FROM chapters c JOIN editions e ON e.pk = c.edition_pk"""

    def chapters(self, edition_pk: int) -> list[ChapterInfo]:
        return [self._chapter_info(r) for r in self.db.query(self._CHAPTER_SQL + " WHERE c.edition_pk = ? ORDER BY c.ord", [edition_pk])]

    def chapter(self, chapter_pk: int) -> Chapter:
        """A chapter with its rendered HTML (rendered on first view, then cached)."""
        rows = list(self.db.query(self._CHAPTER_SQL.replace("c.theme_chapter,", "c.theme_chapter, c.markdown, c.html, c.toc, c.placeholder,") + " WHERE c.pk = ?", [chapter_pk]))
        if not rows:
            raise NotFoundError(f"no chapter {chapter_pk} in the library")
        row = rows[0]
        info = self._chapter_info(row)
        if row["html"] is None:
            rendered = self._render(row)
            with self.db.atomic():
                self.db.execute(
                    "UPDATE chapters SET html = ?, toc = ?, placeholder = ? WHERE pk = ?",
                    [rendered.html, json.dumps([asdict(t) for t in rendered.toc]), int(rendered.placeholder), chapter_pk],
                )
            html_text, toc, placeholder = rendered.html, [asdict(t) for t in rendered.toc], rendered.placeholder
        else:
            html_text, toc, placeholder = row["html"], _json_list(row["toc"]), bool(row["placeholder"])
        return Chapter(**asdict(info), markdown=row["markdown"], html=html_text, toc=toc, placeholder=placeholder)

    def chapter_by_id(self, edition_pk: int, chapter_id: str) -> ChapterInfo:
        rows = list(self.db.query(self._CHAPTER_SQL + " WHERE c.edition_pk = ? AND c.chapter_id = ?", [edition_pk, chapter_id]))
        if not rows:
            raise NotFoundError(f"no chapter {chapter_id!r} in this edition")
        return self._chapter_info(rows[0])

    def _render(self, row: dict) -> RenderedChapter:
        files = json.loads(self.db.execute("SELECT files FROM editions WHERE pk = ?", [row["edition_pk"]]).fetchone()[0])
        links = {r["file"]: r["chapter_id"] for r in self.db.query("SELECT file, chapter_id FROM chapters WHERE edition_pk = ?", [row["edition_pk"]])}
        assets = [f[0] for f in files if f[0].startswith("assets/")]
        return render_chapter(row["markdown"], chapter_links=links, assets=assets)

    def asset(self, edition_pk: int, name: str) -> bytes:
        """One image of an edition, read from its stored bundle and checked against the signed hash."""
        row = self.db.execute("SELECT sha256, files FROM editions WHERE pk = ?", [edition_pk]).fetchone()
        if row is None:
            raise NotFoundError(f"no edition {edition_pk}")
        entries = {f[0]: (f[1], f[2]) for f in json.loads(row[1])}
        if name not in entries or not name.startswith("assets/"):
            raise NotFoundError(f"{name} is not an asset of this edition")
        size, sha = entries[name]
        return read_member(self.store.path_for(row[0]), FileEntry(name, size, sha), self.bundle_limits.archive)

    def level_events(self, edition_pk: int) -> list[LevelPoint]:
        e = self.edition(edition_pk)
        return [
            LevelPoint(r["start"], r["value"], r["label"], r["scale"], r["region"], e.bundle_id, e.pk, r["end"], r["note"], e.demo)
            for r in self.db.query("SELECT * FROM level_events WHERE edition_pk = ? ORDER BY start", [edition_pk])
        ]

    def levels(self) -> list[LevelPoint]:
        """The merged level history: national level changes (and scale changes) plus regional events, in time order."""
        points: list[LevelPoint] = []
        editions = sorted(self.editions(), key=lambda e: (e.level_since, e.date))
        last: tuple[int, str] | None = None
        for e in editions:
            if (e.level_value, e.level_scale) != last:
                points.append(LevelPoint(e.level_since, e.level_value, e.level_label, e.level_scale, "national", e.bundle_id, e.pk, demo=e.demo))
                last = (e.level_value, e.level_scale)
        seen_events = set()
        visible = {e.pk: e for e in editions}
        for r in self.db.query("SELECT * FROM level_events ORDER BY start"):
            e = visible.get(r["edition_pk"])
            key = (r["start"], r["region"], r["value"], r["scale"])
            if e is None or key in seen_events:
                continue
            seen_events.add(key)
            points.append(LevelPoint(r["start"], r["value"], r["label"], r["scale"], r["region"], e.bundle_id, e.pk, r["end"], r["note"], e.demo))
        return sorted(points, key=lambda p: (p.date, not p.national))

    def themes(self) -> list[tuple[str, int]]:
        """Every theme of the vocabulary used by a visible chapter, with its chapter count."""
        rows = self.db.query(
            """SELECT j.value AS theme, count(*) AS n FROM chapters c JOIN editions e ON e.pk = c.edition_pk,
                      json_each(c.themes) j
               WHERE e.superseded_by IS NULL AND e.hidden_reason IS NULL GROUP BY j.value"""
        )
        counts = {r["theme"]: r["n"] for r in rows}
        return [(t, counts[t]) for t in THEMES if t in counts]

    def theme_chapters(self, theme: str) -> list[ChapterInfo]:
        """Chapters with ``theme`` across editions, oldest first."""
        rows = self.db.query(
            self._CHAPTER_SQL
            + """ WHERE e.superseded_by IS NULL AND e.hidden_reason IS NULL
                  AND EXISTS (SELECT 1 FROM json_each(c.themes) WHERE value = ?) ORDER BY e.date, c.ord""",
            [theme],
        )
        return [self._chapter_info(r) for r in rows]

    def changes_since_previous(self, edition: Edition) -> dict[str, Any]:
        """What changed against the previous edition: level, chapters added and removed."""
        prev = self.previous_edition(edition)
        if prev is None:
            return {"previous": None, "level_changed": False, "added": [c.title for c in self.chapters(edition.pk)], "removed": []}
        now = {c.chapter_id: c.title for c in self.chapters(edition.pk)}
        before = {c.chapter_id: c.title for c in self.chapters(prev.pk)}
        return {
            "previous": prev,
            "level_changed": (prev.level_value, prev.level_scale) != (edition.level_value, edition.level_scale),
            "added": [t for cid, t in now.items() if cid not in before],
            "removed": [t for cid, t in before.items() if cid not in now],
        }

    def compare(self, a: int, b: int) -> Comparison:
        """Compare two editions (pks): level, chapters added, removed and changed, paragraph diffs.

        ``a`` should be the older and ``b`` the newer; given the other way round they are
        swapped (by date, then revision). Chapters are matched by chapter id, the rest by
        their normalised title. A chapter in both is "changed" when its title or its text
        (paragraph by paragraph, blank lines and trailing spaces aside) differs.
        Raises NotFoundError for an unknown edition.
        """
        first, second = self.edition(a), self.edition(b)
        if (first.date, first.revision, first.pk) > (second.date, second.revision, second.pk):
            first, second = second, first
        old, new = self._chapters_with_text(first.pk), self._chapters_with_text(second.pk)
        match: dict[int, int] = {}  # old index -> new index
        new_by_id = {info.chapter_id: j for j, (info, _text) in reversed(list(enumerate(new)))}
        for i, (info, _text) in enumerate(old):
            j = new_by_id.get(info.chapter_id)
            if j is not None and j not in match.values():
                match[i] = j
        taken = set(match.values())
        new_by_title: dict[str, int] = {}
        for j, (info, _text) in enumerate(new):
            if j not in taken:
                new_by_title.setdefault(normalised_title(info.title), j)
        for i, (info, _text) in enumerate(old):
            if i not in match:
                j = new_by_title.pop(normalised_title(info.title), None)
                if j is not None:
                    match[i] = j
        old_of = {j: i for i, j in match.items()}
        entries: list[ChapterComparison] = []
        for j, (info, text) in enumerate(new):
            i = old_of.get(j)
            if i is None:
                entries.append(ChapterComparison("added", None, info, paragraph_diff("", text)[0]))
                continue
            before, before_text = old[i]
            if before.title == info.title and paragraphs(before_text) == paragraphs(text):
                entries.append(ChapterComparison("unchanged", before, info, paragraph_diff(before_text, text)[0]))
            else:
                diff, capped = paragraph_diff(before_text, text)
                entries.append(ChapterComparison("changed", before, info, diff, capped))
        # Each removed chapter goes after the entry of the old chapter it followed.
        removed_after: dict[int | None, list[ChapterComparison]] = {}
        anchor: int | None = None
        for i, (info, text) in enumerate(old):
            if i in match:
                anchor = match[i]
            else:
                removed_after.setdefault(anchor, []).append(ChapterComparison("removed", info, None, paragraph_diff(text, "")[0]))
        chapters = list(removed_after.get(None, []))
        for j, entry in enumerate(entries):
            chapters.append(entry)
            chapters.extend(removed_after.get(j, []))
        return Comparison(
            a=first,
            b=second,
            level_changed=(first.level_value, first.level_label, first.level_scale)
            != (second.level_value, second.level_label, second.level_scale),
            level_a=_national_level(first),
            level_b=_national_level(second),
            chapters=chapters,
        )

    def _chapters_with_text(self, edition_pk: int) -> list[tuple[ChapterInfo, str]]:
        sql = self._CHAPTER_SQL.replace("c.theme_chapter,", "c.theme_chapter, c.markdown,") + " WHERE c.edition_pk = ? ORDER BY c.ord"
        return [(self._chapter_info(r), r["markdown"]) for r in self.db.query(sql, [edition_pk])]

    # --- search ---------------------------------------------------------------------------

    @staticmethod
    def fts_query(text: str, prefix_last: bool = False) -> str:
        """Turn what a person typed into a safe FTS5 query: words ANDed, quoted phrases kept,
        ``word*`` as prefix; with ``prefix_last`` the last word also matches as a prefix."""
        terms = []
        tokens = _WORD_RE.findall(text)
        for i, token in enumerate(tokens):
            if token.startswith('"'):
                words = re.findall(r"\w+", token, re.UNICODE)
                if words:
                    terms.append('"' + " ".join(words) + '"')
                continue
            prefix = token.endswith("*") or (prefix_last and i == len(tokens) - 1)
            word = token.rstrip("*")
            if word:
                terms.append(f'"{word}"' + ("*" if prefix else ""))
        return " ".join(terms)

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        themes: Iterable[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Full-text search over chapter titles and text of visible editions, best first."""
        query = self.fts_query(text[: self.limits.max_query_chars], prefix_last)
        if not query:
            return []
        where = ["chapter_fts MATCH ?", "e.superseded_by IS NULL", "e.hidden_reason IS NULL"]
        params: list[Any] = [query]
        theme_list = list(themes or [])
        if theme_list:
            # Themes are stored as a JSON list of vocabulary slugs, so a quoted slug only matches
            # a whole element; instr() is far cheaper per row than json_each().
            where.append("(" + " OR ".join("instr(c.themes, ?) > 0" for _ in theme_list) + ")")
            params.extend(json.dumps(str(theme)) for theme in theme_list)
        years: list[str] = []
        if year_from is not None:
            years.append("e.date >= ?")
            params.append(f"{year_from:04d}")
        if year_to is not None:
            years.append("e.date < ?")
            params.append(f"{year_to + 1:04d}")
        limit = min(max(limit, 1), self.limits.max_search_results)
        try:
            if years:
                # The chapters of those years lie in a rowid range; FTS5 then scans only that range.
                low, high = self.db.execute(
                    f"SELECT min(c.pk), max(c.pk) FROM editions e JOIN chapters c ON c.edition_pk = e.pk WHERE {' AND '.join(years)}",
                    params[len(params) - len(years):],
                ).fetchone()
                if low is None:
                    return []
                where += [*years, "chapter_fts.rowid BETWEEN ? AND ?"]
                params += [low, high]
            # Rank first, snippets only for the rows shown: the newest matches that pass the
            # filters, at most max_ranked_matches of them, ordered by bm25 (ties: newest first).
            ranked_sql = f"""SELECT rid, rank FROM (
                                 SELECT chapter_fts.rowid AS rid, bm25(chapter_fts, 8.0, 1.0) AS rank
                                 FROM chapter_fts JOIN chapters c ON c.pk = chapter_fts.rowid
                                      JOIN editions e ON e.pk = c.edition_pk
                                 WHERE {' AND '.join(where)} ORDER BY chapter_fts.rowid DESC LIMIT ?)
                             ORDER BY rank, rid DESC LIMIT ?"""
            top = self.db.execute(ranked_sql, [*params, self.limits.max_ranked_matches, limit]).fetchall()
            if not top:
                return []
            rids = [rid for rid, _rank in top]
            # One statement (a prefix term is expanded once), over the range of the rows shown;
            # '+' keeps the IN list out of FTS5, which would run the query once per value.
            detail_sql = f"""SELECT c.pk, c.edition_pk, e.bundle_id, e.name, e.date, c.chapter_id, c.title, c.themes, e.demo,
                                    snippet(chapter_fts, 1, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 16) AS snip
                             FROM chapter_fts JOIN chapters c ON c.pk = chapter_fts.rowid JOIN editions e ON e.pk = c.edition_pk
                             WHERE chapter_fts MATCH ? AND chapter_fts.rowid BETWEEN ? AND ?
                                   AND +chapter_fts.rowid IN ({','.join('?' * len(rids))})"""
            rows = {r[0]: r for r in self.db.execute(detail_sql, [query, min(rids), max(rids), *rids]).fetchall()}
        except sqlite3.OperationalError as exc:
            raise LibraryError(f"cannot search for {text!r}: {exc}") from None
        return [
            SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _json_list(r[7]), _mark(r[9]), rank, bool(r[8]))
            for rid, rank in top
            if (r := rows.get(rid)) is not None
        ]

    # --- checklists, bookmarks, positions -------------------------------------------------

    def checklists(self, edition_pk: int) -> list[ChecklistView]:
        result = []
        for cl in self.db.query("SELECT * FROM checklists WHERE edition_pk = ? ORDER BY ord", [edition_pk]):
            items = [
                ChecklistItemState(r["item_id"], r["text"], r["priority"], bool(r["ticked"] or 0), r["note"] or "", r["updated_at"])
                for r in self.db.query(
                    """SELECT i.item_id, i.text, i.priority, s.ticked, s.note, s.updated_at FROM checklist_items i
                       LEFT JOIN checklist_state s ON s.checklist_id = ? AND s.item_id = i.item_id
                       WHERE i.checklist_pk = ? ORDER BY i.ord""",
                    [cl["checklist_id"], cl["pk"]],
                )
            ]
            result.append(ChecklistView(cl["checklist_id"], cl["partner"], cl["title"], items))
        return result

    def set_item_state(self, checklist_id: str, item_id: str, *, ticked: bool | None = None, note: str | None = None) -> None:
        exists = self.db.execute(
            "SELECT 1 FROM checklist_items i JOIN checklists c ON c.pk = i.checklist_pk WHERE c.checklist_id = ? AND i.item_id = ?",
            [checklist_id, item_id],
        ).fetchone()
        if not exists:
            raise NotFoundError(f"no checklist item {checklist_id}/{item_id}")
        with self.db.atomic():
            row = self.db.execute("SELECT ticked, note FROM checklist_state WHERE checklist_id = ? AND item_id = ?", [checklist_id, item_id]).fetchone()
            current_ticked, current_note = (bool(row[0]), row[1]) if row else (False, "")
            self.db.execute(
                "INSERT OR REPLACE INTO checklist_state (checklist_id, item_id, ticked, note, updated_at) VALUES (?, ?, ?, ?, ?)",
                [checklist_id, item_id, int(current_ticked if ticked is None else ticked), current_note if note is None else note[:2000], utc_now()],
            )

    def reading_position(self, bundle_id: str, chapter_id: str) -> float:
        row = self.db.execute("SELECT position FROM reading_positions WHERE bundle_id = ? AND chapter_id = ?", [bundle_id, chapter_id]).fetchone()
        return float(row[0]) if row else 0.0

    def set_reading_position(self, bundle_id: str, chapter_id: str, position: float) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT OR REPLACE INTO reading_positions (bundle_id, chapter_id, position, updated_at) VALUES (?, ?, ?, ?)",
                [bundle_id, chapter_id, min(max(position, 0.0), 1.0), utc_now()],
            )

    def add_bookmark(self, bundle_id: str, chapter_id: str, anchor: str = "", note: str = "") -> int:
        with self.db.atomic():
            return self.db.execute(
                "INSERT INTO bookmarks (bundle_id, chapter_id, anchor, note, created_at) VALUES (?, ?, ?, ?, ?)",
                [bundle_id, chapter_id, anchor, note[:2000], utc_now()],
            ).lastrowid

    def bookmarks(self) -> list[dict]:
        return list(self.db.query("SELECT * FROM bookmarks ORDER BY created_at DESC"))

    def remove_bookmark(self, pk: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM bookmarks WHERE pk = ?", [pk])

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value])

    def audit(self, limit: int = 1000) -> list[AuditEntry]:
        return [AuditEntry(**r) for r in self.db.query("SELECT * FROM audit ORDER BY id DESC LIMIT ?", [limit])]

    # --- demo, rebuild, check ---------------------------------------------------------------

    def is_empty(self) -> bool:
        return self.db.execute("SELECT count(*) FROM bundles").fetchone()[0] == 0

    def remove_demo(self) -> int:
        """Remove every demo edition (index rows and stored bytes). Returns how many bundles."""
        shas = [r[0] for r in self.db.execute("SELECT DISTINCT sha256 FROM editions WHERE demo = 1").fetchall()]
        if not shas:
            return 0
        with self.db.atomic():
            for sha in shas:
                self._delete_bundle_rows(sha)
            self.db.execute(
                "INSERT INTO audit (time, source, result, reason) VALUES (?, ?, ?, ?)",
                [utc_now(), "demo library", "removed", f"{len(shas)} demo bundle(s) removed by the user"],
            )
        for sha in shas:
            self.store.remove(sha)
        return len(shas)

    def _delete_bundle_rows(self, sha: str) -> None:
        for (pk,) in self.db.execute("SELECT pk FROM editions WHERE sha256 = ?", [sha]).fetchall():
            self.db.execute("DELETE FROM chapter_fts WHERE rowid IN (SELECT pk FROM chapters WHERE edition_pk = ?)", [pk])
            self.db.execute("DELETE FROM chapters WHERE edition_pk = ?", [pk])
            self.db.execute("DELETE FROM checklist_items WHERE checklist_pk IN (SELECT pk FROM checklists WHERE edition_pk = ?)", [pk])
            self.db.execute("DELETE FROM checklists WHERE edition_pk = ?", [pk])
            self.db.execute("DELETE FROM level_events WHERE edition_pk = ?", [pk])
            self.db.execute("UPDATE editions SET superseded_by = NULL WHERE superseded_by = ?", [pk])
            self.db.execute("DELETE FROM editions WHERE pk = ?", [pk])
        self.db.execute("DELETE FROM bundles WHERE sha256 = ?", [sha])

    def rebuild(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> dict[str, Any]:
        """Recreate the index from the store, re-verifying every bundle against the current trust store.

        User state (ticks, notes, bookmarks, reading positions, settings, audit) is kept.
        Bundles that no longer verify stay in the store and are reported; editions of
        revoked keys are kept but hidden with the reason.
        """
        shas = sorted(self.store.hashes())
        verified: list[tuple[VerifiedBundle, str, int]] = []
        rejected: list[tuple[str, str]] = []
        hidden: list[str] = []
        for done, sha in enumerate(shas):
            if cancel is not None and cancel.is_set():
                raise CancelledError("rebuild cancelled; the library was left as it was")
            path = self.store.path_for(sha)
            try:
                vb = self._verify_stored(path)
                verified.append((vb, sha, path.stat().st_size))
                if vb.signer.revoked:
                    hidden.append(vb.manifest.bundle_id)
            except DTNError as exc:
                rejected.append((sha, str(exc)))
            if progress:
                progress(done + 1, len(shas))
        # Old revisions first, so each newer one supersedes the one before.
        verified.sort(key=lambda item: (item[0].manifest.bundle_id, item[0].manifest.revision))
        sources = {r["sha256"]: r["source"] for r in self.db.query("SELECT sha256, source FROM bundles")}
        with self.db.atomic():
            for table in INDEX_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            for vb, sha, size in verified:
                self._index(vb, sha, size, sources.get(sha) or "rebuilt from store")
            self.db.execute(
                "INSERT INTO audit (time, source, result, reason) VALUES (?, ?, ?, ?)",
                [utc_now(), "rebuild", "rebuilt", f"{len(verified)} bundle(s) indexed, {len(rejected)} failed verification"],
            )
        self.apply_revocations()
        return {"indexed": len(verified), "hidden": hidden, "rejected": rejected}

    def check(self) -> list[str]:
        """Problems found: database integrity, rows without store files, store files not indexed."""
        problems = []
        result = self.db.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            problems.extend(f"database: {r[0]}" for r in result)
        indexed = {r[0] for r in self.db.execute("SELECT sha256 FROM bundles").fetchall()}
        stored = self.store.hashes()
        for sha in sorted(indexed - stored):
            problems.append(f"bundle {sha} is in the index but its store file is missing")
        for sha in sorted(stored - indexed):
            problems.append(f"store file {sha}.dtnb is not in the index")
        orphans = self.db.execute("SELECT count(*) FROM editions WHERE sha256 NOT IN (SELECT sha256 FROM bundles)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} edition(s) without a bundle row")
        fts = self.db.execute("SELECT count(*) FROM chapter_fts").fetchone()[0]
        chapters = self.db.execute("SELECT count(*) FROM chapters").fetchone()[0]
        if fts != chapters:
            problems.append(f"search index holds {fts} chapters, the library {chapters}")
        if self.store.folder.is_dir():
            problems.extend(f"leftover temporary file {p.name}" for p in self.store.folder.glob(".tmp-*"))
        return problems


class _TrustIgnoringRevocation:
    """Used by rebuild only: accepts revoked keys too, so their editions can be kept (hidden)."""

    def __init__(self, trust: TrustStore) -> None:
        self._trust = trust

    def key_for(self, key_id: bytes, role: str) -> TrustedKey:
        key = self._trust.get(format_key_id(key_id))
        if key is not None and key.revoked and key.role == role:
            return key
        return self._trust.key_for(key_id, role)


def _mark(snippet: str) -> str:
    escaped = html.escape(snippet or "", quote=False)
    return escaped.replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")


# The changed middle of a chapter (what is left after its common first and last paragraphs)
# is diffed paragraph by paragraph up to this many paragraphs a side; beyond, it is one
# replaced block. difflib's matching grows with the product of both lengths.
MAX_DIFF_PARAGRAPHS = 400

_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def paragraphs(markdown: str) -> list[str]:
    """Markdown text split on blank lines; each paragraph without its trailing spaces, empty ones dropped."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    found = (part.strip("\n").rstrip() for part in _BLANK_LINE_RE.split(text))
    return [part for part in found if part.strip()]


def normalised_title(title: str) -> str:
    """A title for matching: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold()))


def _joined(parts: list[str]) -> str:
    return "\n\n".join(parts)


def _block(a: list[str], b: list[str]) -> DiffPart:
    op = "replace" if a and b else "delete" if a else "insert"
    return DiffPart(op, _joined(a), _joined(b))


def paragraph_diff(a_text: str, b_text: str, max_paragraphs: int = MAX_DIFF_PARAGRAPHS) -> tuple[list[DiffPart], bool]:
    """The paragraph diff of two Markdown texts, and whether it was capped.

    The common first and last paragraphs are set aside first (cheap); the middle is diffed
    with difflib.SequenceMatcher when neither side has more than ``max_paragraphs``
    paragraphs, else it is one replaced block (capped).
    """
    a, b = paragraphs(a_text), paragraphs(b_text)
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    parts: list[DiffPart] = []
    if start:
        parts.append(DiffPart("equal", _joined(a[:start]), _joined(b[:start])))
    capped = False
    if middle_a or middle_b:
        if len(middle_a) > max_paragraphs or len(middle_b) > max_paragraphs:
            capped = True
            parts.append(_block(middle_a, middle_b))
        else:
            matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                parts.append(DiffPart(op, _joined(middle_a[i1:i2]), _joined(middle_b[j1:j2])))
    if end:
        parts.append(DiffPart("equal", _joined(a[len(a) - end:]), _joined(b[len(b) - end:])))
    return parts, capped


def _national_level(edition: Edition) -> LevelPoint:
    return LevelPoint(
        edition.level_since, edition.level_value, edition.level_label, edition.level_scale, "national",
        edition.bundle_id, edition.pk, demo=edition.demo,
    )


def _level_rank(level: LevelPoint) -> float:
    """A level's place on the five-level scale, by its word (so 3/4 and 4/5 Substantieel are equal)."""
    labels = SCALES["dtn-5"].labels
    if level.label in labels:
        return labels.index(level.label) + 1.0
    scale = SCALES.get(level.scale)
    return 1.0 + 4.0 * (level.value - 1) / (scale.max - 1) if scale is not None and scale.max > 1 else float(level.value)


def marks_to_text(snippet: str, open_mark: str = "[", close_mark: str = "]") -> str:
    """Snippet HTML as plain text with the hits bracketed (for the CLI)."""
    return html.unescape(snippet.replace("<mark>", open_mark).replace("</mark>", close_mark))
