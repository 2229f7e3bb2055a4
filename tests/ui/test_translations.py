"""The translations are complete and in use: Dutch is the product's default language.

The ``.ts`` checks read the shipped sources; the GUI check builds the window over the demo
library once per language and compares what the views show.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTableWidget, QTabWidget, QTreeWidget, QWidget

from reader.ui import i18n
from reader.ui.context import AppContext
from reader.ui.format import locale_for
from reader.ui.tasks import TaskRunner
from reader.ui.window import VIEWS, MainWindow
from tests.helpers.views import show_and_wait

REPO_ROOT = Path(__file__).resolve().parents[2]

PLACEHOLDER_RE = re.compile(r"%(?:[1-9]|n)")
# View titles that are the same word in Dutch and English ("Checklists" is the Dutch term too).
SAME_IN_DUTCH = {"Checklists"}
# A keyboard accelerator: one "&" before a character that is not another "&" (and not in "&&").
ACCELERATOR_RE = re.compile(r"(?<!&)&(?!&)(?=\S)")


def _messages(language: str) -> list[dict]:
    """Every live message of dtn_<language>.ts: context, source, numerus, type and its forms."""
    root = ET.parse(i18n.ts_path(language)).getroot()
    found = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            plural = message.get("numerus") == "yes"
            if translation is None:
                forms: list[str] = []
            elif plural:
                forms = [form.text or "" for form in translation.iter("numerusform")]
            else:
                forms = [translation.text or ""]
            found.append({
                "context": context.findtext("name") or "",
                "source": message.findtext("source") or "",
                "plural": plural,
                "type": None if translation is None else translation.get("type"),
                "forms": forms,
            })
    return found


def _problems(language: str) -> list[str]:
    problems = []
    for m in _messages(language):
        where = f"{m['context'] or '<no context>'}: {m['source']!r}"
        if not m["context"]:
            problems.append(f"{where}: no context (lupdate cannot tell whose string it is; use self.tr or a literal context)")
        if m["type"] == "unfinished":
            problems.append(f"{where}: unfinished")
        if not m["forms"] or any(not form.strip() for form in m["forms"]):
            problems.append(f"{where}: empty translation")
            continue
        if m["plural"] and len(m["forms"]) < 2:
            problems.append(f"{where}: {len(m['forms'])} plural form(s), expected 2")
        wanted = set(PLACEHOLDER_RE.findall(m["source"]))
        for form in m["forms"]:
            have = set(PLACEHOLDER_RE.findall(form))
            if have != wanted:
                problems.append(f"{where}: placeholders {sorted(have)} in {form!r}, expected {sorted(wanted)}")
            if bool(ACCELERATOR_RE.search(m["source"])) != bool(ACCELERATOR_RE.search(form)) or len(ACCELERATOR_RE.findall(form)) > 1:
                problems.append(f"{where}: keyboard accelerator (&) of the source not kept once in {form!r}")
    return problems


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translation_is_complete_with_its_placeholders(language):
    messages = _messages(language)
    assert len(messages) > 100, f"dtn_{language}.ts holds only {len(messages)} messages"
    problems = _problems(language)
    assert not problems, f"dtn_{language}.ts: {len(problems)} problem(s):\n" + "\n".join(problems[:40])


def test_the_checks_catch_an_unfinished_or_broken_dutch_message(tmp_path, monkeypatch):
    """The checks above fail on what they are meant to catch (a test that cannot fail is a defect)."""
    broken = tmp_path / "dtn_nl.ts"
    broken.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="nl" sourcelanguage="en">'
        "<context><name>V</name>"
        '<message><source>Loading…</source><translation type="unfinished"></translation></message>'
        "<message><source>Library: %1</source><translation>Bibliotheek</translation></message>"
        "<message><source>&amp;File</source><translation>Bestand</translation></message>"
        '<message numerus="yes"><source>%n chapter(s)</source><translation>'
        "<numerusform>een hoofdstuk</numerusform><numerusform>%n hoofdstukken</numerusform></translation></message>"
        "</context>"
        "<context><name></name><message><source>Hidden</source><translation>Verborgen</translation></message></context>"
        "</TS>",
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    problems = "\n".join(_problems("nl"))
    assert "'Loading…': unfinished" in problems and "'Loading…': empty translation" in problems
    assert "'Library: %1': placeholders [] in 'Bibliotheek'" in problems
    assert "'&File': keyboard accelerator" in problems
    assert "placeholders [] in 'een hoofdstuk'" in problems
    assert "<no context>: 'Hidden': no context" in problems


def _is_translate_call(node: ast.AST) -> bool:
    """``x.tr(...)``, ``tr(...)`` or ``QCoreApplication.translate(...)``."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "tr"
    if isinstance(func, ast.Attribute):
        return func.attr == "tr" or (func.attr == "translate" and isinstance(func.value, ast.Name) and func.value.id == "QCoreApplication")
    return False


