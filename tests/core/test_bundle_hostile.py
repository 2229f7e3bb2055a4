"""Hostile bundles: every one is refused with its own error type and a message that names the problem.

Cases that need a valid signature over a bad manifest re-sign it with the
trusted key, so the check under test is the one that trips.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.core.archive import ArchiveLimits
from reader.core.bundle import MANIFEST_NAME, SIGNATURE_NAME, read_asset, verify_bundle
from reader.core.errors import (
    ArchiveError,
    DTNError,
    IntegrityError,
    InvalidDateError,
    KeyRoleError,
    LimitExceededError,
    ManifestError,
    RevokedKeyError,
    SignatureAlgorithmError,
    SignatureFormatError,
    SignatureInvalidError,
    UnknownKeyError,
    UnsafeArchiveError,
    UnsafeAssetError,
    UnsafeTextError,
)
from reader.core.minisign import SecretKey
from reader.core.source import level_bar_png
from reader.core.trust import TrustStore
from tests.helpers import bundles
from tests.helpers.bundles import (
    DEFLATED,
    FLAG_DATA_DESCRIPTOR,
    FLAG_ENCRYPTED,
    FLAG_STRONG_ENCRYPTION,
    FLAG_UTF8,
    MSDOS,
    STORED,
    RawEntry,
    raw_entry,
)

CH1 = "chapters/01-niveau.md"
CH2 = "chapters/02-online.md"
CHECKLIST = "checklists/politie.json"
ASSET = "assets/schaal.png"


@dataclass(frozen=True)
class Ctx:
    key: SecretKey  # trusted publisher key
    other: SecretKey  # untrusted key
    base: bytes  # a valid bundle signed by ``key``


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Ctx], bytes]
    error: type[DTNError]
    message: str
    trust: str = "publisher"  # which trust store: publisher, revoked, feed


CASES: list[Case] = []


def case(id: str, error: type[DTNError], message: str, trust: str = "publisher"):
    def register(make: Callable[[Ctx], bytes]) -> Callable[[Ctx], bytes]:
        CASES.append(Case(id, make, error, message, trust))
        return make

    return register


def resigned(ctx: Ctx, change: Callable[[dict], dict | None]) -> bytes:
    """The base bundle with its manifest changed and signed again by the trusted key."""
    return bundles.resign(ctx.base, ctx.key, change)


def with_members(ctx: Ctx, change: Callable[[dict[str, bytes]], None], manifest_change=None, methods=None) -> bytes:
    """Members changed, files list refreshed, manifest (optionally changed) re-signed by the trusted key."""
    members = {n: c for n, c in bundles.members_of(ctx.base).items() if n not in (MANIFEST_NAME, SIGNATURE_NAME)}
    change(members)
    manifest = bundles.refresh_files(bundles.manifest_of(ctx.base), members)
    if manifest_change:
        manifest = manifest_change(manifest) or manifest
    return bundles.resign(ctx.base, ctx.key, manifest, members=members, methods=methods)


def _b64_cut(line: str, length: int) -> str:
    return base64.b64encode(base64.b64decode(line)[:length]).decode()


def sig_lines(ctx: Ctx, edit: Callable[[list[str]], list[str]]) -> bytes:
    return bundles.set_signature(ctx.base, bundles.edit_signature_lines(bundles.signature_of(ctx.base), edit))


# --- signature and trust -------------------------------------------------------------------------------


@case("changed manifest byte", SignatureInvalidError, "does not match the signed file (altered or forged)")
def _(ctx: Ctx) -> bytes:
    manifest = bundles.members_of(ctx.base)[MANIFEST_NAME]
    changed = manifest.replace(b'"value": 4', b'"value": 3', 1)
    assert changed != manifest and len(changed) == len(manifest)
    return bundles.replace_member(ctx.base, MANIFEST_NAME, changed)


@case("signed by an unknown key", UnknownKeyError, "signed by an unknown key")
def _(ctx: Ctx) -> bytes:
    return bundles.build(ctx.other)


@case("forged signature under the trusted key id", SignatureInvalidError, "does not match the signed file")
def _(ctx: Ctx) -> bytes:
    impostor = SecretKey(ctx.key.key_id, ctx.other.secret_key)
    return bundles.resign(ctx.base, impostor)


@case("revoked key", RevokedKeyError, "which was revoked on", trust="revoked")
def _(ctx: Ctx) -> bytes:
    return ctx.base


@case("key trusted for feeds only", KeyRoleError, "is trusted for feed signatures, not for publisher signatures", trust="feed")
def _(ctx: Ctx) -> bytes:
    return ctx.base


@case("legacy Ed signature", SignatureAlgorithmError, "legacy non-prehashed signature (Ed)")
def _(ctx: Ctx) -> bytes:
    manifest = bundles.members_of(ctx.base)[MANIFEST_NAME]
    return bundles.set_signature(ctx.base, bundles.legacy_signature(ctx.key, manifest))


@case("edited trusted comment", SignatureInvalidError, "was altered (global signature does not verify)")
def _(ctx: Ctx) -> bytes:
    return sig_lines(ctx, lambda l: [l[0], l[1], l[2].replace("revision:2", "revision:9"), l[3]])


@case("signature with bad base64", SignatureFormatError, "signature: not valid base64")
def _(ctx: Ctx) -> bytes:
    return sig_lines(ctx, lambda l: [l[0], l[1][:10] + "%" + l[1][11:], l[2], l[3]])


@case("signature of the wrong length", SignatureFormatError, "signature is 71 bytes where 74 are expected")
def _(ctx: Ctx) -> bytes:
    return sig_lines(ctx, lambda l: [l[0], _b64_cut(l[1], 71), l[2], l[3]])


@case("global signature of the wrong length", SignatureFormatError, "global signature is 48 bytes where 64")
def _(ctx: Ctx) -> bytes:
    return sig_lines(ctx, lambda l: [l[0], l[1], l[2], _b64_cut(l[3], 48)])


@case("signature file missing lines", SignatureFormatError, "signature file has 2 lines where 4 are expected")
def _(ctx: Ctx) -> bytes:
    return sig_lines(ctx, lambda l: l[:2])


@case("signature with an oversized untrusted comment", SignatureFormatError, "untrusted comment too long")
def _(ctx: Ctx) -> bytes:
    return sig_lines(ctx, lambda l: ["untrusted comment: " + "x" * 2000, *l[1:]])


@case("oversized signature file", LimitExceededError, "manifest.json.minisig is larger than 16384 bytes")
def _(ctx: Ctx) -> bytes:
    big = bundles.signature_of(ctx.base) + b"\n" * 20_000
    return bundles.set_signature(ctx.base, big, method=STORED)


@case("signature file missing", ManifestError, "manifest.json.minisig is missing from the bundle")
def _(ctx: Ctx) -> bytes:
    return bundles.remove_member(ctx.base, SIGNATURE_NAME)


@case("manifest missing", ManifestError, "manifest.json is missing from the bundle")
def _(ctx: Ctx) -> bytes:
    return bundles.remove_member(ctx.base, MANIFEST_NAME)


# --- members against the manifest ---------------------------------------------------------------------


@case("changed member", IntegrityError, "chapters/01-niveau.md was altered: its sha256 does not match")
def _(ctx: Ctx) -> bytes:
    content = bundles.members_of(ctx.base)[CH1]
    return bundles.replace_member(ctx.base, CH1, content.replace(b"substantieel", b"kritiek!!!!!"))


@case("member of another size", IntegrityError, "chapters/02-online.md is 82 bytes in the archive; the signed manifest says 74")
def _(ctx: Ctx) -> bytes:
    content = bundles.members_of(ctx.base)[CH2]
    assert len(content) == 74
    return bundles.replace_member(ctx.base, CH2, content + b"Extra.\n!")


@case("unlisted member", IntegrityError, "the signed manifest does not list: assets/extra.png")
def _(ctx: Ctx) -> bytes:
    return bundles.add_member(ctx.base, "assets/extra.png", level_bar_png())


@case("missing member", IntegrityError, "listed in the manifest are missing from the bundle: chapters/02-online.md")
def _(ctx: Ctx) -> bytes:
    return bundles.remove_member(ctx.base, CH2)


@case("chapter that is not UTF-8", ManifestError, "chapters/02-online.md is not UTF-8 text")
def _(ctx: Ctx) -> bytes:
    return with_members(ctx, lambda m: m.__setitem__(CH2, b"caf\xe9\n"))


@case("checklist of the wrong type", ManifestError, "checklists/politie.json: type is not 'dtn-checklist'")
def _(ctx: Ctx) -> bytes:
    def change(members: dict[str, bytes]) -> None:
        members[CHECKLIST] = members[CHECKLIST].replace(b'"dtn-checklist"', b'"dtn-feed"')

    return with_members(ctx, change)


@case("checklist with a duplicate item id", ManifestError, "item id 'politie-toezicht' appears twice")
def _(ctx: Ctx) -> bytes:
    def change(members: dict[str, bytes]) -> None:
        members[CHECKLIST] = members[CHECKLIST].replace(b'"politie-signalen"', b'"politie-toezicht"')

    return with_members(ctx, change)


# --- zip structure: names ------------------------------------------------------------------------------


def extra_entry(name: str | bytes, **overrides) -> Callable[[Ctx], bytes]:
    return lambda ctx: bundles.add_raw(ctx.base, raw_entry(name, b"boo\n", **overrides))


for _id, _name, _message in [
    ("zip slip ../x", "../x.md", "path traversal"),
    ("zip slip inside a folder", "chapters/../../x.md", "path traversal"),
    ("absolute name", "/etc/cron.d/x", "is an absolute path"),
    ("drive letter", "C:/x.md", "starts with a drive letter"),
    ("backslash in name", "chapters\\x.md", "contains a backslash"),
    ("NUL in name", "chapters/x\x00.md", "contains control characters"),
    ("newline in name", "chapters/x\n.md", "contains control characters"),
    ("non-NFC name", "chapters/e\u0301te.md", "is not in Unicode NFC form"),
    ("forbidden character in name", "chapters/x?.md", "not allowed in file names"),
    ("name nested too deep", "assets/a/b/c/x.png", "nested deeper than 4 levels"),
    ("name too long", "assets/" + "x" * 300 + ".png", "entry name longer than 255 bytes"),
    ("directory entry", "assets/", "is a directory; bundles hold regular files only"),
    ("duplicate name", CH1, "entry name 'chapters/01-niveau.md' appears twice"),
    ("case-only duplicate name", "Chapters/01-NIVEAU.md", "differ only in case"),
]:
    case(_id, UnsafeArchiveError, _message)(extra_entry(_name))

case("non-ASCII name without the UTF-8 flag", UnsafeArchiveError, "is not ASCII and not marked as UTF-8")(
    extra_entry("assets/caf\u00e9.png", flags=0)
)
case("name that is not UTF-8", UnsafeArchiveError, "entry name is not valid UTF-8")(
    extra_entry(b"assets/caf\xe9.png", flags=FLAG_UTF8)
)

# --- zip structure: entry kinds, flags and methods ---------------------------------------------------------

case("symlink entry", UnsafeArchiveError, "'assets/link.png' is a symbolic link")(
    extra_entry("assets/link.png", method=STORED, external_attr=bundles.SYMLINK_ATTR)
)
case("fifo entry", UnsafeArchiveError, "'assets/fifo.png' is not a regular file")(
    extra_entry("assets/fifo.png", external_attr=bundles.FIFO_ATTR)
)
case("MS-DOS directory attribute", UnsafeArchiveError, "'assets/dir' is a directory")(
    extra_entry("assets/dir", create_system=MSDOS, external_attr=bundles.DOS_DIRECTORY_ATTR)
)
case("encrypted entry", UnsafeArchiveError, "'assets/secret.png' is encrypted")(
    extra_entry("assets/secret.png", flags=FLAG_ENCRYPTED)
)
case("strongly encrypted entry", UnsafeArchiveError, "'assets/secret.png' is encrypted")(
    extra_entry("assets/secret.png", flags=FLAG_STRONG_ENCRYPTION)
)
case("compression method 12 (bzip2)", UnsafeArchiveError, "uses compression method 12; only stored and deflate")(
    extra_entry("assets/x.png", method=12)
)
case("compression method 14 (lzma)", UnsafeArchiveError, "uses compression method 14; only stored and deflate")(
    extra_entry("assets/x.png", method=14)
)
case("data descriptor flag", UnsafeArchiveError, "uses a data descriptor (streamed zip)")(
    extra_entry("assets/x.png", flags=FLAG_DATA_DESCRIPTOR)
)
case("zip64 extra field", UnsafeArchiveError, "'assets/x.png' uses zip64 fields")(
    extra_entry("assets/x.png", extra=b"\x01\x00\x10\x00" + bytes(16))
)

# Extra fields and comments: nothing hidden that stock unzip would show instead.
case("Unicode Path extra field on the manifest", UnsafeArchiveError, "'manifest.json' uses an Info-ZIP Unicode Path field (0x7075)")(
    lambda ctx: bundles.change_raw(ctx.base, MANIFEST_NAME, extra=bundles.unicode_path_extra(MANIFEST_NAME, "manifest.json.orig"))
)
case("Unicode Path extra field in the local header only", UnsafeArchiveError, "'manifest.json' uses an Info-ZIP Unicode Path field")(
    lambda ctx: bundles.change_raw(ctx.base, MANIFEST_NAME, local={"extra": bundles.unicode_path_extra(MANIFEST_NAME, "other.json")})
)
case("Unicode Comment extra field", UnsafeArchiveError, "'chapters/01-niveau.md' uses an Info-ZIP Unicode Comment field (0x6375)")(
    lambda ctx: bundles.change_raw(ctx.base, CH1, extra=bundles.unicode_comment_extra(b"", "officieel NCTV"))
)
case("entry comment", UnsafeArchiveError, "entry 'chapters/01-niveau.md' has a comment; bundles carry no entry comments")(
    lambda ctx: bundles.change_raw(ctx.base, CH1, comment=b"goedgekeurd door NCTV")
)
case("unknown extra field", UnsafeArchiveError, "'assets/schaal.png' has an extra field of type 0xcafe in the central directory; only 0x5455")(
    lambda ctx: bundles.change_raw(ctx.base, ASSET, extra=bundles.extra_field(0xCAFE, b"x"))
)
case("unknown extra field in the local header", UnsafeArchiveError, "has an extra field of type 0x9901 in the local header")(
    lambda ctx: bundles.change_raw(ctx.base, ASSET, local={"extra": bundles.extra_field(0x9901, bytes(7))})  # AES
)
case("oversized timestamp extra field", UnsafeArchiveError, "its extended timestamp (UT) extra field is 40 bytes; at most 13")(
    lambda ctx: bundles.change_raw(ctx.base, ASSET, extra=bundles.extra_field(0x5455, bytes(40)))
)
case("too many extra bytes", UnsafeArchiveError, "has 72 bytes of extra fields in the central directory; at most 64")(
    lambda ctx: bundles.change_raw(ctx.base, ASSET, extra=bundles.timestamp_extra(1) * 8)
)
case("too many extra bytes in the local header", UnsafeArchiveError, "local header has 72 bytes of extra fields; at most 64")(
    lambda ctx: bundles.change_raw(ctx.base, ASSET, local={"extra": bundles.timestamp_extra(1) * 8})
)
case("malformed extra field", UnsafeArchiveError, "'assets/schaal.png' has a malformed extra field in the central directory")(
    lambda ctx: bundles.change_raw(ctx.base, ASSET, extra=b"UT\x05")
)
case("extra field longer than the space left", UnsafeArchiveError, "has a malformed extra field in the central directory")(
    lambda ctx: bundles.change_raw(ctx.base, ASSET, extra=struct.pack("<HH", 0x5455, 9) + b"\x01\x00")
)
case("zip64 end record markers", UnsafeArchiveError, "zip64 archives are not supported")(
    lambda ctx: bundles.write_zip(bundles.raw_entries(ctx.base), eocd={"disk_entries": 0xFFFF, "total_entries": 0xFFFF})
)
case("split archive", UnsafeArchiveError, "multi-disk (split) zip archives are not supported")(
    lambda ctx: bundles.write_zip(bundles.raw_entries(ctx.base), eocd={"disk": 1})
)


# --- zip structure: sizes and bombs ---------------------------------------------------------------------------


@case("extreme compression ratio", LimitExceededError, "has a compression ratio over 200:1 (zip bomb?)")
def _(ctx: Ctx) -> bytes:
    return bundles.add_raw(ctx.base, raw_entry("assets/bomb.png", bytes(4 * 1024 * 1024)))


@case("member inflating past its declared size", LimitExceededError, "chapters/01-niveau.md: inflates to more than its declared size 100")
def _(ctx: Ctx) -> bytes:
    # The central directory, the local header and the signed manifest all say 100 bytes; the data holds more.
    content = bundles.members_of(ctx.base)[CH1]
    manifest = bundles.manifest_of(ctx.base)
    for entry in manifest["files"]:
        if entry["path"] == CH1:
            entry["size"] = 100
    bundle = bundles.resign(ctx.base, ctx.key, manifest)
    return bundles.change_raw(bundle, CH1, size=100, crc=zlib.crc32(content[:100]))


@case("member inflating to less than its declared size", ArchiveError, "chapters/02-online.md: inflates to 74 bytes, the archive says 500")
def _(ctx: Ctx) -> bytes:
    manifest = bundles.manifest_of(ctx.base)
    for entry in manifest["files"]:
        if entry["path"] == CH2:
            entry["size"] = 500
    bundle = bundles.resign(ctx.base, ctx.key, manifest)
    return bundles.change_raw(bundle, CH2, size=500)


@case("corrupt deflate data", ArchiveError, "chapters/02-online.md: compressed data is corrupt")
def _(ctx: Ctx) -> bytes:
    entry = next(e for e in bundles.raw_entries(ctx.base) if e.name == CH2)
    return bundles.change_raw(ctx.base, CH2, data=b"\xff" * len(entry.data))


@case("stored entry with two sizes", ArchiveError, "stored entry 'assets/x.png' has different compressed and uncompressed sizes")
def _(ctx: Ctx) -> bytes:
    return bundles.add_raw(ctx.base, raw_entry("assets/x.png", b"abc", method=STORED, size=4))


@case("member over the size cap", LimitExceededError, "is 300000000 bytes; at most 268435456 per file")
def _(ctx: Ctx) -> bytes:
    return bundles.add_raw(ctx.base, raw_entry("assets/huge.png", b"abc", size=300_000_000))


@case("archive unpacking past the total cap", LimitExceededError, "archive unpacks to more than 1073741824 bytes")
def _(ctx: Ctx) -> bytes:
    # Each entry alone is within the member and ratio caps; together they are not.
    big = [raw_entry(f"assets/big{i}.png", b"abc", size=250_000_000, compressed_size=2_000_000) for i in range(5)]
    return bundles.add_raw(ctx.base, *big)


@case("too many entries", LimitExceededError, "archive has 4097 entries; at most 4096 are allowed")
def _(ctx: Ctx) -> bytes:
    return bundles.write_zip(raw_entry(f"assets/{i}.png", b"", method=STORED) for i in range(4097))


# --- zip structure: layout --------------------------------------------------------------------------------------


@case("overlapping entries", UnsafeArchiveError, "overlaps the entry before it")
def _(ctx: Ctx) -> bytes:
    entries = bundles.raw_entries(ctx.base)
    target = next(e for e in entries if e.name == CH1)
    # A second central-directory entry pointing at chapter 1's local record (the overlapping-zip bomb shape).
    entries.append(RawEntry("assets/alias.png", target.data, target.method, target.flags, target.crc,
                            None, target.size, write_local=False, header_offset=_offset_of(entries, CH1)))
    return bundles.write_zip(entries)


def _offset_of(entries: list[RawEntry], name: str) -> int:
    offset = 0
    for entry in entries:
        if entry.name == name:
            return offset + len(entry.prefix)
        offset += len(entry.prefix) + 30 + len(entry.name_bytes) + len(entry.extra) + len(entry.data)
    raise KeyError(name)


@case("local header with another crc", UnsafeArchiveError, "'chapters/01-niveau.md': local header disagrees with the central directory")
def _(ctx: Ctx) -> bytes:
    entry = next(e for e in bundles.raw_entries(ctx.base) if e.name == CH1)
    return bundles.change_raw(ctx.base, CH1, local={"crc": entry.crc ^ 1})


@case("local header with another name", UnsafeArchiveError, "'chapters/02-online.md': local header disagrees with the central directory")
def _(ctx: Ctx) -> bytes:
    return bundles.change_raw(ctx.base, CH2, local={"name": "chapters/02-offline.md"})


@case("local header with another size", UnsafeArchiveError, "'checklists/politie.json': local header disagrees with the central directory")
def _(ctx: Ctx) -> bytes:
    entry = next(e for e in bundles.raw_entries(ctx.base) if e.name == CHECKLIST)
    return bundles.change_raw(ctx.base, CHECKLIST, local={"size": entry.size + 1})


@case("hidden bytes between entries", UnsafeArchiveError, "unexpected bytes before entry 'chapters/02-online.md' (hidden data)")
def _(ctx: Ctx) -> bytes:
    return bundles.change_raw(ctx.base, CH2, prefix=b"hidden payload")


@case("entry running into the central directory", UnsafeArchiveError, "runs into the central directory")
def _(ctx: Ctx) -> bytes:
    entries = bundles.raw_entries(ctx.base)
    last = entries[-1]
    entries[-1] = RawEntry(last.name, last.data, last.method, last.flags, last.crc, len(last.data) + 40, last.size)
    return bundles.write_zip(entries)


@case("bytes before the central directory", UnsafeArchiveError, "between the last entry and the central directory")
def _(ctx: Ctx) -> bytes:
    data = bundles.write_zip(bundles.raw_entries(ctx.base))
    cd_offset = int.from_bytes(data[-6:-2], "little")
    junk = b"JUNK" * 4
    end = data[-22:-6] + (cd_offset + len(junk)).to_bytes(4, "little") + data[-2:]
    return data[:cd_offset] + junk + data[cd_offset:-22] + end


@case("central directory with hidden data", UnsafeArchiveError, "central directory holds more than its entries")
def _(ctx: Ctx) -> bytes:
    entries = bundles.raw_entries(ctx.base)
    return bundles.write_zip(entries, eocd={"disk_entries": len(entries) - 1, "total_entries": len(entries) - 1})


# --- the file as a whole -------------------------------------------------------------------------------------------


case("bytes before the archive", UnsafeArchiveError, "unexpected bytes before the zip archive (prepended data)")(
    lambda ctx: bundles.prepend(ctx.base, b"#!/bin/sh\nexit 0\n")
)
case("bytes after the archive", UnsafeArchiveError, "unexpected bytes after the zip archive")(
    lambda ctx: bundles.append(ctx.base, b"trailing bytes " * 4)
)
case("archive comment", UnsafeArchiveError, "archive comment")(
    lambda ctx: bundles.write_zip(bundles.raw_entries(ctx.base), comment=b"a comment")
)
case("truncated archive", ArchiveError, "end of central directory missing; truncated?")(
    lambda ctx: bundles.truncate(ctx.base, -100)
)
case("archive cut in half", ArchiveError, "end of central directory missing; truncated?")(
    lambda ctx: bundles.truncate(ctx.base, len(ctx.base) // 2)
)
case("not a zip at all", ArchiveError, "not a zip archive")(lambda ctx: b"%PDF-1.7\n" + b"\x00\x01 binary" * 200)
case("empty file", ArchiveError, "not a zip archive (file too small)")(lambda ctx: b"")
case("empty zip archive", ArchiveError, "zip archive is empty")(lambda ctx: bundles.write_zip([]))


# --- the signed manifest ---------------------------------------------------------------------------------------------


@case("manifest that is not JSON", ManifestError, "manifest.json is not valid JSON")
def _(ctx: Ctx) -> bytes:
    return bundles.resign(ctx.base, ctx.key, b"{'type': 'dtn-bundle-manifest'}\n")


@case("manifest that is not UTF-8", ManifestError, "manifest.json is not UTF-8 text")
def _(ctx: Ctx) -> bytes:
    return bundles.resign(ctx.base, ctx.key, b'{"title": "caf\xe9"}\n')


@case("manifest with duplicate keys", ManifestError, "manifest.json: duplicate key 'revision' in JSON")
def _(ctx: Ctx) -> bytes:
    manifest = bundles.members_of(ctx.base)[MANIFEST_NAME]
    return bundles.resign(ctx.base, ctx.key, manifest.replace(b'"revision": 2,', b'"revision": 2,\n  "revision": 99,'))


@case("manifest with NaN", ManifestError, "JSON contains NaN, which is not allowed")
def _(ctx: Ctx) -> bytes:
    manifest = bundles.members_of(ctx.base)[MANIFEST_NAME]
    return bundles.resign(ctx.base, ctx.key, manifest.replace(b'"revision": 2', b'"revision": NaN'))


@case("manifest nested absurdly deep", ManifestError, "manifest.json is nested deeper than 12 levels")
def _(ctx: Ctx) -> bytes:
    return bundles.resign(ctx.base, ctx.key, b'{"summary": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                          methods={MANIFEST_NAME: STORED})


@case("oversized manifest", LimitExceededError, "manifest.json is 1048577 bytes; at most 1048576 are allowed")
def _(ctx: Ctx) -> bytes:
    manifest = bundles.members_of(ctx.base)[MANIFEST_NAME]
    padded = manifest + b" " * (1024 * 1024 + 1 - len(manifest))
    return bundles.resign(ctx.base, ctx.key, padded, methods={MANIFEST_NAME: STORED})


@case("manifest with a number past the digit limit", ManifestError, "manifest.json is not valid JSON")
def _(ctx: Ctx) -> bytes:
    manifest = bundles.members_of(ctx.base)[MANIFEST_NAME]
    return bundles.resign(ctx.base, ctx.key, manifest.replace(b'"revision": 2', b'"revision": ' + b"9" * 5000))


def _set(path: str, value) -> Callable[[dict], None]:
    def change(manifest: dict) -> None:
        *parents, last = path.split(".")
        obj = manifest
        for part in parents:
            obj = obj[int(part)] if isinstance(obj, list) else obj[part]
        obj[last] = value

    return change


for _id, _path, _value, _message in [
    ("feed type", "type", "dtn-feed", "manifest type is 'dtn-feed', not 'dtn-bundle-manifest' (not a bundle manifest)"),
    ("wrong format version", "format", 2, "bundle format version 2 is not supported (this reader reads 1)"),
    ("unknown field", "signed_by", "x", "manifest has unknown field(s): 'signed_by'"),
    ("level outside its scale", "level.value", 6, "manifest.level.value = 6 is outside 1..5"),
    ("label not matching the scale", "level.label", "Aanzienlijk", "manifest.level.label 'Aanzienlijk' does not match level 4 of scale dtn-5"),
    ("unknown scale", "level.scale", "dtn-6", "manifest.level.scale 'dtn-6' is unknown"),
    ("level event outside the old scale", "level_events.0.scale", "dtn-4", "manifest.level_events[0].value = 5 is outside 1..4"),
    ("revision 0", "revision", 0, "manifest.revision = 0 is outside 1..9999"),
    ("revision above MAX_REVISION", "revision", 10_000, "manifest.revision = 10000 is outside 1..9999"),
    ("revision of the wrong type", "revision", "2", "manifest.revision has the wrong type"),
    ("demo of the wrong type", "demo", 1, "manifest.demo has the wrong type"),
    ("bad bundle id", "bundle_id", "../etc", "manifest.bundle_id '../etc' is not in the required form"),
    ("unknown language", "language", "de", "manifest.language 'de' is not one of nl, en"),
    ("empty title", "title", "   ", "manifest.title is empty"),
    ("summary too long", "summary", "x" * 10_001, "manifest.summary is longer than 10000 characters"),
    ("chapter file not listed", "chapters.0.file", "chapters/99-other.md", "must be a listed chapters/*.md file"),
    ("checklist file not a checklist", "checklists.0.file", "chapters/01-niveau.md", "must be a listed checklists/*.json file"),
    ("file outside the allowed folders", "files.0.path", "scripts/x.sh", "is not under chapters/, checklists/ or assets/"),
    ("file hash not hex", "files.0.sha256", "Z" * 64, "manifest.files[0].sha256"),
    ("no chapters", "chapters", [], "manifest lists no chapters"),
]:
    case(_id, ManifestError, _message)(lambda ctx, _path=_path, _value=_value: resigned(ctx, _set(_path, _value)))


@case("unknown theme", ManifestError, "chapter 'niveau' has unknown theme 'astrologie'")
def _(ctx: Ctx) -> bytes:
    return resigned(ctx, _set("chapters.0.themes", ["dreigingsniveau", "astrologie"]))


@case("theme that is not a string", ManifestError, "chapter 'niveau' has unknown theme")
def _(ctx: Ctx) -> bytes:
    return resigned(ctx, _set("chapters.0.themes", [["dreigingsniveau"]]))


@case("historical label on the new scale", ManifestError, "'Substantieel' does not match level 3 of scale dtn-5")
def _(ctx: Ctx) -> bytes:
    # "Substantieel" was level 3 of 4 until July 2016; on dtn-5 level 3 is "Aanzienlijk".
    return resigned(ctx, lambda m: m["level"].update(value=3, label="Substantieel"))


@case("file listed twice", ManifestError, "manifest lists file 'assets/schaal.png' twice")
def _(ctx: Ctx) -> bytes:
    return resigned(ctx, lambda m: m["files"].append(dict(m["files"][0])))


@case("duplicate chapter id", ManifestError, "chapter id 'niveau' appears twice")
def _(ctx: Ctx) -> bytes:
    return resigned(ctx, _set("chapters.1.id", "niveau"))


# --- signed text is text ------------------------------------------------------------------------------------------------

_BAD_TEXT = [
    ("lone surrogate", bundles.LONE_SURROGATE, "a lone surrogate (U+D800) at position 2"),
    ("escape sequence", bundles.ESCAPE_SEQUENCE, "a control character (U+001B) at position 2"),
    ("C1 control", "\x9b31m", "a control character (U+009B) at position 2"),
    ("bidi override", "\u202e", "a bidirectional control character (U+202E) at position 2"),
]

for _where, _path, _multiline in bundles.MANIFEST_TEXT_FIELDS:
    for _kind, _bad, _message in [*_BAD_TEXT, *([] if _multiline else [("line break", "\n", "a line break (U+000A)")])]:
        case(f"{_kind} in {_where}", UnsafeTextError, f"{_where} contains {_message}")(
            lambda ctx, _path=_path, _bad=_bad: bundles.with_manifest_text(ctx.base, ctx.key, _path, _bad)
        )

for _where, _path, _multiline in bundles.CHECKLIST_TEXT_FIELDS:
    for _kind, _bad, _message in [*_BAD_TEXT, *([] if _multiline else [("line break", "\n", "a line break (U+000A)")])]:
        case(f"{_kind} in {_where}", UnsafeTextError, f"{_where} contains {_message}")(
            lambda ctx, _path=_path, _bad=_bad: bundles.with_checklist_text(ctx.base, ctx.key, _path, _bad)
        )

for _kind, _bad, _message in _BAD_TEXT[1:]:  # a lone surrogate cannot be UTF-8: see the case after this
    case(f"{_kind} in a chapter", UnsafeTextError, f"chapters/01-niveau.md contains {_message.replace('position 2', 'position 6')}")(
        lambda ctx, _bad=_bad: bundles.with_chapter_text(ctx.base, ctx.key, _bad)
    )

case("lone surrogate in a chapter", ManifestError, "chapters/01-niveau.md is not UTF-8 text")(
    lambda ctx: bundles.with_chapter_text(ctx.base, ctx.key, bundles.LONE_SURROGATE)
)

for _kind, _bad, _message in [("escape sequence", "\x1b]0;signer: NCTV\x07", "U+001B"), ("C1 control", "\x9b2K", "U+009B"),
                              ("bidi override", "\u202e", "U+202E")]:
    case(f"{_kind} in the trusted comment", UnsafeTextError, f"the signature's trusted comment contains a")(
        lambda ctx, _bad=_bad: bundles.with_trusted_comment(ctx.base, ctx.key, f"timestamp:1718092800\tfile:manifest.json{_bad}")
    )


@case("lone surrogate in a field name", ManifestError, "manifest has unknown field(s): '\\ud800'")
def _(ctx: Ctx) -> bytes:
    return bundles.resign(ctx.base, ctx.key, bundles.ascii_json({**bundles.manifest_of(ctx.base), bundles.LONE_SURROGATE: "x"}))


for _id, _path, _value, _message in [
    ("30 February", "edition.date", "2023-02-30", "manifest.edition.date '2023-02-30' is not a real calendar date"),
    ("month 13", "edition.date", "2024-13-01", "manifest.edition.date '2024-13-01' is not a real calendar date"),
    ("month 13 in since", "level.since", "2013-13", "manifest.level.since '2013-13' is not a real calendar date"),
    ("29 February in a common year", "level_events.0.start", "2019-02-29", "manifest.level_events[0].start '2019-02-29' is not a real"),
    ("31 April", "level_events.0.end", "2019-04-31", "manifest.level_events[0].end '2019-04-31' is not a real"),
    ("hour 24", "created", "2024-06-11T24:00:00Z", "manifest.created '2024-06-11T24:00:00Z' is not a real calendar time"),
    ("second 61", "created", "2024-06-11T08:00:61Z", "manifest.created '2024-06-11T08:00:61Z' is not a real calendar time"),
    ("year 0001", "edition.date", "0001-01-01", "manifest.edition.date '0001-01-01' is not a real date between 1900 and 2200"),
    ("Arabic-Indic digits", "edition.date", "٢٠٢٤-٠٦-١١", "manifest.edition.date '٢٠٢٤-٠٦-١١' is not a real date"),
    ("time without zone", "created", "2024-06-11T08:00:00", "manifest.created '2024-06-11T08:00:00' is not a real time"),
]:
    case(f"date: {_id}", InvalidDateError, _message)(
        lambda ctx, _path=_path, _value=_value: bundles.resign(
            ctx.base, ctx.key, _set(_path, _value), trusted_comment="timestamp:1718092800\tfile:manifest.json\thashed"
        )
    )


# --- assets are what they claim to be -------------------------------------------------------------------------------------

for _id, _name, _data, _message in [
    ("SVG asset referencing a local file", "assets/kaart.svg", bundles.svg_image("/etc/passwd"),
     "assets/kaart.svg: SVG images are not allowed (an SVG can reference local files"),
    ("SVG asset referencing a device", "assets/kaart.svg", bundles.svg_image("/dev/stdin"), "assets/kaart.svg: SVG images are not allowed"),
    ("BMP asset", "assets/kaart.bmp", b"BM" + bytes(60), "assets/kaart.bmp: assets must be PNG, JPEG, GIF or WebP images"),
    ("asset without a type", "assets/kaart", bundles.png_image(4, 4), "assets/kaart: assets must be PNG, JPEG, GIF or WebP images"),
    ("SVG named .png", "assets/kaart.png", bundles.svg_image("/etc/passwd"),
     "assets/kaart.png is named as a PNG image, but its content is not PNG"),
    ("PDF named .jpg", "assets/kaart.jpg", bundles.PDF_DOCUMENT, "assets/kaart.jpg is named as a JPEG image, but its content is not JPEG"),
    ("PNG named .gif", "assets/kaart.gif", bundles.png_image(4, 4), "assets/kaart.gif is named as a GIF image, but its content is not GIF"),
    ("GIF named .webp", "assets/kaart.webp", bundles.gif_header(4, 4), "assets/kaart.webp is named as a WEBP image"),
    ("PNG bomb", "assets/bom.png", bundles.png_image(60_000, 60_000), "assets/bom.png is 60000 x 60000 pixels; an image may be at most"),
    ("PNG too wide", "assets/bom.png", bundles.png_image(20_000, 10), "assets/bom.png is 20000 x 10 pixels"),
    ("PNG of zero width", "assets/leeg.png", bundles.png_image(0, 10), "assets/leeg.png is not a valid PNG image: width or height is 0"),
    ("PNG without IHDR first", "assets/kaart.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "is not a valid PNG image: the first chunk is not IHDR"),
    ("JPEG bomb", "assets/bom.jpg", bundles.jpeg_header(16_000, 16_000), "assets/bom.jpg is 16000 x 16000 pixels"),
    ("JPEG without a frame header", "assets/kaart.jpeg", bundles.jpeg_header(10, 10, frame=False),
     "assets/kaart.jpeg is not a valid JPEG image: no frame header before the image data"),
    ("JPEG cut off", "assets/kaart.jpg", bundles.jpeg_header(10, 10)[:40], "assets/kaart.jpg is not a valid JPEG image: a segment is cut off"),
    ("GIF bomb", "assets/bom.gif", bundles.gif_header(65_535, 65_535), "assets/bom.gif is 65535 x 65535 pixels"),
    ("WebP VP8X bomb", "assets/bom.webp", bundles.webp_image(16_384, 16_384), "assets/bom.webp is 16384 x 16384 pixels"),
    ("WebP VP8L bomb", "assets/bom.webp", bundles.webp_image(10_000, 10_000, "VP8L"), "assets/bom.webp is 10000 x 10000 pixels"),
    ("WebP VP8 bomb", "assets/bom.webp", bundles.webp_image(16_000, 16_000, "VP8 "), "assets/bom.webp is 16000 x 16000 pixels"),
    ("WebP with an unknown chunk", "assets/kaart.webp", bundles.webp_image(4, 4)[:12] + b"ALPH" + bytes(20), "unknown first chunk"),
]:
    case(f"asset: {_id}", UnsafeAssetError, _message)(
        lambda ctx, _name=_name, _data=_data: bundles.with_asset(ctx.base, ctx.key, _name, _data)
    )


# --- the tests ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ctx(publisher_key: SecretKey, other_key: SecretKey, bundle_bytes: bytes) -> Ctx:
    return Ctx(publisher_key, other_key, bundle_bytes)


def _trust_for(kind: str, request: pytest.FixtureRequest) -> TrustStore:
    return request.getfixturevalue({"publisher": "trust_store", "revoked": "revoked_trust_store", "feed": "feed_trust_store"}[kind])


def test_enough_distinct_cases() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 30


@pytest.mark.parametrize("hostile", CASES, ids=[c.id for c in CASES])
def test_hostile_bundle_refused(hostile: Case, ctx: Ctx, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    data = hostile.make(ctx)
    path = bundles.write(tmp_path / "hostile.dtnb", data)
    trust = _trust_for(hostile.trust, request)
    with pytest.raises(DTNError) as info:
        verify_bundle(path, trust)
    assert type(info.value) is hostile.error, f"{type(info.value).__name__}: {info.value}"
    assert hostile.message in str(info.value)
    assert path.read_bytes() == data  # verification never writes


THREADED = ArchiveLimits(hash_threads=3, parallel_hash_min_bytes=0)  # every bundle's stored members hashed by threads


@pytest.mark.parametrize("hostile", CASES, ids=[c.id for c in CASES])
def test_hostile_bundle_refused_alike_when_members_are_hashed_by_threads(
    hostile: Case, ctx: Ctx, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The threaded hashing of stored members (used for bundles of many bytes) refuses every
    hostile bundle with the same error, in the same order of checks, as the plain one."""
    from reader.core.bundle import BundleLimits

    path = bundles.write(tmp_path / "hostile.dtnb", hostile.make(ctx))
    trust = _trust_for(hostile.trust, request)
    outcomes = []
    for archive in (ArchiveLimits(), THREADED):
        with pytest.raises(DTNError) as info:
            verify_bundle(path, trust, BundleLimits(archive=archive))
        outcomes.append((type(info.value), str(info.value), info.value.code))
    assert outcomes[0] == outcomes[1]


