"""Edition sources (a folder of TOML and Markdown) and building them into bundles.

The source layout is documented in docs/source-format.md. Every problem is
reported as a SourceError naming the file and, where it can be found, the line.
"""

from __future__ import annotations

import re
import struct
import tomllib
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.bundle import (
    ASSET_SUFFIXES,
    CHECKLIST_TYPE,
    DATE_RE,
    ID_RE,
    ITEM_ID_RE,
    SLUG_RE,
    TIMESTAMP_RE,
    build_bundle,
    canonical_json,
)
from reader.core.errors import DTNError, ManifestError, SourceError, UnsafeAssetError
from reader.core.minisign import SecretKey
from reader.core.text import check_date, check_line, check_multiline, check_timestamp
from reader.core.vocabulary import PRIORITIES, SCALES, THEMES

EDITION_FILE = "edition.toml"
MAX_SOURCE_FILE_BYTES = 32 * 1024 * 1024
MAX_SOURCE_FILES = 2000
_TOML_LINE_RE = re.compile(r"at line (\d+)")
# Keys whose text may run over several lines (newline and tab allowed); every other text is one line.
MULTILINE_KEYS = frozenset({"summary", "note", "text"})


@dataclass(frozen=True)
class Source:
    """A checked edition source, ready to be signed."""

    folder: Path
    manifest: dict[str, Any]  # without files/type/format: build_bundle adds those
    members: dict[str, bytes]
    warnings: tuple[str, ...]


def _rel(folder: Path, path: Path) -> str:
    try:
        return str(path.relative_to(folder.parent))
    except ValueError:
        return str(path)


