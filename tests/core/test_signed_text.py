"""Signed text is text: the one validation module, the source builder using it, and an import that
survives an exception outside the error family (reported as a bug, nothing left in store/)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from reader.core.library import importing
from reader.core.errors import BUG_ERROR_TYPE, FeedError, InvalidDateError, SourceError, UnsafeTextError
from reader.core.library import Library
from reader.core.source import build_source, write_example_source
from reader.core.text import check_date, check_document, check_line, check_multiline, check_timestamp
from tests.core.test_library_hostile import dump
from tests.helpers import bundles


@pytest.mark.parametrize(
    "value",
    ["Dreigingsbeeld Terrorisme Nederland", "reëel, café, naïef", "Kritiek ✓ 🇳🇱 👩‍💻", "‘aanhalingstekens’ — gedachtestreepje", "١٢٣ عربى"],
)
def test_ordinary_text_passes(value: str) -> None:
    assert check_line(value, "f") == value
    assert check_multiline(value + "\n\tmeer", "f") == value + "\n\tmeer"


@pytest.mark.parametrize(
    ("value", "kind", "char"),
    [
        ("a\ud800b", "a lone surrogate", "U+D800"),
        ("a\udfffb", "a lone surrogate", "U+DFFF"),
        ("a\x1b[31mb", "a control character", "U+001B"),
        ("a\x00b", "a control character", "U+0000"),
        ("a\x7fb", "a control character", "U+007F"),
        ("a\x9bb", "a control character", "U+009B"),
        ("a\x85b", "a control character", "U+0085"),
        ("a\rb", "a line break", "U+000D"),
        ("a\u2028b", "a line break", "U+2028"),
        ("a\u202eb", "a bidirectional control character", "U+202E"),
        ("a\u2067b", "a bidirectional control character", "U+2067"),
        ("a\u200fb", "a bidirectional control character", "U+200F"),
        ("a\ufeffb", "a character that is not allowed in text", "U+FEFF"),
    ],
)
def test_refused_everywhere(value: str, kind: str, char: str) -> None:
    for check in (check_line, check_multiline):
        with pytest.raises(UnsafeTextError) as info:
            check(value, "manifest.title")
        assert str(info.value) == f"manifest.title contains {kind} ({char}) at position 2; signed text may not hold it"
        assert info.value.code == "unsafe-text"
        assert info.value.params == {"field": "manifest.title", "char": char, "position": 2}


def test_line_breaks_and_tabs_only_where_allowed() -> None:
    for value in ("a\nb", "a\tb"):
        with pytest.raises(UnsafeTextError):
            check_line(value, "f")
        assert check_multiline(value, "f") == value
    assert check_line("timestamp:1\tfile:x", "f", allow_tab=True) == "timestamp:1\tfile:x"
    with pytest.raises(UnsafeTextError):
        check_line("a\nb", "f", allow_tab=True)
    assert check_document("# Kop\r\n\r\nTekst\t.\n", "c") == "# Kop\r\n\r\nTekst\t.\n"
    with pytest.raises(UnsafeTextError):
        check_document("a\x0cb", "c")  # form feed


def test_another_family_reports_its_own_error() -> None:
    """A feed reader passes its own class; the code stays the same problem's."""
    with pytest.raises(FeedError) as info:
        check_line("x\x1b", "feed.bundles[0].id", error=FeedError)
    assert info.value.code == "unsafe-text" and "feed.bundles[0].id contains a control character" in str(info.value)
    with pytest.raises(FeedError) as info:
        check_timestamp("2026-02-29T00:00:00Z", "feed.expires", error=FeedError)
    assert info.value.code == "invalid-date"


@pytest.mark.parametrize("value", ["2024-02-29", "2000-02-29", "2023-12", "2005-05-01", "1999-12-31"])
def test_real_dates_pass(value: str) -> None:
    assert check_date(value, "d") == value


