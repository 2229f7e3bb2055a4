"""Feed format v1: a signed list of bundles, served by any static web server or carried on a USB stick.

A feed folder holds ``feed.json``, its minisign signature ``feed.json.minisig``
(signed by a key with the ``feed`` role) and the bundles it lists. The signed
document names its ``type`` (``dtn-feed``), so a feed can never be taken for a
bundle manifest nor the reverse; see docs/feed-format.md for the exact format.
Every value in a feed is hostile until checked here.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from reader.core.archive import Archive, ArchiveLimits
from reader.core.bundle import (
    BUNDLE_SUFFIX,
    DATE_RE,
    ID_RE,
    MANIFEST_NAME,
    TIMESTAMP_RE,
    ManifestLimits,
    canonical_json,
    load_json,
    parse_manifest,
)
from reader.core.errors import DTNError, FeedError, ManifestError
from reader.core.minisign import SecretKey, Signature
from reader.core.trust import TrustedKey, TrustStore, atomic_write

FEED_NAME = "feed.json"
FEED_SIGNATURE_NAME = "feed.json.minisig"
FEED_TYPE = "dtn-feed"
FEED_FORMAT = 1
FEED_ROLE = "feed"

MAX_FEED_BYTES = 1024 * 1024
MAX_FEED_SIGNATURE_BYTES = 16 * 1024
MAX_FEED_ENTRIES = 10_000
MAX_FEED_JSON_DEPTH = 6
MAX_FEED_VERSION = 2**53 - 1  # exact in every JSON reader
MAX_PUBLISHER_CHARS = 200
MAX_PATH_CHARS = 255
MAX_PATH_DEPTH = 4
DEFAULT_EXPIRES_DAYS = 30
MAX_EXPIRES_DAYS = 3660
MAX_BUNDLE_BYTES = ArchiveLimits().max_archive_bytes
SOURCE_DATE_EPOCH_ENV = "SOURCE_DATE_EPOCH"

_SHA256_RE = re.compile(r"[0-9a-f]{64}")
# Paths stay portable on every file system and need no escaping in a URL.
_PATH_SEGMENT_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class FeedEntry:
    bundle_id: str
    publisher: str
    edition: str  # the edition's date, as in its manifest
    revision: int
    path: str  # relative to the feed folder, "/"-separated
    sha256: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id, "publisher": self.publisher, "edition": self.edition,
            "revision": self.revision, "path": self.path, "sha256": self.sha256, "size": self.size,
        }


@dataclass(frozen=True)
class Feed:
    version: int
    created: str
    expires: str
    entries: tuple[FeedEntry, ...]

    @property
    def created_at(self) -> datetime:
        return parse_time(self.created)

    @property
    def expires_at(self) -> datetime:
        return parse_time(self.expires)

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


@dataclass(frozen=True)
class VerifiedFeed:
    feed: Feed
    data: bytes  # the signed feed.json bytes
    signature: bytes  # feed.json.minisig as received
    signer: TrustedKey

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def signer_key_id(self) -> str:
        return self.signer.key_id


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=timezone.utc)


def format_time(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime(_TIME_FORMAT)


def check_text(value: Any, what: str, max_chars: int) -> str:
    """A signed string as text: a str, valid Unicode, NFC, no control or direction characters."""
    if not isinstance(value, str) or not value.strip():
        raise FeedError(f"{what} must be a non-empty string", code="feed-field", field=what)
    if len(value) > max_chars:
        raise FeedError(f"{what} is longer than {max_chars} characters", code="feed-field", field=what)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise FeedError(f"{what} is not valid Unicode text", code="feed-field", field=what) from None
    if _CONTROL_RE.search(value) or unicodedata.normalize("NFC", value) != value:
        raise FeedError(f"{what} holds control characters or is not normalised text", code="feed-field", field=what)
    return value


def check_entry_path(value: Any, what: str) -> str:
    """A bundle path inside the feed folder: relative, plain segments, no '..', ends in .dtnb."""
    path = check_text(value, what, MAX_PATH_CHARS)
    segments = path.split("/")
    if (
        len(segments) > MAX_PATH_DEPTH
        or not all(_PATH_SEGMENT_RE.fullmatch(s) for s in segments)
        or not path.lower().endswith(BUNDLE_SUFFIX)
    ):
        raise FeedError(
            f"{what} {path!r} is not a safe relative bundle path (letters, digits, '.', '_', '-', "
            f"at most {MAX_PATH_DEPTH} folders deep, ending in {BUNDLE_SUFFIX})",
            code="feed-path", path=path,
        )
    return path


def _fields(obj: Any, where: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise FeedError(f"{where} must be an object", code="feed-field", field=where)
    missing = sorted(allowed - set(obj))
    extra = sorted(set(obj) - allowed)
    if missing:
        raise FeedError(f"{where} lacks {', '.join(missing)}", code="feed-field", field=where)
    if extra:
        raise FeedError(f"{where} has unknown field(s) {', '.join(extra)}", code="feed-field", field=where)
    return obj


def _integer(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FeedError(f"{what} must be a whole number from {low} to {high}", code="feed-field", field=what)
    return value


def _timestamp(value: Any, what: str) -> str:
    text = check_text(value, what, 20)
    if not TIMESTAMP_RE.fullmatch(text):
        raise FeedError(f"{what} must be a UTC time like 2026-12-01T08:00:00Z", code="feed-field", field=what)
    try:
        parse_time(text)
    except ValueError:
        raise FeedError(f"{what} {text} is not a real date and time", code="feed-field", field=what) from None
    return text


def parse_feed(obj: Any) -> Feed:
    """Check a decoded feed document against the v1 schema. Raises FeedError naming the field."""
    kind = obj.get("type") if isinstance(obj, dict) else None
    if kind != FEED_TYPE:  # first, so a bundle manifest is named as what it is
        raise FeedError(f"document type is {str(kind)[:64]!r}, not {FEED_TYPE!r} (not a feed)", code="feed-type")
    top = _fields(obj, "feed", {"type", "format", "version", "created", "expires", "bundles"})
    if _integer(top["format"], "feed.format", 0, 1000) != FEED_FORMAT:
        raise FeedError(f"feed format {top['format']} is not supported (this reader reads {FEED_FORMAT})", code="feed-format")
    version = _integer(top["version"], "feed.version", 1, MAX_FEED_VERSION)
    created = _timestamp(top["created"], "feed.created")
    expires = _timestamp(top["expires"], "feed.expires")
    if parse_time(expires) <= parse_time(created):
        raise FeedError("feed.expires is not after feed.created", code="feed-field", field="feed.expires")
    raw_entries = top["bundles"]
    if not isinstance(raw_entries, list):
        raise FeedError("feed.bundles must be a list", code="feed-field", field="feed.bundles")
    if len(raw_entries) > MAX_FEED_ENTRIES:
        raise FeedError(f"the feed lists more than {MAX_FEED_ENTRIES} bundles", code="feed-too-many", limit=MAX_FEED_ENTRIES)
    entries = []
    paths: set[str] = set()
    ids: set[tuple[str, int]] = set()
    for i, raw in enumerate(raw_entries):
        where = f"feed.bundles[{i}]"
        e = _fields(raw, where, {"bundle_id", "publisher", "edition", "revision", "path", "sha256", "size"})
        bundle_id = check_text(e["bundle_id"], f"{where}.bundle_id", 64)
        if not ID_RE.fullmatch(bundle_id):
            raise FeedError(f"{where}.bundle_id {bundle_id!r} is not a valid bundle id", code="feed-field", field=where)
        edition = check_text(e["edition"], f"{where}.edition", 10)
        if not DATE_RE.fullmatch(edition):
            raise FeedError(f"{where}.edition must be a date like 2024-06-11", code="feed-field", field=where)
        sha = check_text(e["sha256"], f"{where}.sha256", 64)
        if not _SHA256_RE.fullmatch(sha):
            raise FeedError(f"{where}.sha256 must be 64 lowercase hex digits", code="feed-field", field=where)
        entry = FeedEntry(
            bundle_id=bundle_id,
            publisher=check_text(e["publisher"], f"{where}.publisher", MAX_PUBLISHER_CHARS),
            edition=edition,
            revision=_integer(e["revision"], f"{where}.revision", 1, 1_000_000),
            path=check_entry_path(e["path"], f"{where}.path"),
            sha256=sha,
            size=_integer(e["size"], f"{where}.size", 1, MAX_BUNDLE_BYTES),
        )
        folded = entry.path.casefold()
        if folded in paths:
            raise FeedError(f"the feed lists {entry.path} twice", code="feed-duplicate", path=entry.path)
        if (entry.bundle_id, entry.revision) in ids:
            raise FeedError(
                f"the feed lists {entry.bundle_id} revision {entry.revision} twice",
                code="feed-duplicate", path=entry.path,
            )
        paths.add(folded)
        ids.add((entry.bundle_id, entry.revision))
        entries.append(entry)
    return Feed(version, created, expires, tuple(entries))


def verify_feed(data: bytes, signature: bytes, trust: TrustStore) -> VerifiedFeed:
    """Check the signature (a trusted, unrevoked ``feed`` key) and then the document.

    Raises FeedError, or a key/signature error from reader.core.errors.
    """
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"{FEED_NAME} is larger than {MAX_FEED_BYTES} bytes", code="feed-too-large", limit=MAX_FEED_BYTES)
    if len(signature) > MAX_FEED_SIGNATURE_BYTES:
        raise FeedError(
            f"{FEED_SIGNATURE_NAME} is larger than {MAX_FEED_SIGNATURE_BYTES} bytes",
            code="feed-too-large", limit=MAX_FEED_SIGNATURE_BYTES,
        )
    sig = Signature.from_bytes(signature)
    signer = trust.key_for(sig.key_id, FEED_ROLE)
    sig.verify(data, signer.key)
    try:
        obj = load_json(data, FEED_NAME, MAX_FEED_BYTES, MAX_FEED_JSON_DEPTH)
    except ManifestError as exc:
        raise FeedError(exc.message, code="feed-json") from None
    return VerifiedFeed(parse_feed(obj), data, signature, signer)


# --- building -----------------------------------------------------------------------------


def read_manifest(path: Path):
    """The parsed manifest of a bundle file, structure-checked but not signature-checked.

    The feed builder uses it; readers verify every bundle against their trust store.
    """
    limits = ManifestLimits()
    with Archive.open(str(path)) as archive:
        if MANIFEST_NAME not in archive.members:
            raise ManifestError(f"{path.name}: {MANIFEST_NAME} is missing (not a DTN bundle?)")
        data = archive.read(MANIFEST_NAME)
    return parse_manifest(load_json(data, MANIFEST_NAME, limits.max_manifest_bytes, limits.max_json_depth), limits)


def bundle_paths(folder: Path) -> list[str]:
    """Relative paths of the bundles below ``folder`` (hidden names and symlinks skipped), sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        rel_root = Path(root).relative_to(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink()
                         and len(rel_root.parts) + 1 < MAX_PATH_DEPTH)
        for name in files:
            full = Path(root) / name
            if name.startswith(".") or full.is_symlink() or not name.lower().endswith(BUNDLE_SUFFIX):
                continue
            found.append((rel_root / name).as_posix())
    return sorted(found)


