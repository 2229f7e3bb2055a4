"""The library's keys: trusting, revoking and restoring a key, and hiding (not deleting)
what a revoked key signed. The CLI and the window both revoke through here, so a
revocation hides the same editions wherever it is made."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.core.library.changes import EDITIONS, TRUST
from reader.core.trust import TrustedKey

if TYPE_CHECKING:
    from reader.core.library.base import LibraryBase


def trusted_keys(lib: LibraryBase) -> list[TrustedKey]:
    """Every key of the trust store, revoked ones included."""
    return lib.trust.keys()


def trust_key(lib: LibraryBase, pub_data: bytes, **options: Any) -> TrustedKey:
    """Trust a public key (minisign ``.pub`` bytes); ``options`` as TrustStore.add takes them
    (name, role, publisher, source). Raises KeyFormatError, TrustStoreError."""
    key = lib.trust.add(pub_data, **options)
    lib.note(TRUST)
    return key


def revoke_key(lib: LibraryBase, key_id: str, reason: str = "") -> tuple[TrustedKey, list[str]]:
    """Revoke a key and hide what it signed. Returns the key and one line per edition hidden.
    Raises TrustStoreError."""
    key = lib.trust.revoke(key_id, reason)
    lib.note(TRUST)
    return key, apply_revocations(lib)


def restore_key(lib: LibraryBase, key_id: str) -> tuple[TrustedKey, list[str]]:
    """Undo a revocation and show again what the key signed. Returns the key and one line per
    edition shown again. Raises TrustStoreError."""
    key = lib.trust.unrevoke(key_id)
    lib.note(TRUST)
    return key, apply_revocations(lib)


def apply_revocations(lib: LibraryBase) -> list[str]:
    """Hide (not delete) editions signed by keys that are now revoked; unhide if trusted again.

    Opens a change only when an edition's state differs (startup recovery next to another
    program's import then does not wait for it)."""
    revoked = {k.key_id: k for k in lib.trust.keys() if k.revoked}
    if not _revocation_updates(lib, revoked):
        return []
    with lib.changing():
        updates = _revocation_updates(lib, revoked)
        for pk, _bundle_id, reason in updates:
            lib.db.execute("UPDATE editions SET hidden_reason = ? WHERE pk = ?", [reason, pk])
    if updates:
        lib.note(EDITIONS)
    return [f"{bundle_id}: {'hidden, ' + reason if reason else 'shown again'}" for _pk, bundle_id, reason in updates]


def _revocation_updates(lib: LibraryBase, revoked: dict[str, TrustedKey]) -> list[tuple[int, str, str | None]]:
    updates = []
    for row in lib.db.query("SELECT pk, bundle_id, signer_key_id, hidden_reason FROM editions"):
        key = revoked.get(row["signer_key_id"])
        reason = None
        if key is not None:
            reason = f"signed by key {key.key_id} ({key.name}), revoked on {key.revoked_at}"
            if key.revoked_reason:
                reason += f": {key.revoked_reason}"
        if reason != row["hidden_reason"]:
            updates.append((row["pk"], row["bundle_id"], reason))
    return updates
