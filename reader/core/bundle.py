"""The ``.dtnb`` bundle format (v1): build, sign and verify.

A bundle is a zip archive with ``manifest.json`` and ``manifest.json.minisig``
at its root, plus the chapters, checklists and assets the manifest lists with
their size and sha256. See docs/bundle-format.md for the exact format.

Verification order (nothing is extracted to disk):
1. structural pre-flight of the zip (reader.core.archive);
2. the manifest's minisign signature against the trust store;
3. the manifest parsed and checked against the schema;
4. exactly the listed files present, each streamed and checked for size and sha256.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from reader.core.archive import Archive, ArchiveLimits
from reader.core.demo_pins import DEMO_BUNDLE_SHA256, DEMO_PUBLIC_KEY
from reader.core.errors import DemoKeyError, IntegrityError, LimitExceededError, ManifestError, UnsafeAssetError
from reader.core.image import ASSET_TYPES, IMAGE_HEADER_BYTES, ImageLimits, asset_type, header_suffices, image_info
from reader.core.minisign import SecretKey, Signature
from reader.core.text import check_date, check_document, check_line, check_multiline, check_timestamp
from reader.core.trust import TrustedKey, TrustStore
from reader.core.vocabulary import PRIORITIES, SCALES, THEMES

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"
MANIFEST_TYPE = "dtn-bundle-manifest"
CHECKLIST_TYPE = "dtn-checklist"
FORMAT_VERSION = 1
BUNDLE_SUFFIX = ".dtnb"
SIGNER_ROLE = "publisher"
# Revisions of one bundle id count corrections, so they stay small; the bound keeps any key
# from claiming an id "for ever" with an absurd revision.
MAX_REVISION = 9999

ID_RE = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
ITEM_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
DATE_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")  # the form; check_date the calendar
TIMESTAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
LANGUAGES = ("nl", "en")
ASSET_SUFFIXES = tuple(ASSET_TYPES)  # the raster types of reader.core.image
# Members whose content is kept in memory after verification (small texts used by import).
TEXT_PREFIXES = ("chapters/", "checklists/")
MEMBER_PREFIXES = ("chapters/", "checklists/", "assets/")


@dataclass(frozen=True)
class ManifestLimits:
    """Caps on the signed manifest and its parts. Sizes in bytes, lengths in characters."""

    max_manifest_bytes: int = 1024 * 1024
    max_signature_bytes: int = 16 * 1024
    max_json_depth: int = 12
    max_chapters: int = 500
    max_checklists: int = 50
    max_checklist_items: int = 200
    max_checklist_bytes: int = 256 * 1024
    max_level_events: int = 100
    max_themes_per_chapter: int = 8
    max_title_chars: int = 300
    max_summary_chars: int = 10_000
    max_text_total_bytes: int = 64 * 1024 * 1024  # chapters + checklists kept in memory


@dataclass(frozen=True)
class BundleLimits:
    archive: ArchiveLimits = field(default_factory=ArchiveLimits)
    manifest: ManifestLimits = field(default_factory=ManifestLimits)
    image: ImageLimits = field(default_factory=ImageLimits)


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    scale: str
    since: str


@dataclass(frozen=True)
class LevelEvent:
    start: str
    end: str | None
    value: int
    label: str
    scale: str
    region: str
    note: str


@dataclass(frozen=True)
class ChapterEntry:
    id: str
    title: str
    themes: tuple[str, ...]
    file: str
    theme_chapter: bool = False


@dataclass(frozen=True)
class ChecklistEntry:
    id: str
    partner: str
    title: str
    file: str


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    priority: str


@dataclass(frozen=True)
class Checklist:
    id: str
    partner: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    revision: int
    edition_date: str
    edition_number: int | None
    edition_name: str
    publisher: str
    created: str
    language: str
    title: str
    summary: str
    demo: bool
    level: Level
    level_events: tuple[LevelEvent, ...]
    chapters: tuple[ChapterEntry, ...]
    checklists: tuple[ChecklistEntry, ...]
    files: tuple[FileEntry, ...]

    @property
    def assets(self) -> tuple[str, ...]:
        return tuple(f.path for f in self.files if f.path.startswith("assets/"))

    def file(self, path: str) -> FileEntry:
        for entry in self.files:
            if entry.path == path:
                return entry
        raise KeyError(path)


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature, structure and every member were checked."""

    path: Path
    manifest: Manifest
    manifest_bytes: bytes
    signer: TrustedKey
    trusted_comment: str
    files_checked: int
    texts: dict[str, bytes]  # chapters/ and checklists/ members, already verified

    @property
    def signer_key_id(self) -> str:
        return self.signer.key_id

    @property
    def signer_name(self) -> str:
        return self.signer.name

    def text(self, path: str) -> str:
        return self.texts[path].decode("utf-8")

    def checklist(self, entry: ChecklistEntry) -> Checklist:
        return parse_checklist(self.texts[entry.file], entry)


