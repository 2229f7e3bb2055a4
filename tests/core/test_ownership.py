"""A bundle id belongs to the publisher that first brought it; demo content never owns one next to real content."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reader.core import bundle as bundle_module
from reader.core.errors import BundleOwnerError, ManifestError, PublisherMismatchError
from reader.core.library import Library
from reader.core.library.deepcheck import deep_check
from reader.core.paths import builtin_trust_dir
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf
from tests.helpers.snapshot import audit_rows, library_state

NCTV, OTHER = "NCTV", "Andere uitgever"


@pytest.fixture(scope="module")
def keys():
    return {"nctv": bf.new_key(), "nctv-2027": bf.new_key(), "other": bf.new_key()}


@pytest.fixture
def folder(tmp_path: Path, keys) -> Path:
    folder = tmp_path / "lib"
    trust = TrustStore(folder / "trust")
    trust.add(keys["nctv"].public.to_file(), name="NCTV 2026", publisher=NCTV)
    trust.add(keys["other"].public.to_file(), name="Tweede", publisher=OTHER)
    with Library.open(folder, trust=trust) as lib:
        first = lib.import_file(bf.write(tmp_path / "in" / "real.dtnb", bf.edition_of(keys["nctv"], bundle_id="dtn-2026-12", publisher=NCTV)))
        assert first.status == "imported", first.reason
    return folder


def open_lib(folder: Path) -> Library:
    return Library.open(folder, trust=TrustStore(folder / "trust"))


def refused(folder: Path, path: Path, error: type, message: str) -> None:
    """Import ``path``: refused with ``error`` and ``message``; nothing changed but one audit row."""
    before, audit_before = library_state(folder), audit_rows(folder)
    with open_lib(folder) as lib:
        result = lib.import_file(path)
    assert (result.status, result.error_type) == ("rejected", error.__name__), result.reason
    assert result.reason == message
    assert library_state(folder) == before
    audit = audit_rows(folder)
    assert audit[: len(audit_before)] == audit_before and len(audit) == len(audit_before) + 1
    assert audit[-1][1:3] == ("rejected", message)


@pytest.mark.parametrize("revision", [2, 9999])
def test_another_publishers_higher_revision_is_refused_and_the_first_stays_current(folder: Path, tmp_path: Path, keys, revision: int) -> None:
    path = bf.write(tmp_path / "usb" / "takeover.dtnb",
                    bf.edition_of(keys["other"], bundle_id="dtn-2026-12", revision=revision, publisher=OTHER, level=(5, "Kritiek")))
    refused(folder, path, BundleOwnerError,
            f"dtn-2026-12 belongs to publisher 'NCTV', who brought it first; publisher 'Andere uitgever' "
            f"(key {keys['other'].key_id_hex}) cannot replace it, whatever the revision")
    with open_lib(folder) as lib:
        current = lib.edition("dtn-2026-12")
        assert (current.revision, current.publisher, current.level_value) == (1, NCTV, 4)
        assert [e.bundle_id for e in lib.editions()] == ["dtn-2026-12"]


def test_another_publishers_key_cannot_claim_the_id_by_naming_the_owner(folder: Path, tmp_path: Path, keys) -> None:
    path = bf.write(tmp_path / "usb" / "named.dtnb", bf.edition_of(keys["other"], bundle_id="dtn-2026-12", revision=2, publisher=NCTV))
    refused(folder, path, PublisherMismatchError,
            f"the bundle names publisher 'NCTV', but key {keys['other'].key_id_hex} (Tweede) is trusted only for "
            "publisher 'Andere uitgever'; the bundle was refused")


def test_an_absurd_revision_is_refused_so_no_id_can_be_parked(folder: Path, tmp_path: Path, keys) -> None:
    path = bf.write(tmp_path / "usb" / "park.dtnb", bf.edition_of(keys["other"], bundle_id="dtn-2027-06", publisher=OTHER, revision=1))
    manifest = bf.manifest_of(path.read_bytes())
    manifest["revision"] = 2**31
    with pytest.raises(ManifestError, match=r"manifest.revision = 2147483648 is outside 1..9999"):
        from reader.core.bundle import parse_manifest, ManifestLimits
        parse_manifest(manifest, ManifestLimits())


def test_a_new_key_of_the_same_publisher_takes_over_its_ids_and_is_audited(folder: Path, tmp_path: Path, keys) -> None:
    with open_lib(folder) as lib:
        lib.trust.add(keys["nctv-2027"].public.to_file(), name="NCTV 2027", publisher=NCTV, source="/media/usb/nctv-2027.pub")
        result = lib.import_file(bf.write(tmp_path / "in" / "r2.dtnb",
                                          bf.edition_of(keys["nctv-2027"], bundle_id="dtn-2026-12", revision=2, publisher=NCTV)))
        assert (result.status, result.superseded) == ("imported", 1), result.reason
        assert lib.edition("dtn-2026-12").signer_key_id == keys["nctv-2027"].key_id_hex
    rows = audit_rows(folder)
    assert ("trust store", "key added", f"fingerprint {keys['nctv-2027'].public.fingerprint}, from /media/usb/nctv-2027.pub",
            f"NCTV 2027 ({keys['nctv-2027'].key_id_hex})", None, None, None) in rows
    assert ("trust store", "key rotated",
            f"publisher 'NCTV' now signs dtn-2026-12 with key {keys['nctv-2027'].key_id_hex} (was {keys['nctv'].key_id_hex})",
            f"NCTV 2027 ({keys['nctv-2027'].key_id_hex})", "dtn-2026-12", 2, None) in rows


def test_rebuild_keeps_the_first_publisher_of_an_id(folder: Path, tmp_path: Path, keys) -> None:
    # As if the other publisher's bundle had got into the store (say, by an older version).
    data = bf.edition_of(keys["other"], bundle_id="dtn-2026-12", revision=7, publisher=OTHER)
    with open_lib(folder) as lib:
        staged = lib.store.stage_chunks([data], 10**9)
        sha = staged.sha256
        lib.store.commit(staged)
        report = lib.rebuild()
        assert report["indexed"] == 1 and [s for s, _ in report["rejected"]] == [sha]
        assert "belongs to publisher 'NCTV'" in report["rejected"][0][1]
        assert lib.edition("dtn-2026-12").revision == 1


def test_recovery_quarantines_a_stored_file_that_fails_again_and_opens(folder: Path, tmp_path: Path, keys) -> None:
    data = bf.edition_of(keys["other"], bundle_id="dtn-2026-12", revision=3, publisher=OTHER)
    with open_lib(folder) as lib:
        staged = lib.store.stage_chunks([data], 10**9)
        sha = staged.sha256
        lib.store.commit(staged)  # the process "died" before indexing
    with open_lib(folder) as lib:  # startup recovery
        assert not lib.store.has(sha)
        assert (folder / "quarantine" / f"{sha}.dtnb").read_bytes() == data
        assert [e.revision for e in lib.editions()] == [1]
        assert deep_check(lib).ok
    [row] = [r for r in audit_rows(folder) if r[1] == "quarantined"]
    assert row[0] == "store" and "belongs to publisher 'NCTV'" in row[2]


def test_recovery_quarantines_a_bundle_that_crashes_indexing(folder: Path, tmp_path: Path, keys, monkeypatch) -> None:
    data = bf.edition_of(keys["nctv"], bundle_id="dtn-2027-01", publisher=NCTV)
    with open_lib(folder) as lib:
        staged = lib.store.stage_chunks([data], 10**9)
        sha = staged.sha256
        lib.store.commit(staged)
    from reader.core.library import importing

    def crash(*args, **kwargs):
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(importing, "index", crash)
    with open_lib(folder) as lib:
        assert [e.bundle_id for e in lib.editions()] == ["dtn-2026-12"]
    assert (folder / "quarantine" / f"{sha}.dtnb").is_file()
    [row] = [r for r in audit_rows(folder) if r[1] == "quarantined"]
    assert "unexpected UnicodeEncodeError" in row[2] and "a bug; please report it" in row[2]


# --- demo content next to real content ---------------------------------------------------------


@pytest.fixture
def demo_key():
    from reader.core.demo import demo_key

    return demo_key()


def demo_trusting(folder: Path, keys) -> Library:
    return Library.open(folder, trust=TrustStore(folder / "trust", builtin_trust_dir()))


DEMO_PUBLISHER = "DTN Reader demo (geen NCTV-publicatie)"


def test_a_real_edition_replaces_the_demo_edition_of_the_same_id(tmp_path: Path, keys, demo_key, monkeypatch) -> None:
    folder = tmp_path / "lib"
    demo_bundle = bf.edition_of(demo_key, bundle_id="dtn-2024-06", publisher=DEMO_PUBLISHER, demo=True, revision=2)
    # The demo key is accepted only for the bundles the app ships: this one is made one for the test.
    monkeypatch.setattr(bundle_module, "DEMO_BUNDLE_SHA256", frozenset({hashlib.sha256(demo_bundle).hexdigest()}))
    with demo_trusting(folder, keys) as lib:
        lib.trust.add(keys["nctv"].public.to_file(), name="NCTV 2026", publisher=NCTV)
        demo = lib.import_file(bf.write(tmp_path / "d.dtnb", demo_bundle))
        assert demo.status == "imported", demo.reason
        real = lib.import_file(bf.write(tmp_path / "r.dtnb", bf.edition_of(keys["nctv"], bundle_id="dtn-2024-06", publisher=NCTV)))
        assert real.status == "imported", real.reason
        [edition] = lib.editions(include_superseded=True, include_hidden=True)
        assert (edition.publisher, edition.demo, edition.revision) == (NCTV, False, 1)
        assert not lib.store.has(demo.sha256)
        again = lib.import_file(tmp_path / "d.dtnb")
        assert again.error_type == "BundleOwnerError"
        assert again.reason.startswith("dtn-2024-06 belongs to publisher 'NCTV', who brought it first; demo content")
        assert deep_check(lib).ok
    assert ("demo library", "demo replaced") in [r[:2] for r in audit_rows(folder)]


def test_a_key_without_a_publisher_is_bound_by_its_first_bundle(tmp_path: Path, keys) -> None:
    folder = tmp_path / "lib"
    with Library.open(folder, trust=TrustStore(folder / "trust")) as lib:
        lib.trust.add(keys["other"].public.to_file(), name="Oude sleutel")
        assert lib.trust.get(keys["other"].key_id_hex).unbound
        assert lib.import_file(bf.write(tmp_path / "a.dtnb", bf.edition_of(keys["other"], bundle_id="x-1", publisher=OTHER))).ok
        key = lib.trust.get(keys["other"].key_id_hex)
        assert (key.publisher, key.unbound) == (OTHER, False)
        later = lib.import_file(bf.write(tmp_path / "b.dtnb", bf.edition_of(keys["other"], bundle_id="x-2", publisher=NCTV)))
        assert later.error_type == "PublisherMismatchError"
    assert [r[1] for r in audit_rows(folder) if r[0] == "trust store"] == ["key added", "publisher bound"]
