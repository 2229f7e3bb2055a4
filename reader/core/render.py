"""Markdown chapters to sanitized HTML, under hard limits.

A chapter is rendered in three steps:

1. A cheap screen in this process (:func:`_screen`, linear ``str``/``re``
   work only) refuses the input shapes that are known to make
   Python-Markdown slow or deep. Those get :data:`PLACEHOLDER_HTML` at once.
2. Python-Markdown (tables, toc, footnotes, sane_lists; raw HTML switched
   off, so it is escaped as text) runs in a long-lived child process,
   :class:`RenderWorker`. A tree processor in that process decides every
   link and image URL. If the child does not answer within
   ``RenderLimits.time_limit_s`` it is killed and the chapter gets the
   placeholder; the next chapter starts a fresh child.
3. The HTML that comes back is sanitized again in this process with nh3
   against an allow-list, re-checking every URL on the value the HTML parser
   decoded, so entity or whitespace tricks cannot slip a scheme through.

Why a process: Python-Markdown cannot be interrupted inside a thread, and
part of its cost is in C regex matching that no Python-level trace hook can
stop. Killing a process is the only hard wall-clock bound. The child is
started with the ``spawn`` method on every platform (never ``fork`` in a Qt
process with threads), so Linux behaves like Windows. When frozen by
PyInstaller, the entry script must call ``multiprocessing.freeze_support()``
first thing (PyInstaller's runtime hook makes that work on every OS);
otherwise the child would start the whole application again. One child
serves every render; it costs one start (about 0.1-0.3 s) and then about a
millisecond of pipe traffic per chapter, so normal chapters stay well under
100 ms and nothing needs an in-process fast path that would have no bound.

Measurements (Python-Markdown 3.11.3, CPython 3.11, one core of the build
machine; "timeout" means killed after 15-20 s). They set the screens below:

==================================  ==========  =======  ======================
input                                    chars     time  notes
==================================  ==========  =======  ======================
``'[' * 2_000``                          2 000   0.58 s
``'[' * 10_000``                        10 000   13.8 s  quadratic+ in '['
``'[' * 100_000``                      100 000  timeout
``'[a\\n' * 2_000``                      6 000    1.6 s  same, across lines
``'![a\\n' * 5_000``                    20 000   12.9 s
``'[a](' * 5_000``                      20 000    5.0 s
``'> ' * 5_000 + 'x'``                  10 001   0.10 s  but 5 000 levels deep
``'> ' * 50_000 + 'x'``                100 001   0.95 s
nested list, 4 spaces, 300 levels      180 600   0.68 s  RecursionError
nested list, tabs, 300 levels           46 050   0.60 s  RecursionError
nested list, 5 000 levels           50 010 000  timeout  size alone
``'*a' * 50_000``                      100 000    2.8 s
``'_a_\\n' * 50_000``                  200 000    9.2 s  quadratic in '_'
``'*_' * 50_000``                      100 000    4.3 s
``'`' * 100_000``                      100 000   0.02 s  one run: cheap
``'`a' * 50_000``                      100 000    2.6 s
backtick runs 1..800 long              320 399    7.8 s
``'<a&' * 50_000``                     150 000   11.9 s
``'<http://' * 30_000``                240 000  timeout
``'\\\\' * 200_000``                   200 000    5.5 s
``'```\\n' * 50_000``                  200 000    2.3 s
table, 40 000 rows                     240 012    1.8 s  linear, 45 us a row
10 000 footnotes with definitions      217 780    4.7 s
realistic Dutch chapter                 42 896  0.038 s
realistic Dutch chapter                527 454   0.53 s
==================================  ==========  =======  ======================

The screens count per block (text between blank lines), where the cost
grows with the square of the count, and add the squares up over the whole
chapter, so spreading a flood over many small blocks does not get around
them. Inputs that just pass the screens, measured end to end through
``render_chapter`` on a loaded two-core machine:

=======================================  =======
input at the default caps                time
=======================================  =======
299 '[' in one block                     0.11 s
10 blocks of 300 '[' (whole budget)      0.62 s
10 blocks of 5 000 '_' (whole budget)    1.35 s
10 blocks of 5 000 backticks             0.87 s
10 blocks of 10 000 backslashes          1.05 s
10 blocks of 1 000 '<http://'            0.07 s
9 990 table rows                         0.97 s
500 footnotes with definitions           0.17 s
2 000 headings                           0.21 s
16 levels of lists / block quotes        0.01 s
513 000 bytes of ordinary prose          0.24 s
=======================================  =======

All stay far below ``time_limit_s``; shapes nobody has thought of yet
still meet the hard time limit.
"""

