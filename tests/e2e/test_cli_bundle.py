"""The real ``dtn`` command in a subprocess: keys, sources, bundles and trust."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.minisign import PublicKey
from tests.helpers import bundles

REPO_ROOT = Path(__file__).resolve().parents[2]


def dtn(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DTN_LIBRARY": str(cwd / "default-library")}
    environ.pop("DTN_KEY_PASSWORD", None)
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with keys/pub.{key,pub}, an example source in src/ and its bundle edition.dtnb."""
    folder = tmp_path_factory.mktemp("cli")
    assert dtn("keygen", "pub", "--out", "keys", "--no-password", cwd=folder).returncode == 0
    assert dtn("init", "src", cwd=folder).returncode == 0
    result = dtn("build", "src", "--key", "keys/pub.key", "--out", "edition.dtnb", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def _key_id(folder: Path) -> str:
    return PublicKey.from_bytes((folder / "keys/pub.pub").read_bytes()).key_id_hex


# --- keygen, init, build -------------------------------------------------------------------------


def test_keygen(tmp_path: Path) -> None:
    result = dtn("keygen", "redactie", "--out", "keys", "--no-password", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stdout
    pub = PublicKey.from_bytes((tmp_path / "keys/redactie.pub").read_bytes())
    assert f"key id:     {pub.key_id_hex}" in result.stdout
    assert f"fingerprint: {pub.fingerprint}" in result.stdout
    assert (tmp_path / "keys/redactie.key").stat().st_mode & 0o077 == 0  # secret key private to the user

    again = dtn("keygen", "redactie", "--out", "keys", "--no-password", cwd=tmp_path)
    assert again.returncode == 2
    assert "exists already; refusing to overwrite a key" in again.stderr


def test_init_writes_a_source_and_refuses_a_full_folder(tmp_path: Path) -> None:
    result = dtn("init", "src", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "src/edition.toml").is_file()
    assert (tmp_path / "src/checklists/gemeenten.toml").is_file()
    again = dtn("init", "src", cwd=tmp_path)
    assert again.returncode == 1
    assert "folder is not empty" in again.stderr


def test_build_reports_what_it_built(work: Path, tmp_path: Path) -> None:
    result = dtn("build", str(work / "src"), "--key", str(work / "keys/pub.key"), "--out", "again.dtnb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"voorbeeld-2026-06 revision 1, 4 files, signed by key {_key_id(work)}" in result.stdout
    # reproducible: the same source and key give the same bytes
    assert (tmp_path / "again.dtnb").read_bytes() == (work / "edition.dtnb").read_bytes()


# --- verify ---------------------------------------------------------------------------------------------


def test_verify_with_pubkey(work: Path) -> None:
    result = dtn("verify", "--pubkey", "keys/pub.pub", "edition.dtnb", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    key_id = _key_id(work)
    out = result.stdout
    assert "bundle:   voorbeeld-2026-06 (revision 1)" in out
    assert "edition:  Voorbeeldeditie juni 2026, 2026-06 [DEMO]" in out
    assert "level:    3 Aanzienlijk (scale dtn-5) since 2026-06" in out
    assert f"signer:   minisign public key {key_id} (key {key_id})" in out
    assert "files:    6 checked (signature, sizes and sha256)" in out
    assert out.rstrip().endswith("OK")


def test_verify_with_trust_store_names_the_signer(work: Path, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    added = dtn("trust", "add", str(work / "keys/pub.pub"), "--name", "Voorbeeldredactie", "--publisher", "Voorbeeldredactie", "--library", str(library), cwd=work)
    assert added.returncode == 0, added.stderr
    result = dtn("verify", "--library", str(library), "edition.dtnb", cwd=work)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"signer:   Voorbeeldredactie (key {_key_id(work)})" in result.stdout


def test_verify_tampered_bundle(work: Path, tmp_path: Path) -> None:
    data = (work / "edition.dtnb").read_bytes()
    chapter = "chapters/02-online.md"
    changed = bundles.members_of(data)[chapter].replace(b"Jongeren", b"Ouderen!")
    bad = bundles.write(tmp_path / "tampered.dtnb", bundles.replace_member(data, chapter, changed))
    result = dtn("verify", "--pubkey", str(work / "keys/pub.pub"), str(work / "edition.dtnb"), str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.count("  OK") == 1  # the good bundle is still reported as good
    assert "  REJECTED: chapters/02-online.md was altered: its sha256 does not match the signed manifest" in result.stdout


def test_verify_unknown_key_without_trust(work: Path, tmp_path: Path) -> None:
    result = dtn("verify", "--library", str(tmp_path / "empty"), str(work / "edition.dtnb"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"REJECTED: signed by an unknown key {_key_id(work)}" in result.stdout


def test_verify_not_a_bundle(tmp_path: Path, work: Path) -> None:
    junk = bundles.write(tmp_path / "junk.dtnb", b"just some text\n" * 10)
    result = dtn("verify", "--pubkey", str(work / "keys/pub.pub"), str(junk), cwd=tmp_path)
    assert result.returncode == 1
    assert "REJECTED: not a zip archive" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["verify"], "the following arguments are required: FILE"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["build", "src"], "the following arguments are required: --key, --out"),
        (["verify", "--pubkey", "missing.pub", "x.dtnb"], "cannot read public key missing.pub"),
    ],
    ids=["verify without files", "unknown command", "build without key", "unreadable pubkey"],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = dtn(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("dtn: error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- trust ------------------------------------------------------------------------------------------------


def test_trust_add_list_revoke(work: Path, tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    key_id = _key_id(work)
    fingerprint = PublicKey.from_bytes((work / "keys/pub.pub").read_bytes()).fingerprint

    before = dtn("trust", "list", "--library", library, cwd=tmp_path)
    assert before.returncode == 0 and key_id not in before.stdout  # only built-in keys, if any

    no_publisher = dtn("trust", "add", str(work / "keys/pub.pub"), "--name", "Redactie", "--library", library, cwd=tmp_path)
    assert no_publisher.returncode == 2 and "a publisher key needs --publisher NAME" in no_publisher.stderr
    assert key_id not in dtn("trust", "list", "--library", library, cwd=tmp_path).stdout

    added = dtn("trust", "add", str(work / "keys/pub.pub"), "--name", "Redactie", "--publisher", "Voorbeeldredactie",
                "--library", library, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert f"trusted {key_id} as 'Redactie' (publisher, signs for publisher 'Voorbeeldredactie')" in added.stdout
    assert f"fingerprint: {fingerprint}" in added.stdout

    twice = dtn("trust", "add", str(work / "keys/pub.pub"), "--publisher", "X", "--library", library, cwd=tmp_path)
    assert twice.returncode == 1 and "is already trusted as 'Redactie'" in twice.stderr

    listed = dtn("trust", "list", "--library", library, cwd=tmp_path)
    assert re.search(rf"{key_id}\s+publisher\s+active\s+Redactie\n\s+publisher\s+'Voorbeeldredactie'\n", listed.stdout), listed.stdout
    assert f"fingerprint {fingerprint}" in listed.stdout

    revoked = dtn("trust", "revoke", key_id, "--reason", "sleutel uitgelekt", "--library", library, cwd=tmp_path)
    assert revoked.returncode == 0, revoked.stderr
    assert f"revoked {key_id} (Redactie)" in revoked.stdout

    as_json = json.loads(dtn("trust", "list", "--json", "--library", library, cwd=tmp_path).stdout)
    mine = [k for k in as_json if k["key_id"] == key_id]
    assert [(k["name"], k["role"], k["revoked_reason"], k["builtin"]) for k in mine] == [
        ("Redactie", "publisher", "sleutel uitgelekt", False)
    ]
    assert mine[0]["revoked_at"] and mine[0]["fingerprint"] == fingerprint
    assert re.search(rf"{key_id}\s+publisher\s+REVOKED \S+ \(sleutel uitgelekt\)\s+Redactie",
                     dtn("trust", "list", "--library", library, cwd=tmp_path).stdout)

    refused = dtn("verify", "--library", library, str(work / "edition.dtnb"), cwd=tmp_path)
    assert refused.returncode == 1
    assert f"REJECTED: signed by key {key_id} (Redactie), which was revoked on" in refused.stdout
    assert "sleutel uitgelekt" in refused.stdout

    again = dtn("trust", "add", str(work / "keys/pub.pub"), "--publisher", "X", "--library", library, cwd=tmp_path)
    assert again.returncode == 1 and "a revoked key cannot be trusted again" in again.stderr

    undone = dtn("trust", "unrevoke", key_id, "--library", library, cwd=tmp_path)
    assert undone.returncode == 0, undone.stderr
    assert f"revocation of {key_id} (Redactie) undone" in undone.stdout
    assert dtn("verify", "--library", library, str(work / "edition.dtnb"), cwd=tmp_path).returncode == 0
    twice_undone = dtn("trust", "unrevoke", key_id, "--library", library, cwd=tmp_path)
    assert twice_undone.returncode == 1 and f"key {key_id} is not revoked" in twice_undone.stderr

    audit = dtn("audit", "--json", "--library", library, cwd=tmp_path)
    assert audit.returncode == 0, audit.stderr
    trust_rows = [(r["result"], r["signer"]) for r in json.loads(audit.stdout) if r["source"] == "trust store"]
    only_trust = dtn("audit", "--result", "trust", "--csv", "--library", library, cwd=tmp_path)
    assert only_trust.returncode == 0, only_trust.stderr
    assert only_trust.stdout.splitlines()[0].startswith("id,time,result,source,bundle_id")
    assert [line.split(",")[2] for line in only_trust.stdout.splitlines()[1:]] == ["revocation undone", "key revoked", "key added"]
    assert "id,time" in dtn("audit", "--csv", "--since", "2999-01-01", "--library", library, cwd=tmp_path).stdout
    assert trust_rows == [
        ("revocation undone", f"Redactie ({key_id})"),
        ("key revoked", f"Redactie ({key_id})"),
        ("key added", f"Redactie ({key_id})"),
    ]



def test_trust_key_signs_only_for_its_publisher(work: Path, tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    key_id = _key_id(work)
    added = dtn("trust", "add", str(work / "keys/pub.pub"), "--name", "Redactie", "--publisher", "Andere redactie",
                "--library", library, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    refused = dtn("verify", "--library", library, str(work / "edition.dtnb"), cwd=tmp_path)
    assert refused.returncode == 1
    assert (f"REJECTED: the bundle names publisher 'Voorbeeldredactie', but key {key_id} (Redactie) is trusted only "
            "for publisher 'Andere redactie'; the bundle was refused") in refused.stdout


def test_trust_revoke_unknown_key(tmp_path: Path) -> None:
    result = dtn("trust", "revoke", "ABCDEF", "--library", str(tmp_path / "lib"), cwd=tmp_path)
    assert result.returncode == 1
    assert "no trusted key with id ABCDEF" in result.stderr


def test_trust_add_feed_key_is_not_a_publisher(work: Path, tmp_path: Path) -> None:
    library = str(tmp_path / "lib")
    assert dtn("trust", "add", str(work / "keys/pub.pub"), "--role", "feed", "--library", library, cwd=tmp_path).returncode == 0
    refused = dtn("verify", "--library", library, str(work / "edition.dtnb"), cwd=tmp_path)
    assert refused.returncode == 1
    assert "is trusted for feed signatures, not for publisher signatures" in refused.stdout


# --- build refuses bad sources, naming file and line ------------------------------------------------------


@pytest.fixture
def source(tmp_path: Path) -> Path:
    assert dtn("init", "src", cwd=tmp_path).returncode == 0
    return tmp_path / "src"


def _build(source: Path, work: Path) -> subprocess.CompletedProcess:
    return dtn("build", "src", "--key", str(work / "keys/pub.key"), "--out", "out.dtnb", cwd=source.parent)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _line(path: Path, text: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    found = [i + 1 for i, line in enumerate(lines) if text in line]
    assert len(found) == 1, found
    return found[0]


def _refused(result: subprocess.CompletedProcess, source: Path, expected: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("dtn: ")
    assert expected in result.stderr, result.stderr
    assert not (source.parent / "out.dtnb").exists()


def test_build_missing_chapter_file(source: Path, work: Path) -> None:
    (source / "chapters/02-online.md").unlink()
    line = _line(source / "edition.toml", 'file = "chapters/02-online.md"')
    _refused(_build(source, work), source, f"src/edition.toml:{line}: listed file chapters/02-online.md is missing")


def test_build_missing_checklist_file(source: Path, work: Path) -> None:
    (source / "checklists/gemeenten.toml").unlink()
    _refused(_build(source, work), source, "src/checklists/gemeenten.toml: file is missing")


def test_build_invalid_toml(source: Path, work: Path) -> None:
    _edit(source / "edition.toml", 'language = "nl"', 'language = "nl')
    line = _line(source / "edition.toml", 'language = "nl')
    _refused(_build(source, work), source, f"src/edition.toml:{line}: not valid TOML")


def test_build_bad_metadata_field(source: Path, work: Path) -> None:
    _edit(source / "edition.toml", 'created = "2026-06-01T09:00:00Z"', 'created = "1 juni 2026"')
    line = _line(source / "edition.toml", "created = ")
    _refused(_build(source, work), source, f"src/edition.toml:{line}: created: '1 juni 2026' is not in the required form")


def test_build_unknown_theme(source: Path, work: Path) -> None:
    _edit(source / "edition.toml", '"online-radicalisering", "minderjarigen"', '"online-radicalisering", "astrologie"')
    line = _line(source / "edition.toml", '"astrologie"')
    _refused(_build(source, work), source, f"src/edition.toml:{line}: chapter 'online': unknown theme 'astrologie'")


def test_build_theme_that_is_not_a_string(source: Path, work: Path) -> None:
    _edit(source / "edition.toml", '"online-radicalisering", "minderjarigen"', '"online-radicalisering", {name = "x"}')
    line = _line(source / "edition.toml", '{name = "x"}')
    _refused(_build(source, work), source, f"src/edition.toml:{line}: chapter 'online': unknown theme")


def test_build_duplicate_checklist_item_id(source: Path, work: Path) -> None:
    checklist = source / "checklists/gemeenten.toml"
    _edit(checklist, 'id = "gemeenten-evenementen"', 'id = "gemeenten-casusoverleg"')
    line = _line(checklist, 'priority = "middel"') - 2  # the second item's id
    assert checklist.read_text().splitlines()[line - 1] == 'id = "gemeenten-casusoverleg"'
    _refused(
        _build(source, work), source,
        f"src/checklists/gemeenten.toml:{line}: items[1].id: duplicate checklist item id 'gemeenten-casusoverleg'",
    )


def test_build_level_outside_its_scale(source: Path, work: Path) -> None:
    _edit(source / "edition.toml", "value = 3", "value = 6")
    line = _line(source / "edition.toml", "value = 6")
    _refused(_build(source, work), source, f"src/edition.toml:{line}: level.value: level 6 is outside scale dtn-5 (1..5)")


def test_build_level_event_outside_the_old_scale(source: Path, work: Path) -> None:
    _edit(
        source / "edition.toml", "[[chapters]]",
        '[[level_events]]\nstart = "2015-01-01"\nvalue = 5\nscale = "dtn-4"\nregion = "Amsterdam"\n\n[[chapters]]',
    )
    line = _line(source / "edition.toml", "value = 5")
    _refused(_build(source, work), source, f"src/edition.toml:{line}: level_events[0].value: level 5 is outside scale dtn-4 (1..4)")


def test_build_label_that_does_not_match_the_scale(source: Path, work: Path) -> None:
    _edit(source / "edition.toml", "value = 3\n", 'value = 3\nlabel = "Substantieel"\n')
    line = _line(source / "edition.toml", 'label = "Substantieel"')
    _refused(_build(source, work), source, f"src/edition.toml:{line}: level.label: 'Substantieel' is not the label of level 3")


def test_build_empty_chapter_title(source: Path, work: Path) -> None:
    _edit(source / "edition.toml", 'title = "Het dreigingsniveau"', 'title = "  "')
    line = _line(source / "edition.toml", 'title = "  "')
    _refused(_build(source, work), source, f"src/edition.toml:{line}: chapters[0].title: is empty")