# --- JSON ------------------------------------------------------------------------


# A JSON string as the depth scan sees it: from a quote to the closing quote (a backslash
# escapes the next byte), or to the end of the data if it never closes. Unrolled, so linear.
_JSON_STRING_RE = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_NOT_JSON_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _json_depth_ok(data: bytes, max_depth: int) -> bool:
    """Nesting depth of JSON text without parsing it (strings skipped), so json never recurses deeply.

    Strings are cut out first (with bytes operations, not a loop per byte), then only the
    brackets left are counted: the same answer as scanning byte by byte, ten times faster.
    """
    if b"\\" in data:
        outside = _JSON_STRING_RE.sub(b"", data)
    else:
        outside = b"".join(data.split(b'"')[::2])  # no escapes: quotes alternate open, close
    depth = 0
    for byte in outside.translate(None, _NOT_JSON_BRACKETS):
        if byte in (0x5B, 0x7B):
            depth += 1
            if depth > max_depth:
                return False
        else:
            depth -= 1
    return True


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ManifestError(f"duplicate key {key!r} in JSON", code="json-duplicate-key", key=key)
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ManifestError(f"JSON contains {name}, which is not allowed", code="json-constant", name=name)


def load_json(data: bytes, what: str, max_bytes: int, max_depth: int) -> Any:
    """Parse untrusted JSON: size and depth capped, duplicate keys and NaN refused."""
    if len(data) > max_bytes:
        raise LimitExceededError(
            f"{what} is {len(data)} bytes; at most {max_bytes} are allowed", code="json-too-large", what=what, size=len(data), limit=max_bytes
        )
    if not _json_depth_ok(data, max_depth):
        raise ManifestError(f"{what} is nested deeper than {max_depth} levels", code="json-too-deep", what=what, limit=max_depth)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError(f"{what} is not UTF-8 text", code="json-not-utf8", what=what) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except ManifestError as exc:
        raise ManifestError(f"{what}: {exc.message}", code=exc.code, what=what, **exc.params) from None
    except (ValueError, RecursionError) as exc:
        # ValueError also covers integers past Python's digit limit, not only JSONDecodeError.
        raise ManifestError(f"{what} is not valid JSON ({exc})", code="json-invalid", what=what, detail=str(exc)) from None


