"""Python-Markdown to URL-checked HTML: the render worker process's side.

Only the worker process imports this module (and with it Python-Markdown); the process
that asks for a chapter screens it before and sanitizes the answer after
(:mod:`reader.core.render`, :mod:`reader.core.sanitize`).
"""

from __future__ import annotations

import html
import re
import signal
import traceback
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from reader.core.urlpolicy import decide_href, decide_src

if TYPE_CHECKING:
    from reader.core.render import RenderLimits

__all__ = ["worker_main"]

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
                decided = decide_href(href, self._chapter_links)
                if decided is None:
                    del element.attrib["href"]
                else:
                    element.set("href", _attribute_value(decided))
            elif element.tag == "img":
                decided = decide_src(element.get("src", ""), self._assets)
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


def worker_main(conn: Any) -> None:
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
