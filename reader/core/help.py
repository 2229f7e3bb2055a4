"""The in-app help: Markdown pages in ``resources/help/<language>/``, one per topic, and one
per error code under ``errors/``, rendered by the same safe renderer as the chapters.

Qt-free: the window shows what this module returns, the tests check it for completeness.

Layout::

    resources/help/nl/levels.md          a topic; its id is "levels"
    resources/help/nl/errors/unknown-key.md   the help for error code "unknown-key";
                                          its id is "error-unknown-key"

A page's title is its first ``# `` heading. Links between pages are written relative to the
language folder (``[Sleutels](trust-keys.md)``, ``[...](errors/unknown-key.md)``); they
become ``dtn-chapter:<id>`` links the help window follows itself.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reader.core import errors as errors_module
from reader.core.errors import DTNError
from reader.core.paths import resource_path
from reader.core.plaintext import plain_text
from reader.core.render import render_chapter

log = logging.getLogger(__name__)

HELP_FOLDER = "help"
# Refined codes (raise sites, message tables) -> the code whose page explains them, e.g.
# "entry-symlink" -> "unsafe-archive": one page answers what it means, the message says
# exactly what was found. Shared by both languages.
CODE_MAP_FILE = "error-codes.json"
ERRORS_FOLDER = "errors"
ERROR_TOPIC_PREFIX = "error-"
HELP_LANGUAGES = ("nl", "en")
# A help page is shipped with the app, but read as text with a cap all the same (bytes).
MAX_HELP_PAGE_BYTES = 128 * 1024
# Search results returned at most, and characters of context either side of a hit.
MAX_SEARCH_RESULTS = 30
SNIPPET_CONTEXT_CHARS = 60

# The table of contents, in reading order. Every id has a page in every language (tested).
TOPICS: tuple[str, ...] = (
    "start",
    "levels",
    "reading",
    "themes",
    "history",
    "compare",
    "checklists",
    "search",
    "bookmarks",
    "import-usb",
    "trust-keys",
    "revoke",
    "audit-log",
    "sync",
    "printing",
    "shortcuts",
    "errors",
    "first-run",
)
FIRST_RUN_TOPIC = "first-run"
SHORTCUTS_TOPIC = "shortcuts"
ERRORS_TOPIC = "errors"
CONTENTS_TOPIC = "start"
# The page F1 opens on each view of the main window (window.VIEWS names; "sync" once it exists).
VIEW_TOPICS: dict[str, str] = {
    "overview": "levels",
    "editions": "reading",
    "history": "history",
    "themes": "themes",
    "compare": "compare",
    "checklists": "checklists",
    "search": "search",
    "import": "import-usb",
    "bookmarks": "bookmarks",
    "sync": "sync",
}


@dataclass(frozen=True)
class HelpTopic:
    id: str
    title: str
    markdown: str
    code: str | None = None  # the error code, for an error page


@dataclass(frozen=True)
class HelpHit:
    topic_id: str
    title: str
    snippet: str  # plain text around the first hit


def error_topic_id(code: str) -> str:
    return ERROR_TOPIC_PREFIX + code


def declared_error_codes() -> dict[str, str]:
    """Every ``code`` declared on a DTNError subclass in reader.core.errors: code -> class name."""
    codes: dict[str, str] = {}
    for name in dir(errors_module):
        obj = getattr(errors_module, name)
        if isinstance(obj, type) and issubclass(obj, DTNError) and obj is not DTNError:
            codes[obj.code] = obj.__name__
    return codes


def error_codes_of(error: DTNError | None = None, error_type: str | None = None) -> list[str]:
    """The codes to look help up for, most precise first: the error's own code, then its
    class's and each base class's (a refined raise-site code may have no page of its own).

    Args:
        error: the error itself, or
        error_type: only its class name (an import report row keeps just that).
    """
    cls = type(error) if error is not None else getattr(errors_module, error_type or "", None)
    codes = [error.code] if error is not None else []
    if isinstance(cls, type) and issubclass(cls, DTNError):
        codes += [c.__dict__["code"] for c in cls.__mro__ if "code" in c.__dict__ and issubclass(c, DTNError)]
    return list(dict.fromkeys(codes))


def load_code_map(path: Path | None = None) -> dict[str, str]:
    """The refined code -> page code table (a bug in the package if it is malformed)."""
    path = path if path is not None else resource_path(HELP_FOLDER, CODE_MAP_FILE)
    if not path.is_file():
        return {}
    table = json.loads(_read_page(path))
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise ValueError(f"{path}: not an object of code -> code")
    return table


def help_root(language: str) -> Path:
    if language not in HELP_LANGUAGES:
        raise ValueError(f"no help language {language!r}")
    return resource_path(HELP_FOLDER, language)


def _read_page(path: Path) -> str:
    with path.open("rb") as f:
        data = f.read(MAX_HELP_PAGE_BYTES + 1)
    if len(data) > MAX_HELP_PAGE_BYTES:
        raise ValueError(f"help page {path} is over {MAX_HELP_PAGE_BYTES} bytes")
    return unicodedata.normalize("NFC", data.decode("utf-8"))


def _title_of(markdown: str, fallback: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


class HelpBook:
    """The help pages of one language, read once from ``root`` (default: the shipped ones).

    A missing or malformed shipped page is a bug in the package, not a user error:
    it raises ``ValueError`` / ``OSError`` and the tests catch it.
    """

    def __init__(self, language: str, root: Path | None = None, code_map: dict[str, str] | None = None) -> None:
        self.language = language
        self.root = Path(root) if root is not None else help_root(language)
        self.code_map = code_map if code_map is not None else load_code_map()
        self._topics: dict[str, HelpTopic] = {}
        for topic_id in TOPICS:
            path = self.root / f"{topic_id}.md"
            if path.is_file():
                text = _read_page(path)
                self._topics[topic_id] = HelpTopic(topic_id, _title_of(text, topic_id), text)
            else:
                log.error("help page missing: %s", path)
        error_dir = self.root / ERRORS_FOLDER
        pages = sorted(error_dir.glob("*.md")) if error_dir.is_dir() else []
        for path in pages:
            text = _read_page(path)
            topic = HelpTopic(error_topic_id(path.stem), _title_of(text, path.stem), text, path.stem)
            self._topics[topic.id] = topic

    # --- lookup ----------------------------------------------------------------------------

    def topics(self) -> list[HelpTopic]:
        """The guide pages in reading order (error pages are listed on the errors page)."""
        return [self._topics[t] for t in TOPICS if t in self._topics]

    def error_topics(self) -> list[HelpTopic]:
        return sorted((t for t in self._topics.values() if t.code is not None), key=lambda t: t.title.casefold())

    def page_codes(self) -> set[str]:
        """The codes with a page of their own."""
        return {t.code for t in self._topics.values() if t.code is not None}

    def error_codes(self) -> set[str]:
        """Every code this help explains: its own page, or the page the code table names."""
        pages = self.page_codes()
        return pages | {code for code, target in self.code_map.items() if target in pages}

    def error_topic_for_code(self, code: str) -> str | None:
        """The page for one code (its own, else through the code table), or None."""
        for candidate in (code, self.code_map.get(code)):
            if candidate is not None and error_topic_id(candidate) in self._topics:
                return error_topic_id(candidate)
        return None

    def has(self, topic_id: str) -> bool:
        return topic_id in self._topics

    def topic(self, topic_id: str) -> HelpTopic:
        """Raises KeyError for an id without a page (a bug: the ids come from the code)."""
        try:
            return self._topics[topic_id]
        except KeyError:
            raise KeyError(f"no help page {topic_id!r}") from None

    def topic_for_view(self, view: str) -> str:
        """The page F1 opens on ``view``; the contents for a view without its own page."""
        topic_id = VIEW_TOPICS.get(view, CONTENTS_TOPIC)
        return topic_id if topic_id in self._topics else CONTENTS_TOPIC

    def topic_for_error(self, error: DTNError | None = None, error_type: str | None = None) -> str:
        """The page that explains an error (its own code's, else its class's), else the errors page."""
        for code in error_codes_of(error, error_type):
            topic_id = self.error_topic_for_code(code)
            if topic_id is not None:
                return topic_id
        return ERRORS_TOPIC

    # --- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = MAX_SEARCH_RESULTS) -> list[HelpHit]:
        """Pages that contain every word of ``query`` (case and accents folded), the ones with
        the words in their title first, then by how often the words occur."""
        words = [_fold(w) for w in query.split() if w.strip()]
        if not words:
            return []
        scored = []
        for order, topic in enumerate(self._all_in_order()):
            text = plain_text(topic.markdown)
            folded, title = _fold(text), _fold(topic.title)
            if not all(w in folded or w in title for w in words):
                continue
            in_title = sum(w in title for w in words)
            count = sum(folded.count(w) for w in words)
            scored.append((-in_title, -count, order, topic, text, folded))
        scored.sort(key=lambda s: s[:3])
        return [HelpHit(t.id, t.title, _snippet(text, folded, words[0])) for *_k, t, text, folded in scored[:limit]]

    def _all_in_order(self) -> list[HelpTopic]:
        return self.topics() + self.error_topics()

    # --- rendering -------------------------------------------------------------------------

    def page_markdown(self, topic_id: str) -> str:
        """A page's Markdown; the errors page gets the list of every error page added."""
        topic = self.topic(topic_id)
        if topic_id != ERRORS_TOPIC:
            return topic.markdown
        items = "\n".join(f"- [{t.title}]({ERRORS_FOLDER}/{t.code}.md)" for t in self.error_topics())
        return f"{topic.markdown.rstrip()}\n\n{items}\n"

    def links(self) -> dict[str, str]:
        """Page file path (as the renderer resolves it) -> page id, for every page."""
        out = {}
        for topic in self._topics.values():
            rel = f"{ERRORS_FOLDER}/{topic.code}.md" if topic.code is not None else f"{topic.id}.md"
            out[f"chapters/{rel}"] = topic.id
            out[rel] = topic.id  # "../levels.md" from an error page, as it is on disk
        return out

    def render(self, topic_id: str) -> str:
        """A page as sanitized HTML (the chapter renderer: no raw HTML, nothing remote).

        Raises:
            KeyError: no such page.
            RenderError: the renderer could not be started.
        """
        return render_chapter(self.page_markdown(topic_id), chapter_links=self.links(), assets=()).html


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _snippet(text: str, folded: str, word: str) -> str:
    # Folding can change lengths (ligatures); positions are close enough for context.
    at = folded.find(word)
    if at < 0:
        return " ".join(text.split())[: 2 * SNIPPET_CONTEXT_CHARS]
    start, end = max(0, at - SNIPPET_CONTEXT_CHARS), at + len(word) + SNIPPET_CONTEXT_CHARS
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