def _unseen_by_lupdate(source: str, filename: str) -> list[str]:
    """Translation calls pyside6-lupdate cannot extract from ``source``, as 'file:line: why'."""
    problems = []
    tree = ast.parse(source, filename)
    calls = set()
    for node in ast.walk(tree):
        if _is_translate_call(node):
            calls.add(id(node.func))
            literal_args = 1 if isinstance(node.func, ast.Name) or node.func.attr == "tr" else 2
            args = node.args[:literal_args]
            if len(args) < literal_args or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                problems.append(f"{filename}:{node.lineno}: text or context is not a string literal")
            elif isinstance(node.func, ast.Name):
                problems.append(f"{filename}:{node.lineno}: bare tr(): lupdate files it under no context; use self.tr or QCoreApplication.translate")
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if inner is not node and _is_translate_call(inner):
                    problems.append(f"{filename}:{inner.lineno}: translation inside an f-string; lupdate does not look there")
    for node in ast.walk(tree):
        # `tr` handed around as a value (tr = self.tr, helper(x, self.tr)): its calls have no literal context.
        if isinstance(node, ast.Attribute) and node.attr == "tr" and id(node) not in calls and isinstance(node.ctx, ast.Load):
            problems.append(f"{filename}:{node.lineno}: tr used as a value, not called with a literal")
    return problems


def test_every_translated_string_is_visible_to_lupdate():
    problems = []
    for path in i18n.source_files():
        problems += _unseen_by_lupdate((REPO_ROOT / path).read_text(encoding="utf-8"), str(path))
    assert not problems, "strings lupdate cannot see (their translations are never used):\n" + "\n".join(problems)


def test_the_lupdate_check_catches_hidden_strings():
    hidden = (
        "def f(edition, tr):\n"
        "    return tr('hidden: %1')\n"
        "class V:\n"
        "    def g(self, n):\n"
        "        tr = self.tr\n"
        "        a = f\"{self.tr('revision')} {n}\"\n"
        "        b = self.tr(f'{n} results')\n"
        "        c = QCoreApplication.translate(CONTEXT, 'x')\n"
        "        return self.tr('fine %1')\n"
    )
    problems = "\n".join(_unseen_by_lupdate(hidden, "x.py"))
    assert "x.py:2: bare tr()" in problems
    assert "x.py:5: tr used as a value" in problems
    assert "x.py:6: translation inside an f-string" in problems
    assert "x.py:7: text or context is not a string literal" in problems
    assert "x.py:8: text or context is not a string literal" in problems
    assert "x.py:9" not in problems


def _english_only_sources() -> set[str]:
    """English source strings whose Dutch translation differs: seeing one in the Dutch UI is a leak."""
    leaks = set()
    for m in _messages("nl"):
        if not m["plural"] and m["forms"] and m["forms"][0] != m["source"] and "%" not in m["source"]:
            leaks.add(m["source"])
    return leaks