def test_threaded_hashing_reports_the_first_bad_member_in_archive_order(ctx: Ctx, trust_store: TrustStore, tmp_path: Path) -> None:
    """Two altered images, hashed by different threads: the one earlier in the archive is named."""
    from reader.core.bundle import BundleLimits

    members = {n: c for n, c in bundles.members_of(ctx.base).items() if n not in (MANIFEST_NAME, SIGNATURE_NAME)}
    images = {f"assets/beeld-{i:02d}.png": level_bar_png() + bytes([i]) * 2000 for i in range(12)}
    members.update(images)
    signed = bundles.resign(ctx.base, ctx.key, lambda m: bundles.refresh_files(m, members), members=members)
    for late in ("assets/beeld-09.png", "assets/beeld-03.png"):
        signed = bundles.replace_member(signed, late, images[late][:-1] + b"\xff")
    path = bundles.write(tmp_path / "two-altered.dtnb", signed)
    for archive in (ArchiveLimits(), THREADED):
        with pytest.raises(IntegrityError, match="assets/beeld-03.png was altered"):
            verify_bundle(path, trust_store, BundleLimits(archive=archive))
    valid = bundles.write(tmp_path / "valid.dtnb", bundles.resign(ctx.base, ctx.key, lambda m: bundles.refresh_files(m, members), members=members))
    plain, threaded = (verify_bundle(valid, trust_store, BundleLimits(archive=a)) for a in (ArchiveLimits(), THREADED))
    assert (plain.files_checked, plain.texts, plain.manifest) == (threaded.files_checked, threaded.texts, threaded.manifest)


