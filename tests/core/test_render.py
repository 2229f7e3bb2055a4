"""Markdown rendering: allow-list sanitizer, URL policy and hard limits."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import render as render_module
from reader.core.errors import RenderError
from reader.core.plaintext import plain_text
from reader.core.render import (
    PLACEHOLDER_HTML,
    RenderedChapter,
    RenderLimits,
    RenderWorker,
    TocEntry,
    render_chapter,
)

CHAPTER_LINKS = {"chapters/01-niveau.md": "niveau", "chapters/03-online.md": "online"}
ASSETS = frozenset({"assets/fig.png", "assets/kaart.jpg"})

# The allow-list as the design states it, written out independently of the module.
ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code",
    "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "img", "hr", "br",
    "sup", "sub", "div", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "div": {"class"},
    "span": {"class"},
}
GLOBAL_ATTRIBUTES = {"id"}
PATHOLOGICAL_BOUND_S = 10.0


class _Collector(HTMLParser):
    """Every start tag with its (entity-decoded) attributes, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(fragment: str) -> _Collector:
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    return collector


def elements(fragment: str, tag: str) -> list[dict[str, str | None]]:
    return [attrs for name, attrs in parse(fragment).elements if name == tag]


def text_of(fragment: str) -> str:
    return "".join(parse(fragment).text)


def render(markdown_text: str, **kwargs: object) -> RenderedChapter:
    kwargs.setdefault("chapter_links", CHAPTER_LINKS)
    kwargs.setdefault("assets", ASSETS)
    return render_chapter(markdown_text, **kwargs)  # type: ignore[arg-type]


def assert_within_allow_list(fragment: str) -> None:
    for tag, attrs in parse(fragment).elements:
        assert tag in ALLOWED_TAGS, (tag, fragment)
        for name, value in attrs.items():
            assert name in GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, set()), (tag, name, fragment)
            if name == "src":
                assert value is not None and value.startswith("dtn-asset:"), value
                assert value.removeprefix("dtn-asset:") in ASSETS, value
            if name == "href":
                assert value is not None
                assert value.startswith(("#", "dtn-chapter:")) or value.lower().startswith(
                    ("http:", "https:", "mailto:")
                ), value


def within(bound_s: float, function, *args, **kwargs):  # noqa: ANN001, ANN201
    """Call ``function`` and fail (rather than hang) if it does not return in time."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - re-raised below, in the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(bound_s)
    assert not thread.is_alive(), f"did not return within {bound_s} s"
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


def nested_list(levels: int) -> str:
    return "".join("    " * level + "- x\n" for level in range(levels))


# --- structure: tables, toc, footnotes ------------------------------------------


CHAPTER = """\
Inleiding met een voetnoot[^bron] en *nadruk*.

## Kop één & co

| Jaar | Niveau |
|:-----|-------:|
| 2016 | 4 |

### Online radicalisering

#### Detail

##### Te diep voor de inhoud

3. drie
4. vier

