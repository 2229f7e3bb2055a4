"""Bundle factory for tests: valid bundles made with the project's own code, and ways to break them.

Valid bundles come from :func:`reader.core.bundle.build_bundle` (or from an example
source folder through :mod:`reader.core.source`). Mutations take and return the
bundle's bytes. Anything the structural checks must see exactly as written
(symlink attributes, encryption flags, unusual methods, disagreeing local
headers, overlaps, zip64 extras, ...) goes through :func:`write_zip`, a small
zip writer on ``struct`` that writes whatever it is told, including lies.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reader.core.bundle import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    build_bundle,
    canonical_json,
    trusted_comment_for,
)
from reader.core.minisign import SecretKey
from reader.core.source import build_source, level_bar_png, write_example_source
from reader.core.trust import TrustStore

STORED = 0
DEFLATED = 8
UNIX = 3
MSDOS = 0
REGULAR_FILE_ATTR = 0o100644 << 16
SYMLINK_ATTR = 0o120777 << 16
FIFO_ATTR = 0o010644 << 16
DOS_DIRECTORY_ATTR = 0x10
FLAG_ENCRYPTED = 0x0001
FLAG_DATA_DESCRIPTOR = 0x0008
FLAG_STRONG_ENCRYPTION = 0x0040
FLAG_UTF8 = 0x0800
ZIP64_EXTRA_ID = 0x0001

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CD = struct.Struct("<4sHHHHHHIIIHHHHHII")
_EOCD = struct.Struct("<4sHHHHIIH")
_DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1
_VERSION = 20

PUBLISHER_NAME = "Testredactie"

# --- a valid sample edition ---------------------------------------------------------

CHAPTER_LEVEL = (
    "Het dreigingsniveau blijft **substantieel** (4 van 5): de kans op een aanslag is reëel.\n\n"
    "![Schaal](../assets/schaal.png)\n\n## Toelichting\n\nTekst van het hoofdstuk.\n"
).encode()
CHAPTER_ONLINE = "Jongeren radicaliseren online.\n\n## Signalen\n\nScholen zien het vaak eerst.\n".encode()
CHECKLIST_POLITIE = canonical_json(
    {
        "type": "dtn-checklist",
        "id": "politie",
        "partner": "Politie",
        "title": "Handelingsperspectief politie",
        "items": [
            {"id": "politie-toezicht", "text": "Verhoog zichtbaar toezicht.", "priority": "hoog"},
            {"id": "politie-signalen", "text": "Deel signalen in het casusoverleg.", "priority": "middel"},
        ],
    }
)

_SAMPLE_MANIFEST: dict[str, Any] = {
    "bundle_id": "test-2024-06",
    "revision": 2,
    "edition": {"date": "2024-06-11", "number": 60, "name": "DTN juni 2024 (test)"},
    "publisher": "Testredactie",
    "created": "2024-06-11T08:00:00Z",
    "language": "nl",
    "title": "Dreigingsbeeld Terrorisme Nederland juni 2024 (test)",
    "summary": "Een testeditie.",
    "demo": True,
    "level": {"value": 4, "label": "Substantieel", "scale": "dtn-5", "since": "2013-03"},
    "level_events": [
        {
            "start": "2019-03-18", "end": "2019-03-19", "value": 5, "label": "Kritiek",
            "scale": "dtn-5", "region": "Provincie Utrecht", "note": "Tijdelijk verhoogd.",
        }
    ],
    "chapters": [
        {"id": "niveau", "title": "Het dreigingsniveau", "themes": ["dreigingsniveau"], "file": "chapters/01-niveau.md"},
        {
            "id": "online", "title": "Online radicalisering", "themes": ["online-radicalisering", "minderjarigen"],
            "file": "chapters/02-online.md", "theme_chapter": True,
        },
    ],
    "checklists": [
        {"id": "politie", "partner": "Politie", "title": "Handelingsperspectief politie", "file": "checklists/politie.json"}
    ],
}


def sample_manifest() -> dict[str, Any]:
    """The sample edition's manifest as build_bundle takes it (no type, format or files)."""
    return copy.deepcopy(_SAMPLE_MANIFEST)


