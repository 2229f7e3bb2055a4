"""The check the root conftest runs at the end of every session: a test run that changes a
tracked file or leaves a new file behind fails (git status before and after)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "docs" / "screenshots").mkdir(parents=True)
    (root / "docs" / "screenshots" / "nl-history.png").write_bytes(b"old")
    (root / "README.md").write_text("hello\n", encoding="utf-8")
    (root / ".gitignore").write_text("build/\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "x")
    return root


def test_a_clean_run_leaves_nothing(repo):
    before = tree.snapshot(repo)
    (repo / "build").mkdir()
    (repo / "build" / "out.txt").write_text("ignored", encoding="utf-8")
    assert tree.changes(before, tree.snapshot(repo)) == []


def test_a_rewritten_tracked_file_and_a_new_file_are_named(repo):
    before = tree.snapshot(repo)
    assert before == {}
    (repo / "docs" / "screenshots" / "nl-history.png").write_bytes(b"new")
    (repo / "resources").mkdir()
    (repo / "resources" / "dtn_nl.qm").write_bytes(b"q")
    after = tree.snapshot(repo)
    assert tree.changes(before, after) == [
        "docs/screenshots/nl-history.png: changed",
        "resources/dtn_nl.qm: new untracked file",
    ]
    assert tree.changes(before, after, ignore=("docs/screenshots",)) == ["resources/dtn_nl.qm: new untracked file"]


def test_a_file_already_dirty_counts_only_if_the_run_changes_it_again(repo):
    readme = repo / "README.md"
    readme.write_text("work in progress\n", encoding="utf-8")
    before = tree.snapshot(repo)
    assert tree.changes(before, tree.snapshot(repo)) == []
    readme.write_text("rewritten by a test\n", encoding="utf-8")
    assert tree.changes(before, tree.snapshot(repo)) == ["README.md: changed again"]


def test_outside_a_checkout_there_is_nothing_to_compare(tmp_path):
    assert tree.snapshot(tmp_path) is None