def test_repacked_bundle_still_verifies(ctx: Ctx, trust_store: TrustStore, tmp_path: Path) -> None:
    """The factory's own zip writer produces bundles the reader accepts, so the cases above break one thing each."""
    for data in (
        bundles.repack(bundles.members_of(ctx.base)),
        bundles.write_zip(bundles.raw_entries(ctx.base)),
        bundles.resign(ctx.base, ctx.key),
        bundles.resign(ctx.base, ctx.key, lambda m: m.update(summary="Gewijzigd.")),
    ):
        assert verify_bundle(bundles.write(tmp_path / "ok.dtnb", data), trust_store).manifest.bundle_id == "test-2024-06"


# --- positive tests ---------------------------------------------------------------------------------------------------------


def test_valid_bundle_verifies(bundle_path: Path, trust_store: TrustStore, publisher_key: SecretKey) -> None:
    vb = verify_bundle(bundle_path, trust_store)
    m = vb.manifest
    assert (m.bundle_id, m.revision, m.edition_date, m.edition_number, m.edition_name) == (
        "test-2024-06", 2, "2024-06-11", 60, "DTN juni 2024 (test)"
    )
    assert (m.level.value, m.level.label, m.level.scale, m.level.since) == (4, "Substantieel", "dtn-5", "2013-03")
    assert [(e.value, e.label, e.region, e.end) for e in m.level_events] == [(5, "Kritiek", "Provincie Utrecht", "2019-03-19")]
    assert [c.id for c in m.chapters] == ["niveau", "online"]
    assert m.chapters[1].themes == ("online-radicalisering", "minderjarigen") and m.chapters[1].theme_chapter
    assert m.assets == (ASSET,)
    assert m.demo is True and m.language == "nl" and m.publisher == "Testredactie"
    assert vb.signer_name == bundles.PUBLISHER_NAME
    assert vb.signer_key_id == publisher_key.key_id_hex
    assert vb.files_checked == 6
    assert vb.trusted_comment == "timestamp:1718092800\tfile:manifest.json\thashed\tbundle:test-2024-06\trevision:2"
    assert vb.manifest_bytes == bundles.members_of(bundle_path.read_bytes())[MANIFEST_NAME]


