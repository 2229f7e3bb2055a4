"""The ``dtn`` command: a thin shell over reader.core.

Errors from reader.core become one line on stderr and a non-zero exit:
1 for a rejected input or a failed check, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

from reader.core.errors import DTNError
from reader.core.version import version_line

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad arguments; exit 2."""


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal could act on written as a visible escape.

    Control characters (C0, DEL, C1: cursor moves, colours, clearing a line), line breaks,
    tabs, bidirectional controls and lone surrogates become ``\\x1b``, ``\\n``, ``\\u202e``,
    ``\\ud800``: whatever a bundle, trusted comment or key name holds, one field stays one
    visible field, so nothing can draw a second "signer:" line or hide part of a line.
    Every line the command writes, to stdout and stderr, goes through here.
    """
    from reader.core.text import UNPRINTABLE_RE

    return UNPRINTABLE_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _out(text: str = "") -> None:
    print(terminal_safe(text), flush=False)


def _err(text: str) -> None:
    print(terminal_safe(text), file=sys.stderr)


def _json_out(obj: Any) -> None:
    # JSON escapes C0 itself but writes DEL, C1, bidirectional controls and lone surrogates raw;
    # \uXXXX keeps the JSON valid (a raw newline here is layout, never inside a string).
    from reader.core.text import UNPRINTABLE_RE

    text = json.dumps(obj, ensure_ascii=False, indent=2)
    print(UNPRINTABLE_RE.sub(lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text))


def _library_dir(args: argparse.Namespace) -> Path:
    from reader.core.paths import default_library_dir

    return Path(args.library).expanduser() if getattr(args, "library", None) else default_library_dir()


def _trust(args: argparse.Namespace):
    from reader.core.paths import builtin_trust_dir
    from reader.core.trust import TrustStore

    return TrustStore(_library_dir(args) / "trust", builtin_trust_dir())


def _open_library(args: argparse.Namespace, **kwargs):
    from reader.core.library import Library

    return Library.open(_library_dir(args), on_wait=_say_waiting, **kwargs)


def _say_waiting(message: str) -> None:
    print(f"dtn: {message}", file=sys.stderr, flush=True)


# --- keys, sources, bundles -------------------------------------------------------------


PASSWORD_ENV = "DTN_KEY_PASSWORD"
# A password file holds the password on its first line; anything larger is not one.
MAX_PASSWORD_FILE_BYTES = 4096


def _read_password_file(path: str) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_PASSWORD_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read password file {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_PASSWORD_FILE_BYTES:
        raise UsageError(f"password file {path} is larger than {MAX_PASSWORD_FILE_BYTES} bytes; it should hold one line")
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise UsageError(f"password file {path} is not UTF-8 text") from None
    password = lines[0] if lines else ""
    if not password:
        raise UsageError(f"password file {path} is empty; its first line is the password")
    return password


def _prompt(text: str) -> str:
    """Ask on the terminal without echo; a usage error where there is no terminal to ask on."""
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask for the password on; give --password-file FILE "
                         f"(or set ${PASSWORD_ENV})")
    import getpass

    try:
        return getpass.getpass(text)
    except EOFError:
        raise UsageError("no password given") from None


def _new_password(args: argparse.Namespace) -> str | None:
    """The password for a new secret key: None with --no-password, else from --password-file,
    $DTN_KEY_PASSWORD or asked twice."""
    if args.no_password:
        return None
    if args.password_file:
        return _read_password_file(args.password_file)
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    password = _prompt("Password for the new secret key: ")
    if not password:
        raise UsageError("an empty password protects nothing; give one, or --no-password for an unencrypted key")
    if _prompt("The same password again: ") != password:
        raise UsageError("the two passwords differ; nothing was written")
    return password


def cmd_keygen(args: argparse.Namespace) -> int:
    from reader.core.minisign import SecretKey

    out = Path(args.out)
    key_path, pub_path = out / f"{args.name}.key", out / f"{args.name}.pub"
    for path in (key_path, pub_path):
        if path.exists():
            raise UsageError(f"{path} exists already; refusing to overwrite a key")
    password = _new_password(args)  # before anything is written: a mistake here leaves nothing
    out.mkdir(parents=True, exist_ok=True)
    key = SecretKey.generate()
    written: list[Path] = []
    try:
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        written.append(key_path)
        with os.fdopen(fd, "wb") as f:
            f.write(key.to_file(password))
        with open(pub_path, "xb") as f:
            written.append(pub_path)
            f.write(key.public.to_file())
    except BaseException:
        for path in written:  # never half a key pair
            path.unlink(missing_ok=True)
        raise
    _out(f"secret key: {key_path} ({'encrypted with your password' if password else 'NOT encrypted'}; keep it private)")
    _out(f"public key: {pub_path}")
    _out(f"key id:     {key.key_id_hex}")
    _out(f"fingerprint: {key.public.fingerprint}")
    return EXIT_OK


def _load_secret_key(path: str, password_file: str | None = None):
    from reader.core.errors import KeyPasswordError
    from reader.core.minisign import SecretKey

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read key {path}: {exc.strerror or exc}") from None
    try:
        return SecretKey.from_bytes(data)
    except KeyPasswordError:
        if password_file:
            password = _read_password_file(password_file)
        else:
            password = os.environ.get(PASSWORD_ENV) or _prompt(f"Password for {path}: ")
        return SecretKey.from_bytes(data, password)


def cmd_init(args: argparse.Namespace) -> int:
    from reader.core.source import write_example_source

    folder = write_example_source(args.dir)
    _out(f"example edition source written to {folder}")
    _out(f"build it with: dtn build {folder} --key KEY --out edition.dtnb")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from reader.core.source import build_source

    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(f"the output folder {out.parent} does not exist; create it first")
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the bundle's file name, e.g. {out / 'edition.dtnb'}")
    key = _load_secret_key(args.key, args.password_file)
    data, source = build_source(args.src, key)
    for warning in source.warnings:
        _err(f"warning: {warning}")
    _write_atomic(out, data)
    _out(f"built {out}: {source.manifest['bundle_id']} revision {source.manifest['revision']}, "
         f"{len(source.members)} files, signed by key {key.key_id_hex}")
    return EXIT_OK


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all; the OSError names the file."""
    from reader.core.trust import atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write {path}: {exc.strerror or exc}") from None