from __future__ import annotations

import atexit
import html
import logging
import multiprocessing
import posixpath
import re
import signal
import threading
import traceback
import urllib.parse
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any
from xml.etree import ElementTree

import markdown
import nh3
from markdown import util as markdown_util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from reader.core.errors import RenderError
from reader.core.plaintext import plain_text  # re-exported for its callers

_log = logging.getLogger(__name__)

__all__ = [
    "PLACEHOLDER_HTML",
    "RenderLimits",
    "RenderWorker",
    "RenderedChapter",
    "TocEntry",
    "close_shared_worker",
    "plain_text",
    "render_chapter",
]

PLACEHOLDER_HTML: str = (
    '<div class="render-placeholder"><p>'
    "Dit hoofdstuk kan niet veilig worden weergegeven, omdat het te groot of "
    "te complex is. "
    "This chapter cannot be shown safely because it is too large or too complex."
    "</p></div>"
)


@dataclass(frozen=True)
class RenderLimits:
    """Every cap on rendering one chapter. Units are in the names or comments.

    The per-block caps count a character class within one block (text
    between blank lines), because the parser's cost grows with the square
    of that count. Over the whole chapter the squares add up to at most
    ``quadratic_budget_blocks`` full blocks, so a flood split into many
    small blocks is refused too. The module docstring lists the times at
    the caps; all stay far below ``time_limit_s``.
    """

    max_input_bytes: int = 512 * 1024  # UTF-8 bytes of one chapter; 10x a long chapter
    time_limit_s: float = 5.0  # wall clock for one render in the worker; 512 KiB takes 0.5 s
    worker_start_timeout_s: float = 60.0  # wall clock to start the worker (once)
    max_line_chars: int = 10_000  # characters in one line
    max_nesting_depth: int = 16  # block quotes + list markers + 4-column indents before a line
    max_brackets_per_block: int = 300  # '[' per block, quadratic
    max_backticks_per_block: int = 5_000  # '`' per block, quadratic
    max_emphasis_marks_per_block: int = 5_000  # '*' and '_' per block, quadratic
    max_angle_brackets_per_block: int = 1_000  # '<' per block, quadratic
    max_backslashes_per_block: int = 10_000  # '\\' per block, quadratic
    quadratic_budget_blocks: int = 10  # full blocks' worth of the above per chapter
    max_table_rows: int = 10_000  # lines with '|' in the chapter (linear, 45 us each)
    max_headings: int = 2_000  # lines starting with '#' in the chapter
    max_footnote_marks: int = 1_000  # '[^' in the chapter (references plus definitions)
    max_output_chars: int = 8 * 1024 * 1024  # characters of HTML from the worker

    def __post_init__(self) -> None:
        for field in fields(self):
            if not getattr(self, field.name) > 0:
                raise ValueError(f"RenderLimits.{field.name} must be positive")


@dataclass(frozen=True)
class TocEntry:
    """One heading of a chapter, for its table of contents."""

    level: int  # 2..4 (## .. ####)
    anchor: str  # id attribute in the html
    title: str  # plain text


@dataclass(frozen=True)
class RenderedChapter:
    """The result of :func:`render_chapter`."""

    html: str  # sanitized HTML fragment (no <html>/<body>)
    toc: tuple[TocEntry, ...]
    placeholder: bool  # True when the limits were hit and html is the placeholder


# --- URL policy (used in the worker and, again, on the sanitized output) --------

_CHAPTER_DIR = "chapters"  # where chapter files live in a bundle; relative links start here
_ASSET_SCHEME = "dtn-asset:"
_CHAPTER_SCHEME = "dtn-chapter:"
_EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers strip C0 controls and space around a URL before looking at it.
_URL_STRIP = "".join(chr(c) for c in range(0x21)) + "\x7f"
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# Anything that a URL parser may silently drop or that makes a value ambiguous.
_UNSAFE_URL_CHARS_RE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\\]"
)
_FRAGMENT_RE = re.compile(r"[A-Za-z0-9_.:%/~\-]{0,200}")
_ID_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,199}")