def sample_members() -> dict[str, bytes]:
    return {
        "chapters/01-niveau.md": CHAPTER_LEVEL,
        "chapters/02-online.md": CHAPTER_ONLINE,
        "checklists/politie.json": CHECKLIST_POLITIE,
        "assets/schaal.png": level_bar_png(),
    }


def new_key() -> SecretKey:
    return SecretKey.generate()


def cheap_protected_key(key: SecretKey, password: str) -> bytes:
    """A minisign secret key file encrypted with small scrypt limits, written independently
    (the real limits cost seconds and 1 GiB per use).

    opslimit 32768 and memlimit 16 MiB map (libsodium's pickparams) to N=2**10, r=8, p=1.
    """
    salt = os.urandom(32)
    checksum = hashlib.blake2b(b"Ed" + key.key_id + key.secret_key, digest_size=32).digest()
    plain = key.key_id + key.secret_key + checksum
    stream = hashlib.scrypt(password.encode(), salt=salt, n=1 << 10, r=8, p=1, dklen=len(plain))
    body = bytes(a ^ b for a, b in zip(plain, stream))
    raw = b"EdScB2" + salt + (32768).to_bytes(8, "little") + (16 * 1024 * 1024).to_bytes(8, "little") + body
    return b"untrusted comment: test\n" + base64.b64encode(raw) + b"\n"


def build(key: SecretKey, manifest: dict | None = None, members: dict[str, bytes] | None = None) -> bytes:
    """A valid signed bundle of the sample edition (or of the given manifest and members)."""
    return build_bundle(
        sample_manifest() if manifest is None else manifest,
        sample_members() if members is None else members,
        key,
    )


def build_example(folder: Path, key: SecretKey) -> bytes:
    """The ``dtn init`` example source written to ``folder`` and built with ``key``."""
    write_example_source(folder)
    data, _source = build_source(folder, key)
    return data


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- reading a bundle ------------------------------------------------------------------------