def entry_for(folder: Path, rel: str) -> FeedEntry:
    path = folder / rel
    m = read_manifest(path)
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
            size += len(chunk)
    return FeedEntry(m.bundle_id, m.publisher, m.edition_date, m.revision, check_entry_path(rel, rel), digest.hexdigest(), size)


def previous_version(folder: Path) -> int:
    """The version of the feed already in ``folder`` (0 if none). Raises FeedError if it is unreadable."""
    path = folder / FEED_NAME
    if not path.exists():
        return 0
    try:
        obj = load_json(path.read_bytes(), FEED_NAME, MAX_FEED_BYTES, MAX_FEED_JSON_DEPTH)
        return parse_feed(obj).version
    except (OSError, DTNError) as exc:
        raise FeedError(
            f"the existing {path} cannot be read ({exc}); move it away to start a new feed at version 1",
            code="feed-previous", path=str(path),
        ) from None


def build_time(now: datetime | None = None) -> datetime:
    """``now``, else $SOURCE_DATE_EPOCH (reproducible builds), else the clock; whole seconds, UTC."""
    if now is None:
        epoch = os.environ.get(SOURCE_DATE_EPOCH_ENV)
        if epoch is not None:
            try:
                now = datetime.fromtimestamp(int(epoch), timezone.utc)
            except (ValueError, OverflowError, OSError):
                raise FeedError(f"{SOURCE_DATE_EPOCH_ENV} must be a number of seconds", code="feed-time") from None
        else:
            now = datetime.now(timezone.utc)
    return now.astimezone(timezone.utc).replace(microsecond=0)


