"""The trust store: which keys may sign bundles and feeds.

A trust store is a folder with, per key, ``<KEYID>.pub`` (minisign's public
key file, so it can be used with the stock tool) and ``<KEYID>.json`` (name,
role, the publisher name it may sign for, added-at, where it came from,
revocation). Built-in keys are read from a second folder
that ships with the application; a revocation of a built-in key is written
to the user's folder and wins. Revoked keys stay listed as revoked.
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from reader.core.errors import (
    KeyFormatError,
    KeyRoleError,
    PublisherMismatchError,
    RevokedKeyError,
    TrustStoreError,
    UnknownKeyError,
)
from reader.core.minisign import PublicKey, format_key_id, parse_key_id

log = logging.getLogger(__name__)

ROLES = ("publisher", "feed")
MAX_NAME_CHARS = 200
MAX_TRUSTED_KEYS = 1000
MAX_SOURCE_CHARS = 1000  # the file a key was added from, as recorded

# A trust change as an audit row: (action, key, detail). Actions: "key added",
# "key revoked", "revocation undone", "publisher bound".
TrustAudit = Callable[[str, "TrustedKey", str], None]


def publisher_key(name: str) -> str:
    """A publisher name for comparing: NFC, case and runs of spacing ignored (not look-alikes)."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def parse_public_key(data: bytes) -> PublicKey:
    """A public key from a minisign ``.pub`` file's bytes, or from its bare base64 line (as
    pasted from an e-mail or a web page). Raises KeyFormatError."""
    text = data.strip()
    return PublicKey.from_bytes(data) if b"\n" in text else PublicKey.from_line(text.decode("ascii", "replace"))


FINGERPRINT_GROUP_CHARS = 4


def spoken_fingerprint(fingerprint: str, group: int = FINGERPRINT_GROUP_CHARS) -> str:
    """A fingerprint in groups of ``group`` characters, for two people to read to each other
    over the phone ("RWRti/rm" -> "RWRt i/rm")."""
    return " ".join(fingerprint[i:i + group] for i in range(0, len(fingerprint), group))


_CONTROL_CATEGORIES = ("Cc", "Cs", "Cf", "Zl", "Zp")


def clean_name(text: str, what: str) -> str:
    """A one-line name typed by the user: stripped, capped, no control characters. Raises TrustStoreError."""
    text = unicodedata.normalize("NFC", text.strip())
    if any(unicodedata.category(ch) in _CONTROL_CATEGORIES for ch in text):
        raise TrustStoreError(f"the {what} holds a control character; type it as plain text", code="trust-name-invalid", what=what)
    if len(text) > MAX_NAME_CHARS:
        raise TrustStoreError(
            f"the {what} is longer than {MAX_NAME_CHARS} characters", code="trust-name-too-long", what=what, limit=MAX_NAME_CHARS
        )
    return text


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class TrustedKey:
    key: PublicKey
    name: str
    role: str
    added_at: str
    revoked_at: str | None = None
    revoked_reason: str | None = None
    builtin: bool = False
    demo: bool = False
    disabled_at: str | None = None  # switched off (the demo key, after the demo library was removed)
    # The publisher name (the manifest's "publisher") this key may sign bundles for. A key
    # from before publisher binding, or added without one, is unbound
    # until the library binds it to the publisher of what it signed first.
    publisher: str = ""
    unbound: bool = False
    source: str = ""  # the file the key was added from
    any_publisher: bool = False  # only for keys named on the command line (dtn verify --pubkey)

    @property
    def key_id(self) -> str:
        return self.key.key_id_hex

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def signs_for(self, publisher: str) -> bool:
        # A key from before publisher binding signs for anyone until the library binds it.
        return self.any_publisher or self.unbound or publisher_key(publisher) == publisher_key(self.publisher)

    def check_publisher(self, publisher: str) -> None:
        """Raise PublisherMismatchError unless this key may sign for ``publisher``."""
        if not self.signs_for(publisher):
            raise PublisherMismatchError(
                f"the bundle names publisher {publisher!r}, but key {self.key_id} ({self.name}) is trusted "
                f"only for publisher {self.publisher!r}; the bundle was refused",
                code="publisher-other-than-key",
                publisher=publisher,
                key_id=self.key_id,
                key_name=self.name,
                key_publisher=self.publisher,
            )

    def meta(self) -> dict:
        data = asdict(self)
        del data["key"]
        data["key_id"] = self.key_id
        data["fingerprint"] = self.key.fingerprint
        return data


