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

from reader import __version__
from reader.core.errors import DTNError

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad arguments; exit 2."""


def _out(text: str = "") -> None:
    print(text, flush=False)


def _json_out(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


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


def cmd_keygen(args: argparse.Namespace) -> int:
    from reader.core.minisign import SecretKey

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    key_path, pub_path = out / f"{args.name}.key", out / f"{args.name}.pub"
    for path in (key_path, pub_path):
        if path.exists():
            raise UsageError(f"{path} exists already; refusing to overwrite a key")
    key = SecretKey.generate()
    password = os.environ.get("DTN_KEY_PASSWORD") if args.password else None
    if args.password and not password:
        import getpass

        password = getpass.getpass("Password for the new secret key: ")
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key.to_file(password))
    pub_path.write_bytes(key.public.to_file())
    _out(f"secret key: {key_path} (keep it private)")
    _out(f"public key: {pub_path}")
    _out(f"key id:     {key.key_id_hex}")
    _out(f"fingerprint: {key.public.fingerprint}")
    return EXIT_OK


def _load_secret_key(path: str):
    from reader.core.errors import KeyPasswordError
    from reader.core.minisign import SecretKey

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read key {path}: {exc.strerror or exc}") from None
    try:
        return SecretKey.from_bytes(data)
    except KeyPasswordError:
        password = os.environ.get("DTN_KEY_PASSWORD")
        if password is None:
            import getpass

            password = getpass.getpass(f"Password for {path}: ")
        return SecretKey.from_bytes(data, password)


def cmd_init(args: argparse.Namespace) -> int:
    from reader.core.source import write_example_source

    folder = write_example_source(args.dir)
    _out(f"example edition source written to {folder}")
    _out(f"build it with: dtn build {folder} --key KEY --out edition.dtnb")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from reader.core.source import build_source

    key = _load_secret_key(args.key)
    data, source = build_source(args.src, key)
    for warning in source.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    out = Path(args.out)
    tmp = out.with_name(f".tmp-{out.name}")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    _out(f"built {out}: {source.manifest['bundle_id']} revision {source.manifest['revision']}, "
         f"{len(source.members)} files, signed by key {key.key_id_hex}")
    return EXIT_OK


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
    key = _trust(args).add(data, name=args.name, role=args.role)
    _out(f"trusted {key.key_id} as {key.name!r} ({key.role})")
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
        _out(f"{k.key_id:>16}  {k.role:<9}  {state:<8}  {k.name}" + (f"  [{', '.join(marks)}]" if marks else ""))
        _out(f"{'':>16}  fingerprint {k.key.fingerprint}")
    return EXIT_OK


def cmd_trust_revoke(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        key, hidden = lib.revoke_key(args.keyid, args.reason or "")
    _out(f"revoked {key.key_id} ({key.name}); {len(hidden)} edition(s) hidden, not deleted")
    for line in hidden:
        _out(f"  {line}")
    return EXIT_OK


def cmd_trust_restore(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        key, shown = lib.restore_key(args.keyid)
    _out(f"restored {key.key_id} ({key.name}); {len(shown)} edition(s) shown again")
    for line in shown:
        _out(f"  {line}")
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
    _out(f"  summary:   {e.summary}")
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

    with _open_library(args) as lib:
        entries = lib.audit(args.limit)
    if args.json:
        _json_out([asdict(a) for a in entries])
        return EXIT_OK
    for a in entries:
        what = f"{a.bundle_id} r{a.revision}" if a.bundle_id else (a.sha256 or "")[:12]
        _out(f"{a.time}  {a.result:<15} {what:<28} {a.source}" + (f"  -- {a.reason}" if a.reason else ""))
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    with _open_library(args) as lib:
        report = lib.rebuild()
    _out(f"rebuilt the index: {report['indexed']} bundle(s) verified and indexed")
    for bundle_id in report["hidden"]:
        _out(f"hidden (signing key revoked): {bundle_id}")
    for sha, reason in report["rejected"]:
        _out(f"not indexed: {sha[:12]}: {reason}")
    return EXIT_REJECTED if report["rejected"] else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open_library(args, recover=not args.no_recover) as lib:
        problems = lib.check()
    for problem in problems:
        _out(f"problem: {problem}")
    _out("library is consistent" if not problems else f"{len(problems)} problem(s) found")
    return EXIT_REJECTED if problems else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from reader.core.demo import SETTING_NO_DEMO, load_demo

    with _open_library(args) as lib:
        if args.action == "remove":
            count = lib.remove_demo()
            lib.set_setting(SETTING_NO_DEMO, "1")
            _out(f"removed {count} demo bundle(s)")
            return EXIT_OK
        results = load_demo(lib)
        lib.set_setting(SETTING_NO_DEMO, "0")
    for result in results:
        _out(result.line())
    return EXIT_REJECTED if any(not r.ok for r in results) else EXIT_OK


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
    p = command("levels", cmd_levels, "the merged threat level history")
    p.add_argument("--json", action="store_true")
    p = command("audit", cmd_audit, "the audit log of import attempts, newest first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=1000)
    command("rebuild", cmd_rebuild, "recreate the index from the stored bundles, re-verifying each")
    p = command("check", cmd_check, "check the library for problems (exit 1 if any)")
    p.add_argument("--no-recover", action="store_true", help="report without running startup recovery first")
    p = command("demo", cmd_demo, "load or remove the built-in demo library")
    p.add_argument("action", choices=("load", "remove"))


# --- parser --------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with one line, as usage errors do
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dtn", description="Build, verify and read signed DTN bundles.")
    parser.add_argument("--version", action="version", version=f"dtn {__version__}")
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
    p.add_argument("--password", action="store_true", help="protect the secret key with a password ($DTN_KEY_PASSWORD or prompt)")

    p = command("init", cmd_init, "write an example edition source folder", library=False)
    p.add_argument("dir")

    p = command("build", cmd_build, "build and sign a bundle from an edition source folder", library=False)
    p.add_argument("src")
    p.add_argument("--key", required=True, help="minisign secret key")
    p.add_argument("--out", required=True, metavar="FILE.dtnb")

    p = command("verify", cmd_verify, "verify bundles and print a report per file")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--pubkey", action="append", metavar="PUB", help="trust only this key (repeatable)")

    trust = sub.add_parser("trust", help="manage trusted keys", description="manage trusted keys")
    tsub = trust.add_subparsers(dest="trust_command", required=True, parser_class=_Parser)
    for name, func, help in (
        ("add", cmd_trust_add, "trust a publisher or feed key from a .pub file"),
        ("list", cmd_trust_list, "list trusted keys with fingerprints"),
        ("revoke", cmd_trust_revoke, "revoke a key; what it signed is hidden"),
        ("restore", cmd_trust_restore, "undo a revocation; what the key signed is shown again"),
    ):
        p = tsub.add_parser(name, help=help, description=help)
        p.add_argument("--library", metavar="DIR")
        p.set_defaults(func=func)
        if name == "add":
            p.add_argument("pub")
            p.add_argument("--name")
            p.add_argument("--role", choices=("publisher", "feed"), default="publisher")
        elif name == "list":
            p.add_argument("--json", action="store_true")
        else:
            p.add_argument("keyid")
            if name == "revoke":
                p.add_argument("--reason")

    add_library_commands(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        print(f"dtn: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DTNError as exc:
        print(f"dtn: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        print("dtn: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
