"""The allow-list sanitizer (nh3) for the HTML the render worker sends back.

Imported only when a chapter is rendered, so a window whose chapters all come from the
library's render cache never loads nh3.
"""

from __future__ import annotations

import nh3

from reader.core.urlpolicy import ASSET_SCHEME, ID_RE, final_href_ok

__all__ = ["sanitize"]

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


def sanitize(fragment: str, chapter_ids: frozenset[str], assets: frozenset[str]) -> str:
    """Clean HTML from the worker against the allow-list, re-checking every URL.

    nh3 hands the filter the attribute value its HTML parser decoded, so the
    checks see exactly what a viewer would.
    """

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return value if ID_RE.fullmatch(value) else None
        if attribute == "href":
            return value if final_href_ok(value, chapter_ids) else None
        if attribute == "src":
            ok = value.startswith(ASSET_SCHEME) and value[len(ASSET_SCHEME):] in assets
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
