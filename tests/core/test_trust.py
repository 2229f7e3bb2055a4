"""The trust store: publisher binding of keys, trust changes as audit rows, undoing a revocation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.bundle import verify_bundle
from reader.core.errors import PublisherMismatchError, TrustStoreError
from reader.core.paths import builtin_trust_dir
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf


def bundle_for(tmp_path: Path, key, publisher: str) -> Path:
    manifest = bf.sample_manifest()
    manifest["publisher"] = publisher
    return bf.write(tmp_path / f"{abs(hash(publisher))}.dtnb", bf.build(key, manifest))


def test_key_signs_only_for_its_publisher(tmp_path: Path, publisher_key) -> None:
    store = TrustStore(tmp_path / "trust")
    key = store.add(publisher_key.public.to_file(), name="Sleutel 2026", publisher="Testredactie")
    assert (key.publisher, key.unbound) == ("Testredactie", False)
    assert verify_bundle(bundle_for(tmp_path, publisher_key, "Testredactie"), store).manifest.publisher == "Testredactie"
    # Case and runs of spacing do not matter; another name, or a look-alike letter, does.
    assert verify_bundle(bundle_for(tmp_path, publisher_key, "testredactie "), store)
    for other in ("NCTV", "Tеstredactie"):  # the second holds a Cyrillic e
        with pytest.raises(PublisherMismatchError) as caught:
            verify_bundle(bundle_for(tmp_path, publisher_key, other), store)
        assert caught.value.code == "publisher-other-than-key"
        assert str(caught.value) == (
            f"the bundle names publisher {other!r}, but key {publisher_key.key_id_hex} (Sleutel 2026) is trusted "
            "only for publisher 'Testredactie'; the bundle was refused"
        )
        assert caught.value.params["key_publisher"] == "Testredactie"


def test_binding_survives_reading_the_store_again(tmp_path: Path, publisher_key) -> None:
    TrustStore(tmp_path / "trust").add(publisher_key.public.to_file(), name="Sleutel", publisher="Testredactie", source="/media/usb/nctv.pub")
    key = TrustStore(tmp_path / "trust").get(publisher_key.key_id_hex)
    assert (key.publisher, key.unbound, key.source) == ("Testredactie", False, "/media/usb/nctv.pub")
    meta = json.loads((tmp_path / "trust" / f"{publisher_key.key_id_hex}.json").read_text())
    assert meta["publisher"] == "Testredactie" and "unbound" not in meta and "any_publisher" not in meta


def test_a_key_from_before_publisher_binding_is_unbound_until_bound(tmp_path: Path, publisher_key) -> None:
    store = TrustStore(tmp_path / "trust")
    store.add(publisher_key.public.to_file(), name="Testredactie")
    meta_path = tmp_path / "trust" / f"{publisher_key.key_id_hex}.json"
    meta = json.loads(meta_path.read_text())
    assert "publisher" not in meta  # what an older version wrote
    key = store.get(publisher_key.key_id_hex)
    assert key.unbound and key.signs_for("anyone")
    seen = []
    store.audit = lambda action, key, detail: seen.append((action, key.key_id, detail))
    bound = store.bind_publisher(publisher_key.key_id_hex, "Testredactie", "bound to the publisher of test-2024-06")
    assert (bound.publisher, bound.unbound) == ("Testredactie", False)
    assert not store.get(publisher_key.key_id_hex).signs_for("NCTV")
    assert seen == [("publisher bound", publisher_key.key_id_hex, "bound to the publisher of test-2024-06")]


@pytest.mark.parametrize("bad", ["NCTV\x1b[2J", "NC\u202eTV", "a" * 201, "x\ud800"])
def test_a_publisher_name_must_be_plain_text(tmp_path: Path, publisher_key, bad: str) -> None:
    store = TrustStore(tmp_path / "trust")
    with pytest.raises(TrustStoreError) as caught:
        store.add(publisher_key.public.to_file(), name="Sleutel", publisher=bad)
    assert caught.value.code in ("trust-name-invalid", "trust-name-too-long")
    assert "publisher name" in str(caught.value)
    assert not (tmp_path / "trust").exists() or list((tmp_path / "trust").iterdir()) == []


def test_trust_changes_are_told_to_the_audit(tmp_path: Path, publisher_key) -> None:
    seen = []
    store = TrustStore(tmp_path / "trust", audit=lambda action, key, detail: seen.append((action, key.key_id, detail)))
    key = store.add(publisher_key.public.to_file(), name="Sleutel", publisher="Testredactie", source="/tmp/x.pub")
    revoked_at = store.revoke(key.key_id, "sleutel uitgelekt").revoked_at
    assert store.get(key.key_id).revoked
    store.unrevoke(key.key_id)
    assert not store.get(key.key_id).revoked
    assert seen == [
        ("key added", key.key_id, f"fingerprint {key.key.fingerprint}, from /tmp/x.pub"),
        ("key revoked", key.key_id, "reason: sleutel uitgelekt"),
        ("revocation undone", key.key_id, f"was revoked on {revoked_at}"),
    ]
    with pytest.raises(TrustStoreError, match=f"key {key.key_id} is not revoked"):
        store.unrevoke(key.key_id)


def test_undoing_the_revocation_of_a_built_in_key_removes_only_the_users_record(tmp_path: Path) -> None:
    store = TrustStore(tmp_path / "trust", builtin_trust_dir())
    demo = next(k for k in store.keys() if k.demo)
    assert demo.builtin and demo.publisher == "DTN Reader demo (geen NCTV-publicatie)" and not demo.unbound
    store.revoke(demo.key_id, "niet nodig")
    assert store.get(demo.key_id).revoked
    store.unrevoke(demo.key_id)
    assert not store.get(demo.key_id).revoked
    assert list((tmp_path / "trust").iterdir()) == []
    assert (builtin_trust_dir() / f"{demo.key_id}.json").is_file()


def test_only_the_built_in_demo_key_is_the_demo_key(tmp_path: Path, publisher_key) -> None:
    store = TrustStore(tmp_path / "trust")
    key = store.add(publisher_key.public.to_file(), name="Sleutel", publisher="Testredactie")
    meta_path = tmp_path / "trust" / f"{key.key_id}.json"
    meta = json.loads(meta_path.read_text())
    meta["demo"] = True
    meta_path.write_text(json.dumps(meta))
    assert store.get(key.key_id).demo is False
