"""Which link and image URLs a chapter may keep: the policy the render worker applies to
Python-Markdown's tree and the sanitizer checks again on the final HTML.

Neither Python-Markdown nor nh3 is imported here, so both sides can use it without
loading the other's library.
"""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from collections.abc import Collection, Mapping

__all__ = [
    "AMP_SUBSTITUTE",
    "ASSET_SCHEME",
    "CHAPTER_SCHEME",
    "ID_RE",
    "decide_href",
    "decide_src",
    "decode_url",
    "external_ok",
    "final_href_ok",
    "fragment_ok",
    "normalise_chapter_links",
]

# Python-Markdown's private marker for '&' in automatic mail links (markdown.util.AMP_SUBSTITUTE;
# a test holds the two equal), written here so this module needs no Markdown.
AMP_SUBSTITUTE = "\u0002amp\u0003"
_CHAPTER_DIR = "chapters"  # where chapter files live in a bundle; relative links start here
ASSET_SCHEME = "dtn-asset:"
CHAPTER_SCHEME = "dtn-chapter:"
_EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers strip C0 controls and space around a URL before looking at it.
_URL_STRIP = "".join(chr(c) for c in range(0x21)) + "\x7f"
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# Anything that a URL parser may silently drop or that makes a value ambiguous.
_UNSAFE_URL_CHARS_RE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\\]"
)
_FRAGMENT_RE = re.compile(r"[A-Za-z0-9_.:%/~\-]{0,200}")
ID_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,199}")


def decode_url(raw: str) -> str:
    """Return the URL a browser would see for an attribute value from Python-Markdown.

    Python-Markdown leaves character references in attribute values as they
    are (``&#106;avascript:``) and writes ``&`` in automatic mail links as a
    private marker, so both are resolved before any decision is made.
    """
    value = raw.replace(AMP_SUBSTITUTE, "&")
    return html.unescape(value).strip(_URL_STRIP)


def fragment_ok(fragment: str) -> bool:
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


def external_ok(value: str) -> bool:
    """True for an http(s)/mailto URL whose scheme is literally at its start."""
    match = _SCHEME_RE.match(value)
    return (
        match is not None
        and match.group(1).lower() in _EXTERNAL_SCHEMES
        and _UNSAFE_URL_CHARS_RE.search(value) is None
    )


def decide_href(raw: str, chapter_links: Mapping[str, str]) -> str | None:
    """The href to keep for a link as written, or None to drop it.

    Args:
        raw: the attribute value as Python-Markdown produced it.
        chapter_links: normalised chapter file path -> chapter id.
    """
    value = decode_url(raw)
    if value.startswith("#"):
        return value if fragment_ok(value[1:]) else None
    if _SCHEME_RE.match(value):
        return value if external_ok(value) else None
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
            href = CHAPTER_SCHEME + chapter_id
            if fragment and fragment_ok(fragment):
                href += "#" + fragment
            return href
    return None


def decide_src(raw: str, assets: Collection[str]) -> str | None:
    """The ``dtn-asset:`` src for an image as written, or None to remove the image."""
    value = decode_url(raw)
    if "#" in value:
        return None
    path = _relative_reference(value)
    if path is None:
        return None
    for candidate in _bundle_paths(path):
        if candidate in assets:
            return ASSET_SCHEME + candidate
    return None


def normalise_chapter_links(chapter_links: Mapping[str, str]) -> dict[str, str]:
    return {posixpath.normpath(path): chapter_id for path, chapter_id in chapter_links.items()}


def final_href_ok(value: str, chapter_ids: frozenset[str]) -> bool:
    """Whether a decoded href in the final HTML has one of the shapes we produce."""
    if value.startswith("#"):
        return fragment_ok(value[1:])
    if value.startswith(CHAPTER_SCHEME):
        chapter_id, _, fragment = value[len(CHAPTER_SCHEME):].partition("#")
        return chapter_id in chapter_ids and fragment_ok(fragment)
    return external_ok(value)
