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