def cmd_verify(args: argparse.Namespace) -> int:
    from reader.core.bundle import verify_bundle
    from reader.core.minisign import PublicKey
    from reader.core.trust import TrustStore

    if args.pubkey:
        keys = []
        for pub in args.pubkey:
            try:
                keys.append(PublicKey.from_bytes(Path(pub).read_bytes()))
            except OSError as exc:
                raise UsageError(f"cannot read public key {pub}: {exc.strerror or exc}") from None
        trust = TrustStore.of(keys)
    else:
        trust = _trust(args)
    rejected = 0
    for file in args.files:
        _out(file)
        try:
            vb = verify_bundle(file, trust)
        except DTNError as exc:
            rejected += 1
            _out(f"  REJECTED: {exc}")
            continue
        m = vb.manifest
        demo = " [DEMO]" if m.demo or vb.signer.demo else ""
        number = f" nr. {m.edition_number}" if m.edition_number else ""
        _out(f"  bundle:   {m.bundle_id} (revision {m.revision})")
        _out(f"  edition:  {m.edition_name}{number}, {m.edition_date}{demo}")
        _out(f"  level:    {m.level.value} {m.level.label} (scale {m.level.scale}) since {m.level.since}")
        _out(f"  signer:   {vb.signer_name} (key {vb.signer_key_id})")
        _out(f"  comment:  {vb.trusted_comment}")
        _out(f"  files:    {vb.files_checked} checked (signature, sizes and sha256)")
        _out("  OK")
    return EXIT_REJECTED if rejected else EXIT_OK


# --- trust ------------------------------------------------------------------------------------


def cmd_trust_add(args: argparse.Namespace) -> int:
    try:
        data = Path(args.pub).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.pub}: {exc.strerror or exc}") from None
    if args.role == "publisher" and not (args.publisher or "").strip():
        raise UsageError("a publisher key needs --publisher NAME: the publisher name its bundles must carry")
    with _open_library(args) as lib:  # the library audits the change
        key = lib.trust.add(data, name=args.name, role=args.role, publisher=args.publisher, source=str(Path(args.pub).resolve()))
    signs = f", signs for publisher {key.publisher!r}" if key.role == "publisher" else ""
    _out(f"trusted {key.key_id} as {key.name!r} ({key.role}{signs})")
    _out(f"fingerprint: {key.key.fingerprint}")
    return EXIT_OK


