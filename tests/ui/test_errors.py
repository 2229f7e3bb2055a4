"""The window shows an error as one message in its language, made from the error's code and params."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox

from reader.core.errors import ExportError, IntegrityError, TrustStoreError
from reader.core.messages import message_table
from reader.ui.errors import current_language, error_text, reason_text, show_error
from reader.ui.i18n import locale_for


@pytest.fixture
def dutch_locale():
    previous = QLocale()
    QLocale.setDefault(locale_for("nl"))
    yield
    QLocale.setDefault(previous)


def test_the_language_follows_the_windows_locale(qapp, dutch_locale):
    assert current_language() == "nl"
    err = IntegrityError("chapters/01.md was altered", code="integrity-altered", name="chapters/01.md")
    assert error_text(err) == "chapters/01.md is gewijzigd: de sha256 komt niet overeen met het ondertekende manifest."
    assert error_text(err, "en") == "chapters/01.md was altered: its sha256 does not match the signed manifest."


def test_dates_and_numbers_in_messages_use_the_locale(qapp):
    err = TrustStoreError("x", code="trust-key-already-revoked", key_id="AB12", revoked_at="2026-11-29T13:00:00Z")
    dutch = error_text(err, "nl")
    assert "2026-11-29T13:00:00Z" not in dutch and "AB12" in dutch
    assert locale_for("nl").toString(2026 * 1000) in error_text(TrustStoreError("x", code="trust-store-full", limit=2_026_000), "nl")
    from reader.core.errors import FeedExpiredError

    expired = error_text(FeedExpiredError("x", code="feed-expired-on", expired_at="2026-03-01T12:00:00Z"), "nl")
    assert "2026-03-01" not in expired and "T12:00" not in expired and "2026" in expired


def test_stored_rejections_without_a_code_show_their_class_message(qapp):
    assert reason_text("IntegrityError", "x was altered", language="nl") == message_table("nl")["integrity"]
    assert reason_text("IntegrityError", "x was altered", language="en") == "x was altered"
    assert reason_text("RollbackError", "", language="en") == message_table("en")["rollback"]
    assert reason_text(None, "plain", language="nl") == "plain"
    shown = reason_text("IntegrityError", "ignored", "integrity-altered", {"name": "a.md"}, language="nl")
    assert shown == "a.md is gewijzigd: de sha256 komt niet overeen met het ondertekende manifest."


def test_a_bug_is_not_dressed_up_as_a_user_error(qapp, caplog):
    text = error_text(ZeroDivisionError("boom"))
    assert "ZeroDivisionError: boom" in text
    assert any(r.levelname == "ERROR" for r in caplog.records)


def test_the_message_box_shows_names_from_a_bundle_as_plain_text(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.textFormat(), box.text())) or 0)
    show_error(None, ExportError("x", code="export-write", path="<b>bold</b>.pdf"))
    assert shown and shown[0][0] == Qt.TextFormat.PlainText
    assert "<b>bold</b>.pdf" in shown[0][1]


def test_a_stored_row_renders_from_its_code_when_it_has_one(qapp):
    from types import SimpleNamespace

    from reader.ui.errors import stored_reason

    old = SimpleNamespace(reason="chapters/a.md was altered", error_type="IntegrityError")
    new = SimpleNamespace(**vars(old), error_code="integrity-altered", error_params={"name": "chapters/a.md"})
    assert stored_reason(old, "nl") == message_table("nl")["integrity"]
    assert stored_reason(new, "nl") == "chapters/a.md is gewijzigd: de sha256 komt niet overeen met het ondertekende manifest."
    assert stored_reason(SimpleNamespace(reason="demo library removed"), "nl") == "demo library removed"


def test_places_a_message_names_are_called_as_in_the_window():
    """A message that sends the reader to a view or tab ("Import and trust", "Trusted keys") uses
    the name the Dutch window shows for it (from dtn_nl.ts), so renaming a tab fails here."""
    import re
    import xml.etree.ElementTree as ET

    from reader.ui.i18n import ts_path

    names = {}
    for message in ET.parse(ts_path("nl")).getroot().iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        # Names of places: two or more words, capitalised, no punctuation (view and tab titles).
        if translation and source[:1].isupper() and " " in source and len(source) <= 40 and source.replace(" ", "").isalpha():
            names.setdefault(source, translation)
    en, nl = message_table("en"), message_table("nl")
    checked = 0
    for code, text in en.items():
        for source, translation in names.items():
            # Sent to a place: "under Import and trust, Trusted keys", "in Trusted keys", "to Bookmarks".
            if re.search(rf"(?:under|in|to|on|,) {re.escape(source)}\b", text):
                checked += 1
                assert translation in nl[code], (code, source, translation)
    assert checked >= 2  # unknown-key and unknown-key-signer name "Import and trust" and "Trusted keys"


def english_sentences_in(text: str) -> list[str]:
    """The parts of English messages (between their placeholders, 12 characters or more) found in ``text``."""
    import string

    fragments = {
        literal.strip(" .,:;()'")
        for message in message_table("en").values()
        for literal, *_ in string.Formatter().parse(message)
        if len(literal.strip(" .,:;()'")) >= 12
    }
    return sorted(f for f in fragments if f in text)


def test_a_rejection_in_the_dutch_window_has_no_english_sentence(qapp, qtbot, ctx, tmp_path, dutch_locale):
    from reader.core.library import Library
    from reader.ui import i18n
    from reader.ui.views.importtrust import ImportTrustView, result_details
    from tests.helpers import bundles

    key = bundles.new_key()
    with Library.open(ctx.library_dir) as lib:
        lib.trust.add(key.public.to_file(), name="Testuitgever", role="publisher")
    valid = bundles.build_example(tmp_path / "src", key)
    chapter = "chapters/01-dreigingsniveau.md"
    content = bytearray(bundles.members_of(valid)[chapter])
    content[10] ^= 0x01
    tampered = bundles.write(tmp_path / "gewijzigd.dtnb", bundles.replace_member(valid, chapter, bytes(content)))

    translators = i18n.install(qapp, "nl")
    try:
        view = ImportTrustView(ctx)
        qtbot.addWidget(view)
        view.show()  # as in the window: a hidden view only marks itself stale on a change
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.activate()
        with qtbot.waitSignal(view.imported, timeout=20_000) as blocker, qtbot.waitSignal(view.loaded, timeout=20_000):
            assert view.import_paths([tampered])
        [result] = blocker.args[0]
        shown = [view.report_table.item(0, col).text() for col in range(view.report_table.columnCount())]
        shown += [result_details(result), view.audit_table.item(0, 3).text(), view.summary_label.text()]
    finally:
        i18n.remove(qapp, translators)
    text = "\n".join(shown)
    assert f"{chapter} is gewijzigd: de sha256 komt niet overeen met het ondertekende manifest." in text
    assert english_sentences_in(text) == []
    # The checker itself finds English: the same report in English would fail it.
    assert english_sentences_in(error_text(IntegrityError("x", code="integrity-altered", name=chapter), "en"))
