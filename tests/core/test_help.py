"""The help pages: complete in both languages, every error code explained, links that work,
search that finds, and nothing remote in what is shown."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from reader.core import errors
from reader.core.help import (
    ERRORS_TOPIC,
    FIRST_RUN_TOPIC,
    HELP_LANGUAGES,
    MAX_HELP_PAGE_BYTES,
    TOPICS,
    HelpBook,
    declared_error_codes,
    error_codes_of,
    error_topic_id,
    help_root,
    load_code_map,
)
from reader.core.paths import resource_path
from tests.helpers.codes import raised_codes

# Headings every error page has, in order: what happened, is it dangerous, what next, whom to call.
ERROR_SECTIONS = {
    "nl": ("Wat is er gebeurd?", "Is dit gevaarlijk?", "Wat kunt u doen?", "Wie kunt u bellen?"),
    "en": ("What happened?", "Is it dangerous?", "What can you do?", "Whom to call?"),
}
_LINK_RE = re.compile(r"\]\(([^)\s]+)\)")


def user_visible_codes() -> set[str]:
    """Every code a user can be shown: the codes declared on the error classes (DTNError's
    own included), and every key of the message tables where those exist."""
    codes = set(declared_error_codes()) | {errors.DTNError.code}
    for language in HELP_LANGUAGES:
        table = resource_path("messages", f"{language}.json")
        if table.is_file():
            # audit-* rows are what the audit log says of an event, not errors to explain
            codes |= {c for c in json.loads(table.read_text(encoding="utf-8")) if not c.startswith("audit-")}
    return codes


def missing_and_stale(book: HelpBook, codes: set[str]) -> tuple[set[str], set[str]]:
    """Codes nobody explains; pages and code-table rows for codes that no longer exist.

    A code is explained by its own page, by its row in the code table, or else by the page
    of the class a raise site gives it to (or a base class's other than DTNError's generic
    one), as the window looks it up."""
    explained = book.error_codes()
    raised = raised_codes()
    missing = set()
    for code in codes - explained:
        cls = raised[code].error_class if code in raised else None
        chain = [c for c in error_codes_of(None, cls.__name__) if c != errors.DTNError.code] if cls else []
        if not any(c in explained for c in chain):  # the generic page explains nothing in particular
            missing.add(code)
    return missing, (book.page_codes() | set(book.code_map)) - codes


@pytest.fixture(scope="module", params=HELP_LANGUAGES)
def book(request) -> HelpBook:
    return HelpBook(request.param)


def test_declared_codes_are_found():
    codes = declared_error_codes()
    assert codes["unknown-key"] == "UnknownKeyError"
    assert len(codes) >= 20
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", c) for c in codes), codes


def test_every_topic_has_a_page_with_a_title(book):
    assert [t.id for t in book.topics()] == list(TOPICS)
    for topic in book.topics():
        assert topic.title and topic.title != topic.id, topic.id
        assert topic.markdown.startswith("# ")


def test_every_user_visible_error_code_has_a_page_and_no_page_is_stale(book):
    missing, stale = missing_and_stale(book, user_visible_codes())
    assert not missing, f"{book.language}: error codes without a help page: {sorted(missing)}"
    assert not stale, f"{book.language}: help pages for codes that no longer exist: {sorted(stale)}"


def test_the_completeness_check_can_fail(tmp_path):
    root = tmp_path / "nl"
    shutil.copytree(help_root("nl"), root)
    (root / "errors" / "unknown-key.md").unlink()
    (root / "errors" / "no-such-code.md").write_text("# Weg\n", encoding="utf-8")
    table = dict(load_code_map(), **{"gone-code": "manifest"})
    missing, stale = missing_and_stale(HelpBook("nl", root, table), user_visible_codes())
    explained_by_it = {code for code, target in table.items() if target == "unknown-key"}
    assert missing == {"unknown-key"} | explained_by_it and stale == {"no-such-code", "gone-code"}


def test_error_pages_say_what_happened_danger_next_step_and_whom_to_call(book):
    for topic in book.error_topics():
        headings = [line[3:].strip() for line in topic.markdown.splitlines() if line.startswith("## ")]
        assert tuple(headings) == ERROR_SECTIONS[book.language], topic.id
        sections = re.split(r"^## .*$", topic.markdown, flags=re.M)[1:]
        assert all(s.strip() for s in sections), f"{topic.id} has an empty section"


def test_both_languages_have_the_same_pages():
    nl, en = HelpBook("nl"), HelpBook("en")
    assert {t.id for t in nl.topics()} == {t.id for t in en.topics()}
    assert nl.error_codes() == en.error_codes()
    # Not one language's text copied into the other.
    assert all(nl.topic(t).title != en.topic(t).title for t in TOPICS if t not in ("checklists",))


def test_every_link_resolves_and_nothing_remote_is_shown(book):
    pages = book.topics() + book.error_topics()
    for topic in pages:
        markdown = book.page_markdown(topic.id)
        html = book.render(topic.id)
        links = _LINK_RE.findall(markdown)
        assert html.count('href="dtn-chapter:') == len(links), (topic.id, links)
        for target in re.findall(r'href="dtn-chapter:([^"#]+)', html):
            assert book.has(target), (topic.id, target)
        assert "<img" not in html and "src=" not in html and "href=\"http" not in html, topic.id


def test_the_errors_page_lists_every_error_page(book):
    html = book.render(ERRORS_TOPIC)
    for topic in book.error_topics():
        assert f'href="dtn-chapter:{topic.id}"' in html


def test_search_finds_by_word_folds_case_and_accents_and_ranks_titles_first():
    nl = HelpBook("nl")
    hits = nl.search("VINGERAFDRUK")
    assert hits[0].topic_id == "trust-keys"
    assert "vingerafdruk" in hits[0].snippet.lower()
    assert any(h.topic_id == "levels" for h in nl.search("reeel"))  # "reëel"
    assert nl.search("telefonisch vingerafdruk")[0].topic_id == "trust-keys"
    assert nl.search("   ") == []
    assert nl.search("xyzzy-no-such-word") == []
    en = HelpBook("en")
    assert "sync" in [h.topic_id for h in en.search("offline")[:2]]
    assert {h.topic_id for h in en.search("revoked")} >= {"revoke", error_topic_id("revoked-key")}


def test_an_error_finds_its_page_and_a_refined_code_falls_back_to_its_class():
    book = HelpBook("en")
    assert book.topic_for_error(errors.UnknownKeyError("x")) == "error-unknown-key"
    refined = errors.FeedError("expired", code="feed-expired-not-in-help", expired="2026-01-01")
    assert error_codes_of(refined) == ["feed-expired-not-in-help", "feed", "error"]
    assert book.topic_for_error(refined) == "error-feed"
    assert book.topic_for_error(error_type="RollbackError") == "error-rollback"
    assert error_codes_of(error_type="RollbackError") == ["rollback", "library", "error"]
    assert book.topic_for_error(error_type="NoSuchError") == ERRORS_TOPIC


def test_the_first_run_guide_says_what_the_reader_is_demo_and_how_editions_arrive():
    for language, words in (("nl", ("DEMO", "NCTV", "USB-stick", "sleutel")), ("en", ("DEMO", "NCTV", "USB stick", "key"))):
        text = HelpBook(language).topic(FIRST_RUN_TOPIC).markdown
        assert all(w in text for w in words), language


def test_level_page_covers_both_scales_and_the_2016_change():
    for language, words in (
        ("nl", ("Minimaal", "Beperkt", "Aanzienlijk", "Substantieel", "Kritiek", "juli 2016", "3 van 4")),
        ("en", ("Minimal", "Limited", "Significant", "Substantial", "Critical", "July 2016", "level 3 of 4")),
    ):
        text = HelpBook(language).topic("levels").markdown
        assert all(w in text for w in words), (language, [w for w in words if w not in text])


def test_an_oversized_page_is_refused(tmp_path):
    root = tmp_path / "en"
    shutil.copytree(help_root("en"), root)
    (root / "levels.md").write_bytes(b"# Big\n" + b"x" * MAX_HELP_PAGE_BYTES)
    with pytest.raises(ValueError, match="over"):
        HelpBook("en", root)


def test_unknown_language_is_a_bug():
    with pytest.raises(ValueError):
        help_root("de")


def test_the_help_ships_inside_resources():
    assert help_root("nl") == Path(resource_path("help", "nl"))
    assert help_root("nl").is_dir()


def test_the_code_table_points_at_pages_and_not_at_itself(book):
    table = book.code_map
    assert table, "resources/help/error-codes.json is empty"
    assert set(table.values()) <= book.page_codes(), sorted(set(table.values()) - book.page_codes())
    assert not set(table) & book.page_codes(), "a code with its own page is also in the table"


def _raise_sites() -> dict[str, set[str]]:
    """code -> names of the error classes raised with it, from every ``XError(..., code="...")``
    call under reader/."""
    import ast

    sites: dict[str, set[str]] = {}
    for path in (Path(errors.__file__).parents[1]).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.endswith("Error"):
                for kw in node.keywords:
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                        sites.setdefault(kw.value.value, set()).add(node.func.id)
    return sites


def test_the_code_table_agrees_with_the_raise_sites():
    """A refined code is explained by the page of the class it is raised with (or a base)."""
    table = load_code_map()
    wrong = []
    for code, classes in _raise_sites().items():
        if code not in table:
            continue
        for cls in classes:
            family = error_codes_of(error_type=cls)
            if family and table[code] not in family:
                wrong.append(f"{code}: raised as {cls} ({family}), table says {table[code]}")
    assert not wrong, wrong
    assert len(_raise_sites()) > 20
