"""The import rules: when a bundle is already present, and when a revision is refused
as a rollback. Importing and recovery both ask here; nothing else decides this."""

from __future__ import annotations

import sqlite_utils

from reader.core.bundle import VerifiedBundle
from reader.core.errors import RollbackError


def find_present(db: sqlite_utils.Database, sha256: str) -> tuple | None:
    """The indexed bundle with these exact bytes, if any: (bundle id, revision, signer name,
    signer key id, edition name, demo)."""
    return db.execute(
        """SELECT b.bundle_id, b.revision, b.signer_name, b.signer_key_id, e.name, e.demo
           FROM bundles b LEFT JOIN editions e ON e.sha256 = b.sha256 WHERE b.sha256 = ?""",
        [sha256],
    ).fetchone()


def check_rollback(db: sqlite_utils.Database, verified: VerifiedBundle, sha256: str) -> int | None:
    """Refuse older revisions and same-revision conflicts. Returns the revision this one supersedes."""
    m = verified.manifest
    row = db.execute(
        "SELECT revision, sha256 FROM editions WHERE bundle_id = ? ORDER BY revision DESC LIMIT 1", [m.bundle_id]
    ).fetchone()
    if row is None:
        return None
    revision, existing_sha = row
    if m.revision < revision:
        raise RollbackError(
            f"{m.bundle_id} revision {m.revision} is older than revision {revision} already in the library (rollback refused)",
            code="rollback-older", bundle_id=m.bundle_id, revision=m.revision, present=revision,
        )
    if m.revision == revision and sha256 != existing_sha:
        raise RollbackError(
            f"{m.bundle_id} revision {m.revision} is already in the library with different content; "
            "a correction must carry a higher revision",
            code="rollback-different", bundle_id=m.bundle_id, revision=m.revision,
        )
    return revision