def canonical_json(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# --- schema ------------------------------------------------------------------------


class _Fields:
    """Typed access to one JSON object with messages that name the field."""

    def __init__(self, obj: Any, where: str, allowed: set[str]) -> None:
        if not isinstance(obj, dict):
            raise ManifestError(f"{where} must be an object", code="field-not-object", where=where)
        unknown = set(obj) - allowed
        if unknown:  # repr: a hostile key name is shown escaped, never raw
            shown = ", ".join(repr(k) for k in sorted(unknown))
            raise ManifestError(f"{where} has unknown field(s): {shown}", code="field-unknown", where=where, fields=shown)
        self.obj = obj
        self.where = where

    def _get(self, key: str, kind: type | tuple[type, ...], optional: bool) -> Any:
        if key not in self.obj or self.obj[key] is None:
            if optional:
                return None
            raise ManifestError(f"{self.where}.{key} is missing", code="field-missing", where=self.where, key=key)
        value = self.obj[key]
        if isinstance(value, bool) and kind is not bool:
            raise ManifestError(f"{self.where}.{key} has the wrong type", code="field-type", where=self.where, key=key)
        if not isinstance(value, kind):
            raise ManifestError(f"{self.where}.{key} has the wrong type", code="field-type", where=self.where, key=key)
        return value

    def text(
        self, key: str, max_chars: int, optional: bool = False, pattern: re.Pattern | None = None, *, multiline: bool = False
    ) -> Any:
        """A string field: one line of clean text, or (``multiline``) clean text with newlines and tabs."""
        value = self._get(key, str, optional)
        if value is None:
            return None
        if len(value) > max_chars:
            raise ManifestError(
                f"{self.where}.{key} is longer than {max_chars} characters", code="field-too-long", where=self.where, key=key, limit=max_chars
            )
        (check_multiline if multiline else check_line)(value, f"{self.where}.{key}")
        if pattern is not None and not pattern.fullmatch(value):
            raise ManifestError(
                f"{self.where}.{key} {value[:80]!r} is not in the required form", code="field-form", where=self.where, key=key, value=value[:80]
            )
        if not optional and not value.strip():
            raise ManifestError(f"{self.where}.{key} is empty", code="field-empty", where=self.where, key=key)
        return value

    def date(self, key: str, optional: bool = False) -> Any:
        """A real calendar date ``YYYY-MM-DD`` or month ``YYYY-MM``."""
        value = self.text(key, 10, optional)
        return None if value is None else check_date(value, f"{self.where}.{key}")

    def timestamp(self, key: str) -> str:
        """A real UTC time ``YYYY-MM-DDTHH:MM:SSZ``."""
        return check_timestamp(self.text(key, 20), f"{self.where}.{key}")

    def integer(self, key: str, low: int, high: int, optional: bool = False) -> Any:
        value = self._get(key, int, optional)
        if value is None:
            return None
        if not low <= value <= high:
            raise ManifestError(
                f"{self.where}.{key} = {value} is outside {low}..{high}", code="field-range", where=self.where, key=key, value=value, low=low, high=high
            )
        return value

    def boolean(self, key: str) -> bool:
        return bool(self._get(key, bool, True))

    def items(self, key: str, max_count: int, optional: bool = False) -> list:
        value = self._get(key, list, optional)
        if value is None:
            return []
        if len(value) > max_count:
            raise ManifestError(
                f"{self.where}.{key} has more than {max_count} entries", code="field-too-many", where=self.where, key=key, limit=max_count
            )
        return value


def _level_fields(f: _Fields) -> tuple[int, str, str]:
    scale_id = f.text("scale", 16)
    if scale_id not in SCALES:
        raise ManifestError(
            f"{f.where}.scale {scale_id!r} is unknown; known scales: {', '.join(SCALES)}", code="level-scale-unknown", where=f.where, scale=scale_id, scales=", ".join(SCALES)
        )
    scale = SCALES[scale_id]
    value = f.integer("value", 1, scale.max)
    label = f.text("label", 40)
    if label != scale.label(value):
        raise ManifestError(
            f"{f.where}.label {label!r} does not match level {value} of scale {scale_id}", code="level-label-mismatch", where=f.where, label=label, value=value, scale=scale_id
        )
    return value, label, scale_id


def _clean_line(value: str) -> bool:
    try:
        check_line(value, "")
    except ManifestError:
        return False
    return True


def _well_formed_file_entry(raw: Any) -> FileEntry | None:
    """A ``files`` entry that passes every field check, in one step (a big bundle lists
    thousands); None for anything else, which then goes through the field checks."""
    if type(raw) is not dict or len(raw) != 3:
        return None
    path, size, sha256 = raw.get("path"), raw.get("size"), raw.get("sha256")
    if (
        type(path) is str and len(path) <= 255 and path.strip() and _clean_line(path)
        and type(size) is int and 0 <= size <= 2**40
        and type(sha256) is str and SHA256_RE.fullmatch(sha256)
    ):
        return FileEntry(path, size, sha256)
    return None


def parse_manifest(obj: Any, limits: ManifestLimits = ManifestLimits()) -> Manifest:
    """Check a decoded manifest against the v1 schema. Raises ManifestError naming the field."""
    top = _Fields(
        obj,
        "manifest",
        {
            "type", "format", "bundle_id", "revision", "edition", "publisher", "created", "language",
            "title", "summary", "demo", "level", "level_events", "chapters", "checklists", "files",
        },
    )
    kind = top.text("type", 64)
    if kind != MANIFEST_TYPE:
        raise ManifestError(
            f"manifest type is {kind!r}, not {MANIFEST_TYPE!r} (not a bundle manifest)", code="manifest-type", kind=kind, expected=MANIFEST_TYPE
        )
    version = top.integer("format", 0, 1000)
    if version != FORMAT_VERSION:
        raise ManifestError(
            f"bundle format version {version} is not supported (this reader reads {FORMAT_VERSION})", code="manifest-version", version=version, supported=FORMAT_VERSION
        )
    edition = _Fields(top.obj.get("edition"), "manifest.edition", {"date", "number", "name"})
    lvl = _Fields(top.obj.get("level"), "manifest.level", {"value", "label", "scale", "since"})
    value, label, scale_id = _level_fields(lvl)
    level = Level(value, label, scale_id, lvl.date("since"))

    events = []
    for i, raw in enumerate(top.items("level_events", limits.max_level_events, optional=True)):
        ev = _Fields(raw, f"manifest.level_events[{i}]", {"start", "end", "value", "label", "scale", "region", "note"})
        ev_value, ev_label, ev_scale = _level_fields(ev)
        events.append(
            LevelEvent(
                ev.date("start"), ev.date("end", optional=True),
                ev_value, ev_label, ev_scale, ev.text("region", 200), ev.text("note", 2000, optional=True, multiline=True) or "",
            )
        )

    files = []
    seen_files: set[str] = set()
    for i, raw in enumerate(top.items("files", 100_000)):
        entry = _well_formed_file_entry(raw)
        if entry is None:  # the field checks say what is wrong
            fe = _Fields(raw, f"manifest.files[{i}]", {"path", "size", "sha256"})
            path = fe.text("path", 255)
        else:
            path = entry.path
        if path in seen_files:
            raise ManifestError(f"manifest lists file {path!r} twice", code="manifest-file-twice", path=path)
        if not path.startswith(MEMBER_PREFIXES) or path.count("/") != 1:
            raise ManifestError(
                f"manifest.files[{i}].path {path!r} is not under chapters/, checklists/ or assets/", code="manifest-file-folder", index=i, path=path
            )
        if path.startswith("assets/"):
            asset_type(path)  # an allowed raster type by name, before any byte of it is read
        seen_files.add(path)
        if entry is None:
            entry = FileEntry(path, fe.integer("size", 0, 2**40), fe.text("sha256", 64, pattern=SHA256_RE))
        files.append(entry)

    chapters = []
    chapter_ids: set[str] = set()
    for i, raw in enumerate(top.items("chapters", limits.max_chapters)):
        ch = _Fields(raw, f"manifest.chapters[{i}]", {"id", "title", "themes", "file", "theme_chapter"})
        cid = ch.text("id", 64, pattern=SLUG_RE)
        if cid in chapter_ids:
            raise ManifestError(f"chapter id {cid!r} appears twice", code="chapter-id-twice", chapter=cid)
        chapter_ids.add(cid)
        themes = ch.items("themes", limits.max_themes_per_chapter)
        for theme in themes:
            if not isinstance(theme, str) or theme not in THEMES:
                raise ManifestError(f"chapter {cid!r} has unknown theme {theme!r}", code="chapter-theme-unknown", chapter=cid, theme=theme)
        file = ch.text("file", 255)
        if not file.startswith("chapters/") or not file.endswith(".md") or file not in seen_files:
            raise ManifestError(
                f"chapter {cid!r}: file {file!r} must be a listed chapters/*.md file", code="chapter-file", chapter=cid, file=file
            )
        chapters.append(ChapterEntry(cid, ch.text("title", limits.max_title_chars), tuple(themes), file, ch.boolean("theme_chapter")))
    if not chapters:
        raise ManifestError("manifest lists no chapters", code="manifest-no-chapters")

    checklists = []
    checklist_ids: set[str] = set()
    for i, raw in enumerate(top.items("checklists", limits.max_checklists, optional=True)):
        cl = _Fields(raw, f"manifest.checklists[{i}]", {"id", "partner", "title", "file"})
        clid = cl.text("id", 64, pattern=SLUG_RE)
        if clid in checklist_ids:
            raise ManifestError(f"checklist id {clid!r} appears twice", code="checklist-id-twice", checklist=clid)
        checklist_ids.add(clid)
        file = cl.text("file", 255)
        if not file.startswith("checklists/") or not file.endswith(".json") or file not in seen_files:
            raise ManifestError(
                f"checklist {clid!r}: file {file!r} must be a listed checklists/*.json file", code="checklist-file", checklist=clid, file=file
            )
        checklists.append(ChecklistEntry(clid, cl.text("partner", 200), cl.text("title", limits.max_title_chars), file))

    language = top.text("language", 8)
    if language not in LANGUAGES:
        raise ManifestError(
            f"manifest.language {language!r} is not one of {', '.join(LANGUAGES)}", code="manifest-language", language=language, languages=", ".join(LANGUAGES)
        )
    return Manifest(
        bundle_id=top.text("bundle_id", 64, pattern=ID_RE),
        revision=top.integer("revision", 1, MAX_REVISION),
        edition_date=edition.date("date"),
        edition_number=edition.integer("number", 1, 100_000, optional=True),
        edition_name=edition.text("name", limits.max_title_chars),
        publisher=top.text("publisher", 200),
        created=top.timestamp("created"),
        language=language,
        title=top.text("title", limits.max_title_chars),
        summary=top.text("summary", limits.max_summary_chars, multiline=True),
        demo=top.boolean("demo"),
        level=level,
        level_events=tuple(events),
        chapters=tuple(chapters),
        checklists=tuple(checklists),
        files=tuple(files),
    )


def parse_checklist(data: bytes, entry: ChecklistEntry, limits: ManifestLimits = ManifestLimits()) -> Checklist:
    obj = load_json(data, entry.file, limits.max_checklist_bytes, limits.max_json_depth)
    top = _Fields(obj, entry.file, {"type", "id", "partner", "title", "items"})
    if top.text("type", 64) != CHECKLIST_TYPE:
        raise ManifestError(
            f"{entry.file}: type is not {CHECKLIST_TYPE!r}", code="checklist-type", file=entry.file, expected=CHECKLIST_TYPE
        )
    if top.text("id", 64) != entry.id:
        raise ManifestError(
            f"{entry.file}: id does not match the manifest's checklist id {entry.id!r}", code="checklist-id-mismatch", file=entry.file, checklist=entry.id
        )
    items = []
    seen: set[str] = set()
    for i, raw in enumerate(top.items("items", limits.max_checklist_items)):
        it = _Fields(raw, f"{entry.file} items[{i}]", {"id", "text", "priority"})
        iid = it.text("id", 80, pattern=ITEM_ID_RE)
        if iid in seen:
            raise ManifestError(f"{entry.file}: item id {iid!r} appears twice", code="checklist-item-twice", file=entry.file, item=iid)
        seen.add(iid)
        priority = it.text("priority", 10)
        if priority not in PRIORITIES:
            raise ManifestError(
                f"{entry.file}: item {iid!r} has unknown priority {priority!r}", code="checklist-priority", file=entry.file, item=iid, priority=priority
            )
        items.append(ChecklistItem(iid, it.text("text", 2000, multiline=True), priority))
    return Checklist(entry.id, top.text("partner", 200), top.text("title", limits.max_title_chars), tuple(items))


# --- verify -------------------------------------------------------------------------


def is_demo_key(key: TrustedKey) -> bool:
    """The demo key, whatever the trust store calls it (it may also come from ``--pubkey``)."""
    return key.demo or key.key.encode_line() == DEMO_PUBLIC_KEY


def check_demo_signer(signer: TrustedKey, bundle_sha256: Callable[[], str]) -> None:
    """The demo rule: its secret ships with the app, so the demo key is accepted only for the
    exact demo bundles the app ships (pinned in reader/core/demo_pins.py), and not at all
    while it is switched off (the demo library was removed). Raises DemoKeyError."""
    if not is_demo_key(signer):
        return
    if bundle_sha256() not in DEMO_BUNDLE_SHA256:
        raise DemoKeyError(
            f"signed by the demo key {signer.key_id}, whose secret ships with DTN Reader: it is accepted only for "
            "the demo bundles that come with the app, and this is not one of them",
            code="demo-not-shipped",
            key_id=signer.key_id,
        )
    if signer.disabled_at:
        raise DemoKeyError(
            f"a built-in demo bundle, but the demo library was removed and the demo key switched off on "
            f"{signer.disabled_at}; load the demo library again (dtn demo load, or Settings) to read it",
            code="demo-disabled",
            key_id=signer.key_id,
            disabled_at=signer.disabled_at,
        )


# The UTF-8 bytes that cannot start or be a character check_document refuses: the C0 controls
# but tab, newline and carriage return are themselves, and every other refused character
# (DEL, C1, U+061C, the separators and bidirectional controls, U+FEFF, U+FFFE/F) starts with
# 0x7F, 0xC2, 0xD8, 0xE2 or 0xEF (surrogates are no UTF-8). A chapter made of these bytes only
# is clean without the character scan (10x slower); any other goes through check_document.
_DOCUMENT_SUSPECT_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, 0xD8, 0xE2, 0xEF])
_DOCUMENT_SAFE_BYTES = bytes(b for b in range(256) if b not in _DOCUMENT_SUSPECT_BYTES)