def test_texts_and_checklists(bundle_path: Path, trust_store: TrustStore) -> None:
    vb = verify_bundle(bundle_path, trust_store)
    assert set(vb.texts) == {CH1, CH2, CHECKLIST}
    assert vb.text(CH1) == bundles.CHAPTER_LEVEL.decode()
    assert vb.text(CH2).startswith("Jongeren radicaliseren online.")
    checklist = vb.checklist(vb.manifest.checklists[0])
    assert (checklist.id, checklist.partner) == ("politie", "Politie")
    assert [(i.id, i.priority) for i in checklist.items] == [("politie-toezicht", "hoog"), ("politie-signalen", "middel")]


def test_read_asset(bundle_path: Path, trust_store: TrustStore) -> None:
    manifest = verify_bundle(bundle_path, trust_store).manifest
    assert read_asset(bundle_path, manifest, ASSET) == level_bar_png()
    assert hashlib.sha256(read_asset(bundle_path, manifest, ASSET)).hexdigest() == manifest.file(ASSET).sha256


def test_read_asset_of_an_altered_store_file(bundle_path: Path, trust_store: TrustStore) -> None:
    manifest = verify_bundle(bundle_path, trust_store).manifest
    png = bytearray(level_bar_png())
    png[-20] ^= 0xFF
    bundle_path.write_bytes(bundles.replace_member(bundle_path.read_bytes(), ASSET, bytes(png)))
    with pytest.raises(IntegrityError, match="assets/schaal.png no longer matches the signed manifest"):
        read_asset(bundle_path, manifest, ASSET)


