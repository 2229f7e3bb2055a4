"""The overview over real libraries built from the demo bundles through the verified import."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library.changes import Changes
from reader.core.demo import demo_bundle_paths
from reader.core.library import Library
from reader.ui import i18n
from reader.ui.context import AppContext
from reader.ui.tasks import TaskRunner
from reader.ui.views.overview import OverviewView
from tests.helpers.views import LOAD_TIMEOUT_MS


def _library_with(folder: Path, bundle_ids: list[str]) -> Path:
    """A library holding only the named demo bundles."""
    wanted = {f"{b}.dtnb" for b in bundle_ids}
    with Library.open(folder) as lib:
        for path in demo_bundle_paths():
            if path.name in wanted:
                assert lib.import_file(path, f"demo library (test): {path.name}").ok
    return folder


@pytest.fixture
def make_overview(qapp, qtbot):
    """An overview in ``language`` (its translation installed) on a library folder, loaded."""
    runners: list[TaskRunner] = []
    translators: list = []

    def make(folder: Path, language: str = "nl") -> OverviewView:
        i18n.remove(qapp, translators)
        translators[:] = i18n.install(qapp, language)
        runner = TaskRunner(folder)
        runners.append(runner)
        view = OverviewView(AppContext(folder, runner, language))
        qtbot.addWidget(view)
        view.resize(1000, 800)
        view.show()
        with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
            view.activate()
        return view

    yield make
    for runner in runners:
        runner.shutdown()
    i18n.remove(qapp, translators)


def test_overview_shows_current_level_and_latest_edition(make_overview, library_dir, qtbot):
    view = make_overview(library_dir)
    assert view.level_section.isVisible()
    assert view.badge.text() == "4 van 5 — Substantieel"
    assert view.badge.accessibleName() == "Dreigingsniveau 4 van 5 — Substantieel"
    assert view.meaning.text() == "De kans op een aanslag is reëel."
    assert view.since.text() == "Sinds december 2023"
    assert view.level_demo.isVisible() and view.level_demo.text() == "DEMO"
    assert view.edition_title.text() == "Dreigingsbeeld Terrorisme Nederland juni 2025"
    assert view.edition_demo.isVisible()
    assert view.summary.text().startswith("Het dreigingsniveau blijft 4")
    assert view.edition_meta.text().startswith("DTN juni 2025 · revisie 1 · ondertekend door ")
    assert view.edition_meta.text().endswith(" · 5 hoofdstukken")
    assert not view.empty_section.isVisible()
    # The latest edition has no regional events.
    assert not view.events_label.isVisible()


def test_overview_says_what_changed_since_the_previous_edition(make_overview, library_dir):
    view = make_overview(library_dir, language="en")
    assert "DTN december 2024" in view.changes_section.heading.text()
    text = view.changes_label.text()
    assert "The threat level is unchanged: 4/5 Substantial." in text
    assert "New chapters:" in text
    assert "Aanpak en weerbaarheid rond de NAVO-top en daarna" in text


def test_overview_shows_a_level_change_and_removed_chapters(make_overview, tmp_path):
    folder = _library_with(tmp_path / "lib", ["dtn-2019-06", "dtn-2019-12", "dtn-2023-12"])
    view = make_overview(folder)
    assert view.badge.text() == "4 van 5 — Substantieel"
    assert view.changes_section.heading.text() == "Wat is er veranderd sinds DTN 51 (december 2019) [DEMO]"
    text = view.changes_label.text()
    assert "Het dreigingsniveau is veranderd van 3/5 Aanzienlijk naar 4/5 Substantieel." in text
    assert "Hoofdstukken die niet meer voorkomen:" in text
    assert "Nieuwe hoofdstukken:" in text


def test_overview_shows_regional_events_of_the_latest_edition(make_overview, tmp_path):
    folder = _library_with(tmp_path / "lib", ["dtn-2016-07", "dtn-2019-06"])
    view = make_overview(folder, language="nl")
    assert view.events_label.isVisible()
    assert view.events_label.text().startswith("18 maart 2019: niveau 5 Kritiek in Provincie Utrecht, tot 19 maart 2019\n")


def test_overview_with_a_single_edition(make_overview, tmp_path):
    folder = _library_with(tmp_path / "lib", ["dtn-2005-05"])
    view = make_overview(folder, language="en")
    # The four-level scale of 2005: level 3 of 4, in English words.
    assert view.badge.text() == "3 of 4 — Substantial"
    assert "nothing to compare" in view.changes_label.text()


def test_open_button_asks_for_the_latest_edition(make_overview, library_dir, qtbot):
    view = make_overview(library_dir)
    with Library.open(library_dir, recover=False) as lib:
        latest_pk = lib.latest_edition().pk
    with qtbot.waitSignal(view.ctx.open_edition_requested, timeout=1000) as blocker:
        view.open_button.click()
    assert blocker.args == [latest_pk]


def test_empty_library_says_what_to_do_and_loads_the_demo(make_overview, tmp_path, qtbot):
    view = make_overview(tmp_path / "empty")
    assert view.empty_section.isVisible()
    assert not view.level_section.isVisible()
    with qtbot.waitSignal(view.ctx.show_view_requested, timeout=1000) as blocker:
        view.import_button.click()
    assert blocker.args == ["import"]
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        view.demo_button.click()
    assert view.level_section.isVisible()
    assert view.badge.text() == "4 van 5 — Substantieel"
    assert view.notice.isVisible()
    with Library.open(tmp_path / "empty", recover=False) as lib:
        assert all(entry.source.startswith("demo library") for entry in lib.audit())


def test_overview_reloads_when_the_library_changes(make_overview, tmp_path, qtbot):
    folder = _library_with(tmp_path / "lib", ["dtn-2023-12"])
    view = make_overview(folder)
    assert view.edition_title.text().endswith("december 2023")
    with Library.open(folder) as lib:
        path = next(p for p in demo_bundle_paths() if p.name == "dtn-2024-06.dtnb")
        assert lib.import_file(path).ok
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        view.ctx.library_changed.emit(Changes.everything())
    assert view.edition_title.text().endswith("juni 2024")


def test_demo_next_to_a_real_edition_the_overview_uses_the_real_one(make_overview, tmp_path):
    from reader.core.demo import load_demo
    from tests.helpers import bundles as bf

    folder = tmp_path / "lib"
    key = bf.new_key()
    with Library.open(folder) as lib:
        assert all(r.ok for r in load_demo(lib))
        lib.trust.add(key.public.to_file(), name="Redactie", publisher=bf.PUBLISHER_NAME)
        data = bf.edition_of(key, bundle_id="echt-2019-01", date="2019-01-15", level=(3, "Aanzienlijk"))
        assert lib.import_file(bf.write(tmp_path / "echt.dtnb", data)).ok
    view = make_overview(folder)
    assert view.badge.text() == "3 van 5 — Aanzienlijk"
    assert not view.level_demo.isVisible() and not view.edition_demo.isVisible()


def test_only_demo_content_shows_demo_at_the_levels_own_size(make_overview, library_dir):
    view = make_overview(library_dir)
    assert view.level_demo.isVisible() and view.level_demo.text() == "DEMO"
    assert view.level_demo.font().pointSizeF() == view.badge.font().pointSizeF()
    assert view.level_demo.font().bold()
    assert view.level_demo.height() >= view.badge.height() - 2
