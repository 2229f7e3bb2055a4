"""The verify read path's shortcuts agree with the plain checks they stand in for."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.archive import Archive
from reader.core.bundle import SHA256_RE, FileEntry, _Fields, _well_formed_file_entry
from reader.core.errors import ArchiveError, ManifestError
from tests.helpers import bundles as bf

VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 2**41), st.floats(allow_nan=False),
    st.sampled_from(["", " ", "assets/a.png", "a" * 255, "a" * 256, "0" * 64, "f" * 64, "F" * 64, "0" * 63, " " + "0" * 63]),
    st.lists(st.integers(), max_size=2),
)
ENTRY = st.one_of(
    st.dictionaries(st.sampled_from(["path", "size", "sha256", "extra"]), VALUE, max_size=4),
    st.fixed_dictionaries({"path": VALUE, "size": VALUE, "sha256": VALUE}),
    VALUE,
)


def checked_entry(raw) -> FileEntry | None:
    """The field checks parse_manifest applies to one files entry."""
    try:
        fe = _Fields(raw, "manifest.files[0]", {"path", "size", "sha256"})
        return FileEntry(fe.text("path", 255), fe.integer("size", 0, 2**40), fe.text("sha256", 64, pattern=SHA256_RE))
    except ManifestError:
        return None


@settings(max_examples=3000, suppress_health_check=list(HealthCheck), deadline=None)
@given(ENTRY)
def test_well_formed_file_entry_is_what_the_field_checks_accept(raw) -> None:
    assert _well_formed_file_entry(raw) == checked_entry(raw)


def test_archive_sha256_of_stored_and_deflated_members(tmp_path: Path) -> None:
    members = {"assets/big.png": bytes(range(256)) * 9000, "assets/small.png": b"x", "chapters/a.md": " ".join(str(i * 7919 % 10007) for i in range(20000)).encode()}
    path = bf.write(tmp_path / "z.zip", bf.repack(members))
    with Archive.open(str(path)) as archive:
        for name, content in members.items():
            assert archive.sha256(name) == (hashlib.sha256(content).hexdigest(), len(content))
            assert archive.read(name) == content


def test_archive_sha256_sees_a_member_cut_short(tmp_path: Path) -> None:
    content = bytes(range(256)) * 4000
    path = bf.write(tmp_path / "z.zip", bf.repack({"assets/big.png": content}))
    with Archive.open(str(path)) as archive:
        # Cut the file behind the archive's back after the structural checks.
        data_offset = archive.members["assets/big.png"].data_offset
        with open(path, "r+b") as f:
            f.truncate(data_offset + 1000)
        with pytest.raises(ArchiveError, match="truncated"):
            archive.sha256("assets/big.png")


def test_archive_sha256_and_head_is_the_digest_and_the_first_bytes(tmp_path: Path) -> None:
    big = bytes(range(256)) * 9000  # more than one read chunk: the head comes from the first fill
    members = {"assets/big.png": big, "assets/small.png": b"x", "chapters/a.md": " ".join(str(i * 7919 % 10007) for i in range(20000)).encode()}
    path = bf.write(tmp_path / "z.zip", bf.repack(members))
    with Archive.open(str(path)) as archive:
        for name, content in members.items():
            for head in (0, 1, 30, 64, len(content), len(content) + 5):
                assert archive.sha256_and_head(name, head) == (hashlib.sha256(content).hexdigest(), len(content), content[:head])


def _image_outcome(name: str, data: bytes, **kw):
    from reader.core.errors import UnsafeAssetError
    from reader.core.image import ImageLimits, image_info

    try:
        return image_info(name, data, ImageLimits(max_image_side=5000, max_image_pixels=10_000_000), **kw)
    except UnsafeAssetError as exc:
        return (exc.code, str(exc), dict(exc.params))


IMAGES = st.sampled_from(["png", "gif", "webp-VP8X", "webp-VP8L", "webp-VP8 ", "jpeg"])


@settings(max_examples=400, suppress_health_check=list(HealthCheck), deadline=None)
@given(IMAGES, st.integers(0, 9000), st.integers(0, 9000), st.integers(0, 80), st.binary(max_size=200), st.integers(-1, 3))
def test_an_image_header_decides_as_the_whole_file(kind, width, height, cut, tail, flip) -> None:
    """verify_bundle checks PNG, GIF and WebP assets on their first IMAGE_HEADER_BYTES (the
    member streamed through the hash), and a JPEG only whole; for any content the header
    gives the same answer as the whole file, including every refusal."""
    from reader.core.image import IMAGE_HEADER_BYTES, header_suffices

    w, h = max(width, 1), max(height, 1)
    if kind == "png":
        name, data = "assets/a.png", bf.png_image(1, 1)[:16] + w.to_bytes(4, "big") + h.to_bytes(4, "big") + bf.png_image(1, 1)[24:]
    elif kind == "gif":
        name, data = "assets/a.gif", bf.gif_header(w % 65536, h % 65536)
    elif kind == "jpeg":
        name, data = "assets/a.jpg", bf.jpeg_header(w % 65536, h % 65536)
    else:
        name, data = "assets/a.webp", bf.webp_image(w % 16384 or 1, h % 16384 or 1, kind.split("-")[1])
    data = data + tail
    if cut:
        data = data[:cut]  # a header cut short
    if 0 <= flip < len(data):
        data = data[:flip] + bytes([data[flip] ^ 0x40]) + data[flip + 1:]  # a damaged magic number
    if header_suffices(name, len(data)):
        assert _image_outcome(name, data[:IMAGE_HEADER_BYTES], size=len(data)) == _image_outcome(name, data)
    else:
        assert kind == "jpeg" and len(data) > IMAGE_HEADER_BYTES


def test_verify_refuses_an_oversized_png_streamed_through_the_hash(tmp_path: Path, publisher_key, trust_store) -> None:
    """The header path still sees the pixel size of a stored PNG far larger than its header."""
    from reader.core.bundle import verify_bundle
    from reader.core.errors import UnsafeAssetError
    from reader.core.image import IMAGE_HEADER_BYTES

    png = bf.png_image(1, 1)
    huge = png[:16] + (20000).to_bytes(4, "big") + (20000).to_bytes(4, "big") + png[24:] + bytes(300_000)
    base = bf.build(publisher_key)
    members = {n: c for n, c in bf.members_of(base).items() if n not in ("manifest.json", "manifest.json.minisig")}
    members["assets/kaart.png"] = huge
    assert len(huge) > 4 * IMAGE_HEADER_BYTES
    bundle = bf.resign(base, publisher_key, lambda m: bf.refresh_files(m, members), members=members)
    path = bf.write(tmp_path / "b.dtnb", bundle)
    with pytest.raises(UnsafeAssetError, match="20000 x 20000 pixels"):
        verify_bundle(path, trust_store)


def test_every_character_a_chapter_may_not_hold_has_a_suspect_byte_in_utf_8() -> None:
    """verify_bundle scans a chapter's characters only if its bytes hold one of
    _DOCUMENT_SUSPECT_BYTES: every character check_document refuses must encode with one."""
    from reader.core.bundle import _DOCUMENT_SUSPECT_BYTES
    from reader.core.errors import UnsafeTextError
    from reader.core.text import check_document

    suspect = set(_DOCUMENT_SUSPECT_BYTES)
    refused = 0
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # no UTF-8: the decode refuses them first
        ch = chr(code)
        try:
            check_document(ch, "c")
        except UnsafeTextError:
            refused += 1
            assert suspect & set(ch.encode("utf-8")), f"U+{code:04X}"
    assert refused == 29 + 1 + 32 + 1 + 2 + 5 + 4 + 2 + 3  # C0 but tab/LF/CR, DEL, C1, U+061C, U+2028/9, bidi, marks, U+FEFF/FFFE/FFFF


@pytest.mark.parametrize("bad", ["\x0c", "\x1b[2J", "\x7f", "\x85", "\u061c", "\u200f", "\u2028", "\u202e", "\u2066", "\ufeff", "\uffff"])
def test_a_chapter_with_a_refused_character_still_fails_the_verify(tmp_path: Path, publisher_key, trust_store, bad) -> None:
    from reader.core.bundle import verify_bundle
    from reader.core.errors import UnsafeTextError

    base = bf.build(publisher_key)
    members = {n: c for n, c in bf.members_of(base).items() if n not in ("manifest.json", "manifest.json.minisig")}
    name = next(n for n in members if n.startswith("chapters/"))
    members[name] = f"# Kop\n\nTekst met \u00eb en \u2019 en {bad} erin.\n".encode()
    bundle = bf.resign(base, publisher_key, lambda m: bf.refresh_files(m, members), members=members)
    with pytest.raises(UnsafeTextError, match=f"{name} contains .* at position 28"):
        verify_bundle(bf.write(tmp_path / "b.dtnb", bundle), trust_store)