_TOML_HEADER_RE = re.compile(r"^[ \t]*\[\[?[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.MULTILINE)


def _line_of(text: str, key: str, section: str | None = None, occurrence: int = 0) -> int | None:
    """Line (1-based) of ``key =`` in the ``occurrence``-th ``[section]``/``[[section]]`` of TOML text.

    ``section`` None means the top level (before the first header). Searching per
    section matters: ``id``, ``title`` or ``value`` appear in several tables.
    Returns None when the key cannot be found (e.g. written as an inline table).
    """
    headers = list(_TOML_HEADER_RE.finditer(text))
    if section is None:
        start, end = 0, headers[0].start() if headers else len(text)
    else:
        indexes = [i for i, header in enumerate(headers) if header.group(1) == section]
        if occurrence >= len(indexes):
            return None
        i = indexes[occurrence]
        start, end = headers[i].end(), headers[i + 1].start() if i + 1 < len(headers) else len(text)
    match = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=", re.MULTILINE).search(text, start, end)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read_toml(path: Path, shown: str) -> tuple[dict, str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(shown, "file is missing", code="source-file-missing") from None
    except OSError as exc:
        raise SourceError(
            shown, f"cannot be read: {exc.strerror or exc}", code="source-file-read", detail=exc.strerror or str(exc)
        ) from None
    if len(raw) > MAX_SOURCE_FILE_BYTES:
        raise SourceError(
            shown, f"file is larger than {MAX_SOURCE_FILE_BYTES} bytes", code="source-file-too-large", limit=MAX_SOURCE_FILE_BYTES
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(shown, "not UTF-8 text", raw.count(b"\n", 0, exc.start) + 1, code="source-not-utf8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE_RE.search(str(exc))
        raise SourceError(
            shown, f"not valid TOML: {exc}", int(match.group(1)) if match else None, code="source-toml", detail=str(exc)
        ) from None


class _Checker:
    """Field checks on one TOML table; errors name the file and the key's line."""

    def __init__(self, shown: str, text: str, table: Any, where: str = "", occurrence: int = 0) -> None:
        self.shown, self.toml_text, self.where, self.occurrence = shown, text, where, occurrence
        # "chapters[2]." -> section "chapters"; "" -> top level
        self.section = where.split("[", 1)[0].rstrip(".") or None
        if not isinstance(table, dict):
            raise SourceError(shown, f"{where or 'file'} must be a table", code="source-not-table", what=where or "file")
        self.table = table

    def line(self, key: str) -> int | None:
        return _line_of(self.toml_text, key, self.section, self.occurrence)

    def fail(self, key: str, problem: str) -> SourceError:
        return SourceError(self.shown, f"{self.where}{key}: {problem}", self.line(key))

    def get(self, key: str, kind: type, optional: bool = False) -> Any:
        if key not in self.table:
            if optional:
                return None
            raise SourceError(self.shown, f"{self.where}{key} is missing", code="source-key-missing", key=f"{self.where}{key}")
        value = self.table[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(key, f"must be a {kind.__name__}")
        return value

    def text(self, key: str, optional: bool = False, pattern: re.Pattern | None = None) -> Any:
        value = self.get(key, str, optional)
        if value is None:
            return None
        value = value.strip()
        if not value:
            raise self.fail(key, "is empty")
        try:  # the same checks a reader makes, so a source never builds what every reader refuses
            (check_multiline if key in MULTILINE_KEYS else check_line)(value, "the text")
            if pattern is not None and not pattern.fullmatch(value):
                raise self.fail(key, f"{value!r} is not in the required form")
            if pattern is DATE_RE:
                check_date(value, "the date")
            elif pattern is TIMESTAMP_RE:
                check_timestamp(value, "the time")
        except SourceError:
            raise
        except DTNError as exc:
            raise self.fail(key, exc.message) from None
        return value


def _level(c: _Checker) -> dict:
    scale_id = c.text("scale")
    if scale_id not in SCALES:
        raise c.fail("scale", f"unknown scale {scale_id!r}; use one of {', '.join(SCALES)}")
    scale = SCALES[scale_id]
    value = c.get("value", int)
    if not 1 <= value <= scale.max:
        raise c.fail("value", f"level {value} is outside scale {scale_id} (1..{scale.max})")
    label = c.get("label", str, optional=True)
    if label is not None and label != scale.label(value):
        raise c.fail("label", f"{label!r} is not the label of level {value} on scale {scale_id} ({scale.label(value)!r})")
    return {"value": value, "label": scale.label(value), "scale": scale_id}


def _read_file(folder: Path, rel: str, shown_base: str, line: int | None = None) -> bytes:
    path = (folder / rel).resolve()
    if folder.resolve() not in path.parents:
        raise SourceError(shown_base, f"{rel!r} points outside the source folder", line, code="source-outside", rel=rel)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{shown_base}", f"listed file {rel} is missing", line, code="source-listed-missing", rel=rel) from None
    if len(data) > MAX_SOURCE_FILE_BYTES:
        raise SourceError(
            _rel(folder, path), f"file is larger than {MAX_SOURCE_FILE_BYTES} bytes", code="source-file-too-large", limit=MAX_SOURCE_FILE_BYTES
        )
    return data


def load_source(folder: str | Path) -> Source:
    """Read and check an edition source folder. Raises SourceError."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(str(folder), "is not a folder", code="source-not-folder")
    edition_path = folder / EDITION_FILE
    shown = _rel(folder, edition_path)
    data, text = _read_toml(edition_path, shown)
    top = _Checker(shown, text, data)
    allowed = {
        "bundle_id", "revision", "edition_date", "edition_number", "edition_name", "publisher", "created",
        "language", "title", "summary", "demo", "level", "level_events", "chapters", "checklists",
    }
    for key in data:
        if key not in allowed:
            raise top.fail(key, "unknown key")
    manifest: dict[str, Any] = {
        "bundle_id": top.text("bundle_id", pattern=ID_RE),
        "revision": top.get("revision", int),
        "publisher": top.text("publisher"),
        "created": top.text("created", pattern=TIMESTAMP_RE),
        "language": top.text("language"),
        "title": top.text("title"),
        "summary": top.text("summary"),
        "demo": bool(top.get("demo", bool, optional=True)),
    }
    if manifest["revision"] < 1:
        raise top.fail("revision", "must be 1 or higher")
    number = top.get("edition_number", int, optional=True)
    if number is not None and number < 1:
        raise top.fail("edition_number", "must be 1 or higher")
    manifest["edition"] = {"date": top.text("edition_date", pattern=DATE_RE), "name": top.text("edition_name")}
    if number is not None:
        manifest["edition"]["number"] = number

    lvl = _Checker(shown, text, top.get("level", dict), "level.")
    manifest["level"] = {**_level(lvl), "since": lvl.text("since", pattern=DATE_RE)}
    events = []
    for i, raw in enumerate(top.get("level_events", list, optional=True) or []):
        ev = _Checker(shown, text, raw, f"level_events[{i}].", i)
        event = {**_level(ev), "start": ev.text("start", pattern=DATE_RE), "region": ev.text("region")}
        end = ev.text("end", optional=True, pattern=DATE_RE)
        if end is not None:
            if end < event["start"]:
                raise ev.fail("end", "ends before it starts")
            event["end"] = end
        note = ev.text("note", optional=True)
        if note:
            event["note"] = note
        events.append(event)
    if events:
        manifest["level_events"] = events

    members: dict[str, bytes] = {}
    warnings: list[str] = []
    chapters = []
    chapter_ids: set[str] = set()
    raw_chapters = top.get("chapters", list)
    if not raw_chapters:
        raise top.fail("chapters", "an edition needs at least one chapter")
    for i, raw in enumerate(raw_chapters):
        ch = _Checker(shown, text, raw, f"chapters[{i}].", i)
        cid = ch.text("id", pattern=SLUG_RE)
        if cid in chapter_ids:
            raise ch.fail("id", f"chapter id {cid!r} is used twice")
        chapter_ids.add(cid)
        themes = ch.get("themes", list)
        for theme in themes:
            if not isinstance(theme, str) or theme not in THEMES:
                raise SourceError(
                    shown, f"chapter {cid!r}: unknown theme {theme!r}; known themes: {', '.join(THEMES)}",
                    ch.line("themes"), code="source-theme-unknown", chapter=cid, theme=theme, themes=", ".join(THEMES),
                )
        file = ch.text("file")
        if not file.startswith("chapters/") or not file.endswith(".md") or file.count("/") != 1:
            raise ch.fail("file", f"{file!r} must be chapters/<name>.md")
        content = _read_file(folder, file, shown, ch.line("file"))
        try:
            markdown = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(
                str(Path(folder.name) / file), "not UTF-8 text", content.count(b"\n", 0, exc.start) + 1, code="source-not-utf8"
            ) from None
        if markdown.lstrip().startswith("# "):
            warnings.append(f"{folder.name}/{file}: starts with a '#' title; the title comes from edition.toml")
        members[file] = content
        entry = {"id": cid, "title": ch.text("title"), "themes": themes, "file": file}
        if ch.get("theme_chapter", bool, optional=True):
            entry["theme_chapter"] = True
        chapters.append(entry)
    manifest["chapters"] = chapters

    checklists = []
    checklist_ids: set[str] = set()
    for i, raw in enumerate(top.get("checklists", list, optional=True) or []):
        cl = _Checker(shown, text, raw, f"checklists[{i}].", i)
        file = cl.text("file")
        if not file.startswith("checklists/") or not file.endswith(".toml") or file.count("/") != 1:
            raise cl.fail("file", f"{file!r} must be checklists/<name>.toml")
        checklist = _load_checklist(folder, file)
        if checklist["id"] in checklist_ids:
            raise SourceError(
                f"{folder.name}/{file}", f"checklist id {checklist['id']!r} is used twice", code="source-checklist-twice", checklist=checklist["id"]
            )
        checklist_ids.add(checklist["id"])
        out_name = f"checklists/{checklist['id']}.json"
        members[out_name] = canonical_json(checklist)
        checklists.append(
            {"id": checklist["id"], "partner": checklist["partner"], "title": checklist["title"], "file": out_name}
        )
    if checklists:
        manifest["checklists"] = checklists

    assets = folder / "assets"
    if assets.is_dir():
        for path in sorted(assets.iterdir()):
            if path.name.startswith("."):
                continue
            if not path.is_file() or path.is_symlink():
                raise SourceError(_rel(folder, path), "assets/ may hold regular files only", code="source-asset-not-file")
            if path.suffix.lower() not in ASSET_SUFFIXES:
                raise SourceError(
                    _rel(folder, path), f"asset type not allowed; use one of {', '.join(ASSET_SUFFIXES)}", code="source-asset-type", types=", ".join(ASSET_SUFFIXES)
                )
            members[f"assets/{path.name}"] = _read_file(folder, f"assets/{path.name}", shown)
            if len(members) > MAX_SOURCE_FILES:
                raise SourceError(str(folder), f"more than {MAX_SOURCE_FILES} files", code="source-too-many-files", limit=MAX_SOURCE_FILES)
    for name, content in members.items():
        if name.startswith("chapters/"):
            for ref in re.findall(r"!\[[^\]]*\]\(\s*(?:\.\./|\./)?(assets/[^)\s]+)", content.decode("utf-8")):
                if ref not in members:
                    warnings.append(f"{folder.name}/{name}: image {ref} is not in assets/")
    return Source(folder, manifest, members, tuple(warnings))


def _load_checklist(folder: Path, rel: str) -> dict:
    shown = f"{folder.name}/{rel}"
    data, text = _read_toml(folder / rel, shown)
    c = _Checker(shown, text, data)
    for key in data:
        if key not in ("id", "partner", "title", "items"):
            raise c.fail(key, "unknown key")
    checklist = {
        "type": CHECKLIST_TYPE,
        "id": c.text("id", pattern=SLUG_RE),
        "partner": c.text("partner"),
        "title": c.text("title"),
        "items": [],
    }
    seen: set[str] = set()
    raw_items = c.get("items", list)
    if not raw_items:
        raise c.fail("items", "a checklist needs at least one item")
    for i, raw in enumerate(raw_items):
        it = _Checker(shown, text, raw, f"items[{i}].", i)
        iid = it.text("id", pattern=ITEM_ID_RE)
        if iid in seen:
            raise it.fail("id", f"duplicate checklist item id {iid!r}")
        seen.add(iid)
        priority = it.text("priority")
        if priority not in PRIORITIES:
            raise it.fail("priority", f"{priority!r} is not one of {', '.join(PRIORITIES)}")
        checklist["items"].append({"id": iid, "text": it.text("text"), "priority": priority})
    return checklist


def build_source(folder: str | Path, key: SecretKey) -> tuple[bytes, Source]:
    """Check a source folder and build its signed bundle. Raises SourceError."""
    source = load_source(folder)
    try:
        return build_bundle(source.manifest, source.members, key), source
    except (ManifestError, UnsafeAssetError) as exc:
        raise SourceError(str(Path(folder) / EDITION_FILE), exc.message, code=exc.code, **exc.params) from None


# --- dtn init -------------------------------------------------------------------------


def _png(width: int, height: int, pixel: callable) -> bytes:
    """A small RGB PNG, written deterministically without any imaging library."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def level_bar_png() -> bytes:
    """A five-step bar (green to red), the example figure of ``dtn init``."""
    colours = [(46, 125, 50), (124, 179, 66), (251, 192, 45), (245, 124, 0), (198, 40, 40)]
    return _png(200, 40, lambda x, y: colours[min(x // 40, 4)] if 4 <= y < 36 else (255, 255, 255))


EXAMPLE_EDITION = '''\
bundle_id = "voorbeeld-2026-06"
revision = 1
edition_date = "2026-06"
edition_name = "Voorbeeldeditie juni 2026"
publisher = "Voorbeeldredactie"
created = "2026-06-01T09:00:00Z"
language = "nl"
title = "Voorbeeld van een dreigingsbeeld"
summary = """
Dit is een voorbeeldbron voor dtn build. Pas de tekst, de hoofdstukken en de
checklist aan en bouw er een ondertekende bundel van.
"""
demo = true

[level]
value = 3
scale = "dtn-5"
since = "2026-06"

[[chapters]]
id = "dreigingsniveau"
title = "Het dreigingsniveau"
themes = ["dreigingsniveau"]
file = "chapters/01-dreigingsniveau.md"

[[chapters]]
id = "online"
title = "Online radicalisering"
themes = ["online-radicalisering", "minderjarigen"]
file = "chapters/02-online.md"
theme_chapter = true

[[checklists]]
file = "checklists/gemeenten.toml"
'''

EXAMPLE_CHAPTER_LEVEL = '''\
Het dreigingsniveau staat in dit voorbeeld op **aanzienlijk** (3 van 5): een
aanslag is voorstelbaar.

![Schaal van het dreigingsniveau](../assets/schaal.png)

## Wat het niveau betekent

| Niveau | Betekenis |
|---|---|
| 3 Aanzienlijk | Een aanslag is voorstelbaar |
| 4 Substantieel | De kans op een aanslag is reëel |

Lees verder in [het hoofdstuk over online radicalisering](02-online.md).
'''

EXAMPLE_CHAPTER_ONLINE = '''\
Jongeren radicaliseren steeds vaker online, buiten het zicht van hun
omgeving.[^1]

## Signalen

Vroege signalen komen vaak van school, jongerenwerk of ouders.

[^1]: Voorbeeldtekst; geen bron.
'''

EXAMPLE_CHECKLIST = '''\
id = "gemeenten"
partner = "Gemeenten en burgemeesters"
title = "Handelingsperspectief gemeenten"

[[items]]
id = "gemeenten-casusoverleg"
text = "Bespreek signalen van radicalisering in het lokale casusoverleg."
priority = "hoog"

[[items]]
id = "gemeenten-evenementen"
text = "Betrek het dreigingsbeeld bij de vergunning van grote evenementen."
priority = "middel"
'''


def write_example_source(folder: str | Path) -> Path:
    """Write a complete example edition source that ``dtn build`` accepts as it is."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise SourceError(str(folder), "folder is not empty; choose a new folder", code="source-folder-not-empty")
    for sub in ("chapters", "checklists", "assets"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / EDITION_FILE).write_text(EXAMPLE_EDITION, "utf-8")
    (folder / "chapters/01-dreigingsniveau.md").write_text(EXAMPLE_CHAPTER_LEVEL, "utf-8")
    (folder / "chapters/02-online.md").write_text(EXAMPLE_CHAPTER_ONLINE, "utf-8")
    (folder / "checklists/gemeenten.toml").write_text(EXAMPLE_CHECKLIST, "utf-8")
    (folder / "assets/schaal.png").write_bytes(level_bar_png())
    return folder
