"""Preparing a bundle for the index without a library: verify it, its plain text and index
rows. The library's import and rebuild run these in this process or in the worker
processes of reader.core.pipeline; this module imports no more than they need (not the
library package, SQLite or sqlite-utils), which keeps a worker at about 33 MB."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.core.bundle import BundleLimits, VerifiedBundle, verify_bundle
from reader.core.errors import RevokedKeyError
from reader.core.minisign import format_key_id
from reader.core.plaintext import plain_text
from reader.core.store import Staged, Store
from reader.core.trust import TrustedKey, TrustStore


@dataclass(frozen=True)
class IndexRows:
    """A verified bundle's index rows, prepared before the change opens (plain text for the
    search index costs time; the write lock should not wait for it)."""

    verified: VerifiedBundle
    chapters: list[tuple[int, Any, str, str]]  # order, chapter entry, Markdown, plain text
    checklists: list[Any]

    @classmethod
    def of(cls, verified: VerifiedBundle, *, keep_texts: bool = True) -> IndexRows:
        """The rows of ``verified``; without ``keep_texts`` its member texts are left out of
        the ``verified`` it holds (the rows have them), so a worker sends them only once.

        The checklists are parsed and checked here (raising what ``verify_bundle`` raises
        for them), so a bundle verified with ``checklists=False`` right before is checked
        as completely as one verified with them, and parsed once."""
        chapters = []
        for order, ch in enumerate(verified.manifest.chapters):
            text = verified.text(ch.file)
            chapters.append((order, ch, text, plain_text(text)))
        checklists = [verified.checklist(entry) for entry in verified.manifest.checklists]
        return cls(verified if keep_texts else replace(verified, texts={}), chapters, checklists)


@dataclass
class Prepared:
    """A bundle staged into the store's temporary file, and its index rows once verified;
    or what staging or verifying raised, raised again where the import meets it. Without
    rows or an error, the import verifies the bundle itself when it needs to."""

    staged: Staged | None
    rows: IndexRows | None = None
    error: BaseException | None = None


@dataclass(frozen=True)
class WorkerContext:
    """What a worker process needs to prepare bundles as this library would (picklable)."""

    store_folder: Path
    trust: TrustStore
    bundle_limits: BundleLimits


def prepare_import(context: WorkerContext, task: tuple[Path, Path]) -> Prepared:
    """In a worker: stage ``source`` into the store under ``tmp`` and verify those bytes;
    the import then commits exactly that file (its name and hash come back with it)."""
    source, tmp = task
    try:
        staged = Store(context.store_folder).stage_file(source, context.bundle_limits.archive.max_archive_bytes, tmp)
    except Exception as exc:  # noqa: BLE001 - raised again by the import, where it would have met it
        return Prepared(None, error=exc)
    try:
        verified = verify_bundle(staged.path, context.trust, context.bundle_limits, checklists=False)
        return Prepared(staged, IndexRows.of(verified, keep_texts=False))
    except Exception as exc:  # noqa: BLE001 - the same
        return Prepared(staged, error=exc)


def prepare_stored(context: WorkerContext, sha: str) -> tuple[IndexRows, int]:
    """In a worker: verify a stored bundle as ``verify_stored`` does, and its index rows."""
    path = Store(context.store_folder).path_for(sha)
    verified = verify_stored_with(path, context.trust, context.bundle_limits, checklists=False)  # IndexRows.of checks them
    return IndexRows.of(verified, keep_texts=False), path.stat().st_size


def verify_stored_with(path: Path, trust: TrustStore, limits: BundleLimits, *, checklists: bool = True) -> VerifiedBundle:
    """``verify_stored`` with a given trust store and limits (a worker process has no library)."""
    try:
        return verify_bundle(path, trust, limits, checklists=checklists)
    except (RevokedKeyError,):
        return verify_bundle(path, TrustIgnoringRevocation(trust), limits, checklists=checklists)



class TrustIgnoringRevocation:
    """Used for stored bundles only (recovery, rebuild, deep check): accepts revoked keys too, so their editions can be kept (hidden)."""

    def __init__(self, trust: TrustStore) -> None:
        self._trust = trust

    def key_for(self, key_id: bytes, role: str) -> TrustedKey:
        key = self._trust.get(format_key_id(key_id))
        if key is not None and key.revoked and key.role == role:
            return key
        return self._trust.key_for(key_id, role)
