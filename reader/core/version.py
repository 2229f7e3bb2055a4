"""The versions a bug report needs: the app's, Python's and Qt's (for ``dtn --version`` and
the About box)."""

from __future__ import annotations

import platform

from reader import __version__

# The distributions that bring Qt, in the order they are asked (the app depends on the first).
QT_DISTRIBUTIONS = ("PySide6-Essentials", "PySide6")


def qt_version() -> str | None:
    """The installed PySide6 (= Qt) version, read from its package metadata without importing
    Qt (the command line never loads it); None where it cannot be told (a frozen CLI)."""
    from importlib.metadata import PackageNotFoundError, version

    for name in QT_DISTRIBUTIONS:
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    return None


def version_line(qt: str | None = None) -> str:
    """E.g. ``DTN Reader 0.1.0 (Python 3.11.2, Qt 6.11.3)``; ``qt``: the running Qt's version
    if the caller has it (the window), else the installed one."""
    qt = qt or qt_version() or "unknown"
    return f"DTN Reader {__version__} (Python {platform.python_version()}, Qt {qt})"