def verify_bundle(
    path: str | Path,
    trust: TrustStore,
    limits: BundleLimits = BundleLimits(),
    *,
    checklists: bool = True,
) -> VerifiedBundle:
    """Verify a bundle file completely without extracting it.

    Raises a BundleError subclass, or a key/signature error from reader.core.errors.
    """
    path = Path(path)
    ml = limits.manifest
    with Archive.open(str(path), limits.archive) as archive:
        for required in (MANIFEST_NAME, SIGNATURE_NAME):
            if required not in archive.members:
                raise ManifestError(
                    f"{required} is missing from the bundle (not a DTN bundle?)", code="bundle-member-missing", name=required
                )
        sig_member = archive.members[SIGNATURE_NAME]
        if sig_member.size > ml.max_signature_bytes:
            raise LimitExceededError(
                f"{SIGNATURE_NAME} is larger than {ml.max_signature_bytes} bytes", code="signature-too-large", name=SIGNATURE_NAME, limit=ml.max_signature_bytes
            )
        man_member = archive.members[MANIFEST_NAME]
        if man_member.size > ml.max_manifest_bytes:
            raise LimitExceededError(
                f"{MANIFEST_NAME} is {man_member.size} bytes; at most {ml.max_manifest_bytes} are allowed", code="manifest-too-large", name=MANIFEST_NAME, size=man_member.size, limit=ml.max_manifest_bytes
            )
        signature = Signature.from_bytes(archive.read(SIGNATURE_NAME))
        manifest_bytes = archive.read(MANIFEST_NAME)
        signer = trust.key_for(signature.key_id, SIGNER_ROLE)
        signature.verify(manifest_bytes, signer.key)
        check_line(signature.trusted_comment, "the signature's trusted comment", allow_tab=True)
        check_demo_signer(signer, archive.file_sha256)

        manifest = parse_manifest(load_json(manifest_bytes, MANIFEST_NAME, ml.max_manifest_bytes, ml.max_json_depth), ml)
        signer.check_publisher(manifest.publisher)
        listed = {f.path: f for f in manifest.files}
        present = set(archive.members) - {MANIFEST_NAME, SIGNATURE_NAME}
        unlisted = sorted(present - set(listed))
        if unlisted:
            raise IntegrityError(
                f"bundle holds file(s) the signed manifest does not list: {', '.join(unlisted[:5])}", code="integrity-unlisted", names=", ".join(unlisted[:5])
            )
        missing = sorted(set(listed) - present)
        if missing:
            raise IntegrityError(
                f"file(s) listed in the manifest are missing from the bundle: {', '.join(missing[:5])}", code="integrity-missing", names=", ".join(missing[:5])
            )

        texts: dict[str, bytes] = {}
        text_total = 0
        # Read in archive order: one forward pass over the file. The members that are only
        # hashed (images by their header) are hashed first, by several threads when they are
        # many bytes; their results are checked below in the same order as the rest.
        order = sorted(listed, key=lambda n: archive.members[n].header_offset)
        hashed = archive.sha256_stored_many(
            [n for n in order if not n.startswith(TEXT_PREFIXES) and (not n.startswith("assets/") or header_suffices(n, archive.members[n].size))],
            IMAGE_HEADER_BYTES,
        )
        for name in order:
            entry = listed[name]
            member = archive.members[name]
            if member.size != entry.size:
                raise IntegrityError(
                    f"{name} is {member.size} bytes in the archive; the signed manifest says {entry.size}", code="integrity-size", name=name, size=member.size, expected=entry.size
                )
            keep = name.startswith(TEXT_PREFIXES)
            asset = name.startswith("assets/")
            if asset and member.size > limits.image.max_asset_bytes:
                raise UnsafeAssetError(
                    f"{name} is {member.size} bytes; an image may be at most {limits.image.max_asset_bytes} bytes",
                    code="asset-too-large", asset=name, size=member.size, limit=limits.image.max_asset_bytes,
                )
            if name in hashed:  # streamed; an image's header is all the checks below need
                done = hashed[name]
                if isinstance(done, Exception):
                    raise done
                digest, _size, data = done
            elif keep or (asset and not header_suffices(name, member.size)):
                data = archive.read(name)
                digest = hashlib.sha256(data).hexdigest()
            elif asset:
                digest, _size, data = archive.sha256_and_head(name, IMAGE_HEADER_BYTES)
            else:
                digest = archive.sha256(name)[0]  # streamed, nothing kept
            if digest != entry.sha256:
                raise IntegrityError(
                    f"{name} was altered: its sha256 does not match the signed manifest", code="integrity-altered", name=name
                )
            if asset:
                image_info(name, data, limits.image, size=member.size)  # signed is not safe: the type and pixel size checked
            if keep:
                text_total += entry.size
                if text_total > ml.max_text_total_bytes:
                    raise LimitExceededError(
                        f"chapters and checklists exceed {ml.max_text_total_bytes} bytes", code="text-total-too-large", limit=ml.max_text_total_bytes
                    )
                texts[name] = data
        for chapter in manifest.chapters:
            data = texts[chapter.file]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise ManifestError(f"{chapter.file} is not UTF-8 text", code="chapter-not-utf8", file=chapter.file) from None
            if data.translate(None, _DOCUMENT_SAFE_BYTES):  # a byte that may start a refused character
                check_document(text, chapter.file)
        verified = VerifiedBundle(path, manifest, manifest_bytes, signer, signature.trusted_comment, len(listed) + 2, texts)
        if checklists:
            for entry in manifest.checklists:
                verified.checklist(entry)
        return verified