def _decode_url(raw: str) -> str:
    """Return the URL a browser would see for an attribute value from Python-Markdown.

    Python-Markdown leaves character references in attribute values as they
    are (``&#106;avascript:``) and writes ``&`` in automatic mail links as a
    private marker, so both are resolved before any decision is made.
    """
    value = raw.replace(markdown_util.AMP_SUBSTITUTE, "&")
    return html.unescape(value).strip(_URL_STRIP)


def _fragment_ok(fragment: str) -> bool:
    return _FRAGMENT_RE.fullmatch(fragment) is not None


def _bundle_paths(reference: str) -> list[str]:
    """Bundle member paths a relative reference from a chapter can mean.

    ``assets/x.png`` and ``chapters/03.md`` are read from the bundle root,
    ``03.md`` and ``../assets/x.png`` relative to the chapters folder. Paths
    that leave the bundle are never returned.
    """
    candidates = []
    if not reference.startswith("../"):
        candidates.append(posixpath.normpath(reference))
    candidates.append(posixpath.normpath(posixpath.join(_CHAPTER_DIR, reference)))
    return [
        path
        for path in candidates
        if path not in (".", "..") and not path.startswith(("../", "/"))
    ]


def _relative_reference(value: str) -> str | None:
    """The decoded path of a scheme-less, host-less, query-less reference, or None."""
    if not value or value.startswith("/") or "?" in value:
        return None
    if _SCHEME_RE.match(value) or _UNSAFE_URL_CHARS_RE.search(value):
        return None
    path = urllib.parse.unquote(value)
    if not path or _UNSAFE_URL_CHARS_RE.search(path) or path.startswith("/"):
        return None
    return path


def _external_ok(value: str) -> bool:
    """True for an http(s)/mailto URL whose scheme is literally at its start."""
    match = _SCHEME_RE.match(value)
    return (
        match is not None
        and match.group(1).lower() in _EXTERNAL_SCHEMES
        and _UNSAFE_URL_CHARS_RE.search(value) is None
    )


def _decide_href(raw: str, chapter_links: Mapping[str, str]) -> str | None:
    """The href to keep for a link as written, or None to drop it.

    Args:
        raw: the attribute value as Python-Markdown produced it.
        chapter_links: normalised chapter file path -> chapter id.
    """
    value = _decode_url(raw)
    if value.startswith("#"):
        return value if _fragment_ok(value[1:]) else None
    if _SCHEME_RE.match(value):
        return value if _external_ok(value) else None
    if "#" in value:
        target, fragment = value.split("#", 1)
    else:
        target, fragment = value, ""
    path = _relative_reference(target)
    if path is None:
        return None
    for candidate in _bundle_paths(path):
        chapter_id = chapter_links.get(candidate)
        if chapter_id is not None:
            href = _CHAPTER_SCHEME + chapter_id
            if fragment and _fragment_ok(fragment):
                href += "#" + fragment
            return href
    return None


def _decide_src(raw: str, assets: Collection[str]) -> str | None:
    """The ``dtn-asset:`` src for an image as written, or None to remove the image."""
    value = _decode_url(raw)
    if "#" in value:
        return None
    path = _relative_reference(value)
    if path is None:
        return None
    for candidate in _bundle_paths(path):
        if candidate in assets:
            return _ASSET_SCHEME + candidate
    return None


def _normalise_chapter_links(chapter_links: Mapping[str, str]) -> dict[str, str]:
    return {posixpath.normpath(path): chapter_id for path, chapter_id in chapter_links.items()}


# --- the Markdown side (runs in the worker process) -------------------------------

_MARKDOWN_EXTENSIONS = ("tables", "toc", "footnotes", "sane_lists")
_MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {
    "tables": {"use_align_attribute": True},  # align="..." instead of style=
    "toc": {"toc_depth": "2-4"},
    "footnotes": {"BACKLINK_TITLE": "Terug naar voetnoot %d in de tekst"},
}
# Characters that are not text; dropped before parsing (tab, LF and CR stay).
_CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _ContentTooComplexError(Exception):
    """Internal: the worker refuses a chapter. Never leaves this module."""


def _attribute_value(value: str) -> str:
    """Prepare a decided URL so Python-Markdown's serializer writes it back exactly.

    The serializer escapes ``&`` only where it does not already start a
    character reference, so writing ``&amp;`` ourselves round-trips every
    ``&`` and no reference in the value can be decoded a second time.
    """
    return value.replace("&", "&amp;")


