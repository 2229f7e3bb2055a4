"""The ``dtn`` command never writes a raw control, escape or bidirectional character to the terminal.

The hostile strings reach the output in two ways: as a bundle the reader refuses (the
message must name the character, not print it), and with the reader's text checks
switched off in this test, so every field of a verified or imported bundle takes the
path to the terminal that a check might one day miss.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader import cli
from reader.core import bundle as bundle_module
from reader.core.minisign import SecretKey
from tests.e2e.test_cli_bundle import dtn
from tests.helpers import bundles

# Anything a terminal acts on: C0 (tab and newline only as the command's own layout), DEL, C1,
# bidirectional controls, line separators, lone surrogates.
RAW_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")
HOSTILE = "\x1b[2K\r  signer:   NCTV (key 0000000000000000)\n\x9b31m\u202eLTN\u2066"


def _raw(text: str) -> list[str]:
    return RAW_RE.findall(text)


def _strings(obj: object) -> str:
    """Every string in decoded JSON, joined."""
    if isinstance(obj, dict):
        return "".join(_strings(v) for v in obj.values())
    if isinstance(obj, list):
        return "".join(_strings(v) for v in obj)
    return obj if isinstance(obj, str) else ""


HOSTILE_FIELDS = ("edition.name", "publisher", "title", "summary", "level_events.0.region", "level_events.0.note",
                  "chapters.0.title", "checklists.0.partner", "checklists.0.title")


def _hostile_bundle(key: SecretKey, surrogate: str = bundles.LONE_SURROGATE, fields: tuple[str, ...] = HOSTILE_FIELDS) -> bytes:
    """A bundle with the hostile string (and a lone surrogate) in every kind of signed text."""
    data = bundles.with_checklist_text(bundles.build(key), key, "items.0.text", HOSTILE)
    data = bundles.with_chapter_text(data, key, HOSTILE + "\n\nonline dreiging\n")
    manifest = bundles.manifest_of(data)
    for path in fields:
        bundles._poke(manifest, path, lambda value: value + HOSTILE + surrogate)
    comment = "timestamp:1718092800\tfile:manifest.json" + HOSTILE.replace("\n", "").replace("\r", "")
    return bundles.resign(data, key, bundles.ascii_json(manifest), trusted_comment=comment)


@pytest.fixture
def no_text_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's text checks switched off: what is then verified holds the hostile text as it is."""
    for name in ("check_line", "check_multiline", "check_document"):
        monkeypatch.setattr(bundle_module, name, lambda value, where, **kwargs: value)


def test_terminal_safe_escapes_visibly() -> None:
    assert cli.terminal_safe("a\x1b[2Kb\n\tc\x9b\u202e\ud800 é ü ✓") == "a\\x1b[2Kb\\n\\tc\\x9b\\u202e\\ud800 é ü ✓"
    assert _raw(cli.terminal_safe(HOSTILE + bundles.LONE_SURROGATE)) == []


def test_refused_bundle_message_names_the_character(tmp_path: Path, publisher_key: SecretKey) -> None:
    """Checks on (the product as shipped): the bundle is refused and the message shows no raw character."""
    path = bundles.write(tmp_path / "hostile.dtnb", _hostile_bundle(publisher_key))
    pub = bundles.write(tmp_path / "pub.pub", publisher_key.public.to_file())
    result = dtn("verify", str(path), "--pubkey", str(pub), cwd=tmp_path)
    assert result.returncode == 1
    assert "REJECTED: the signature's trusted comment contains a control character (U+001B)" in result.stdout
    assert _raw(result.stdout) == [] and _raw(result.stderr) == []