[^bron]: NCTV, december 2023.
"""


def test_table_renders_with_align_attributes_not_styles() -> None:
    result = render(CHAPTER)
    assert not result.placeholder
    assert [a.get("align") for a in elements(result.html, "th")] == ["left", "right"]
    assert [a.get("align") for a in elements(result.html, "td")] == ["left", "right"]
    assert "style" not in result.html


def test_footnotes_render_with_anchors_both_ways() -> None:
    html = render(CHAPTER).html
    ids = {attrs.get("id") for _, attrs in parse(html).elements}
    hrefs = {attrs.get("href") for attrs in elements(html, "a")}
    assert {"fnref:bron", "fn:bron"} <= ids
    assert {"#fn:bron", "#fnref:bron"} <= hrefs
    assert "NCTV, december 2023." in text_of(html)


def test_toc_lists_h2_to_h4_with_anchors_present_in_the_html() -> None:
    result = render(CHAPTER)
    assert [(e.level, e.title) for e in result.toc] == [
        (2, "Kop één & co"),
        (3, "Online radicalisering"),
        (4, "Detail"),
    ]
    ids = {attrs.get("id") for _, attrs in parse(result.html).elements}
    assert all(isinstance(e, TocEntry) and e.anchor in ids for e in result.toc)
    assert len({e.anchor for e in result.toc}) == len(result.toc)


def test_sane_lists_keep_the_start_number() -> None:
    assert elements(render(CHAPTER).html, "ol")[0].get("start") == "3"


def test_output_is_a_fragment_without_document_tags() -> None:
    html = render(CHAPTER).html
    assert "<html" not in html and "<body" not in html


# --- raw HTML never passes -------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="x" onerror="alert(1)">',
        '<iframe src="https://evil.example"></iframe>',
        '<a href="javascript:alert(1)">klik</a>',
        "<style>body { display: none }</style>",
        '<div onclick="alert(1)" style="color:red">blok</div>',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="https://evil.example"><input name="q"></form>',
        "<svg onload=alert(1)>",
        "<!-- commentaar --><p onmouseover=alert(1)>x</p>",
    ],
)
@pytest.mark.parametrize("where", ["block", "inline"])
def test_raw_html_is_escaped_never_passed(raw: str, where: str) -> None:
    source = raw if where == "block" else f"Tekst {raw} tekst."
    result = render(source + "\n")
    assert not result.placeholder
    assert_within_allow_list(result.html)
    lowered = result.html.lower()
    for marker in ("<script", "<iframe", "<style", "<object", "<embed", "<form", "<svg", "<input"):
        assert marker not in lowered
    assert not any(
        name.startswith("on") or name == "style"
        for _, attrs in parse(result.html).elements
        for name in attrs
    )
    # Escaped: the author's text stays readable instead of vanishing.
    assert raw.split(">")[0].lstrip("<").split()[0].lower() in text_of(result.html).lower()


# --- images ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src",
    ["assets/fig.png", "../assets/fig.png", "./assets/fig.png", "assets/../assets/fig.png", "assets/fig%2Epng"],
)
def test_own_assets_are_rewritten_to_dtn_asset(src: str) -> None:
    images = elements(render(f"![Figuur 1]({src})\n").html, "img")
    assert images == [{"alt": "Figuur 1", "src": "dtn-asset:assets/fig.png"}]


@pytest.mark.parametrize(
    "src",
    [
        "http://evil.example/x.png",
        "https://evil.example/x.png",
        "HTTPS://evil.example/x.png",
        "file:///etc/passwd",
        "file:/c:/windows/win.ini",
        "data:image/png;base64,iVBORw0KGgo=",
        "&#100;ata:image/png;base64,iVBORw0KGgo=",
        "//evil.example/x.png",
        "/assets/fig.png",
        "/etc/passwd",
        "../../assets/fig.png",
        "assets/../../../assets/fig.png",
        "assets/onbekend.png",
        "fig.png",
        "assets/fig.png?v=1",
        "assets\\fig.png",
        " JaVaScRiPt:alert(1)",
        "dtn-asset:assets/fig.png",
        "%2E%2E/%2E%2E/assets/fig.png",
    ],
)
def test_other_images_are_replaced_by_their_alt_text(src: str) -> None:
    html = render(f"Zie ![Kaart van de regio]({src}) hier.\n").html
    assert elements(html, "img") == []
    assert elements(html, "span") == [{"class": "removed-image"}]
    assert "Kaart van de regio" in text_of(html)
    assert "evil" not in html and "passwd" not in html


def test_reference_style_remote_image_is_removed_too() -> None:
    html = render("![grafiek][g]\n\n[g]: https://evil.example/g.png\n").html
    assert elements(html, "img") == []
    assert "grafiek" in text_of(html)


# --- links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("03-online.md", "dtn-chapter:online"),
        ("./03-online.md", "dtn-chapter:online"),
        ("chapters/03-online.md", "dtn-chapter:online"),
        ("../chapters/03-online.md", "dtn-chapter:online"),
        ("03-online.md#jihadisme", "dtn-chapter:online#jihadisme"),
        ("../chapters/01-niveau.md#kop-1", "dtn-chapter:niveau#kop-1"),
    ],
)
def test_links_to_chapters_are_rewritten_to_dtn_chapter(href: str, expected: str) -> None:
    links = elements(render(f"Lees [het hoofdstuk]({href}).\n").html, "a")
    assert links == [{"href": expected}]


def test_reference_style_chapter_link_is_rewritten() -> None:
    html = render("Lees [online][o].\n\n[o]: 03-online.md\n").html
    assert elements(html, "a") == [{"href": "dtn-chapter:online"}]


@pytest.mark.parametrize(
    "href",
    [
        "https://www.nctv.nl/onderwerpen/dtn",
        "http://example.org/a?b=1&c=2",
        "HTTPS://EXAMPLE.ORG/",
        "mailto:info@example.org",
    ],
)
def test_external_links_are_kept_as_they_are(href: str) -> None:
    links = elements(render(f"Zie [bron]({href}).\n").html, "a")
    assert links == [{"href": href}]


def test_automatic_links_are_kept() -> None:
    hrefs = [a["href"] for a in elements(render("<https://example.org/x> en <info@example.org>\n").html, "a")]
    assert hrefs == ["https://example.org/x", "mailto:info@example.org"]


def test_fragment_links_are_kept() -> None:
    assert elements(render("Naar [de kop](#kop-een).\n").html, "a") == [{"href": "#kop-een"}]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "<javascript:alert(1)>",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#0000106avascript:alert(1)",
        "javascript&colon;alert(1)",
        "java&#x09;script:alert(1)",
        "java%09script:alert(1)",
        "&#x20;javascript:alert(1)",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "file:/etc/passwd",
        "FILE:///C:/Windows/win.ini",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://example.org/x",
        "//evil.example/x",
        "/etc/passwd",
        "04-onbekend.md",
        "../../chapters/03-online.md",
        "assets/fig.png",
        "03-online.md?x=1",
        "dtn-chapter:online",
        "dtn-asset:assets/fig.png",
        "https:\\\\evil.example",
    ],
)
def test_other_links_lose_their_href_but_keep_their_text(href: str) -> None:
    html = render(f"Klik [hier]({href}) nu.\n").html
    assert elements(html, "a") == [{}]
    assert text_of(html) == "Klik hier nu."


def test_reference_definition_with_bad_scheme_loses_its_href() -> None:
    html = render("[klik][x]\n\n[x]: JAVASCRIPT:alert(1)\n").html
    assert elements(html, "a") == [{}]


# --- limits ------------------------------------------------------------------------


PATHOLOGICAL = {
    "brackets-100k": "[" * 100_000,
    "brackets-per-line": "[a\n" * 5_000,
    "brackets-spread-over-blocks": ("[a\n" * 200 + "\n") * 40,
    "emphasis-spread-over-blocks": ("_a_\n" * 3_000 + "\n") * 40,
    "link-openers": "[a](" * 20_000,
    "quotes-5000": "> " * 5_000 + "x",
    "quotes-per-line": "".join(">" * depth + " x\n" for depth in range(1, 300)),
    "nested-list-5000": nested_list(5_000),
    "nested-list-300": nested_list(300),
    "nested-list-tabs": "".join("\t" * depth + "1. x\n" for depth in range(300)),
    "emphasis-50k": "*a" * 50_000,
    "emphasis-per-line": "_a_\n" * 50_000,
    "backticks-100k": "`" * 100_000,
    "backtick-pairs": "`a\n" * 50_000,
    "parens-100k": "(" * 100_000,
    "autolink-openers": "<http://\n" * 30_000,
    "backslashes": "\\\n" * 100_000,
    "huge-table": "|a|b|\n|-|-|\n" + "|x|y|\n" * 50_000,
    "footnotes": "".join(f"x[^{n}]\n\n[^{n}]: y\n\n" for n in range(5_000)),
    "long-line": "woord " * 5_000,
    "over-size-cap": "Het dreigingsniveau is substantieel.\n\n" * 20_000,
}


@pytest.mark.parametrize("source", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_gives_the_placeholder_quickly(
    source: str, caplog: pytest.LogCaptureFixture
) -> None:
    result = within(PATHOLOGICAL_BOUND_S, render, source)
    assert result == RenderedChapter(PLACEHOLDER_HTML, (), True)
    assert any(r.levelname == "WARNING" and "placeholder" in r.getMessage() for r in caplog.records)


def test_limits_leave_ordinary_long_chapters_alone() -> None:
    paragraph = "Het dreigingsniveau blijft *substantieel*; zie [bron](https://example.org). " * 60
    source = "".join(f"## Sectie {n}\n\n{paragraph}\n\n- punt\n    - subpunt\n\n" for n in range(40))
    result = render(source)
    assert not result.placeholder
    assert len(result.toc) == 40


def test_placeholder_is_dutch_and_says_why() -> None:
    assert "hoofdstuk" in PLACEHOLDER_HTML and "veilig" in PLACEHOLDER_HTML
    assert_within_allow_list(PLACEHOLDER_HTML)


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="time_limit_s"):
        RenderLimits(time_limit_s=0)


# Screens relaxed so that only the wall-clock limit stands between the
# parser and an input that takes it tens of seconds.
NO_SCREENS = RenderLimits(
    max_line_chars=10**9,
    max_brackets_per_block=10**9,
    time_limit_s=0.5,
)


NO_SCREENS_SLOW = RenderLimits(max_line_chars=10**9, max_brackets_per_block=10**9, time_limit_s=60)


def test_hard_time_limit_kills_a_slow_render_and_the_next_one_works() -> None:
    with RenderWorker() as worker:
        worker.start()
        first_pid = worker.pid
        result = within(PATHOLOGICAL_BOUND_S, render, "[" * 20_000, limits=NO_SCREENS, worker=worker)
        assert result == RenderedChapter(PLACEHOLDER_HTML, (), True)
        assert worker.pid is None  # the runaway process is gone

        again = render("## Daarna\n\nGewoon.\n", worker=worker)
        assert not again.placeholder and "Gewoon." in again.html
        assert worker.pid not in (None, first_pid)


def test_worker_dying_once_mid_render_is_retried_in_a_fresh_one() -> None:
    with RenderWorker() as worker:
        worker.start()
        pid = worker.pid
        assert pid is not None
        # About a second of parsing here (quadratic in '['), so the kill at 0.1 s lands mid-render.
        source = "[" * 2_500 + "\n\nDaarna gewoon."
        killer = threading.Timer(0.1, os.kill, (pid, signal.SIGTERM))
        killer.start()
        try:
            result = within(PATHOLOGICAL_BOUND_S, render, source, limits=NO_SCREENS_SLOW, worker=worker)
        finally:
            killer.cancel()
        assert not result.placeholder and "Daarna gewoon." in result.html
        assert worker.pid not in (None, pid)


def test_worker_dying_twice_gives_the_placeholder() -> None:
    rendering = threading.Event()
    killed: list[int] = []

    def kill_every_worker(worker: RenderWorker) -> None:
        while rendering.is_set():
            pid = worker.pid
            if pid is not None and pid not in killed:
                killed.append(pid)
                os.kill(pid, signal.SIGTERM)
            time.sleep(0.05)  # polling a pid from a helper thread; nothing to wait on

    with RenderWorker() as worker:
        worker.start()
        rendering.set()
        killer = threading.Thread(target=kill_every_worker, args=(worker,), daemon=True)
        killer.start()
        try:
            result = within(PATHOLOGICAL_BOUND_S, render, "[" * 20_000, limits=NO_SCREENS_SLOW, worker=worker)
        finally:
            rendering.clear()
            killer.join(PATHOLOGICAL_BOUND_S)
        assert result == RenderedChapter(PLACEHOLDER_HTML, (), True)
        assert len(killed) >= 2


def test_worker_killed_while_idle_is_restarted_transparently() -> None:
    with RenderWorker() as worker:
        worker.start()
        pid = worker.pid
        assert pid is not None
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.2)  # let the signal land; nothing to wait on in the parent
        result = render("Tekst.\n", worker=worker)
        assert not result.placeholder and worker.pid != pid


def test_worker_that_cannot_start_raises_render_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class _NoProcess:
        pid = None

        def start(self) -> None:
            raise OSError("process creation is blocked")

    class _Context:
        def Pipe(self, duplex: bool = True):  # noqa: N802 (multiprocessing's name)
            return multiprocessing.Pipe(duplex)

        def Process(self, **_kwargs: object) -> _NoProcess:  # noqa: N802
            return _NoProcess()

    monkeypatch.setattr(render_module.multiprocessing, "get_context", lambda _method: _Context())
    with RenderWorker() as worker, pytest.raises(RenderError, match="could not be started"):
        render("Tekst.\n", worker=worker)


def test_concurrent_renders_from_threads_get_their_own_results() -> None:
    results: dict[int, RenderedChapter] = {}

    def work(n: int) -> None:
        results[n] = render(f"## Kop {n}\n\nTekst {n}.\n")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATHOLOGICAL_BOUND_S)
    assert sorted(results) == list(range(8))
    for n, result in results.items():
        assert f"Tekst {n}." in result.html and result.toc[0].title == f"Kop {n}"


# --- property: nothing outside the allow-list, ever -----------------------------------

FRAGMENTS = [
    "[", "]", "(", ")", "!", "*", "_", "`", "<", ">", "&", "#", "|", "-", ":", "/", "\\",
    '"', "'", "=", "^", "~", "\n", "\n\n", " ", "    ", "\t", "1. ", "- ", "> ", "## ",
    "|---|", "[^1]", "[^1]: ", "[r]: ", "[r]", "{#x}", "reëel", "é", "\x00", "\u202e",
    "javascript:", "JaVaScRiPt:", "&#106;", "&#x6A;", "&colon;", "&#0000106", "data:", "file:",
    "//", "http://x.nl", "https:", "mailto:", "vbscript:", "dtn-asset:", "dtn-chapter:",
    "assets/fig.png", "assets/x.png", "../", "./", "03-online.md", "<script>", "</script>",
    "<img src=x onerror=alert(1)>", "<iframe>", "<style>", " onerror=", " style=",
    "<a href=", "<svg>", "<math>", "<!--", "-->", "<![CDATA[", "![", "](", "[TOC]",
]  # fmt: skip
markdownish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=80
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_random_markdown_never_raises_or_leaves_the_allow_list(source: str) -> None:
    result = render(source)
    assert isinstance(result.html, str)
    assert_within_allow_list(result.html)
    ids = {attrs.get("id") for _, attrs in parse(result.html).elements}
    assert all(entry.anchor in ids for entry in result.toc)


# --- plain text -----------------------------------------------------------------------


def test_plain_text_drops_markup_and_keeps_words() -> None:
    source = (
        "## Kop *één*\n\n"
        "Het **dreigingsniveau** is _reëel_; zie [de bron](https://example.org/x) "
        "en ![de kaart](../assets/kaart.jpg).[^1] Code: `snake_case`.\n\n"
        "> Citaat met <b>vet</b> &amp; meer.\n\n"
        "- punt één\n1. punt twee\n\n"
        "| Jaar | Niveau |\n|:--|--:|\n| 2016 | 4 |\n\n"
        "---\n\n"
        "[^1]: Voetnoottekst.\n"
        "[bron]: https://example.org/verborgen\n"
    )
    text = plain_text(source)
    words = text.split()
    for word in ("Kop", "één", "dreigingsniveau", "reëel;", "bron", "kaart", "snake_case.",
                 "Citaat", "vet", "&", "punt", "twee", "Jaar", "2016", "Voetnoottekst."):  # fmt: skip
        assert word in words, (word, text)
    for markup in ("#", "*", "**", "](", "[^1]", "<b>", "&amp;", "|", "---", "`", ">", "https://example.org"):
        assert markup not in text, (markup, text)


def test_plain_text_normalises_accents_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "reëel en ideeën")
    assert plain_text(decomposed) == "reëel en ideeën"


@pytest.mark.parametrize("source", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_plain_text_is_bounded_on_pathological_input(source: str) -> None:
    assert isinstance(within(PATHOLOGICAL_BOUND_S, plain_text, source), str)


# --- house rule -------------------------------------------------------------------------


def test_render_module_does_not_import_qt() -> None:
    code = "import sys, reader.core.render; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_markdown_and_nh3_load_only_when_a_chapter_is_rendered() -> None:
    """Markdown only in the worker process, nh3 only once something is sanitized."""
    code = (
        "import sys\n"
        "from reader.core import render\n"
        "def loaded(): return sorted(m for m in ('markdown', 'nh3') if m in sys.modules)\n"
        "print(loaded())\n"
        "with render.RenderWorker() as worker:\n"
        "    html = render.render_chapter('*a*', chapter_links={}, assets=(), worker=worker).html\n"
        "print(loaded(), '<em>a</em>' in html)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "['nh3'] True"]


def test_the_url_policy_knows_markdowns_ampersand_marker() -> None:
    from markdown import util as markdown_util

    from reader.core import urlpolicy

    assert urlpolicy.AMP_SUBSTITUTE == markdown_util.AMP_SUBSTITUTE
