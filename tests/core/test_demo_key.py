"""The demo key proves nothing (its secret ships with the app), so it is confined: only the exact demo
bundles the app ships are accepted from it, and none while the demo library is removed."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import demo_pins
from reader.core.bundle import verify_bundle
from reader.core.demo import PINS_PATH, demo_bundle_paths, demo_key, load_demo, pins_source, remove_demo
from reader.core.errors import DemoKeyError
from reader.core.library import Library
from reader.core.minisign import PublicKey
from reader.core.paths import builtin_trust_dir
from reader.core.trust import TrustStore
from tests.core.test_library_hostile import dump
from tests.helpers import bundles

REPO = Path(__file__).resolve().parents[2]
NOT_SHIPPED = "it is accepted only for the demo bundles that come with the app, and this is not one of them"
SWITCHED_OFF = "the demo library was removed and the demo key switched off on"


def test_pins_are_the_shipped_bundles() -> None:
    shipped = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in demo_bundle_paths()}
    assert len(shipped) == 12
    assert dict(demo_pins.DEMO_BUNDLES) == shipped, "stale pins: run python -m reader.core.demo"
    assert demo_pins.DEMO_BUNDLE_SHA256 == frozenset(shipped.values())
    [pub] = builtin_trust_dir().glob("*.pub")
    key = PublicKey.from_bytes(pub.read_bytes())
    assert (demo_pins.DEMO_KEY_ID, demo_pins.DEMO_PUBLIC_KEY) == (key.key_id_hex, key.encode_line())
    assert demo_key().key_id_hex == demo_pins.DEMO_KEY_ID
    # The generator writes exactly the module that is checked in.
    assert PINS_PATH.read_text("utf-8") == pins_source(demo_bundle_paths(), key.encode_line(), key.key_id_hex)


def _trust(folder: Path, disabled: bool) -> TrustStore:
    trust = TrustStore(folder, builtin_trust_dir())
    if disabled:
        trust.set_disabled(demo_pins.DEMO_KEY_ID, True)
    return trust


def _forged(tmp_path: Path) -> Path:
    """What anyone can make with the shipped secret: level 5, publisher NCTV."""
    manifest = bundles.sample_manifest()
    manifest.update(bundle_id="dtn-2026-12", publisher="NCTV", demo=False)
    manifest["level"] = {"value": 5, "label": "Kritiek", "scale": "dtn-5", "since": "2026-12"}
    return bundles.write(tmp_path / "forged.dtnb", bundles.build(demo_key(), manifest))


@pytest.mark.parametrize("disabled", [False, True], ids=["key enabled", "key disabled"])
def test_demo_key_signing_a_new_bundle_is_refused(tmp_path: Path, disabled: bool) -> None:
    with pytest.raises(DemoKeyError) as info:
        verify_bundle(_forged(tmp_path), _trust(tmp_path / "trust", disabled))
    assert str(info.value) == f"signed by the demo key {demo_pins.DEMO_KEY_ID}, whose secret ships with DTN Reader: {NOT_SHIPPED}"
    assert info.value.code == "demo-not-shipped"


def test_demo_key_given_as_pubkey_is_confined_too(tmp_path: Path) -> None:
    """``dtn verify --pubkey demo.pub``: no trust-store flag, the key itself is recognised."""
    [pub] = builtin_trust_dir().glob("*.pub")
    with pytest.raises(DemoKeyError, match=NOT_SHIPPED):
        verify_bundle(_forged(tmp_path), TrustStore.of([PublicKey.from_bytes(pub.read_bytes())]))


def test_a_repacked_demo_bundle_is_not_a_shipped_one(tmp_path: Path) -> None:
    """Same signed manifest and members, other zip bytes: the pin is on the exact file."""
    shipped = demo_bundle_paths()[0].read_bytes()
    members = bundles.members_of(shipped)
    stored = bundles.repack(members, {name: bundles.STORED for name in members})
    repacked = bundles.write(tmp_path / "repacked.dtnb", stored)
    assert repacked.read_bytes() != shipped
    with pytest.raises(DemoKeyError, match=NOT_SHIPPED):
        verify_bundle(repacked, _trust(tmp_path / "trust", False))


def test_shipped_bundles_only_while_the_key_is_on(tmp_path: Path) -> None:
    path = demo_bundle_paths()[-1]
    trust = _trust(tmp_path / "trust", False)
    assert verify_bundle(path, trust).manifest.demo
    trust.set_disabled(demo_pins.DEMO_KEY_ID, True)
    with pytest.raises(DemoKeyError) as info:
        verify_bundle(path, trust)
    assert SWITCHED_OFF in str(info.value) and "dtn demo load" in str(info.value)
    assert info.value.code == "demo-disabled"
    trust.set_disabled(demo_pins.DEMO_KEY_ID, False)
    assert verify_bundle(path, TrustStore(tmp_path / "trust", builtin_trust_dir())).manifest.demo


@pytest.mark.parametrize("disabled", [False, True], ids=["key enabled", "key disabled"])
def test_import_of_a_forged_demo_bundle_changes_nothing_but_the_audit_log(tmp_path: Path, disabled: bool) -> None:
    trust = _trust(tmp_path / "lib" / "trust", disabled)
    with Library.open(tmp_path / "lib", trust=trust) as lib:
        if not disabled:
            assert all(r.status == "imported" for r in load_demo(lib))
        real = bundles.new_key()
        lib.trust.add(real.public.to_file(), name="Echte uitgever")
        assert lib.import_file(bundles.write(tmp_path / "real.dtnb", bundles.build(real))).status == "imported"
        before, audit_before, store_before = dump(lib)
        result = lib.import_file(_forged(tmp_path))
        assert (result.status, result.error_type) == ("rejected", "DemoKeyError") and NOT_SHIPPED in result.reason
        after, audit_after, store_after = dump(lib)
        assert after == before and store_after == store_before and len(audit_after) == len(audit_before) + 1


def test_remove_switches_the_key_off_and_load_on_again(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib", trust=TrustStore(tmp_path / "lib" / "trust", builtin_trust_dir())) as lib:
        assert len(load_demo(lib)) == 12
        assert remove_demo(lib) == 12
        key = lib.trust.get(demo_pins.DEMO_KEY_ID)
        assert key.disabled_at and lib.setting("no_demo") == "1"
        assert [a.result for a in lib.audit(2)] == ["key switched off", "removed"]
        result = lib.import_file(demo_bundle_paths()[0])
        assert result.error_type == "DemoKeyError" and SWITCHED_OFF in result.reason
        assert lib.is_empty()
        results = load_demo(lib)
        assert [r.status for r in results] == ["imported"] * 12
        assert lib.trust.get(demo_pins.DEMO_KEY_ID).disabled_at is None and lib.setting("no_demo") == "0"


def test_cli_demo_remove_and_load(tmp_path: Path) -> None:
    def dtn(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "reader", *args, "--library", str(tmp_path / "lib")],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )

    assert dtn("demo", "load").returncode == 0
    removed = dtn("demo", "remove")
    assert removed.returncode == 0 and "the demo key is switched off until 'dtn demo load'" in removed.stdout
    assert "switched off" in dtn("trust", "list").stdout
    refused = dtn("import", str(demo_bundle_paths()[0]))
    assert refused.returncode == 1 and SWITCHED_OFF in refused.stdout
    verify = dtn("verify", str(demo_bundle_paths()[0]))
    assert verify.returncode == 1 and SWITCHED_OFF in verify.stdout
    assert dtn("demo", "load").returncode == 0
    assert dtn("verify", str(demo_bundle_paths()[0])).returncode == 0
