"""The person's own settings, not the library's: the window's language and colour scheme,
its geometry and the folders last used in file dialogs. They live in QSettings (the platform's place for a
user's settings), so two people sharing a library each keep their own, and a library on a
read-only disk still remembers them.

``Preferences(path)`` keeps them in that INI file instead; so does the environment
variable DTN_SETTINGS (the tests set it, so that no test writes the user's real settings).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_ENV = "DTN_SETTINGS"
ORGANIZATION = "DTN Reader"
APPLICATION = "DTN Reader"

KEY_LANGUAGE = "language"
KEY_SCHEME = "color_scheme"
KEY_GEOMETRY = "window/geometry"
FOLDER_GROUP = "folders"
# What a remembered folder was used for (one entry each).
FOLDER_IMPORT = "import"
FOLDER_KEYS = "keys"

# A stored folder or language longer than this is not ours; it is ignored (characters).
MAX_VALUE_CHARS = 4096


class Preferences:
    """Read and write the person's settings; every value read is checked before use."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None and os.environ.get(SETTINGS_ENV):
            path = Path(os.environ[SETTINGS_ENV])
        if path is not None:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    def file_name(self) -> str:
        return self._settings.fileName()

    def _text(self, key: str) -> str | None:
        value = self._settings.value(key)
        return value if isinstance(value, str) and 0 < len(value) <= MAX_VALUE_CHARS else None

    def language(self, choices: tuple[str, ...]) -> str | None:
        """The stored language if it is one of ``choices``."""
        value = self._text(KEY_LANGUAGE)
        return value if value in choices else None

    def set_language(self, language: str) -> None:
        self._settings.setValue(KEY_LANGUAGE, language)
        self._settings.sync()

    def scheme(self, choices: tuple[str, ...]) -> str | None:
        """The stored colour scheme if it is one of ``choices``."""
        value = self._text(KEY_SCHEME)
        return value if value in choices else None

    def set_scheme(self, scheme: str) -> None:
        self._settings.setValue(KEY_SCHEME, scheme)
        self._settings.sync()

    def geometry(self) -> QByteArray | None:
        value = self._settings.value(KEY_GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._settings.setValue(KEY_GEOMETRY, geometry)
        self._settings.sync()

    def folder(self, purpose: str) -> str:
        """The folder last used for ``purpose`` if it still exists, else ''."""
        value = self._text(f"{FOLDER_GROUP}/{purpose}")
        return value if value and Path(value).is_dir() else ""

    def set_folder(self, purpose: str, folder: str | Path) -> None:
        self._settings.setValue(f"{FOLDER_GROUP}/{purpose}", str(folder))
        self._settings.sync()
