"""The trust store: which keys may sign bundles and feeds.

A trust store is a folder with, per key, ``<KEYID>.pub`` (minisign's public
key file, so it can be used with the stock tool) and ``<KEYID>.json`` (name,
role, added-at, revocation). Built-in keys are read from a second folder
that ships with the application; a revocation of a built-in key is written
to the user's folder and wins. Revoked keys stay listed as revoked.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from reader.core.errors import KeyFormatError, KeyRoleError, RevokedKeyError, TrustStoreError, UnknownKeyError
from reader.core.minisign import PublicKey, format_key_id, parse_key_id

log = logging.getLogger(__name__)

ROLES = ("publisher", "feed")
MAX_NAME_CHARS = 200
MAX_TRUSTED_KEYS = 1000


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

    @property
    def key_id(self) -> str:
        return self.key.key_id_hex

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def meta(self) -> dict:
        data = asdict(self)
        del data["key"]
        data["key_id"] = self.key_id
        data["fingerprint"] = self.key.fingerprint
        return data


class TrustStore:
    """Keys the user trusts. ``folder`` is the user's own; ``builtin_folder`` ships with the app."""

    def __init__(self, folder: Path, builtin_folder: Path | None = None) -> None:
        self.folder = Path(folder)
        self.builtin_folder = Path(builtin_folder) if builtin_folder else None
        self._static: list[TrustedKey] | None = None

    @classmethod
    def of(cls, keys: list[PublicKey], role: str = "publisher") -> TrustStore:
        """A read-only store of exactly these keys (``dtn verify --pubkey``)."""
        store = cls(Path("/nonexistent"))
        store._static = [TrustedKey(k, k.comment or k.key_id_hex, role, "") for k in keys]
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
                    # The user's record may only add a revocation to a built-in key.
                    key = replace(base, revoked_at=key.revoked_at, revoked_reason=key.revoked_reason)
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
                f"signed by an unknown key {hex_id}; if you trust this publisher, "
                "compare the key's fingerprint with the publisher and add it under Trust"
            )
        if key.revoked:
            reason = f": {key.revoked_reason}" if key.revoked_reason else ""
            raise RevokedKeyError(f"signed by key {hex_id} ({key.name}), which was revoked on {key.revoked_at}{reason}")
        if key.role != role:
            raise KeyRoleError(f"key {hex_id} ({key.name}) is trusted for {key.role} signatures, not for {role} signatures")
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
            result.append(
                TrustedKey(
                    key=pub,
                    name=str(meta.get("name") or pub.key_id_hex),
                    role=meta.get("role") if meta.get("role") in ROLES else "publisher",
                    added_at=str(meta.get("added_at") or ""),
                    revoked_at=meta.get("revoked_at"),
                    revoked_reason=meta.get("revoked_reason"),
                    builtin=builtin,
                    demo=bool(meta.get("demo", False)),
                )
            )
        return result

    # --- changing ------------------------------------------------------------------

    def add(self, pub_data: bytes, *, name: str | None = None, role: str = "publisher") -> TrustedKey:
        """Trust a public key (minisign ``.pub`` bytes or the bare base64 line).

        Raises KeyFormatError, TrustStoreError.
        """
        if self._static is not None:
            raise RuntimeError("a static trust store cannot be changed")
        if role not in ROLES:
            raise TrustStoreError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
        text = pub_data.strip()
        pub = PublicKey.from_bytes(pub_data) if b"\n" in text else PublicKey.from_line(text.decode("ascii", "replace"))
        name = (name or pub.comment or pub.key_id_hex).strip()[:MAX_NAME_CHARS]
        existing = self.get(pub.key_id_hex)
        if existing is not None:
            if existing.revoked:
                raise TrustStoreError(f"key {pub.key_id_hex} was revoked; a revoked key cannot be trusted again")
            if existing.key.public_key != pub.public_key:
                raise TrustStoreError(f"another key with id {pub.key_id_hex} is already trusted ({existing.name})")
            raise TrustStoreError(f"key {pub.key_id_hex} is already trusted as {existing.name!r}")
        if len(self.keys()) >= MAX_TRUSTED_KEYS:
            raise TrustStoreError(f"the trust store holds the maximum of {MAX_TRUSTED_KEYS} keys")
        key = TrustedKey(pub, name, role, utc_now())
        self._write(key)
        return key

    def revoke(self, key_id: str, reason: str = "") -> TrustedKey:
        """Mark a key revoked (it stays listed). Raises TrustStoreError."""
        key = self.get(format_key_id(parse_key_id(key_id)))
        if key is None:
            raise TrustStoreError(f"no trusted key with id {key_id}")
        if key.revoked:
            raise TrustStoreError(f"key {key.key_id} is already revoked (on {key.revoked_at})")
        revoked = replace(key, revoked_at=utc_now(), revoked_reason=reason.strip()[:MAX_NAME_CHARS] or None)
        self._write(revoked)
        return revoked

    def restore(self, key_id: str) -> TrustedKey:
        """Undo a revocation (the wrong key was revoked). Raises TrustStoreError."""
        key = self.get(format_key_id(parse_key_id(key_id)))
        if key is None:
            raise TrustStoreError(f"no trusted key with id {key_id}")
        if not key.revoked:
            raise TrustStoreError(f"key {key.key_id} is not revoked")
        restored = replace(key, revoked_at=None, revoked_reason=None)
        self._write(restored)
        return restored

    def _write(self, key: TrustedKey) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.folder / f"{key.key_id}.pub", key.key.to_file())
            meta = {k: v for k, v in key.meta().items() if k not in ("builtin",)}
            _atomic_write(self.folder / f"{key.key_id}.json", (json.dumps(meta, indent=2) + "\n").encode())
        except OSError as exc:
            raise TrustStoreError(f"cannot write the trust store in {self.folder}: {exc.strerror or exc}") from None


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