@pytest.mark.parametrize("value", ["2023-02-29", "1900-02-29", "2023-04-31", "2023-00-10", "2023-13", "2023-1-1", "20230101", "2023-01-01 ", "1899-12-31", "2201-01-01"])
def test_unreal_dates_refused(value: str) -> None:
    with pytest.raises(InvalidDateError) as info:
        check_date(value, "manifest.edition.date")
    assert info.value.code == "invalid-date" and str(info.value).startswith(f"manifest.edition.date {value!r} is not a real")


@pytest.mark.parametrize("value", ["2024-06-11T24:00:00Z", "2024-06-11T23:60:00Z", "2024-02-30T00:00:00Z", "2024-06-11T08:00:00+00:00"])
def test_unreal_times_refused(value: str) -> None:
    with pytest.raises(InvalidDateError):
        check_timestamp(value, "manifest.created")
    assert check_timestamp("2024-02-29T23:59:59Z", "manifest.created")


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("edition.toml", 'title = "Voorbeeld', 'title = "Voor\\u001bbeeld', "title: the text contains a control character (U+001B)"),
        ("edition.toml", 'title = "Voorbeeld', 'title = "Voor\\u202ebeeld', "title: the text contains a bidirectional control"),
        ("edition.toml", 'edition_date = "', 'edition_date = "2023-02-30" #', "edition_date: the date '2023-02-30' is not a real calendar date"),
        ("checklists/gemeenten.toml", 'partner = "', 'partner = "\\u009b', "partner: the text contains a control character (U+009B)"),
    ],
)
def test_source_refuses_what_every_reader_would(tmp_path: Path, publisher_key, file: str, old: str, new: str, problem: str) -> None:
    folder = write_example_source(tmp_path / "src")
    path = folder / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(SourceError) as info:
        build_source(folder, publisher_key)
    assert problem in str(info.value) and info.value.line


def test_source_chapter_with_an_escape_is_refused(tmp_path: Path, publisher_key) -> None:
    folder = write_example_source(tmp_path / "src")
    chapter = sorted((folder / "chapters").glob("*.md"))[0]
    chapter.write_text("Tekst \x1b[2J\n", "utf-8")
    with pytest.raises(SourceError) as info:
        build_source(folder, publisher_key)
    assert "contains a control character (U+001B)" in str(info.value)


@pytest.mark.parametrize("step", ["verify", "index"])
def test_unexpected_exception_in_import_is_a_bug_and_loses_nothing(
    tmp_path: Path, publisher_key, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, step: str
) -> None:
    trust = bundles.make_trust_store(tmp_path / "lib" / "trust", publisher_key)
    with Library.open(tmp_path / "lib", trust=trust) as lib:
        manifest = bundles.sample_manifest()
        manifest["bundle_id"] = "dtn-bestaand"
        assert lib.import_file(bundles.write(tmp_path / "ok.dtnb", bundles.build(publisher_key, manifest))).status == "imported"
        before, audit_before, store_before = dump(lib)

        def explode(*args, **kwargs):
            raise RuntimeError("secret detail \ud800 from deep inside")

        if step == "verify":
            monkeypatch.setattr(importing, "verify_bundle", explode)
        else:
            monkeypatch.setattr(importing, "index", explode)  # after the file was moved into store/
        path = bundles.write(tmp_path / "usb" / "new.dtnb", bundles.build(publisher_key))
        with caplog.at_level(logging.ERROR):
            result = lib.import_file(path)
        assert (result.status, result.error_type) == ("rejected", BUG_ERROR_TYPE)
        assert result.reason == "unexpected internal error (RuntimeError); this is a bug in DTN Reader, details are in the log"
        assert "Traceback" in caplog.text and "secret detail" in caplog.text
        after, audit_after, store_after = dump(lib)
        assert after == before and store_after == store_before
        assert len(audit_after) == len(audit_before) + 1
        assert lib.audit(1)[0].error_type == BUG_ERROR_TYPE
        monkeypatch.undo()
        assert lib.import_file(path).status == "imported"  # nothing half-done stands in the way