def _shown_texts(window: MainWindow) -> dict[str, str]:
    """Visible and accessible texts of the window's widgets and actions -> where they are."""
    texts: dict[str, str] = {}

    def add(text: str, where: str) -> None:
        if text and text.strip():
            texts.setdefault(text.strip(), where)

    for widget in window.findChildren(QWidget):
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        add(widget.accessibleName(), where + " accessibleName")
        add(widget.accessibleDescription(), where + " accessibleDescription")
        add(widget.toolTip(), where + " toolTip")
        add(widget.statusTip(), where + " statusTip")
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(widget.text(), where + " text")
        if isinstance(widget, QLineEdit):
            add(widget.placeholderText(), where + " placeholder")
        if isinstance(widget, QGroupBox):
            add(widget.title(), where + " title")
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget.itemText(i), where + f" item {i}")
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget.tabText(i), where + f" tab {i}")
        if isinstance(widget, QTableWidget):
            for i in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(i)
                add(item.text() if item is not None else "", where + f" column {i}")
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for i in range(header.columnCount()):
                add(header.text(i), where + f" column {i}")
    for action in window.findChildren(QAction):
        add(action.text(), f"action {action.objectName() or action.text()!r} text")
        add(action.statusTip(), f"action {action.text()!r} statusTip")
    return texts


def _open_window(qapp, qtbot, library_dir: Path, language: str) -> tuple[dict[str, str], dict[str, str]]:
    """Build the window in ``language`` over the library, show every view loaded; return
    (view name -> title, shown text -> where)."""
    translators = i18n.install(qapp, language)
    previous_locale = QLocale()
    QLocale.setDefault(locale_for(language))
    runner = TaskRunner(library_dir)
    try:
        window = MainWindow(AppContext(library_dir, runner, language))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        for name, _module, _cls in VIEWS:
            show_and_wait(qtbot, window, name)
        titles = {name: window.views[name].title() for name, _module, _cls in VIEWS}
        nav = [window.nav.item(row).text() for row in range(window.nav.count())]
        assert nav == list(titles.values())
        texts = _shown_texts(window)
        window.close()
        return titles, texts
    finally:
        runner.shutdown()
        i18n.remove(qapp, translators)
        QLocale.setDefault(previous_locale)


def test_dutch_window_shows_dutch_titles_and_no_english_text(qapp, qtbot, library_dir):
    dutch_titles, dutch_texts = _open_window(qapp, qtbot, library_dir, "nl")
    english_titles, _english_texts = _open_window(qapp, qtbot, library_dir, "en")
    dutch = {(m["context"], m["source"]): m["forms"][0] for m in _messages("nl") if not m["plural"]}
    for name, module, cls in VIEWS:
        english = english_titles[name]
        assert (cls, english) in dutch, f"the {name} view's English title {english!r} is not a translated string of {cls}"
        assert dutch_titles[name] == dutch[(cls, english)], f"the {name} view's title is not the Dutch translation: {dutch_titles[name]!r}"
        assert dutch_titles[name] != english or english in SAME_IN_DUTCH, f"the {name} view's title is not Dutch: {english!r}"
    leaks = {text: where for text, where in dutch_texts.items() if text in _english_only_sources()}
    assert not leaks, "English text in the Dutch window (a string lupdate or the translator misses):\n" + "\n".join(
        f"{where}: {text!r}" for text, where in sorted(leaks.items())
    )


def test_the_committed_qm_files_are_current():
    """The app loads the committed .qm files and never compiles them; they must be what the
    .ts files compile to now (lrelease's output is byte-for-byte reproducible)."""
    outdated = i18n.stale()
    assert not outdated, (
        f"compiled translations out of date for {', '.join(outdated)}; "
        f"run `{i18n.BUILD_COMMAND}` and commit resources/translations/*.qm"
    )


def test_the_qm_check_sees_an_edited_ts(monkeypatch, tmp_path):
    import shutil

    for language in i18n.LANGUAGES:
        shutil.copy(i18n.ts_path(language), tmp_path)
        shutil.copy(i18n.qm_path(language), tmp_path)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert i18n.stale() == []
    ts = tmp_path / "dtn_nl.ts"
    ts.write_text(ts.read_text(encoding="utf-8").replace("&amp;Bestand", "&amp;Archief", 1), encoding="utf-8")
    assert i18n.stale() == ["nl"]
    (tmp_path / "dtn_en.qm").unlink()
    assert i18n.stale() == ["nl", "en"]
