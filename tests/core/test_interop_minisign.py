"""Interop with the stock minisign tool, both ways.

These tests need Debian's ``minisign`` package (CI installs it). Without it they
fail rather than skip: a skipped interop test would hide exactly what it guards.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.core.bundle import MANIFEST_NAME, SIGNATURE_NAME
from reader.core.errors import SignatureAlgorithmError
from reader.core.minisign import PublicKey, SecretKey, Signature
from tests.helpers import bundles

REPO_ROOT = Path(__file__).resolve().parents[2]


def _minisign() -> str:
    """The minisign binary; fails the calling test (not skip, not error) when it is missing."""
    path = shutil.which("minisign")
    if path is None:
        pytest.fail("the minisign tool is not installed; install Debian's package: apt-get install minisign")
    return path


def _run(cmd: list[str], cwd: Path, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, input=input, capture_output=True, text=True, timeout=120)


def _extract_manifest(bundle: Path, folder: Path) -> Path:
    with zipfile.ZipFile(bundle) as zf:
        zf.extract(MANIFEST_NAME, folder)
        zf.extract(SIGNATURE_NAME, folder)
    return folder / MANIFEST_NAME


def _minisign_verify(minisign: str, pub: Path, manifest: Path) -> subprocess.CompletedProcess:
    return _run([minisign, "-V", "-H", "-p", str(pub), "-m", str(manifest)], manifest.parent)


def _key_id_in_pub_comment(pub: Path) -> str:
    match = re.search(r"minisign public key ([0-9A-F]+)", pub.read_text())
    assert match, pub.read_text()
    return match.group(1)


def test_minisign_verifies_our_bundle_manifest(tmp_path: Path, publisher_key: SecretKey) -> None:
    minisign = _minisign()
    bundle = bundles.write(tmp_path / "edition.dtnb", bundles.build(publisher_key))
    manifest = _extract_manifest(bundle, tmp_path / "out")
    pub = bundles.write(tmp_path / "publisher.pub", publisher_key.public.to_file())

    result = _minisign_verify(minisign, pub, manifest)
    assert result.returncode == 0, result.stderr
    assert "Signature and comment signature verified" in result.stdout
    assert "Trusted comment: timestamp:1718092800\tfile:manifest.json\thashed\tbundle:test-2024-06\trevision:2" in result.stdout

    # The same check fails once a byte of the manifest changes.
    manifest.write_bytes(manifest.read_bytes().replace(b"test-2024-06", b"test-2024-07", 1))
    result = _minisign_verify(minisign, pub, manifest)
    assert result.returncode != 0
    assert "Signature verification failed" in result.stderr


def test_key_from_minisign_signs_a_bundle_dtn_verify_accepts(tmp_path: Path) -> None:
    minisign = _minisign()
    result = _run([minisign, "-G", "-W", "-p", "k.pub", "-s", "k.key"], tmp_path)
    assert result.returncode == 0, result.stderr
    key = SecretKey.from_bytes((tmp_path / "k.key").read_bytes())
    assert key.key_id_hex == _key_id_in_pub_comment(tmp_path / "k.pub")
    assert PublicKey.from_bytes((tmp_path / "k.pub").read_bytes()).public_key == key.public.public_key

    bundle = bundles.write(tmp_path / "edition.dtnb", bundles.build(key))
    verify = _run(
        [sys.executable, "-m", "reader", "verify", "--pubkey", str(tmp_path / "k.pub"), str(bundle)], REPO_ROOT
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert f"(key {key.key_id_hex})" in verify.stdout
    assert verify.stdout.rstrip().endswith("OK")

    # minisign agrees, and a bundle signed by another key is refused by dtn verify.
    assert _minisign_verify(minisign, tmp_path / "k.pub", _extract_manifest(bundle, tmp_path / "m")).returncode == 0
    other = bundles.write(tmp_path / "other.dtnb", bundles.build(SecretKey.generate()))
    refused = _run([sys.executable, "-m", "reader", "verify", "--pubkey", str(tmp_path / "k.pub"), str(other)], REPO_ROOT)
    assert refused.returncode == 1
    assert "REJECTED: signed by an unknown key" in refused.stdout


def test_password_protected_key_from_minisign(tmp_path: Path) -> None:
    minisign = _minisign()
    result = _run([minisign, "-G", "-p", "p.pub", "-s", "p.key"], tmp_path, input="pw\npw\n")
    assert result.returncode == 0, result.stderr
    key = SecretKey.from_bytes((tmp_path / "p.key").read_bytes(), "pw")
    assert key.key_id_hex == _key_id_in_pub_comment(tmp_path / "p.pub")

    bundle = bundles.write(tmp_path / "edition.dtnb", bundles.build(key))
    result = _minisign_verify(minisign, tmp_path / "p.pub", _extract_manifest(bundle, tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Signature and comment signature verified" in result.stdout


def test_minisign_signs_with_our_key_and_we_verify(tmp_path: Path, publisher_key: SecretKey) -> None:
    minisign = _minisign()
    bundles.write(tmp_path / "our.key", publisher_key.to_file())
    message = bundles.write(tmp_path / "message.txt", b"hallo\r\nwereld\n")
    result = _run(
        [minisign, "-S", "-W", "-s", "our.key", "-t", "trusted by minisign", "-m", "message.txt"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    sig = Signature.from_bytes((tmp_path / "message.txt.minisig").read_bytes())
    assert sig.algorithm == b"ED"
    assert sig.key_id == publisher_key.key_id
    assert sig.trusted_comment == "trusted by minisign"
    sig.verify(message.read_bytes(), publisher_key.public)


def test_legacy_signature_from_minisign_refused(tmp_path: Path, publisher_key: SecretKey) -> None:
    minisign = _minisign()
    bundles.write(tmp_path / "our.key", publisher_key.to_file())
    bundles.write(tmp_path / "message.txt", b"hallo\n")
    result = _run([minisign, "-S", "-l", "-W", "-s", "our.key", "-m", "message.txt"], tmp_path)
    assert result.returncode == 0, result.stderr
    with pytest.raises(SignatureAlgorithmError, match="legacy non-prehashed signature"):
        Signature.from_bytes((tmp_path / "message.txt.minisig").read_bytes())
