"""The import rules: when a bundle is already present, who a bundle id belongs to, and when
a revision is refused as a rollback. Importing, recovery and rebuild all ask here; nothing
else decides this."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from reader.core.bundle import VerifiedBundle
from reader.core.errors import BundleOwnerError, RollbackError
from reader.core.trust import publisher_key


@dataclass(frozen=True)
class Ownership:
    """What importing a bundle does to its id: ``replaces_demo`` are the store hashes of demo
    editions a real publisher's bundle of the same id replaces; ``rotated_from`` is the key
    that signed the publisher's previous revision when a new key of the same publisher signs."""

    replaces_demo: tuple[str, ...] = ()
    rotated_from: str | None = None


def is_demo(verified: VerifiedBundle) -> bool:
    return verified.manifest.demo or verified.signer.demo


def check_owner(db: sqlite_utils.Database, verified: VerifiedBundle) -> Ownership:
    """A bundle id belongs to the publisher that first brought it: another publisher's key
    can never supersede, hide or block it, whatever the revision. Demo content never owns
    an id next to real content. Raises BundleOwnerError."""
    m = verified.manifest
    rows = db.execute(
        "SELECT publisher, signer_key_id, demo, sha256, revision FROM editions WHERE bundle_id = ? ORDER BY pk", [m.bundle_id]
    ).fetchall()
    real = [r for r in rows if not r[2]]
    if not real:
        if rows and not is_demo(verified):
            return Ownership(replaces_demo=tuple(dict.fromkeys(r[3] for r in rows)))
        return Ownership()
    owner = real[0][0]
    if is_demo(verified) or publisher_key(owner) != publisher_key(m.publisher):
        who = "demo content" if is_demo(verified) else f"publisher {m.publisher!r}"
        raise BundleOwnerError(
            f"{m.bundle_id} belongs to publisher {owner!r}, who brought it first; {who} (key {verified.signer_key_id}) "
            f"cannot replace it, whatever the revision",
            code="bundle-owner-taken", bundle_id=m.bundle_id, owner=owner, publisher=m.publisher, key_id=verified.signer_key_id,
        )
    latest_key = max(real, key=lambda r: r[4])[1]
    return Ownership(rotated_from=latest_key if latest_key != verified.signer_key_id else None)


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
    # Demo and real editions of one id never compete: check_owner lets a real one replace the demo.
    row = db.execute(
        "SELECT revision, sha256 FROM editions WHERE bundle_id = ? AND demo = ? ORDER BY revision DESC LIMIT 1",
        [m.bundle_id, int(is_demo(verified))],
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
