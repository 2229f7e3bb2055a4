"""What a change touched is broadcast once (ctx.library_changed(Changes)) and each view reloads
only for the areas it shows, also the view that made the change. Reloads are counted with a
spy on each view's reload(); the tests wait for signals, never sleep."""

from __future__ import annotations

from contextlib import ExitStack

import pytest

from reader.core.library import Changes, Library
from reader.core.minisign import SecretKey
from reader.ui.views.bookmarks import BookmarksView
from reader.ui.views.checklists import ChecklistsView
from reader.ui.views.editions import EditionsView
from reader.ui.views.importtrust import ImportTrustView
from reader.ui.views.overview import OverviewView
from tests.helpers import bundles

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

TIMEOUT_MS = 20_000
VIEWS = {"editions": EditionsView, "overview": OverviewView, "bookmarks": BookmarksView,
         "checklists": ChecklistsView, "import": ImportTrustView}


@pytest.fixture
def bundle_path(tmp_path, library_dir):
    key = SecretKey.generate()
    with Library.open(library_dir) as lib:
        lib.trust.add(key.public.to_file(), name="Testuitgever", role="publisher", publisher="Voorbeeldredactie")
    data = bundles.build_example(tmp_path / "src", key)
    return bundles.write(tmp_path / "in" / "voorbeeld.dtnb", data)


@pytest.fixture
def views(qtbot, ctx, bundle_path):
    """Every view shown and loaded, with its reloads counted from here on."""
    made = {}
    for name, cls in VIEWS.items():
        view = cls(ctx)
        qtbot.addWidget(view)
        view.show()
        with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
            view.activate()
        made[name] = view
    reloads = {name: 0 for name in made}
    for name, view in made.items():
        def counted(name=name, original=view.reload):
            reloads[name] += 1
            original()
        view.reload = counted
    return made, reloads


def _run_write(qtbot, ctx, work, loaded=()):
    """Run ``work(lib)`` as a write task; wait for its broadcast (and the named views' loads)."""
    with ExitStack() as stack:
        told = stack.enter_context(qtbot.waitSignal(ctx.library_changed, timeout=TIMEOUT_MS))
        if loaded:
            stack.enter_context(qtbot.waitSignals([v.loaded for v in loaded], timeout=TIMEOUT_MS))
        ctx.tasks.submit(lambda lib, _handle: work(lib), write=True)
    return told.args[0]


def test_an_import_reloads_the_views_of_editions_but_not_the_bookmarks(qtbot, ctx, views, bundle_path):
    made, reloads = views
    concerned = [made[n] for n in ("editions", "overview", "checklists", "import")]
    with qtbot.waitSignal(made["import"].imported, timeout=TIMEOUT_MS), \
            qtbot.waitSignal(ctx.library_changed, timeout=TIMEOUT_MS) as told, \
            qtbot.waitSignals([v.loaded for v in concerned], timeout=TIMEOUT_MS):
        assert made["import"].import_paths([bundle_path])
    assert told.args[0] == Changes(editions=True, audit=True)
    # The view that imported reloads once, from the broadcast, like every other.
    assert reloads == {"editions": 1, "overview": 1, "checklists": 1, "import": 1, "bookmarks": 0}


def test_a_tick_reloads_no_view_of_editions(qtbot, ctx, views, library_dir):
    made, reloads = views
    with Library.open(library_dir) as lib:
        edition = lib.latest_edition()
        checklist = lib.checklists(edition.pk)[0]
    item = checklist.items[0].item_id
    changes = _run_write(qtbot, ctx, lambda lib: lib.set_item_state(checklist.bundle_id, checklist.checklist_id, item, ticked=True))
    assert changes == Changes(reading_state=True)
    assert reloads == {name: 0 for name in made}


def test_a_bookmark_reloads_the_bookmarks_page_only(qtbot, ctx, views, library_dir):
    made, reloads = views
    with Library.open(library_dir) as lib:
        edition = lib.latest_edition()
        chapter = lib.chapters(edition.pk)[0]
    changes = _run_write(qtbot, ctx, lambda lib: lib.add_bookmark(edition.bundle_id, chapter.chapter_id), loaded=[made["bookmarks"]])
    assert changes == Changes(bookmarks=True)
    assert reloads == {"editions": 0, "overview": 0, "checklists": 0, "import": 0, "bookmarks": 1}


def test_a_task_that_changes_nothing_broadcasts_nothing(qtbot, ctx, views):
    made, reloads = views
    with qtbot.assertNotEmitted(ctx.library_changed, wait=200), qtbot.waitSignal(made["editions"].loaded, timeout=TIMEOUT_MS):
        made["editions"].reload()  # a read task
    assert reloads["editions"] == 1 and reloads["bookmarks"] == 0