def read_member(path: str | Path, entry: FileEntry, limits: ArchiveLimits = ArchiveLimits()) -> bytes:
    """Read one listed member of a (previously verified) bundle, checking its size and hash again."""
    with Archive.open(str(path), limits) as archive:
        if entry.path not in archive.members:
            raise IntegrityError(
                f"{entry.path} is missing from the bundle (the stored bundle was altered)", code="integrity-stored-missing", name=entry.path
            )
        data = archive.read(entry.path)
    if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
        raise IntegrityError(
            f"{entry.path} no longer matches the signed manifest (the stored bundle was altered)", code="integrity-stored-altered", name=entry.path
        )
    return data


def read_asset(path: str | Path, manifest: Manifest, name: str, limits: ArchiveLimits = ArchiveLimits()) -> bytes:
    """Read one listed asset from a (previously verified) bundle, checking its hash again."""
    return read_member(path, manifest.file(name), limits)


# --- build ---------------------------------------------------------------------------

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_STORED_SUFFIXES = ASSET_SUFFIXES  # already compressed


def _zip_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    if name.lower().endswith(_STORED_SUFFIXES):
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None)


def trusted_comment_for(manifest: dict) -> str:
    created = datetime.strptime(manifest["created"], "%Y-%m-%dT%H:%M:%SZ")
    stamp = int((created - datetime(1970, 1, 1)).total_seconds())
    return f"timestamp:{stamp}\tfile:{MANIFEST_NAME}\thashed\tbundle:{manifest['bundle_id']}\trevision:{manifest['revision']}"


