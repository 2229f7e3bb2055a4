"""Translations: ``.ts`` sources from ``pyside6-lupdate``, ``.qm`` built by ``pyside6-lrelease``.

The source strings in the code are English; ``resources/translations/dtn_nl.ts`` holds the
Dutch translations and ``dtn_en.ts`` is the English identity (it only adds the English
plural forms of ``%n`` messages). The ``.qm`` files are compiled from them once, by a
developer, and committed; the app only loads them (it never runs lrelease and never writes
into its own folder, which is read-only when installed). tests/ui/test_translations.py
fails when a committed ``.qm`` is not what its ``.ts`` compiles to.

    python -m reader.ui.i18n update   # refresh the .ts files from the code under reader/ui
    python -m reader.ui.i18n build    # compile the .qm files next to them (then commit them)
    python -m reader.ui.i18n check    # exit 1 if a committed .qm is not current
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.paths import resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale

# subprocess, shutil and xml.etree are imported where a .ts or .qm file is built or updated,
# not at start-up: the app imports this module before its window is on screen.

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
SOURCE_LANGUAGE = "en"
LANGUAGE_NAMES: dict[str, str] = {"nl": "Nederlands", "en": "English"}
# How long one lupdate/lrelease run may take, in seconds.
TOOL_TIMEOUT_S = 120


def translations_dir() -> Path:
    return resource_path("translations")


def ts_path(language: str) -> Path:
    return translations_dir() / f"dtn_{language}.ts"


def qm_path(language: str) -> Path:
    return translations_dir() / f"dtn_{language}.qm"


def source_files() -> list[Path]:
    """Every Python file under reader/ui, relative to the repository root, in a stable order."""
    root = _repo_root()
    ui = root / "reader" / "ui"
    return sorted(p.relative_to(root) for p in ui.rglob("*.py") if "__pycache__" not in p.parts)


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    """Path of a PySide6 tool (``pyside6-lupdate``, ``pyside6-lrelease``); RuntimeError if absent."""
    import shutil

    candidates = [Path(sys.executable).parent / name, Path(sys.executable).parent / f"{name}.exe"]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise RuntimeError(f"{name} not found next to {sys.executable} or on PATH; install PySide6")


def _run(args: list[str]) -> None:
    import subprocess

    log.debug("running %s", " ".join(args))
    proc = subprocess.run(args, cwd=_repo_root(), capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")


def update(languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    """Refresh the ``.ts`` files from the code (keeping existing translations). Returns them."""
    files = [str(p) for p in source_files()]
    written = []
    for language in languages:
        target = ts_path(language)
        target.parent.mkdir(parents=True, exist_ok=True)
        _run(
            [_tool("pyside6-lupdate"), *files, "-source-language", SOURCE_LANGUAGE, "-target-language", language,
             "-no-obsolete", "-locations", "none", "-silent", "-ts", str(target)]
        )
        if language == SOURCE_LANGUAGE:
            fill_identity(target)
        written.append(target)
    return written


def fill_identity(ts: Path) -> None:
    """Mark every message of the source-language file finished with its own text.

    Plural messages written as ``%n chapter(s)`` get the forms ``%n chapter`` and ``%n chapters``.
    """
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") in ("vanished", "obsolete"):
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in (source.replace("(s)", ""), source.replace("(s)", "s")):
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = source
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


BUILD_COMMAND = "python -m reader.ui.i18n build"


def build(languages: tuple[str, ...] = LANGUAGES, out_dir: Path | None = None) -> list[Path]:
    """Compile the ``.ts`` files to ``.qm`` in ``out_dir`` (default: next to them).

    Returns the ``.qm`` files written. A developer's tool; the app never calls it.
    """
    written = []
    for language in languages:
        source = ts_path(language)
        target = qm_path(language) if out_dir is None else out_dir / qm_path(language).name
        if not source.is_file():
            raise RuntimeError(f"no translation source {source}")
        # Build beside it and rename, so a running app never loads half a file.
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            _run([_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(partial)])
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        written.append(target)
    return written


def stale(languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """The languages whose committed ``.qm`` is missing or not what its ``.ts`` compiles to now."""
    import tempfile

    outdated = []
    with tempfile.TemporaryDirectory(prefix="dtn-qm-") as tmp:
        for language, fresh in zip(languages, build(languages, Path(tmp))):
            shipped = qm_path(language)
            if not shipped.is_file() or shipped.read_bytes() != fresh.read_bytes():
                outdated.append(language)
    return outdated


def compiled(language: str) -> Path | None:
    """The shipped ``.qm`` file for ``language``, or None if there is none (the source strings
    are shown then)."""
    target = qm_path(language)
    return target if target.is_file() else None


def locale_for(language: str) -> QLocale:
    """The locale of dates and numbers in ``language``: en_GB for English, nl_NL otherwise.

    Here rather than in reader.ui.format, which the app would otherwise import (with the
    vocabulary) before its window is on screen.
    """
    from PySide6.QtCore import QLocale

    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)


def install(app, language: str) -> list:
    """Load and install the translators for ``language`` (ours and Qt's own dialogs' texts).

    Returns the translators; keep them and pass them to ``remove`` to switch language.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translators = []
    qm = compiled(language)
    if qm is not None:
        ours = QTranslator(app)
        if ours.load(str(qm)):
            translators.append(ours)
        else:
            log.warning("cannot load the translation %s", qm)
    if language != SOURCE_LANGUAGE:
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(language), "qtbase", "_", qt_dir):
            translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def remove(app, translators: list) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else ""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if command == "update":
        paths = update()
    elif command == "build":
        paths = build()
    elif command == "check":
        outdated = stale()
        for language in outdated:
            sys.stderr.write(f"{os.path.relpath(qm_path(language))} is not current; run: {BUILD_COMMAND}\n")
        return 1 if outdated else 0
    else:
        sys.stderr.write("usage: python -m reader.ui.i18n update|build|check\n")
        return 2
    for path in paths:
        log.info("wrote %s", os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
