"""What a library remembers between syncs (``<library>/sync/state.json``): the settings,
per feed key the highest version accepted (rollback), the validators of each address,
what was refused, and the last outcome; and the lock that keeps one sync per library.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.core.errors import FeedError, SyncBusyError
from reader.core.feed import (
    MAX_FEED_BYTES,
    MAX_FEED_SIGNATURE_BYTES,
    VerifiedFeed,
    atomic_write,
    format_time,
    parse_time,
)
from reader.core.transport import MAX_MIRRORS, FeedFetch, check_url

log = logging.getLogger(__name__)


SYNC_DIR = "sync"
STATE_NAME = "state.json"
LOCK_NAME = "lock"
MAX_STATE_BYTES = 4 * 1024 * 1024


def now_utc() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass
class SyncSettings:
    """What the user chose: feed URLs (the first is the feed, the rest its mirrors), automatic sync, Offline."""

    urls: list[str] = field(default_factory=list)
    automatic: bool = True
    offline: bool = False

    @property
    def configured(self) -> bool:
        return bool(self.urls)

    def may_connect(self) -> bool:
        return self.configured and not self.offline


class SyncState:
    """``<library>/sync/state.json``: settings, per feed key the highest version and last signed time,
    per feed URL the HTTP validators and a copy of the feed they belong to, and the last result.

    Beside the trust store, outside the database: 'dtn rebuild' recreates the index and leaves this.
    """

    def __init__(self, library_folder: str | Path) -> None:
        self.folder = Path(library_folder) / SYNC_DIR
        self.path = self.folder / STATE_NAME
        self.data: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise FeedError(f"cannot read {self.path}: {exc.strerror or exc}", code="sync-state", path=str(self.path)) from None
        try:
            if len(raw) > MAX_STATE_BYTES:
                raise ValueError("too large")
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            return data
        except ValueError:
            # A damaged state file must not disable rollback protection silently: keep it aside and say so.
            raise FeedError(
                f"the sync state {self.path} is damaged; move it away to start afresh (the remembered feed versions are lost)",
                code="sync-state-damaged", path=str(self.path),
            ) from None

    def save(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, (json.dumps(self.data, indent=2, sort_keys=True) + "\n").encode())
        except OSError as exc:
            raise FeedError(f"cannot write {self.path}: {exc.strerror or exc}", code="sync-state-write", path=str(self.path)) from None

    # settings
    @property
    def settings(self) -> SyncSettings:
        raw = self.data.get("settings") or {}
        urls = [u for u in raw.get("urls", []) if isinstance(u, str)][:MAX_MIRRORS]
        return SyncSettings(urls, bool(raw.get("automatic", True)), bool(raw.get("offline", False)))

    def set_settings(self, settings: SyncSettings) -> None:
        urls = [check_url(u) for u in settings.urls if u.strip()]
        if len(urls) > MAX_MIRRORS:
            raise FeedError(f"at most {MAX_MIRRORS} feed addresses are used", code="feed-url")
        self.data["settings"] = {"urls": urls, "automatic": settings.automatic, "offline": settings.offline}

    # per key
    def feed_record(self, key_id: str) -> dict[str, Any] | None:
        return (self.data.get("feeds") or {}).get(key_id)

    def remember_feed(self, vf: VerifiedFeed) -> None:
        self.data.setdefault("feeds", {})[vf.signer_key_id] = {
            "version": vf.feed.version, "sha256": vf.sha256, "created": vf.feed.created, "expires": vf.feed.expires,
        }

    # per URL
    def validators(self) -> dict[str, dict]:
        return self.data.setdefault("validators", {})

    def cache_path(self, url: str) -> Path:
        return self.folder / "cache" / hashlib.sha256(url.encode()).hexdigest()[:32]

    def cache_feed(self, url: str, fetch: FeedFetch) -> None:
        base = self.cache_path(url)
        base.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(base.with_suffix(".json"), fetch.data)
        atomic_write(base.with_suffix(".minisig"), fetch.signature)

    def cached_feed(self, url: str) -> tuple[bytes, bytes] | None:
        base = self.cache_path(url)
        try:
            return base.with_suffix(".json").read_bytes()[: MAX_FEED_BYTES + 1], base.with_suffix(".minisig").read_bytes()[: MAX_FEED_SIGNATURE_BYTES + 1]
        except OSError:
            return None

    # results
    def refused(self, trust_print: str) -> set[str]:
        record = self.data.get("refused") or {}
        return set(record.get("sha256", [])) if record.get("trust") == trust_print else set()

    def set_refused(self, trust_print: str, hashes: set[str]) -> None:
        self.data["refused"] = {"trust": trust_print, "sha256": sorted(hashes)}

    @property
    def last(self) -> dict[str, Any]:
        return self.data.get("last") or {}

    def status(self, now: datetime | None = None) -> SyncStatus:
        now = now or now_utc()
        last = self.last
        expiries = [r.get("expires") for r in (self.data.get("feeds") or {}).values() if isinstance(r, dict)]
        stale_since = None
        for text in expiries:
            try:
                when = parse_time(text)
            except (TypeError, ValueError):
                continue
            if when <= now and (stale_since is None or when > stale_since):
                stale_since = when
        if expiries and any(_after(t, now) for t in expiries):
            stale_since = None
        return SyncStatus(
            last_success=last.get("success_at"),
            last_attempt=last.get("at"),
            last_ok=last.get("ok"),
            last_message=last.get("message"),
            last_code=last.get("code"),
            last_error_type=last.get("error_type"),
            last_params=last.get("params") if isinstance(last.get("params"), dict) else {},
            last_counts=last.get("counts") if isinstance(last.get("counts"), dict) else None,
            stale_since=format_time(stale_since) if stale_since else None,
        )


def _after(text: Any, now: datetime) -> bool:
    try:
        return parse_time(text) > now
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class SyncStatus:
    last_success: str | None
    last_attempt: str | None
    last_ok: bool | None
    last_message: str | None
    last_code: str | None
    last_error_type: str | None  # the error class of a refused sync, for the window's message
    last_params: dict  # the params of that error
    last_counts: dict | None  # bundles per result of the last sync that got past the feed
    stale_since: str | None  # the expiry of the newest accepted feed, once past


@contextlib.contextmanager
def sync_lock(library_folder: str | Path) -> Iterator[None]:
    """One sync per library at a time (two windows, a window and the CLI)."""
    folder = Path(library_folder) / SYNC_DIR
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / LOCK_NAME, "a+b")
    try:
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise SyncBusyError("another sync of this library is running; try again when it has finished") from None
        yield
    finally:
        handle.close()


# --- the sync ------------------------------------------------------------------------------------