def build_feed(
    entries: list[FeedEntry], key: SecretKey, *, version: int, created: datetime, expires_days: int = DEFAULT_EXPIRES_DAYS
) -> tuple[bytes, bytes]:
    """The signed ``feed.json`` and ``feed.json.minisig`` for these entries. Same input, same bytes."""
    if not 1 <= expires_days <= MAX_EXPIRES_DAYS:
        raise FeedError(f"expiry must be 1 to {MAX_EXPIRES_DAYS} days", code="feed-expiry", days=expires_days)
    doc = {
        "type": FEED_TYPE,
        "format": FEED_FORMAT,
        "version": version,
        "created": format_time(created),
        "expires": format_time(created + timedelta(days=expires_days)),
        "bundles": [e.to_json() for e in sorted(entries, key=lambda e: e.path)],
    }
    parse_feed(doc)  # never sign what a reader would refuse
    data = canonical_json(doc)
    comment = f"timestamp:{int(created.timestamp())}\tfile:{FEED_NAME}\thashed\tfeed-version:{version}"
    return data, key.sign(data, comment, "signature from dtn feed")


def write_feed(folder: str | Path, key: SecretKey, *, expires_days: int = DEFAULT_EXPIRES_DAYS, now: datetime | None = None) -> Feed:
    """Write the feed for the bundles in ``folder``, its version one above the folder's previous feed.

    Raises FeedError, BundleError (a bundle that is not one), OSError wrapped as FeedError.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FeedError(f"{folder} is not a folder", code="feed-folder", path=str(folder))
    entries = [entry_for(folder, rel) for rel in bundle_paths(folder)]
    if not entries:
        raise FeedError(f"{folder} holds no {BUNDLE_SUFFIX} bundles", code="feed-empty", path=str(folder))
    data, sig = build_feed(entries, key, version=previous_version(folder) + 1, created=build_time(now), expires_days=expires_days)
    try:
        # The signature goes first: a reader never sees a new feed.json with the old signature for long,
        # and a mismatch is refused anyway.
        atomic_write(folder / FEED_SIGNATURE_NAME, sig)
        atomic_write(folder / FEED_NAME, data)
    except OSError as exc:
        raise FeedError(f"cannot write the feed in {folder}: {exc.strerror or exc}", code="feed-write", path=str(folder)) from None
    return parse_feed(load_json(data, FEED_NAME, MAX_FEED_BYTES, MAX_FEED_JSON_DEPTH))


