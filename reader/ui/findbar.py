"""Find in the open chapter: a bar with a field, Previous and Next, and how many matches.

Every match is marked; the current one is selected and scrolled into view. Case and
accents are ignored ("reeel" finds "reëel"), as in the search view. Enter and F3 go to
the next match, Shift+Enter and Shift+F3 to the previous one, Escape closes the bar.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from reader.ui.browser import _ACCENTED, strip_accents

# More marks only slow painting down; the count then says "more than".
MAX_MATCHES = 1000
# A longer query is not something anyone types into a find field.
MAX_QUERY_CHARS = 200


def find_pattern(text: str) -> str:
    """A regular expression for ``text`` anywhere, case and accents ignored, spaces as any white space."""
    parts = []
    for ch in strip_accents(text).casefold():
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
            continue
        variants = _ACCENTED.get(ch)
        parts.append(f"[{variants}]" if variants else re.escape(ch))
    return "".join(parts)


class FindBar(QWidget):
    """Find in ``editor`` (a QTextEdit or QTextBrowser); hidden until :meth:`start`.

    Signals:
        found(index, count): the current match (0-based, -1 for none) and how many there are.
    """

    found = Signal(int, int)

    def __init__(self, editor: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._matches: list[QTextCursor] = []
        self._current = -1
        self.field = QLineEdit()
        self.field.setMaxLength(MAX_QUERY_CHARS)
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(self.tr("Find in this chapter"))
        self.field.setAccessibleName(self.tr("Find in this chapter"))
        self.field.textChanged.connect(self._on_text_changed)
        self.field.installEventFilter(self)
        self.previous_button = QToolButton()
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QToolButton()
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.next_button.clicked.connect(self.next)
        self.count_label = QLabel()
        self.close_button = QToolButton()
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the find bar"))
        self.close_button.clicked.connect(self.finish)
        label = QLabel(self.tr("&Find:"))
        label.setBuddy(self.field)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addWidget(self.close_button)
        self.hide()

    # --- the user's side -----------------------------------------------------------------

    def start(self) -> None:
        """Show the bar with the field focused and its text selected (Ctrl+F)."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text():
            self.refresh()

    def finish(self) -> None:
        """Hide the bar and drop the marks; the chapter keeps the current match selected."""
        self.hide()
        self.editor.setExtraSelections([])
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    @property
    def count(self) -> int:
        return len(self._matches)

    @property
    def current(self) -> int:
        return self._current

    # --- finding -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Find again (the chapter changed); the current match becomes the first one."""
        self._find(self.field.text(), keep_position=False)

    def _on_text_changed(self, text: str) -> None:
        self._find(text, keep_position=True)

    def _find(self, text: str, keep_position: bool) -> None:
        """Mark every match of ``text``; the current one is the first at or after where the
        previous current match began (so typing more letters stays on the same spot)."""
        start = self._matches[self._current].selectionStart() if keep_position and self._current >= 0 else 0
        self._matches = []
        self._current = -1
        if text.strip():
            regex = QRegularExpression(
                find_pattern(text.strip()),
                QRegularExpression.PatternOption.CaseInsensitiveOption | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
            )
            document = self.editor.document()
            cursor = QTextCursor(document)
            while len(self._matches) < MAX_MATCHES:
                cursor = document.find(regex, cursor)
                if cursor.isNull():
                    break
                self._matches.append(QTextCursor(cursor))
            if self._matches:
                self._current = next((i for i, m in enumerate(self._matches) if m.selectionStart() >= start), 0)
        self._show()

    def _step(self, delta: int) -> None:
        if not self._matches:
            self.refresh()
            if not self._matches:
                return
        else:
            self._current = (self._current + delta) % len(self._matches)
        self._show()

    def _show(self) -> None:
        palette = self.editor.palette()
        marked = QTextCharFormat()
        # The marks use the inactive highlight (a lighter tone), the current match the real selection.
        marked.setBackground(palette.color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight))
        marked.setForeground(palette.color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText))
        marked.setFontUnderline(True)
        selections = []
        for match in self._matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            selection.format = marked
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        count = len(self._matches)
        if self._current >= 0:
            self.editor.setTextCursor(self._matches[self._current])
            self.editor.ensureCursorVisible()
            shown = self.tr("%1 of %2").replace("%1", str(self._current + 1)).replace("%2", str(count))
            if count >= MAX_MATCHES:
                shown = self.tr("%1 of more than %2").replace("%1", str(self._current + 1)).replace("%2", str(count))
        elif self.field.text().strip():
            shown = self.tr("not found")
        else:
            shown = ""
        self.count_label.setText(shown)
        self.count_label.setAccessibleName(shown)
        self.previous_button.setEnabled(count > 1)
        self.next_button.setEnabled(count > 1)
        self.found.emit(self._current, count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.matches(QKeySequence.StandardKey.FindNext):
                self.previous() if mods & Qt.KeyboardModifier.ShiftModifier else self.next()
                return True
            if event.matches(QKeySequence.StandardKey.FindPrevious):
                self.previous()
                return True
            if key == Qt.Key.Key_Escape:
                self.finish()
                return True
        return super().eventFilter(watched, event)