def build_bundle(manifest: dict, members: dict[str, bytes], key: SecretKey) -> bytes:
    """Write a signed bundle. ``manifest`` lacks ``files``; it is filled from ``members``.

    The same input and key give byte-identical output (fixed timestamps, fixed order,
    deterministic Ed25519).
    """
    manifest = dict(manifest)
    manifest["type"] = MANIFEST_TYPE
    manifest["format"] = FORMAT_VERSION
    manifest["files"] = [
        {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in sorted(members.items())
    ]
    parsed = parse_manifest(manifest)  # never sign what we would refuse to read
    for entry in parsed.checklists:
        parse_checklist(members[entry.file], entry)
    for chapter in parsed.chapters:
        try:
            check_document(members[chapter.file].decode("utf-8"), chapter.file)
        except UnicodeDecodeError:
            raise ManifestError(f"{chapter.file} is not UTF-8 text") from None
    for name in parsed.assets:
        image_info(name, members[name])
    manifest_bytes = canonical_json(manifest)
    signature = key.sign(manifest_bytes, trusted_comment_for(manifest), "signature from dtn build")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        _zip_member(zf, MANIFEST_NAME, manifest_bytes)
        _zip_member(zf, SIGNATURE_NAME, signature)
        for name in sorted(members):
            _zip_member(zf, name, members[name])
    return out.getvalue()


