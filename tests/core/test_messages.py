"""The message tables: the same codes in every language, a message for every code the code raises."""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path

import pytest

from reader.core import errors
from reader.core.errors import DTNError, IntegrityError, ManifestError, RevokedKeyError, SourceError
from reader.core.messages import (
    MAX_PARAM_CHARS,
    class_codes,
    MESSAGE_LANGUAGES,
    error_message,
    message_table,
    placeholders,
    plain_value,
)
from reader.core.paths import resource_path
from tests.helpers.codes import class_codes as _class_codes
from tests.helpers.codes import raised_codes

def _raised_codes() -> dict[str, str]:
    """Every code="..." given to an error in the reader package, with where it is."""
    return {code: raised.where for code, raised in raised_codes().items()}


def test_the_scan_finds_raise_sites():
    # The scan itself must see the codes it is meant to check, or the test below checks nothing.
    codes = _raised_codes()
    assert codes["integrity-altered"].startswith("reader/core/bundle.py:")
    assert "unknown-key-signer" in codes and "entry-symlink" in codes
    assert {"integrity", "manifest", "error"} <= _class_codes().keys()


@pytest.mark.parametrize("language", MESSAGE_LANGUAGES)
def test_every_code_in_the_code_has_a_message(language):
    table = message_table(language)
    missing = {code: where for code, where in {**_raised_codes(), **_class_codes()}.items() if code not in table}
    assert missing == {}


def test_every_code_is_in_every_table_with_the_same_placeholders():
    tables = {lang: json.loads(resource_path("messages", f"{lang}.json").read_text(encoding="utf-8")) for lang in MESSAGE_LANGUAGES}
    nl, en = tables["nl"], tables["en"]
    assert sorted(set(nl) ^ set(en)) == []
    differing = {code: (placeholders(en[code]), placeholders(nl[code])) for code in en if placeholders(en[code]) != placeholders(nl[code])}
    assert differing == {}
    # Each message is written once per language: no two codes share a text, no Dutch entry left in English.
    for table in tables.values():
        texts = list(table.values())
        assert len(texts) == len(set(texts))
    untranslated = [code for code in en if en[code] == nl[code]]
    assert untranslated == []


def test_every_class_falls_back_to_a_message_that_needs_no_params():
    # When a stored row or a raise site lacks a message's params, the class's chain of codes
    # leads to a message without any, more precise than the generic "error".
    classes = [cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, DTNError) and cls is not DTNError]
    for language in MESSAGE_LANGUAGES:
        table = message_table(language)
        stuck = [cls.__name__ for cls in classes if not any(not placeholders(table[c]) for c in class_codes(cls)[:-1])]
        assert stuck == []


def test_a_precise_code_renders_from_its_params():
    err = IntegrityError("chapters/02.md was altered", code="integrity-altered", name="chapters/02.md")
    assert error_message(err, "nl") == "chapters/02.md is gewijzigd: de sha256 komt niet overeen met het ondertekende manifest."
    assert error_message(err, "en") == "chapters/02.md was altered: its sha256 does not match the signed manifest."


def test_unknown_codes_and_missing_params_fall_back_to_the_class_message():
    assert error_message(IntegrityError("x", code="no-such-code"), "nl") == message_table("nl")["integrity"]
    assert error_message(IntegrityError("x", code="integrity-altered"), "nl") == message_table("nl")["integrity"]
    assert error_message(ManifestError("x", code="field-missing", where="manifest"), "en") == message_table("en")["manifest"]
    assert error_message(DTNError("x", code="no-such-code"), "nl") == message_table("nl")["error"]


def test_params_are_shown_as_plain_bounded_text():
    err = IntegrityError("x", code="integrity-altered", name="chapters/\x1b[2Jevil\u202e.md")
    text = error_message(err, "en")
    assert "\x1b" not in text and "\u202e" not in text
    assert "chapters/\\x1b[2Jevil\\x202e.md" in text
    long = plain_value("a" * (MAX_PARAM_CHARS * 3))
    assert len(long) == MAX_PARAM_CHARS and long.endswith("\u2026")
    assert plain_value(["a", "b"]) == "a, b"


def test_params_survive_pickling_and_source_errors_lead_with_the_place():
    import pickle

    err = pickle.loads(pickle.dumps(RevokedKeyError("m", code="revoked-key-signer", key_id="AB", name="n", revoked_at="t", reason="")))
    assert (err.code, err.params["key_id"]) == ("revoked-key-signer", "AB")
    src = SourceError("edition.toml", "x", 7, code="source-key-missing", key="title")
    assert error_message(src, "nl") == "edition.toml:7: title ontbreekt."


def test_real_rejections_carry_their_code_and_params(tmp_path):
    from reader.core.bundle import verify_bundle
    from reader.core.errors import UnknownKeyError
    from tests.helpers.bundles import build, make_trust_store, new_key, replace_member, sample_members, write

    key = new_key()
    trust = make_trust_store(tmp_path / "trust", key)
    bundle = build(key)
    name = "chapters/01-niveau.md"
    altered = write(tmp_path / "altered.dtnb", replace_member(bundle, name, sample_members()[name].replace(b"e", b"E", 1)))
    with pytest.raises(IntegrityError) as caught:
        verify_bundle(altered, trust)
    assert (caught.value.code, caught.value.params) == ("integrity-altered", {"name": name})
    assert error_message(caught.value, "nl") == f"{name} is gewijzigd: de sha256 komt niet overeen met het ondertekende manifest."

    with pytest.raises(UnknownKeyError) as caught:
        verify_bundle(write(tmp_path / "other.dtnb", bundle), make_trust_store(tmp_path / "empty"))
    assert caught.value.code == "unknown-key-signer"
    dutch = error_message(caught.value, "nl")
    assert key.key_id_hex in dutch and "Importeren en vertrouwen, Vertrouwde sleutels" in dutch