class _UrlPolicyTreeprocessor(Treeprocessor):
    """Rewrite or drop every link and image once inline parsing is done."""

    def __init__(
        self, md: markdown.Markdown, chapter_links: Mapping[str, str], assets: Collection[str]
    ) -> None:
        super().__init__(md)
        self._chapter_links = chapter_links
        self._assets = assets

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href")
                if href is None:
                    continue
                decided = _decide_href(href, self._chapter_links)
                if decided is None:
                    del element.attrib["href"]
                else:
                    element.set("href", _attribute_value(decided))
            elif element.tag == "img":
                decided = _decide_src(element.get("src", ""), self._assets)
                if decided is None:
                    alt = element.get("alt", "")
                    element.tag = "span"
                    element.attrib.clear()
                    element.set("class", "removed-image")
                    element.text = alt or None
                else:
                    element.set("src", _attribute_value(decided))


class _ChapterExtension(Extension):
    """Raw HTML off (escaped as text) and the URL policy on."""

    def __init__(self, chapter_links: Mapping[str, str], assets: Collection[str]) -> None:
        super().__init__()
        self._chapter_links = chapter_links
        self._assets = assets

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After inline (20), footnotes (50) and toc (5): sees every final <a> and <img>.
        md.treeprocessors.register(
            _UrlPolicyTreeprocessor(md, self._chapter_links, self._assets), "dtn_url_policy", 1
        )


def _flatten_toc(tokens: Iterable[Mapping[str, Any]]) -> list[tuple[int, str, str]]:
    entries: list[tuple[int, str, str]] = []
    for token in tokens:
        entries.append((int(token["level"]), str(token["id"]), html.unescape(str(token["name"]))))
        entries.extend(_flatten_toc(token.get("children", ())))
    return entries


def _markdown_to_html(
    text: str, chapter_links: Mapping[str, str], assets: Collection[str], limits: RenderLimits
) -> tuple[str, list[tuple[int, str, str]]]:
    """Markdown to (unsanitized but URL-checked) HTML and toc rows. Runs in the worker."""
    md = markdown.Markdown(
        extensions=[*_MARKDOWN_EXTENSIONS, _ChapterExtension(chapter_links, assets)],
        extension_configs=_MARKDOWN_CONFIG,
        output_format="html",
    )
    try:
        rendered = md.convert(_CONTROL_CHARS_RE.sub("", text))
    except RecursionError as exc:
        raise _ContentTooComplexError("nested too deeply for the Markdown parser") from exc
    if len(rendered) > limits.max_output_chars:
        raise _ContentTooComplexError(
            f"{len(rendered)} characters of HTML, more than {limits.max_output_chars}"
        )
    return rendered, _flatten_toc(getattr(md, "toc_tokens", []))


def _worker_main(conn: Any) -> None:
    """Body of the worker process: answer render requests until told to stop.

    Requests are ``(text, chapter_links, assets, limits)`` or None to stop.
    Replies are ``("ok", html, toc)``, ``("too-complex", reason)`` or
    ``("failed", traceback_text)``.
    """
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's business
    except (ValueError, OSError):
        pass
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        text, chapter_links, assets, limits = request
        try:
            rendered, toc = _markdown_to_html(text, chapter_links, assets, limits)
            reply: tuple[Any, ...] = ("ok", rendered, toc)
        except _ContentTooComplexError as exc:
            reply = ("too-complex", str(exc))
        except MemoryError:
            # The heap may be in a bad state: answer, then let the parent start a new worker.
            conn.send(("too-complex", "out of memory while rendering"))
            return
        except Exception:  # noqa: BLE001 - whatever Markdown trips over is a content problem
            reply = ("failed", traceback.format_exc(limit=8))
        conn.send(reply)


# --- the worker process (parent side) -----------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    """What came back from one render request."""

    html: str | None  # None when the chapter must get the placeholder
    toc: tuple[tuple[int, str, str], ...] = ()
    reason: str = ""