def members_of(bundle: bytes) -> dict[str, bytes]:
    """Every entry's content, in archive order (read with the standard zipfile module)."""
    with zipfile.ZipFile(io.BytesIO(bundle)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def manifest_of(bundle: bytes) -> dict[str, Any]:
    return json.loads(members_of(bundle)[MANIFEST_NAME])


def signature_of(bundle: bytes) -> bytes:
    return members_of(bundle)[SIGNATURE_NAME]


# --- a zip writer that writes what it is told -------------------------------------------------


@dataclass
class RawEntry:
    """One zip entry as it will be written.

    ``data`` is the payload exactly as stored (already compressed for DEFLATED).
    ``local`` overrides fields of the local header only (keys: name, flags, method,
    crc, compressed_size, size, extra), so it can disagree with the central directory.
    ``header_offset`` overrides the offset the central directory records;
    ``write_local=False`` writes no local record at all (the entry then points at
    someone else's, e.g. for overlapping entries). ``prefix`` is written just before
    the local header (hidden bytes between entries).
    """

    name: str | bytes
    data: bytes
    method: int = DEFLATED
    flags: int = 0
    crc: int = 0
    compressed_size: int | None = None
    size: int = 0
    create_system: int = UNIX
    external_attr: int = REGULAR_FILE_ATTR
    extra: bytes = b""
    local: dict[str, Any] = field(default_factory=dict)
    header_offset: int | None = None
    write_local: bool = True
    prefix: bytes = b""
    comment: bytes = b""  # the entry's comment in the central directory

    @property
    def name_bytes(self) -> bytes:
        return self.name.encode("utf-8") if isinstance(self.name, str) else self.name


def raw_deflate(content: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()


def raw_entry(name: str | bytes, content: bytes, method: int = DEFLATED, **overrides: Any) -> RawEntry:
    """An honest entry for ``content`` (correct crc and sizes); ``overrides`` then change any field."""
    data = raw_deflate(content) if method == DEFLATED else content
    flags = FLAG_UTF8 if isinstance(name, str) and not name.isascii() else 0
    entry = RawEntry(name, data, method, flags, zlib.crc32(content), len(data), len(content))
    return replace(entry, **overrides)


def write_zip(entries: Iterable[RawEntry], *, comment: bytes = b"", eocd: dict[str, int] | None = None) -> bytes:
    """Write ``entries`` as a zip archive, byte for byte as described.

    ``eocd`` overrides fields of the end record: disk, cd_disk, disk_entries,
    total_entries, cd_size, cd_offset, comment_len.
    """
    out = bytearray()
    directory = bytearray()
    entries = list(entries)
    for entry in entries:
        out += entry.prefix
        offset = len(out)
        csize = len(entry.data) if entry.compressed_size is None else entry.compressed_size
        if entry.write_local:
            local = {
                "name": entry.name_bytes, "flags": entry.flags, "method": entry.method, "crc": entry.crc,
                "compressed_size": csize, "size": entry.size, "extra": entry.extra,
            }
            local.update(entry.local)
            name = local["name"].encode("utf-8") if isinstance(local["name"], str) else local["name"]
            out += _LOCAL.pack(
                b"PK\x03\x04", _VERSION, local["flags"], local["method"], 0, _DOS_DATE_1980_01_01,
                local["crc"], local["compressed_size"], local["size"], len(name), len(local["extra"]),
            )
            out += name + local["extra"] + entry.data
        directory += _CD.pack(
            b"PK\x01\x02", (entry.create_system << 8) | _VERSION, _VERSION, entry.flags, entry.method, 0,
            _DOS_DATE_1980_01_01, entry.crc, csize, entry.size, len(entry.name_bytes), len(entry.extra), len(entry.comment),
            0, 0, entry.external_attr, offset if entry.header_offset is None else entry.header_offset,
        )
        directory += entry.name_bytes + entry.extra + entry.comment
    end = {
        "disk": 0, "cd_disk": 0, "disk_entries": len(entries), "total_entries": len(entries),
        "cd_size": len(directory), "cd_offset": len(out), "comment_len": len(comment),
    }
    end.update(eocd or {})
    out += directory
    out += _EOCD.pack(
        b"PK\x05\x06", end["disk"], end["cd_disk"], end["disk_entries"], end["total_entries"],
        end["cd_size"], end["cd_offset"], end["comment_len"],
    )
    return bytes(out + comment)


def _method_for(name: str) -> int:
    return STORED if name.endswith(".png") else DEFLATED


def raw_entries(bundle: bytes) -> list[RawEntry]:
    """A bundle's entries as honest RawEntry objects, ready to be changed and rewritten."""
    return [raw_entry(name, content, _method_for(name)) for name, content in members_of(bundle).items()]


def repack(members: dict[str, bytes] | Iterable[tuple[str, bytes]], methods: dict[str, int] | None = None) -> bytes:
    """Write ``members`` (name -> content, in order) as a clean archive with the raw writer."""
    items = members.items() if isinstance(members, dict) else members
    methods = methods or {}
    return write_zip(raw_entry(name, content, methods.get(name, _method_for(name))) for name, content in items)


# --- mutations ------------------------------------------------------------------------------------


def replace_member(bundle: bytes, name: str, content: bytes, method: int | None = None) -> bytes:
    """Rewrite one member's bytes (the manifest is left as it was)."""
    members = members_of(bundle)
    if name not in members:
        raise KeyError(name)
    members[name] = content
    return repack(members, {name: method} if method is not None else None)


def add_member(bundle: bytes, name: str, content: bytes, method: int | None = None) -> bytes:
    members = members_of(bundle)
    members[name] = content
    return repack(members, {name: method} if method is not None else None)


def remove_member(bundle: bytes, name: str) -> bytes:
    members = members_of(bundle)
    del members[name]
    return repack(members)


def add_raw(bundle: bytes, *extra: RawEntry) -> bytes:
    """Append hand-made entries after the bundle's own."""
    return write_zip([*raw_entries(bundle), *extra])


def change_raw(bundle: bytes, name: str, **overrides: Any) -> bytes:
    """Rewrite the bundle with one entry's RawEntry fields overridden."""
    entries = raw_entries(bundle)
    found = [i for i, entry in enumerate(entries) if entry.name == name]
    if not found:
        raise KeyError(name)
    entries[found[0]] = replace(entries[found[0]], **overrides)
    return write_zip(entries)


def refresh_files(manifest: dict[str, Any], members: dict[str, bytes]) -> dict[str, Any]:
    """Set the manifest's ``files`` list from ``members`` (everything but the manifest and signature)."""
    manifest["files"] = [
        {"path": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
        for name, content in sorted(members.items())
        if name not in (MANIFEST_NAME, SIGNATURE_NAME)
    ]
    return manifest


def sign_manifest(key: SecretKey, manifest: dict[str, Any] | bytes, trusted_comment: str | None = None) -> tuple[bytes, bytes]:
    """(manifest bytes, .minisig bytes) for a manifest dict (canonical JSON) or raw manifest bytes."""
    if isinstance(manifest, dict):
        data = canonical_json(manifest)
        comment = trusted_comment if trusted_comment is not None else trusted_comment_for(manifest)
    else:
        data = manifest
        comment = trusted_comment if trusted_comment is not None else "timestamp:1718092800\tfile:manifest.json\thashed"
    return data, key.sign(data, comment, "signature from tests")


def resign(
    bundle: bytes,
    key: SecretKey,
    manifest: dict[str, Any] | bytes | Callable[[dict[str, Any]], dict[str, Any] | None] | None = None,
    *,
    members: dict[str, bytes] | None = None,
    trusted_comment: str | None = None,
    methods: dict[str, int] | None = None,
) -> bytes:
    """Sign a (changed) manifest with ``key`` and write the bundle again.

    ``manifest`` is a new manifest (dict or raw bytes), or a function that changes
    the current one in place (or returns a new one). ``members`` replaces the other
    members; the ``files`` list is *not* refreshed unless you call refresh_files.
    """
    current = members_of(bundle)
    if manifest is None:
        manifest = json.loads(current[MANIFEST_NAME])
    elif callable(manifest):
        obj = json.loads(current[MANIFEST_NAME])
        manifest = manifest(obj) or obj
    manifest_bytes, signature = sign_manifest(key, manifest, trusted_comment)
    others = {n: c for n, c in current.items() if n not in (MANIFEST_NAME, SIGNATURE_NAME)} if members is None else members
    return repack({MANIFEST_NAME: manifest_bytes, SIGNATURE_NAME: signature, **others}, methods)


def set_signature(bundle: bytes, signature: bytes, method: int | None = None) -> bytes:
    return replace_member(bundle, SIGNATURE_NAME, signature, method)


def legacy_signature(key: SecretKey, message: bytes, trusted_comment: str = "timestamp:0\tfile:manifest.json") -> bytes:
    """A valid signature in minisign's legacy (non-prehashed ``Ed``) format."""
    private = Ed25519PrivateKey.from_private_bytes(key.seed)
    signature = private.sign(message)
    global_signature = private.sign(signature + trusted_comment.encode())
    line = base64.b64encode(b"Ed" + key.key_id + signature).decode()
    return (
        f"untrusted comment: legacy signature\n{line}\n"
        f"trusted comment: {trusted_comment}\n{base64.b64encode(global_signature).decode()}\n"
    ).encode()


def edit_signature_lines(signature: bytes, edit: Callable[[list[str]], list[str]]) -> bytes:
    """Apply ``edit`` to the lines of a .minisig file."""
    lines = signature.decode().rstrip("\n").split("\n")
    return ("\n".join(edit(lines)) + "\n").encode()


def prepend(bundle: bytes, junk: bytes) -> bytes:
    return junk + bundle


def append(bundle: bytes, junk: bytes) -> bytes:
    return bundle + junk


def truncate(bundle: bytes, length: int) -> bytes:
    """The first ``length`` bytes (negative: drop that many from the end)."""
    return bundle[:length]


# --- trust stores ---------------------------------------------------------------------------------


def make_trust_store(
    folder: Path,
    key: SecretKey | None = None,
    *,
    name: str = PUBLISHER_NAME,
    role: str = "publisher",
    revoked: bool = False,
    reason: str = "sleutel uitgelekt",
) -> TrustStore:
    """A TrustStore in ``folder`` (no built-in keys) holding ``key``'s public half."""
    store = TrustStore(Path(folder))
    if key is not None:
        store.add(key.public.to_file(), name=name, role=role)
        if revoked:
            store.revoke(key.key_id_hex, reason)
    return store


def edition_of(
    key: SecretKey,
    *,
    bundle_id: str = "dtn-test-2025-06",
    revision: int = 1,
    publisher: str = PUBLISHER_NAME,
    demo: bool = False,
    level: tuple[int, str] = (4, "Substantieel"),
    date: str = "2024-06-11",
) -> bytes:
    """A valid bundle of the sample edition with its ids, publisher, demo flag, level and date set."""
    manifest = sample_manifest()
    manifest.update(bundle_id=bundle_id, revision=revision, publisher=publisher, demo=demo)
    manifest["edition"] = {**manifest["edition"], "date": date, "name": f"{bundle_id} r{revision}"}
    manifest["level"] = {**manifest["level"], "value": level[0], "label": level[1]}
    return build(key, manifest)
# --- hostile text: strings a signature can carry but a reader must refuse -----------------------

LONE_SURROGATE = "\ud800"
ESCAPE_SEQUENCE = "\x1b[2K\r"  # erase the line and return: a terminal would draw over what came before

# (where the reader names it, path in the manifest, multi-line field?) for every signed string of the manifest.
MANIFEST_TEXT_FIELDS: list[tuple[str, str, bool]] = [
    ("manifest.type", "type", False),
    ("manifest.bundle_id", "bundle_id", False),
    ("manifest.edition.name", "edition.name", False),
    ("manifest.publisher", "publisher", False),
    ("manifest.language", "language", False),
    ("manifest.title", "title", False),
    ("manifest.summary", "summary", True),
    ("manifest.level.label", "level.label", False),
    ("manifest.level.scale", "level.scale", False),
    ("manifest.level_events[0].region", "level_events.0.region", False),
    ("manifest.level_events[0].note", "level_events.0.note", True),
    ("manifest.chapters[0].id", "chapters.0.id", False),
    ("manifest.chapters[0].title", "chapters.0.title", False),
    ("manifest.chapters[0].file", "chapters.0.file", False),
    ("manifest.checklists[0].id", "checklists.0.id", False),
    ("manifest.checklists[0].partner", "checklists.0.partner", False),
    ("manifest.checklists[0].title", "checklists.0.title", False),
    ("manifest.files[0].path", "files.0.path", False),
]
# The same for the checklist file (checklists/politie.json).
CHECKLIST_TEXT_FIELDS: list[tuple[str, str, bool]] = [
    ("checklists/politie.json.type", "type", False),
    ("checklists/politie.json.id", "id", False),
    ("checklists/politie.json.partner", "partner", False),
    ("checklists/politie.json.title", "title", False),
    ("checklists/politie.json items[0].id", "items.0.id", False),
    ("checklists/politie.json items[0].text", "items.0.text", True),
    ("checklists/politie.json items[0].priority", "items.0.priority", False),
]


def ascii_json(obj: Any) -> bytes:
    """JSON with every non-ASCII character escaped, so it can carry a lone surrogate (``"\\ud800"``)."""
    return (json.dumps(obj, ensure_ascii=True, indent=2, sort_keys=True) + "\n").encode("ascii")


def _poke(obj: Any, path: str, change: Callable[[Any], Any]) -> None:
    *parents, last = path.split(".")
    for part in parents:
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    key: Any = int(last) if isinstance(obj, list) else last
    obj[key] = change(obj[key])


def with_manifest_text(bundle: bytes, key: SecretKey, path: str, bad: str) -> bytes:
    """``bad`` put into the middle of the manifest string at ``path``, signed again by ``key``.

    Nothing checks the text on the way (the reader's checks are what is under test).
    """
    manifest = manifest_of(bundle)
    _poke(manifest, path, lambda value: value[:1] + bad + value[1:])
    return resign(bundle, key, ascii_json(manifest))


def with_checklist_text(bundle: bytes, key: SecretKey, path: str, bad: str, name: str = "checklists/politie.json") -> bytes:
    """``bad`` put into a checklist string; the files list refreshed and the manifest signed again."""
    members = {n: c for n, c in members_of(bundle).items() if n not in (MANIFEST_NAME, SIGNATURE_NAME)}
    checklist = json.loads(members[name])
    _poke(checklist, path, lambda value: value[:1] + bad + value[1:])
    members[name] = ascii_json(checklist)
    manifest = refresh_files(manifest_of(bundle), members)
    return resign(bundle, key, ascii_json(manifest), members=members, trusted_comment=trusted_comment_for(manifest))


def with_chapter_text(bundle: bytes, key: SecretKey, bad: str, name: str = "chapters/01-niveau.md") -> bytes:
    """``bad`` put into a chapter's Markdown; the files list refreshed and the manifest signed again."""
    members = {n: c for n, c in members_of(bundle).items() if n not in (MANIFEST_NAME, SIGNATURE_NAME)}
    members[name] = members[name][:5] + bad.encode("utf-8", "surrogatepass") + members[name][5:]
    manifest = refresh_files(manifest_of(bundle), members)
    return resign(bundle, key, ascii_json(manifest), members=members, trusted_comment=trusted_comment_for(manifest))


def with_trusted_comment(bundle: bytes, key: SecretKey, comment: str) -> bytes:
    """The bundle signed again with ``comment`` as the signature's trusted comment (anything but a line break)."""
    return resign(bundle, key, members_of(bundle)[MANIFEST_NAME], trusted_comment=comment)


# --- zip extra fields ------------------------------------------------------------------------------


def replace_raw(entry: RawEntry, **overrides: Any) -> RawEntry:
    return replace(entry, **overrides)


def extra_field(header_id: int, body: bytes) -> bytes:
    return struct.pack("<HH", header_id, len(body)) + body


def unicode_path_extra(real_name: str, shown_name: str) -> bytes:
    """An Info-ZIP Unicode Path field (0x7075): stock unzip shows ``shown_name`` for the entry."""
    return extra_field(0x7075, b"\x01" + struct.pack("<I", zlib.crc32(real_name.encode())) + shown_name.encode())


def unicode_comment_extra(comment: bytes, text: str) -> bytes:
    """An Info-ZIP Unicode Comment field (0x6375) for an entry whose comment is ``comment``."""
    return extra_field(0x6375, b"\x01" + struct.pack("<I", zlib.crc32(comment)) + text.encode())


def timestamp_extra(times: int = 1) -> bytes:
    """An extended timestamp field (0x5455) as stock zip writes it: flags and ``times`` 4-byte times."""
    return extra_field(0x5455, bytes([(1 << times) - 1]) + b"\x00\x00\x00\x00" * times)


# --- images: headers of every allowed type, and things that only claim to be images ---------------


def png_image(width: int, height: int) -> bytes:
    """A PNG whose IHDR says ``width`` x ``height`` (the pixel data of a 1x1 image: decoders stop there)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(4))) + chunk(b"IEND", b"")


def jpeg_header(width: int, height: int, *, frame: bool = True) -> bytes:
    """JPEG markers up to a baseline frame header of ``width`` x ``height`` (or a scan and no frame)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = b"\xff\xfe" + struct.pack(">H", 2 + 300) + b"x" * 300  # a segment to walk past
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    sos = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + app0 + comment + (sof if frame else b"") + sos + b"\x00" * 16 + b"\xff\xd9"


def gif_header(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0) + b"\x2c" + bytes(9) + b"\x02\x02\x44\x01\x00\x3b"


def webp_image(width: int, height: int, chunk: str = "VP8X") -> bytes:
    """A RIFF WEBP file whose first chunk (VP8X, VP8L or "VP8 ") says ``width`` x ``height``."""
    if chunk == "VP8X":
        body = b"VP8X" + struct.pack("<I", 10) + bytes(4) + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    elif chunk == "VP8L":
        bits = (width - 1) | ((height - 1) << 14)
        body = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + bits.to_bytes(4, "little")
    else:
        body = b"VP8 " + struct.pack("<I", 10) + b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", width, height)
    body += b"\x00" * (len(body) % 2)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def svg_image(href: str) -> bytes:
    """An SVG that pulls in ``href`` (a local file, a device) as an image."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">'
        f'<image href="{href}" xlink:href="{href}" width="64" height="64"/></svg>'
    ).encode()


PDF_DOCUMENT = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n"


def with_asset(bundle: bytes, key: SecretKey, name: str, data: bytes, *, chapter: str = "chapters/01-niveau.md") -> bytes:
    """``data`` added as asset ``name`` and shown by ``chapter``; the files list refreshed and signed again.

    Nothing checks the asset on the way: this is how a hostile publisher (or a reader with its
    checks off) would make it.
    """
    members = {n: c for n, c in members_of(bundle).items() if n not in (MANIFEST_NAME, SIGNATURE_NAME)}
    members[name] = data
    members[chapter] = members[chapter] + f"\n![bild](../{name})\n".encode()
    manifest = refresh_files(manifest_of(bundle), members)
    return resign(bundle, key, manifest, members=members)