def cmd_trust_list(args: argparse.Namespace) -> int:
    keys = _trust(args).keys()
    if args.json:
        _json_out([k.meta() for k in keys])
        return EXIT_OK
    if not keys:
        _out("no trusted keys")
    for k in keys:
        marks = []
        if k.builtin:
            marks.append("built-in")
        if k.demo:
            marks.append("DEMO")
        state = f"REVOKED {k.revoked_at}" + (f" ({k.revoked_reason})" if k.revoked_reason else "") if k.revoked else "active"
        if k.disabled_at and not k.revoked:
            state = f"switched off {k.disabled_at}"
        _out(f"{k.key_id:>16}  {k.role:<9}  {state:<8}  {k.name}" + (f"  [{', '.join(marks)}]" if marks else ""))
        if k.role == "publisher":
            _out(f"{'':>16}  publisher   " + (repr(k.publisher) if not k.unbound else "(not yet bound: the first bundle it signs binds it)"))
        _out(f"{'':>16}  fingerprint {k.key.fingerprint}")
    return EXIT_OK


def cmd_trust_revoke(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        key, hidden = lib.revoke_key(args.keyid, args.reason or "")
    _out(f"revoked {key.key_id} ({key.name}); {len(hidden)} edition(s) hidden")
    for line in hidden:
        _out(f"  {line}")
    return EXIT_OK


def cmd_trust_unrevoke(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        key, shown = lib.restore_key(args.keyid)
    _out(f"revocation of {key.key_id} ({key.name}) undone; {len(shown)} edition(s) shown again")
    return EXIT_OK


def _demo_mark(edition) -> str:
    marks = []
    if edition.demo:
        marks.append("DEMO")
    if edition.superseded_by:
        marks.append("superseded")
    if edition.hidden_reason:
        marks.append("HIDDEN: " + edition.hidden_reason)
    return f"  [{'; '.join(marks)}]" if marks else ""


def cmd_import(args: argparse.Namespace) -> int:
    from reader.core.sync import split_feed_folders

    feeds, rest = split_feed_folders(args.paths)
    if feeds:  # a feed folder (a USB stick from 'dtn fetch') is imported with the feed's checks
        status = EXIT_OK
        for folder in feeds:
            status = max(status, cmd_sync(argparse.Namespace(**{**vars(args), "target": folder, "mirror": None, "ca_bundle": None})))
        if not rest:
            return status
        return max(status, cmd_import(argparse.Namespace(**{**vars(args), "paths": rest})))
    with _open_library(args) as lib:
        results = lib.import_paths(args.paths)
    for result in results:
        _out(result.line())
    rejected = sum(1 for r in results if not r.ok)
    imported = sum(1 for r in results if r.status == "imported")
    _out(f"{imported} imported, {len(results) - imported - rejected} already present, {rejected} rejected")
    return EXIT_REJECTED if rejected else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        editions = lib.editions(include_superseded=args.all, include_hidden=args.all)
    if args.json:
        _json_out([e.to_json() for e in editions])
        return EXIT_OK
    if not editions:
        _out("the library is empty; import bundles with 'dtn import PATH'")
    for e in editions:
        _out(f"{e.date:<10}  {e.bundle_id:<24} r{e.revision:<3} level {e.level_value} {e.level_label:<13} {e.name}{_demo_mark(e)}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        e = lib.edition(args.edition)
        chapters = lib.chapters(e.pk)
        checklists = lib.checklists(e.pk)
        events = lib.level_events(e.pk)
    if args.json:
        data = e.to_json()
        data["chapters"] = [{"id": c.chapter_id, "title": c.title, "themes": c.themes, "theme_chapter": c.theme_chapter} for c in chapters]
        data["level_events"] = [{"start": p.date, "end": p.end, "value": p.value, "label": p.label, "scale": p.scale, "region": p.region, "note": p.note} for p in events]
        data["checklists"] = [
            {"id": c.checklist_id, "partner": c.partner, "title": c.title,
             "items": [{"id": i.item_id, "text": i.text, "priority": i.priority, "ticked": i.ticked, "note": i.note} for i in c.items]}
            for c in checklists
        ]
        _json_out(data)
        return EXIT_OK
    _out(f"{e.title}{_demo_mark(e)}")
    _out(f"  edition:   {e.name} ({e.date}), {e.bundle_id} revision {e.revision}")
    _out(f"  level:     {e.level_value} {e.level_label} (scale {e.level_scale}) since {e.level_since}")
    for p in events:
        _out(f"  event:     {p.date}{' to ' + p.end if p.end else ''}: level {p.value} {p.label} in {p.region}")
    _out(f"  signed by: {e.signer_name} (key {e.signer_key_id})")
    for i, line in enumerate(e.summary.splitlines() or [""]):
        _out(f"  {'summary:' if i == 0 else '':<10} {line}")
    _out("  chapters:")
    for c in chapters:
        _out(f"    {c.ord + 1}. {c.title}  ({', '.join(c.themes)})")
    for c in checklists:
        _out(f"  checklist: {c.partner}: {c.done}/{len(c.items)} done")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from reader.core.library import marks_to_text

    with _open_library(args) as lib:
        hits = lib.search(args.query, limit=args.limit, themes=args.theme, year_from=args.year_from, year_to=args.year_to)
    if args.json:
        _json_out([{"edition": h.bundle_id, "edition_name": h.edition_name, "date": h.edition_date, "chapter": h.chapter_id,
                    "title": h.title, "themes": h.themes, "snippet": h.snippet, "demo": h.demo, "rank": h.rank} for h in hits])
        return EXIT_OK
    if not hits:
        _out("no results")
    for h in hits:
        _out(f"{h.edition_date}  {h.edition_name}: {h.title}{'  [DEMO]' if h.demo else ''}")
        _out(f"    {marks_to_text(h.snippet)}")
    return EXIT_OK


def cmd_levels(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        points = lib.levels()
    if args.json:
        _json_out([{"date": p.date, "end": p.end, "value": p.value, "label": p.label, "scale": p.scale,
                    "region": p.region, "edition": p.edition, "note": p.note, "demo": p.demo} for p in points])
        return EXIT_OK
    from reader.core.vocabulary import SCALES

    for p in points:
        where = "national" if p.national else f"regional: {p.region}" + (f" until {p.end}" if p.end else "")
        _out(f"{p.date:<10}  {p.value} of {SCALES[p.scale].max}  {p.label:<13} {where:<46} {p.edition}{'  [DEMO]' if p.demo else ''}")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from reader.core.library.importing import AUDIT_RESULT_GROUPS

    with _open_library(args) as lib:
        entries = lib.audit(args.limit, results=AUDIT_RESULT_GROUPS.get(args.result or "", ()), since=args.since, until=args.until)
    if args.json:
        _json_out([asdict(a) for a in entries])
        return EXIT_OK
    if args.csv:
        # Row ends (\r\n) stay; every other character a terminal acts on is escaped, as everywhere.
        text = lib.audit_csv(entries)
        sys.stdout.write("\r\n".join(terminal_safe(row) for row in text.split("\r\n")))
        return EXIT_OK
    for a in entries:
        what = f"{a.bundle_id} r{a.revision}" if a.bundle_id else (a.sha256 or "")[:12]
        _out(f"{a.time}  {a.result:<15} {what:<28} {a.source}" + (f"  -- {a.reason}" if a.reason else ""))
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    from reader.core.library.deepcheck import rebuild_library

    report = rebuild_library(_library_dir(args))
    if report["moved_aside"]:
        _out(f"the library database was damaged ({report['damage']}); it was moved to {report['moved_aside']}")
        _out("ticks, notes, bookmarks and the audit log were in that file; the editions are rebuilt from the store")
    for sha, where in report["quarantined"]:
        _out(f"quarantined (altered): store file {sha[:12]} moved to {where}")
    _out(f"rebuilt the index: {report['indexed']} bundle(s) verified and indexed")
    for bundle_id in report["hidden"]:
        _out(f"hidden (signing key revoked): {bundle_id}")
    for sha, reason in report["rejected"]:
        _out(f"not indexed: {sha[:12]}: {reason}")
    return EXIT_REJECTED if report["rejected"] else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open_library(args, recover=not args.no_recover) as lib:
        if args.quick:
            problems = lib.check()
            for problem in problems:
                _out(f"problem: {problem}")
            _out("library is consistent (quick check)" if not problems else f"{len(problems)} problem(s) found")
            return EXIT_REJECTED if problems else EXIT_OK
        from reader.core.library.deepcheck import deep_check, report_json

        report = deep_check(lib)
    if args.json:
        _json_out(report_json(report))
        return EXIT_OK if report.ok else EXIT_REJECTED
    for edition, findings in report.by_edition().items():
        _out(f"{edition or 'library'}:")
        for finding in findings:
            _out(f"  {finding.message}")
    mb = report.bytes_hashed / 1_000_000
    if report.ok:
        _out(f"library is consistent: {report.bundles} bundle(s) re-hashed ({mb:.1f} MB), re-verified and compared with the index")
        return EXIT_OK
    _out(f"{len(report.findings)} problem(s) found in {report.bundles} bundle(s)")
    _out(_check_advice(report))
    return EXIT_REJECTED


def _check_advice(report) -> str:
    """What helps, by what was found (never a command that cannot)."""
    codes = {f.code for f in report.findings}
    lost = codes & {"store-hash-mismatch", "bundle-unverified", "store-unreadable", "store-missing"}
    advice = "run 'dtn rebuild' to rebuild the index from the signed originals"
    if lost:
        advice += ("; a store file that was altered, cannot be read or no longer verifies is moved to the quarantine "
                   "folder by the rebuild: import that edition again from its source")
    return advice


def cmd_export(args: argparse.Namespace) -> int:
    if not args.pdf.lower().endswith(".pdf"):
        raise UsageError(f"{args.pdf}: the file name must end in .pdf")
    # Qt is loaded here only, so every other command starts without it.
    from reader.ui import printing

    printing.ensure_application(args.language)
    with _open_library(args) as lib:
        source = printing.load_print_source(lib, args.edition, args.chapter)
    for problem in source.problems:
        _err(f"warning: {problem}")
    if args.chapter:
        printout = printing.chapter_printout(source.edition, source.chapters[0], args.language, source.assets)
    else:
        printout = printing.edition_printout(source, args.language)
    pages = printing.write_pdf(printout, args.pdf)
    what = f"chapter {args.chapter} of " if args.chapter else ""
    _out(f"wrote {args.pdf}: {what}{source.edition.key}{_demo_mark(source.edition)}, {pages} page(s)")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from reader.core.demo import load_demo, remove_demo

    with _open_library(args) as lib:
        if args.action == "remove":
            count = remove_demo(lib)
            _out(f"removed {count} demo bundle(s); the demo key is switched off until 'dtn demo load'")
            return EXIT_OK
        results = load_demo(lib)
    for result in results:
        _out(result.line())
    return EXIT_REJECTED if any(not r.ok for r in results) else EXIT_OK


# --- feeds and sync --------------------------------------------------------------------------------


def cmd_feed(args: argparse.Namespace) -> int:
    from reader.core.feed import write_feed

    key = _load_secret_key(args.key)
    feed = write_feed(args.dir, key, expires_days=args.expires_days)
    _out(f"wrote {Path(args.dir) / 'feed.json'}: version {feed.version}, {len(feed.entries)} bundle(s), "
         f"expires {feed.expires}, signed by key {key.key_id_hex}")
    return EXIT_OK


def _fetcher_factory(args: argparse.Namespace):
    from reader.core.transport import HttpxFetcher

    return lambda: HttpxFetcher(ca_bundle=args.ca_bundle)


def cmd_sync(args: argparse.Namespace) -> int:
    from reader.core.sync import sync_library
    from reader.core.syncstate import SyncState

    with _open_library(args) as lib:
        target = args.target
        mirrors = list(args.mirror or [])
        if target is None:
            settings = SyncState(lib.folder).settings
            if not settings.configured:
                raise UsageError("no feed configured; give a URL or a feed folder")
            target, mirrors = settings.urls[0], settings.urls[1:]
        report = sync_library(lib, target, mirrors=mirrors, fetcher_factory=_fetcher_factory(args))
    for result in report.results:
        _out(result.line())
    if report.level_change:
        c = report.level_change
        old = f"{c.old_value} {c.old_label}" if c.old_value is not None else "none"
        _out(f"NEW NATIONAL THREAT LEVEL: {c.new_value} {c.new_label} (was {old}), {c.edition}")
    _out(report.summary())
    return EXIT_OK if report.ok else EXIT_REJECTED


def cmd_fetch(args: argparse.Namespace) -> int:
    from reader.core.sync import fetch_to_folder
    from reader.core.transport import HttpSource

    source = HttpSource([args.url, *(args.mirror or [])], _fetcher_factory(args)())
    try:
        report = fetch_to_folder(source, args.to, _trust(args))
    finally:
        source.close()
    for result in report.results:
        _out(result.line())
    failed = sum(1 for r in report.results if not r.ok)
    _out(f"feed version {report.feed_version} written to {args.to}: {len(report.results) - failed} bundle(s) verified, {failed} refused")
    return EXIT_REJECTED if failed else EXIT_OK


def add_sync_commands(command: Callable) -> None:
    """Commands for publishing and following a signed feed."""
    p = command("feed", cmd_feed, "write and sign feed.json for a folder of bundles (version one above the last)", library=False)
    p.add_argument("dir")
    p.add_argument("--key", required=True, help="minisign secret key with the feed role")
    p.add_argument("--expires-days", type=int, default=30, metavar="N", help="days until the feed expires (default 30)")
    p = command("sync", cmd_sync, "bring the library up to date from a feed URL or a feed folder")
    p.add_argument("target", nargs="?", metavar="URL|DIR", help="default: the feed configured in the window")
    p.add_argument("--mirror", action="append", metavar="URL", help="a mirror of the feed, tried in order (repeatable)")
    p.add_argument("--ca-bundle", metavar="FILE", help="trust this organisation's CA bundle for https")
    p = command("fetch", cmd_fetch, "download and verify a feed into a folder for an offline machine")
    p.add_argument("url")
    p.add_argument("--to", required=True, metavar="DIR")
    p.add_argument("--mirror", action="append", metavar="URL", help="a mirror of the feed, tried in order (repeatable)")
    p.add_argument("--ca-bundle", metavar="FILE", help="trust this organisation's CA bundle for https")


def add_library_commands(command: Callable) -> None:
    """Commands that read or change the local library."""
    p = command("import", cmd_import, "import bundle files and folders (every .dtnb below a folder)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p = command("list", cmd_list, "list the editions in the library, newest first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="include superseded and hidden editions")
    p = command("show", cmd_show, "show one edition (BUNDLE_ID or BUNDLE_ID@REVISION)")
    p.add_argument("edition")
    p.add_argument("--json", action="store_true")
    p = command("search", cmd_search, "full-text search over all chapters")
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--theme", action="append", help="only chapters with this theme (repeatable)")
    p.add_argument("--from", dest="year_from", type=int, metavar="YEAR")
    p.add_argument("--to", dest="year_to", type=int, metavar="YEAR")
    p = command("export", cmd_export, "write an edition (or one chapter of it) as a PDF with title page and page headers")
    p.add_argument("edition", help="BUNDLE_ID or BUNDLE_ID@REVISION")
    p.add_argument("--chapter", metavar="ID", help="only this chapter ('dtn show EDITION --json' lists the ids)")
    p.add_argument("--pdf", required=True, metavar="FILE", help="the PDF file to write")
    p.add_argument("--language", choices=("nl", "en"), default="en", help="language of the title page, headers and footers")
    p = command("levels", cmd_levels, "the merged threat level history")
    p.add_argument("--json", action="store_true")
    p = command("audit", cmd_audit, "the audit log of imports, rejections and trust changes, newest first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", action="store_true", help="write the rows as CSV")
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--result", choices=("imported", "rejected", "trust", "library"), help="only rows of this kind")
    p.add_argument("--since", metavar="DATE", help="only rows on or after DATE (YYYY-MM-DD, UTC)")
    p.add_argument("--until", metavar="DATE", help="only rows before DATE (YYYY-MM-DD, UTC)")
    command("rebuild", cmd_rebuild, "recreate the index from the stored bundles, re-verifying each")
    p = command("check", cmd_check, "re-verify the library end to end against its signed originals (exit 1 on a problem)")
    p.add_argument("--no-recover", action="store_true", help="report without running startup recovery first")
    p.add_argument("--quick", action="store_true", help="only the fast check: database structure, store files against index rows")
    p.add_argument("--json", action="store_true")
    p = command("demo", cmd_demo, "load or remove the built-in demo library")
    p.add_argument("action", choices=("load", "remove"))


# --- parser --------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with one line, as usage errors do
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dtn", description="Build, verify and read signed DTN bundles.")
    parser.add_argument("--version", action="version", version=version_line())
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str, library: bool = True):
        p = sub.add_parser(name, help=help, description=help)
        if library:
            p.add_argument("--library", metavar="DIR", help="library folder (default: $DTN_LIBRARY or the user data folder)")
        p.set_defaults(func=func)
        return p

    p = command("keygen", cmd_keygen, "create a minisign key pair NAME.key / NAME.pub", library=False)
    p.add_argument("name")
    p.add_argument("--out", required=True, metavar="DIR")
    secrecy = p.add_mutually_exclusive_group()
    secrecy.add_argument("--password-file", metavar="FILE", help="encrypt the secret key with the password on this file's first line (default: ask twice, or $DTN_KEY_PASSWORD)")
    secrecy.add_argument("--no-password", action="store_true", help="write the secret key unencrypted (automation; keep the file safe)")
    secrecy.add_argument("--password", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for old scripts

    p = command("init", cmd_init, "write an example edition source folder", library=False)
    p.add_argument("dir")

    p = command("build", cmd_build, "build and sign a bundle from an edition source folder", library=False)
    p.add_argument("src")
    p.add_argument("--key", required=True, help="minisign secret key")
    p.add_argument("--out", required=True, metavar="FILE.dtnb")
    p.add_argument("--password-file", metavar="FILE", help="the key's password on this file's first line (default: $DTN_KEY_PASSWORD or ask)")

    p = command("verify", cmd_verify, "verify bundles and print a report per file")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--pubkey", action="append", metavar="PUB", help="trust only this key (repeatable)")

    trust = sub.add_parser("trust", help="manage trusted keys", description="manage trusted keys")
    tsub = trust.add_subparsers(dest="trust_command", required=True, parser_class=_Parser)
    for name, func, help in (
        ("add", cmd_trust_add, "trust a publisher or feed key from a .pub file"),
        ("list", cmd_trust_list, "list trusted keys with fingerprints"),
        ("revoke", cmd_trust_revoke, "revoke a key; what it signed is hidden"),
        ("unrevoke", cmd_trust_unrevoke, "undo a revocation; what the key signed is shown again"),
    ):
        p = tsub.add_parser(name, help=help, description=help)
        p.add_argument("--library", metavar="DIR")
        p.set_defaults(func=func)
        if name == "add":
            p.add_argument("pub")
            p.add_argument("--name")
            p.add_argument("--role", choices=("publisher", "feed"), default="publisher")
            p.add_argument("--publisher", metavar="NAME", help="the publisher name this key signs for (required for a publisher key)")
        elif name == "list":
            p.add_argument("--json", action="store_true")
        else:
            p.add_argument("keyid")
            if name == "revoke":
                p.add_argument("--reason")

    add_library_commands(command)
    add_sync_commands(command)
    from reader.cli_bookmarks import add_bookmark_commands

    add_bookmark_commands(sub, _Parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        _err(f"dtn: error: {exc}")
        return EXIT_USAGE
    except DTNError as exc:
        _err(f"dtn: {exc}")
        return EXIT_REJECTED
    except KeyboardInterrupt:
        _err("dtn: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # the machine said no (full disk, read-only folder, no permission): not a bug
        _err(f"dtn: {os_error_line(exc)}")
        return EXIT_REJECTED


def os_error_line(exc: OSError) -> str:
    """One line for an OSError: the file and what the system said, e.g.
    "cannot write out/x.dtnb: No space left on device"."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return reason
    target = exc.filename if exc.filename2 is None else f"{exc.filename} -> {exc.filename2}"
    return f"{target}: {reason}"