class RenderWorker:
    """A long-lived child process that renders Markdown under a hard time limit.

    The process starts on first use and serves every later request. When a
    render runs past ``RenderLimits.time_limit_s`` or the process dies, it is
    killed and the next request starts a fresh one. Safe to share between
    threads; requests are served one at a time.

    Most callers use the process-wide worker that :func:`render_chapter`
    creates on demand; pass your own to isolate it (tests do).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None

    @property
    def pid(self) -> int | None:
        """Process id of the worker once it is ready, or None when none is running."""
        process = self._process  # one read; no lock, so it never waits for a render
        return process.pid if process is not None else None

    def start(self, timeout_s: float = RenderLimits.worker_start_timeout_s) -> None:
        """Start the worker now instead of on the first render.

        Raises:
            RenderError: the process could not be started or did not report ready.
        """
        with self._lock:
            self._ensure_running(timeout_s)

    def close(self) -> None:
        """Stop the worker process. A later render starts a new one."""
        with self._lock:
            self._stop(graceful=True)

    def __enter__(self) -> RenderWorker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _convert(
        self, text: str, chapter_links: Mapping[str, str], assets: Collection[str], limits: RenderLimits
    ) -> _Outcome:
        """Run one conversion in the worker; an outcome without html means placeholder.

        Only for :func:`render_chapter`, which screens the input first and
        sanitizes what comes back.

        Raises:
            RenderError: the worker process could not be started.
        """
        request = (text, dict(chapter_links), frozenset(assets), limits)
        with self._lock:
            for attempt in (1, 2):
                self._send(request, limits)
                try:
                    answered = self._conn.poll(limits.time_limit_s)
                except (EOFError, OSError):  # Windows reports a dead peer here
                    answered = True
                if not answered:
                    self._stop(graceful=False)
                    return _Outcome(None, reason=f"not done within {limits.time_limit_s:g} s")
                try:
                    reply = self._conn.recv()
                    break
                except (EOFError, OSError):
                    exitcode = self._process.exitcode if self._process is not None else None
                    self._stop(graceful=False)
                # A worker can die for reasons of its own (out-of-memory killer, task
                # manager); callers may cache a placeholder, so try a fresh one once.
                if attempt == 2:
                    return _Outcome(None, reason=f"renderer process ended twice (exit code {exitcode})")
                _log.warning("Render worker ended (exit code %s); trying once more", exitcode)
        if reply[0] == "ok":
            return _Outcome(reply[1], tuple(tuple(row) for row in reply[2]))
        if reply[0] == "too-complex":
            return _Outcome(None, reason=reply[1])
        _log.warning("Python-Markdown failed on a chapter:\n%s", reply[1])
        return _Outcome(None, reason="the Markdown parser failed")

    def _send(self, request: tuple[Any, ...], limits: RenderLimits) -> None:
        """Send a request, starting (or restarting once) the worker as needed."""
        for attempt in (1, 2):
            self._ensure_running(limits.worker_start_timeout_s)
            try:
                self._conn.send(request)
                return
            except (EOFError, OSError) as exc:
                self._stop(graceful=False)
                if attempt == 2:
                    raise RenderError(
                        "The chapter renderer stopped unexpectedly; restart DTN Reader "
                        "and try again.", code="render-worker-stopped"
                    ) from exc

    def _ensure_running(self, timeout_s: float) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._stop(graceful=False)
        context = multiprocessing.get_context("spawn")
        parent_conn, child_conn = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker_main, args=(child_conn,), name="dtn-render-worker", daemon=True
        )
        try:
            process.start()
        except OSError as exc:
            parent_conn.close()
            raise RenderError(
                f"The chapter renderer could not be started ({exc}); check that "
                "DTN Reader may start helper processes.", code="render-worker-start", detail=str(exc)
            ) from exc
        finally:
            child_conn.close()
        try:
            answered = parent_conn.poll(timeout_s)
            ready = answered and parent_conn.recv() == ("ready",)
        except (EOFError, OSError):
            answered, ready = True, False
        if not ready:
            _shut_down(process, parent_conn, graceful=False)
            if not answered:
                raise RenderError(
                    f"The chapter renderer did not start within {timeout_s:g} s; "
                    "close other programs or restart the computer and try again.", code="render-worker-timeout", seconds=timeout_s
                )
            # Typically a frozen build whose entry point lacks freeze_support().
            raise RenderError(
                f"The chapter renderer stopped while starting (exit code {process.exitcode}); "
                "reinstall DTN Reader or report this to its maintainers.", code="render-worker-exit", exit_code=process.exitcode
            )
        self._process, self._conn = process, parent_conn
        _log.debug("Render worker started (pid %s)", process.pid)

    def _stop(self, *, graceful: bool) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is not None:
            _shut_down(process, conn, graceful=graceful)


def _shut_down(process: Any, conn: Any, *, graceful: bool) -> None:
    """End a worker process: ask it to stop if ``graceful``, kill it otherwise or if it lingers."""
    if graceful and process.is_alive():
        try:
            conn.send(None)
        except (EOFError, OSError):
            pass
        process.join(2.0)
    if process.is_alive():
        process.kill()
        process.join(5.0)
    conn.close()
    _log.debug("Render worker stopped (pid %s, exit code %s)", process.pid, process.exitcode)


_shared_worker_lock = threading.Lock()
_shared_worker: RenderWorker | None = None


def _get_shared_worker() -> RenderWorker:
    """The process-wide worker; one child process is all rendering needs."""
    global _shared_worker
    with _shared_worker_lock:
        if _shared_worker is None:
            _shared_worker = RenderWorker()
            atexit.register(close_shared_worker)
        return _shared_worker


def close_shared_worker() -> None:
    """Stop the worker that :func:`render_chapter` uses by default (e.g. at quit)."""
    global _shared_worker
    with _shared_worker_lock:
        worker, _shared_worker = _shared_worker, None
    if worker is not None:
        worker.close()


# --- the screen (runs in this process, linear time) --------------------------------

_BLOCK_SPLIT_RE = re.compile(r"\n[ \t]*\n")
# Block structure before a line's text: indentation, '>' and list markers.
_LINE_PREFIX_RE = re.compile(r"^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))+", re.M)
_QUOTE_MARK_RE = re.compile(r">[ \t]?")
_LIST_MARK_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]?")
_HEADING_LINE_RE = re.compile(r"^[ \t]{0,3}#", re.M)
_TABLE_LINE_RE = re.compile(r"^[^\n|]*\|", re.M)

# (character(s) counted, limit field, what to call it in the log)
_QUADRATIC_COUNTS = (
    (("[",), "max_brackets_per_block", "'[' characters"),
    (("`",), "max_backticks_per_block", "backticks"),
    (("*", "_"), "max_emphasis_marks_per_block", "'*' and '_' characters"),
    (("<",), "max_angle_brackets_per_block", "'<' characters"),
    (("\\",), "max_backslashes_per_block", "backslashes"),
)


def _nesting_depth(prefix: str) -> int:
    """Nesting a line prefix asks for: quotes, list markers and 4-column indents.

    The one space or tab that may follow a '>' or a list marker belongs to
    the marker, not to the indentation.
    """
    without_quotes = _QUOTE_MARK_RE.sub("", prefix)
    markers = len(_LIST_MARK_RE.findall(without_quotes))
    indent = len(_LIST_MARK_RE.sub("", without_quotes).expandtabs(4))
    return prefix.count(">") + markers + indent // 4


def _screen(text: str, limits: RenderLimits) -> str | None:
    """Why a chapter must not be rendered, or None. Linear in its length."""
    if len(text) > limits.max_input_bytes:
        return f"more than {limits.max_input_bytes} bytes"
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_input_bytes:
        return f"{size} bytes, more than {limits.max_input_bytes}"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    longest = max(map(len, text.split("\n")))
    if longest > limits.max_line_chars:
        return f"a line of {longest} characters, more than {limits.max_line_chars}"
    for match in _LINE_PREFIX_RE.finditer(text):
        prefix = match.group()
        # A prefix shorter than the cap cannot be nested deeper than the cap.
        if len(prefix) > limits.max_nesting_depth:
            depth = _nesting_depth(prefix)
            if depth > limits.max_nesting_depth:
                return f"nested {depth} levels deep, more than {limits.max_nesting_depth}"
    blocks = _BLOCK_SPLIT_RE.split(text)
    for chars, field_name, label in _QUADRATIC_COUNTS:
        cap = getattr(limits, field_name)
        budget = limits.quadratic_budget_blocks * cap * cap
        total = 0
        for block in blocks:
            count = sum(block.count(char) for char in chars)
            if count > cap:
                return f"{count} {label} in one block, more than {cap}"
            total += count * count
            if total > budget:
                return f"too many {label} over the chapter ({limits.quadratic_budget_blocks} blocks of {cap})"
    counts = (
        (len(_TABLE_LINE_RE.findall(text)), limits.max_table_rows, "table rows"),
        (len(_HEADING_LINE_RE.findall(text)), limits.max_headings, "headings"),
        (text.count("[^"), limits.max_footnote_marks, "footnote marks"),
    )
    for count, cap, label in counts:
        if count > cap:
            return f"{count} {label}, more than {cap}"
    return None


# --- sanitizing (runs in this process) -------------------------------------------

_ALLOWED_TAGS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong",
        "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "img",
        "hr", "br", "sup", "sub", "div", "span",
    }
)  # fmt: skip
_ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
_ALLOWED_CLASSES: dict[str, set[str]] = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote", "toc", "render-placeholder"},
    "span": {"removed-image"},
}
# Dropped together with their content, should one ever appear as a tag.
_CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
_URL_SCHEMES = {"http", "https", "mailto", "dtn-asset", "dtn-chapter"}
_ALIGN_VALUES = frozenset({"left", "center", "right"})


def _sanitize(fragment: str, chapter_ids: frozenset[str], assets: frozenset[str]) -> str:
    """Clean HTML from the worker against the allow-list, re-checking every URL.

    nh3 hands the filter the attribute value its HTML parser decoded, so the
    checks see exactly what a viewer would.
    """

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return value if _ID_RE.fullmatch(value) else None
        if attribute == "href":
            return value if _final_href_ok(value, chapter_ids) else None
        if attribute == "src":
            ok = value.startswith(_ASSET_SCHEME) and value[len(_ASSET_SCHEME):] in assets
            return value if ok else None
        if attribute == "start":
            return value if value.isascii() and value.isdigit() and len(value) <= 9 else None
        if attribute == "align":
            return value if value in _ALIGN_VALUES else None
        return value

    return nh3.clean(
        fragment,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_CLEAN_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in _ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        allowed_classes={tag: set(names) for tag, names in _ALLOWED_CLASSES.items()},
        url_schemes=set(_URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )


def _final_href_ok(value: str, chapter_ids: frozenset[str]) -> bool:
    """Whether a decoded href in the final HTML has one of the shapes we produce."""
    if value.startswith("#"):
        return _fragment_ok(value[1:])
    if value.startswith(_CHAPTER_SCHEME):
        chapter_id, _, fragment = value[len(_CHAPTER_SCHEME):].partition("#")
        return chapter_id in chapter_ids and _fragment_ok(fragment)
    return _external_ok(value)


def _placeholder(reason: str) -> RenderedChapter:
    _log.warning("Chapter shown as a placeholder: %s", reason)
    return RenderedChapter(PLACEHOLDER_HTML, (), True)


def render_chapter(
    markdown_text: str,
    *,
    chapter_links: Mapping[str, str],
    assets: Collection[str],
    limits: RenderLimits = RenderLimits(),
    worker: RenderWorker | None = None,
) -> RenderedChapter:
    """Render one chapter's Markdown to sanitized HTML and its table of contents.

    Content that trips a limit (too big, too deep, too slow, or anything the
    Markdown parser chokes on) gives ``RenderedChapter(PLACEHOLDER_HTML, (),
    True)`` and a logged warning; content problems never raise.

    Args:
        markdown_text: the chapter's Markdown.
        chapter_links: chapter file path in the bundle (``chapters/03-online.md``)
            -> chapter id; links to those files become ``dtn-chapter:<id>``.
        assets: member paths of the bundle's images (``assets/fig.png``); only
            these are shown, as ``dtn-asset:<path>``.
        limits: the caps; the defaults suit real chapters.
        worker: the process to render in; by default one shared per process.

    Raises:
        RenderError: the renderer process could not be started (not a
            content problem).
    """
    reason = _screen(markdown_text, limits)
    if reason is not None:
        return _placeholder(reason)
    links = _normalise_chapter_links(chapter_links)
    asset_set = frozenset(assets)
    outcome = (worker or _get_shared_worker())._convert(markdown_text, links, asset_set, limits)
    if outcome.html is None:
        return _placeholder(outcome.reason)
    clean = _sanitize(outcome.html, frozenset(links.values()), asset_set)
    toc = tuple(
        TocEntry(level, anchor, title)
        for level, anchor, title in outcome.toc
        if 2 <= level <= 4 and _ID_RE.fullmatch(anchor)
    )
    return RenderedChapter(clean, toc, False)