def test_verify_output_of_every_field_is_escaped(
    tmp_path: Path, publisher_key: SecretKey, no_text_checks: None, capsys: pytest.CaptureFixture
) -> None:
    path = bundles.write(tmp_path / "hostile.dtnb", _hostile_bundle(publisher_key))
    pub = bundles.write(tmp_path / "pub.pub", publisher_key.public.to_file())
    assert cli.main(["verify", str(path), "--pubkey", str(pub)]) == 0
    out, err = capsys.readouterr()
    assert "  OK" in out and "\\x1b[2K\\r  signer:   NCTV" in out
    assert [line for line in out.splitlines() if line.startswith("  signer:")] == [
        f"  signer:   minisign public key {publisher_key.key_id_hex} (key {publisher_key.key_id_hex})"
    ]
    assert _raw(out) == [] and _raw(err) == []


def test_library_output_of_every_field_is_escaped(
    tmp_path: Path, publisher_key: SecretKey, no_text_checks: None, capsys: pytest.CaptureFixture
) -> None:
    library = tmp_path / "lib"
    pub = bundles.write(tmp_path / "pub.pub", publisher_key.public.to_file())
    # The trust store refuses such a key name itself; the publisher name must match the manifest's.
    assert cli.main(["trust", "add", str(pub), "--name", "Redactie" + HOSTILE, "--publisher", bundles.PUBLISHER_NAME, "--library", str(library)]) == 1
    assert cli.main(["trust", "add", str(pub), "--name", "Redactie", "--publisher", bundles.PUBLISHER_NAME, "--library", str(library)]) == 0
    fields = tuple(f for f in HOSTILE_FIELDS if f != "publisher")
    # SQLite cannot hold a lone surrogate: import then reports a bug (and stores nothing); the rest is imported.
    path = bundles.write(tmp_path / "hostile.dtnb", _hostile_bundle(publisher_key, fields=fields))
    assert cli.main(["import", str(path), "--library", str(library)]) == 1
    assert "this is a bug in DTN Reader" in capsys.readouterr().out
    assert not any((library / "store").glob("*.dtnb"))
    path = bundles.write(tmp_path / "hostile.dtnb", _hostile_bundle(publisher_key, surrogate="", fields=fields))
    assert cli.main(["import", str(path), "--library", str(library)]) == 0
    capsys.readouterr()
    for args in (["list"], ["show", "test-2024-06"], ["search", "dreiging"], ["levels"], ["audit"], ["audit", "--csv"], ["trust", "list"]):
        assert cli.main([*args, "--library", str(library)]) == 0, args
        out, err = capsys.readouterr()
        assert out and _raw(out.replace("\r\n", "\n")) == [] and _raw(err) == [], args  # CSV rows end in \r\n
    for args in (["list", "--json"], ["show", "test-2024-06", "--json"], ["audit", "--json"], ["trust", "list", "--json"]):
        assert cli.main([*args, "--library", str(library)]) == 0, args
        out, err = capsys.readouterr()
        assert _raw(out) == [] and _raw(err) == [], args
        decoded = json.loads(out)  # still valid JSON
        assert HOSTILE in _strings(decoded) or args[0] in ("audit", "trust"), args  # holding the text as it was


def test_error_lines_on_stderr_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["show", "no-such" + HOSTILE, "--library", str(tmp_path / "lib")]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("dtn: ") and _raw(err) == [] and _raw(out) == []


def test_untrusted_comment_of_a_public_key_cannot_fake_a_signer(tmp_path: Path, publisher_key: SecretKey) -> None:
    """``--pubkey`` names the signer after the .pub file's own (unsigned) comment line."""
    path = bundles.write(tmp_path / "edition.dtnb", bundles.build(publisher_key))
    comment = "Testredactie\x1b[2K\r  signer:   NCTV"
    pub = bundles.write(tmp_path / "pub.pub", f"untrusted comment: {comment}\n{publisher_key.public.encode_line()}\n".encode())
    result = dtn("verify", str(path), "--pubkey", str(pub), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _raw(result.stdout) == []
    assert [line for line in result.stdout.splitlines() if "signer:" in line] == [
        f"  signer:   Testredactie\\x1b[2K\\r  signer:   NCTV (key {publisher_key.key_id_hex})"
    ]
