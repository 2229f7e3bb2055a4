"""``dtn bookmarks list|add|remove|export|import``: bookmarks and notes from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def cmd_bookmarks_list(args: argparse.Namespace) -> int:
    from reader.cli import EXIT_OK, _json_out, _open_library, _out

    with _open_library(args) as lib:
        marks = lib.bookmarks(args.search or "")
    if args.json:
        _json_out([
            {"id": b.pk, "bundle_id": b.bundle_id, "chapter_id": b.chapter_id, "anchor": b.anchor, "note": b.note,
             "created_at": b.created_at, "updated_at": b.updated_at, "edition": b.edition_name or None,
             "chapter": b.chapter_title or None, "section": b.section_title or None, "demo": b.demo}
            for b in marks
        ])
        return EXIT_OK
    if not marks:
        _out("no bookmarks match" if args.search else "no bookmarks yet; add one with 'dtn bookmarks add EDITION CHAPTER'")
    for b in marks:
        place = f"{b.edition_name or b.bundle_id} / {b.chapter_title or b.chapter_id}"
        if b.anchor:
            place += f" / {b.section_title or b.anchor}"
        missing = "" if b.available else " (not in the library)"
        demo = " [DEMO]" if b.demo else ""
        _out(f"{b.pk:>5}  {b.created_at[:10]}  {place}{demo}{missing}")
        for line in b.note.splitlines():
            _out(f"       {line}")
    return EXIT_OK


def cmd_bookmarks_add(args: argparse.Namespace) -> int:
    from reader.cli import EXIT_OK, _open_library, _out

    with _open_library(args) as lib:
        edition = lib.edition(args.edition)
        chapter = lib.chapter_by_id(edition.pk, args.chapter)
        pk = lib.add_bookmark(edition.bundle_id, chapter.chapter_id, args.section or "", args.note or "")
    _out(f"bookmark {pk}: {edition.name} / {chapter.title}{' / ' + args.section if args.section else ''}")
    return EXIT_OK


def cmd_bookmarks_remove(args: argparse.Namespace) -> int:
    from reader.cli import EXIT_OK, _open_library, _out

    with _open_library(args) as lib:
        lib.remove_bookmark(args.id)
    _out(f"bookmark {args.id} removed")
    return EXIT_OK


def cmd_bookmarks_export(args: argparse.Namespace) -> int:
    from reader.cli import EXIT_OK, _open_library, _out

    with _open_library(args) as lib:
        count = lib.write_bookmarks(args.file)
    _out(f"{count} bookmark(s) written to {args.file}")
    return EXIT_OK


def cmd_bookmarks_import(args: argparse.Namespace) -> int:
    from reader.cli import EXIT_OK, _open_library, _out

    with _open_library(args) as lib:
        result = lib.import_bookmarks_file(args.file)
    _out(f"{result.added} added, {result.updated} updated, {result.unchanged} already present")
    return EXIT_OK


def add_bookmark_commands(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """``dtn bookmarks ...`` under the ``sub`` subparsers."""
    group = sub.add_parser("bookmarks", help="bookmarks and notes on chapters and sections", description="bookmarks and notes on chapters and sections")
    bsub = group.add_subparsers(dest="bookmarks_command", required=True, parser_class=parser_class)
    commands: tuple[tuple[str, Callable[[argparse.Namespace], int], str], ...] = (
        ("list", cmd_bookmarks_list, "list bookmarks, newest first"),
        ("add", cmd_bookmarks_add, "bookmark a chapter or a section, with an optional note"),
        ("remove", cmd_bookmarks_remove, "remove a bookmark by its number"),
        ("export", cmd_bookmarks_export, "write every bookmark to a JSON file"),
        ("import", cmd_bookmarks_import, "merge bookmarks from a JSON file (no duplicates)"),
    )
    for name, func, help in commands:
        p = bsub.add_parser(name, help=help, description=help)
        p.add_argument("--library", metavar="DIR", help="library folder (default: $DTN_LIBRARY or the user data folder)")
        p.set_defaults(func=func)
        if name == "list":
            p.add_argument("--search", metavar="TEXT", help="only bookmarks whose note, chapter or edition holds TEXT")
            p.add_argument("--json", action="store_true")
        elif name == "add":
            p.add_argument("edition", help="bundle id or edition date, as 'dtn list' shows")
            p.add_argument("chapter", help="chapter id, as 'dtn show EDITION' shows")
            p.add_argument("--section", metavar="ANCHOR", help="a section's anchor within the chapter")
            p.add_argument("--note")
        elif name == "remove":
            p.add_argument("id", type=int)
        else:
            p.add_argument("file")