class TrustStore:
    """Keys the user trusts. ``folder`` is the user's own; ``builtin_folder`` ships with the app."""

    def __init__(self, folder: Path, builtin_folder: Path | None = None, audit: TrustAudit | None = None) -> None:
        self.folder = Path(folder)
        self.builtin_folder = Path(builtin_folder) if builtin_folder else None
        self._static: list[TrustedKey] | None = None
        # Told of every change, after it was written (the library makes it an audit row).
        self.audit = audit

    @classmethod
    def of(cls, keys: list[PublicKey], role: str = "publisher") -> TrustStore:
        """A read-only store of exactly these keys (``dtn verify --pubkey``)."""
        store = cls(Path("/nonexistent"))
        store._static = [TrustedKey(k, k.comment or k.key_id_hex, role, "", any_publisher=True) for k in keys]
        return store

    def frozen(self) -> TrustStore:
        """A read-only copy holding the keys as they are now: one view for a long check, read
        once instead of once per bundle, and picklable for a worker process."""
        store = TrustStore(self.folder, self.builtin_folder)
        store._static = self.keys()
        return store

    # --- reading ----------------------------------------------------------------

    def keys(self) -> list[TrustedKey]:
        if self._static is not None:
            return list(self._static)
        found: dict[str, TrustedKey] = {}
        if self.builtin_folder and self.builtin_folder.is_dir():
            for key in self._read_folder(self.builtin_folder, builtin=True):
                found[key.key_id] = key
        if self.folder.is_dir():
            for key in self._read_folder(self.folder, builtin=False):
                base = found.get(key.key_id)
                if base is not None:
                    # The user's record may only add a revocation to a built-in key, or switch it off.
                    key = replace(base, revoked_at=key.revoked_at, revoked_reason=key.revoked_reason, disabled_at=key.disabled_at)
                elif key.demo:
                    # Only the built-in demo key is the demo key; a user's record cannot claim it.
                    key = replace(key, demo=False)
                found[key.key_id] = key
        return sorted(found.values(), key=lambda k: (k.revoked, k.name.casefold()))

    def get(self, key_id: str) -> TrustedKey | None:
        for key in self.keys():
            if key.key_id == key_id:
                return key
        return None

    def key_for(self, key_id: bytes, role: str) -> TrustedKey:
        """The trusted key a signature names, if it may sign documents of ``role``.

        Raises UnknownKeyError, RevokedKeyError or KeyRoleError.
        """
        hex_id = format_key_id(key_id)
        key = self.get(hex_id)
        if key is None:
            raise UnknownKeyError(
                f"signed by an unknown key {hex_id}; if you trust this publisher, compare the key's fingerprint "
                "with the publisher and add it under Import and trust, Trusted keys (or with 'dtn trust add')",
                code="unknown-key-signer",
                key_id=hex_id,
            )
        if key.revoked:
            reason = f": {key.revoked_reason}" if key.revoked_reason else ""
            raise RevokedKeyError(
                f"signed by key {hex_id} ({key.name}), which was revoked on {key.revoked_at}{reason}",
                code="revoked-key-signer", key_id=hex_id, name=key.name, revoked_at=key.revoked_at, reason=key.revoked_reason or "",
            )
        if key.role != role:
            raise KeyRoleError(
                f"key {hex_id} ({key.name}) is trusted for {key.role} signatures, not for {role} signatures",
                code="key-role-mismatch", key_id=hex_id, name=key.name, key_role=key.role, role=role,
            )
        return key

    def _read_folder(self, folder: Path, *, builtin: bool) -> list[TrustedKey]:
        result = []
        for meta_path in sorted(folder.glob("*.json")):
            try:
                meta = json.loads(meta_path.read_text("utf-8"))
                pub = PublicKey.from_bytes(meta_path.with_suffix(".pub").read_bytes())
            except (OSError, ValueError, KeyFormatError) as exc:
                log.warning("skipping unreadable trust entry %s: %s", meta_path, exc)
                continue
            if not isinstance(meta, dict):
                log.warning("skipping unreadable trust entry %s: not a JSON object", meta_path)
                continue
            name = str(meta.get("name") or pub.key_id_hex)
            publisher = meta.get("publisher")
            result.append(
                TrustedKey(
                    key=pub,
                    name=name,
                    role=meta.get("role") if meta.get("role") in ROLES else "publisher",
                    added_at=str(meta.get("added_at") or ""),
                    revoked_at=meta.get("revoked_at"),
                    revoked_reason=meta.get("revoked_reason"),
                    builtin=builtin,
                    demo=bool(meta.get("demo", False)),
                    disabled_at=meta.get("disabled_at") if isinstance(meta.get("disabled_at"), str) else None,
                    publisher=str(publisher).strip() if isinstance(publisher, str) else "",
                    unbound=not (isinstance(publisher, str) and publisher.strip()),
                    source=str(meta.get("source") or ""),
                )
            )
        return result

    # --- changing ------------------------------------------------------------------

    def add(
        self,
        pub_data: bytes,
        *,
        name: str | None = None,
        role: str = "publisher",
        publisher: str | None = None,
        source: str = "",
    ) -> TrustedKey:
        """Trust a public key (minisign ``.pub`` bytes or the bare base64 line).

        ``publisher`` is the publisher name a publisher key may sign bundles for (a
        manifest naming another is refused); without it, the key is bound to the
        publisher of the first bundle the library accepts from it. ``source`` is
        the file it came from, for the audit log. Raises KeyFormatError, TrustStoreError.
        """
        if self._static is not None:
            raise RuntimeError("a static trust store cannot be changed")
        if role not in ROLES:
            raise TrustStoreError(
                f"unknown role {role!r}; use one of: {', '.join(ROLES)}", code="trust-role-unknown", role=role, roles=", ".join(ROLES)
            )
        pub = parse_public_key(pub_data)
        comment = "".join(ch for ch in pub.comment if unicodedata.category(ch) not in _CONTROL_CATEGORIES)  # untrusted
        name = clean_name(name or "", "key name") or clean_name(comment[:MAX_NAME_CHARS], "key comment") or pub.key_id_hex
        publisher = clean_name(publisher or "", "publisher name")
        existing = self.get(pub.key_id_hex)
        if existing is not None:
            if existing.revoked:
                raise TrustStoreError(
                    f"key {pub.key_id_hex} was revoked; a revoked key cannot be trusted again", code="trust-key-was-revoked", key_id=pub.key_id_hex
                )
            if existing.key.public_key != pub.public_key:
                raise TrustStoreError(
                    f"another key with id {pub.key_id_hex} is already trusted ({existing.name})", code="trust-key-id-taken", key_id=pub.key_id_hex, name=existing.name
                )
            raise TrustStoreError(
                f"key {pub.key_id_hex} is already trusted as {existing.name!r}", code="trust-key-already-trusted", key_id=pub.key_id_hex, name=existing.name
            )
        if len(self.keys()) >= MAX_TRUSTED_KEYS:
            raise TrustStoreError(
                f"the trust store holds the maximum of {MAX_TRUSTED_KEYS} keys", code="trust-store-full", limit=MAX_TRUSTED_KEYS
            )
        key = TrustedKey(
            pub, name, role, utc_now(), publisher=publisher, unbound=not publisher, source=source[:MAX_SOURCE_CHARS]
        )
        self._write(key)
        self._audited("key added", key, f"fingerprint {pub.fingerprint}" + (f", from {key.source}" if key.source else ""))
        return key

    def revoke(self, key_id: str, reason: str = "") -> TrustedKey:
        """Mark a key revoked (it stays listed). Raises TrustStoreError."""
        key = self.get(format_key_id(parse_key_id(key_id)))
        if key is None:
            raise TrustStoreError(f"no trusted key with id {key_id}", code="trust-key-unknown", key_id=key_id)
        if key.revoked:
            raise TrustStoreError(
                f"key {key.key_id} is already revoked (on {key.revoked_at})", code="trust-key-already-revoked", key_id=key.key_id, revoked_at=key.revoked_at
            )
        revoked = replace(key, revoked_at=utc_now(), revoked_reason=clean_name(reason, "reason") or None)
        self._write(revoked)
        self._audited("key revoked", revoked, f"reason: {revoked.revoked_reason}" if revoked.revoked_reason else "no reason given")
        return revoked

    def set_disabled(self, key_id: str, disabled: bool) -> TrustedKey:
        """Switch a key off (its signatures are then refused with the reason) or on again; audited.

        Used for the demo key: ``dtn demo remove`` switches it off, ``dtn demo load`` on.
        Returns the key as it is now. Raises TrustStoreError.
        """
        if self._static is not None:
            raise RuntimeError("a static trust store cannot be changed")
        key = self.get(format_key_id(parse_key_id(key_id)))
        if key is None:
            raise TrustStoreError(f"no trusted key with id {key_id}", code="trust-key-unknown", key_id=key_id)
        if bool(key.disabled_at) == disabled:
            return key
        changed = replace(key, disabled_at=utc_now() if disabled else None)
        self._write(changed)
        self._audited("key switched off" if disabled else "key switched on", changed, "")
        return changed

    def unrevoke(self, key_id: str) -> TrustedKey:
        """Undo a revocation (what the key signed is shown again). Raises TrustStoreError."""
        key = self.get(format_key_id(parse_key_id(key_id)))
        if key is None:
            raise TrustStoreError(f"no trusted key with id {key_id}", code="trust-key-unknown", key_id=key_id)
        if not key.revoked:
            raise TrustStoreError(f"key {key.key_id} is not revoked", code="trust-not-revoked", key_id=key.key_id)
        restored = replace(key, revoked_at=None, revoked_reason=None)
        if key.builtin:
            self._remove_user_record(key.key_id)
        else:
            self._write(restored)
        self._audited("revocation undone", restored, f"was revoked on {key.revoked_at}")
        return restored

    def bind_publisher(self, key_id: str, publisher: str, why: str) -> TrustedKey:
        """Bind a key from before publisher binding to ``publisher`` (the library does this
        from what the key already signed). Raises TrustStoreError."""
        key = self.get(key_id)
        if key is None or key.builtin:
            raise TrustStoreError(f"no key {key_id} of your own to bind", code="trust-key-unknown", key_id=key_id)
        bound = replace(key, publisher=clean_name(publisher, "publisher name"), unbound=False)
        self._write(bound)
        self._audited("publisher bound", bound, why)
        return bound

    def _audited(self, action: str, key: TrustedKey, detail: str) -> None:
        if self.audit is not None:
            self.audit(action, key, detail)

    def _remove_user_record(self, key_id: str) -> None:
        try:
            for suffix in (".json", ".pub"):
                (self.folder / f"{key_id}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            raise TrustStoreError(f"cannot write the trust store in {self.folder}: {exc.strerror or exc}") from None

    def _write(self, key: TrustedKey) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.folder / f"{key.key_id}.pub", key.key.to_file())
            meta = {k: v for k, v in key.meta().items() if k not in ("builtin", "unbound", "any_publisher")}
            if key.unbound:
                meta.pop("publisher")  # still to be bound by the library
            atomic_write(self.folder / f"{key.key_id}.json", (json.dumps(meta, indent=2) + "\n").encode())
        except OSError as exc:
            raise TrustStoreError(
                f"cannot write the trust store in {self.folder}: {exc.strerror or exc}", code="trust-store-write", folder=str(self.folder), detail=exc.strerror or str(exc)
            ) from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file of this process's own (two
    processes never share one), fsynced, then renamed over it. Raises OSError."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
