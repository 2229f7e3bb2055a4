"""Library.render_ahead: chapters rendered before they are opened read exactly as the ones
rendered when opened (the straightforward path, Library.chapter on a first view)."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from reader.core.demo import load_demo
from reader.core.library import Library, queries
from reader.core.paths import builtin_trust_dir
from reader.core.render import PLACEHOLDER_HTML
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf

# One chapter of the test bundle is refused by the renderer's screen, so the placeholder
# path is compared too; another links to it and shows the bundle's image.
HOSTILE = "[" * 400 + "\n"
LINKING = "## Zie ook\n\nLees [het andere hoofdstuk](02-online.md#kop) en ![schaal](../assets/schaal.png).\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A library with the demo editions and one test edition, nothing rendered yet."""
    folder = tmp_path_factory.mktemp("render-ahead")
    key = bf.new_key()
    trust = TrustStore(folder / "trust", builtin_trust_dir())  # the demo key is built in
    trust.add(key.public.to_file(), name="Testredactie", publisher=bf.PUBLISHER_NAME)
    manifest = bf.sample_manifest()
    manifest["chapters"] += [
        {"id": "vijandig", "title": "Vijandig", "themes": [], "file": "chapters/03-vijandig.md"},
        {"id": "verwijzing", "title": "Verwijzing", "themes": [], "file": "chapters/04-verwijzing.md"},
    ]
    members = bf.sample_members()
    members["chapters/03-vijandig.md"] = HOSTILE.encode()
    members["chapters/04-verwijzing.md"] = LINKING.encode()
    bundle = bf.write(folder.parent / "render-ahead-in" / "test.dtnb", bf.build(key, manifest, members))
    with Library.open(folder, trust=trust) as lib:
        assert all(r.status == "imported" for r in load_demo(lib))
        assert lib.import_file(bundle).status == "imported"
        assert lib.db.execute("SELECT count(*) FROM chapters WHERE html IS NOT NULL").fetchone() == (0,)
    return folder


def copy_of(template: Path, into: Path) -> Library:
    shutil.copytree(template, into)
    return Library.open(into, trust=TrustStore(into / "trust", builtin_trust_dir()))


def all_chapter_pks(lib: Library) -> list[int]:
    return [row[0] for row in lib.db.execute("SELECT pk FROM chapters ORDER BY pk")]


def stored(lib: Library) -> list[tuple]:
    return lib.db.execute("SELECT pk, html, toc, placeholder FROM chapters ORDER BY pk").fetchall()


def test_rendered_ahead_is_the_same_as_rendered_when_opened(template, tmp_path):
    with copy_of(template, tmp_path / "opened") as opened, copy_of(template, tmp_path / "ahead") as ahead:
        pks = all_chapter_pks(opened)
        assert len(pks) > 20
        shown = [opened.chapter(pk) for pk in pks]  # the straightforward path: rendered on first view
        assert ahead.render_ahead(pks) == len(pks)
        assert stored(ahead) == stored(opened)
        assert [ahead.chapter(pk) for pk in pks] == shown
    # The comparison covered the placeholder, a chapter link and an image.
    html = {chapter.chapter_id: chapter.html for chapter in shown}
    assert html["vijandig"] == PLACEHOLDER_HTML
    assert 'href="dtn-chapter:online#kop"' in html["verwijzing"] and 'src="dtn-asset:assets/schaal.png"' in html["verwijzing"]


def test_render_ahead_leaves_a_chapter_already_stored_as_it_is(template, tmp_path):
    with copy_of(template, tmp_path / "lib") as lib:
        first, second, third = all_chapter_pks(lib)[:3]
        kept = lib.chapter(first)
        assert lib.render_ahead([first, second, second, 999_999]) == 1  # twice, or unknown: once, or not at all
        assert lib.chapter(first) == kept
        assert lib.db.execute("SELECT pk FROM chapters WHERE html IS NOT NULL ORDER BY pk").fetchall() == [(first,), (second,)]
        assert lib.render_ahead([first, second]) == 0
        assert lib.db.execute("SELECT html IS NULL FROM chapters WHERE pk = ?", [third]).fetchone() == (1,)