def test_reproducible_build(publisher_key: SecretKey, tmp_path: Path) -> None:
    first = bundles.build(publisher_key)
    assert bundles.build(publisher_key) == first
    assert bundles.build_example(tmp_path / "a", publisher_key) == bundles.build_example(tmp_path / "b", publisher_key)
    assert bundles.build(bundles.new_key()) != first


def test_example_source_bundle_verifies(publisher_key: SecretKey, trust_store: TrustStore, tmp_path: Path) -> None:
    path = bundles.write(tmp_path / "example.dtnb", bundles.build_example(tmp_path / "src", publisher_key))
    vb = verify_bundle(path, trust_store)
    assert vb.manifest.bundle_id == "voorbeeld-2026-06"
    assert vb.files_checked == 6


def test_limits_are_configurable(bundle_path: Path, trust_store: TrustStore) -> None:
    from reader.core.bundle import BundleLimits

    with pytest.raises(LimitExceededError, match="at most 3 are allowed"):
        verify_bundle(bundle_path, trust_store, BundleLimits(archive=ArchiveLimits(max_members=3)))


def test_manifest_is_canonical_json(bundle_bytes: bytes) -> None:
    manifest = bundles.members_of(bundle_bytes)[MANIFEST_NAME]
    assert manifest == (json.dumps(json.loads(manifest), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    assert list(bundles.members_of(bundle_bytes))[:2] == [MANIFEST_NAME, SIGNATURE_NAME]


def test_member_methods(bundle_bytes: bytes) -> None:
    methods = {e.name: e.method for e in bundles.raw_entries(bundle_bytes)}
    assert methods[ASSET] == STORED and methods[CH1] == DEFLATED


def test_allowed_extra_fields_verify(ctx: Ctx, trust_store: TrustStore, tmp_path: Path) -> None:
    """What stock zip (UT, ux) and Windows tools (NTFS times) write passes, in both headers."""
    ux = bundles.extra_field(0x7875, b"\x01\x04" + bytes(4) + b"\x04" + bytes(4))
    ntfs = bundles.extra_field(0x000A, bytes(4) + struct.pack("<HH", 1, 24) + bytes(24))
    entries = [
        bundles.replace_raw(entry, extra=bundles.timestamp_extra(1) + ux, local={"extra": bundles.timestamp_extra(3) + ux})
        if i % 2 else bundles.replace_raw(entry, extra=ntfs)
        for i, entry in enumerate(bundles.raw_entries(ctx.base))
    ]
    path = bundles.write(tmp_path / "extras.dtnb", bundles.write_zip(entries))
    assert verify_bundle(path, trust_store).files_checked == 6


@pytest.mark.parametrize(
    ("name", "data", "size"),
    [
        ("assets/a.png", bundles.png_image(640, 480), (640, 480)),
        ("assets/a.jpg", bundles.jpeg_header(1920, 1080), (1920, 1080)),
        ("assets/a.jpeg", bundles.jpeg_header(4000, 4000), (4000, 4000)),
        ("assets/a.gif", bundles.gif_header(320, 200), (320, 200)),
        ("assets/a.webp", bundles.webp_image(800, 600), (800, 600)),
        ("assets/b.webp", bundles.webp_image(801, 601, "VP8L"), (801, 601)),
        ("assets/c.webp", bundles.webp_image(802, 602, "VP8 "), (802, 602)),
    ],
)
def test_allowed_images_verify(ctx: Ctx, trust_store: TrustStore, tmp_path: Path, name: str, data: bytes, size: tuple[int, int]) -> None:
    from reader.core.image import image_info

    assert (image_info(name, data).width, image_info(name, data).height) == size
    path = bundles.write(tmp_path / "img.dtnb", bundles.with_asset(ctx.base, ctx.key, name, data))
    assert name in verify_bundle(path, trust_store).manifest.assets