def test_a_cancelled_round_stores_what_it_rendered_and_no_more(template, tmp_path, monkeypatch):
    with copy_of(template, tmp_path / "lib") as lib:
        pks = all_chapter_pks(lib)[:4]
        cancel = threading.Event()
        cancel.set()
        assert lib.render_ahead(pks, cancel=cancel) == 0
        assert lib.db.execute("SELECT count(*) FROM chapters WHERE html IS NOT NULL").fetchone() == (0,)

        cancel.clear()
        render = queries._render

        def render_then_cancel(library, row):
            result = render(library, row)
            cancel.set()  # as if the reader moved on while the first chapter was rendered
            return result

        monkeypatch.setattr(queries, "_render", render_then_cancel)
        assert lib.render_ahead(pks, cancel=cancel) == 1
        assert lib.db.execute("SELECT pk FROM chapters WHERE html IS NOT NULL").fetchall() == [(pks[0],)]


def test_the_kept_html_is_written_without_a_durable_commit_and_the_setting_restored(template, tmp_path, monkeypatch):
    with copy_of(template, tmp_path / "lib") as lib:
        first, second = all_chapter_pks(lib)[:2]
        durable = lib.db.execute("PRAGMA synchronous").fetchone()
        assert durable == (2,)  # FULL: every change the reader makes is on the disk when it returns
        seen: list[int] = []
        keep = queries._keep_rendered

        def keep_and_look(library, chapter_pk, rendered):
            seen.append(library.db.execute("PRAGMA synchronous").fetchone()[0])
            keep(library, chapter_pk, rendered)

        monkeypatch.setattr(queries, "_keep_rendered", keep_and_look)
        lib.chapter(first)
        assert lib.render_ahead([second]) == 1
        assert seen == [1, 1]  # NORMAL while derived HTML is kept
        assert lib.db.execute("PRAGMA synchronous").fetchone() == durable
        assert lib.db.execute("SELECT count(*) FROM chapters WHERE html IS NOT NULL").fetchone() == (2,)


def test_while_another_program_changes_the_library_nothing_is_kept_and_nothing_waits(template, tmp_path):
    with copy_of(template, tmp_path / "lib") as lib:
        first, second = all_chapter_pks(lib)[:2]
        other = sqlite3.connect(tmp_path / "lib" / "library.db")
        try:
            other.execute("BEGIN IMMEDIATE")  # another program's change, holding the write lock
            started = time.monotonic()
            assert lib.render_ahead([first]) == 0
            assert time.monotonic() - started < lib.limits.busy_timeout_ms / 1000 / 2  # it did not wait
            other.execute("ROLLBACK")
        finally:
            other.close()
        assert lib.db.execute("PRAGMA busy_timeout").fetchone() == (lib.limits.busy_timeout_ms,)
        assert lib.db.execute("SELECT count(*) FROM chapters WHERE html IS NOT NULL").fetchone() == (0,)
        assert lib.render_ahead([first, second]) == 2  # once the other program is done


def test_the_latest_editions_first_chapter_is_rendered_ahead_once(template, tmp_path, monkeypatch):
    with copy_of(template, tmp_path / "lib") as lib:
        first = lib.chapters(lib.latest_edition().pk)[0].pk
        assert lib.render_latest_ahead() == 1
        assert lib.db.execute("SELECT pk FROM chapters WHERE html IS NOT NULL").fetchall() == [(first,)]

        def no_render(*_args):
            raise AssertionError("a kept chapter was rendered again")

        monkeypatch.setattr(queries, "_render", no_render)
        assert lib.render_latest_ahead() == 0  # kept: nothing rendered, no renderer started


def test_an_empty_library_has_no_latest_chapter_to_render(tmp_path):
    with Library.open(tmp_path / "empty") as lib:
        assert lib.render_latest_ahead() == 0
