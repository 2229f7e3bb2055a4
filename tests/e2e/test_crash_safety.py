"""Crash safety: kill a real import with SIGKILL at every step and check the library after each.

A child process imports a real bundle (with chapters, a checklist and an asset)
into a library that already holds the edition's first revision, so the kill
points cover the supersede path too. After each kill: `dtn check` (the real
command) is clean, no half-imported edition is visible, and importing again
succeeds.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.trust import TrustStore
from tests.core.test_library import edition_bytes
from tests.helpers import bundles as bf

REPO = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT_S = 60


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)


def open_library(folder: Path) -> Library:
    return Library.open(folder, trust=TrustStore(folder / "trust"))


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    key = bf.new_key()
    template = base / "template"
    with Library.open(template, trust=TrustStore(template / "trust")) as lib:
        lib.trust.add(key.public.to_file(), name="Testredactie")
        first = bf.write(base / "r1.dtnb", edition_bytes(key, revision=1, items=["politie-a", "politie-b"]))
        assert lib.import_file(first).status == "imported"
        lib.set_item_state("dtn-test-2025-06", "politie", "politie-a", ticked=True, note="blijft staan")
    bundle = bf.write(base / "r2.dtnb", edition_bytes(key, revision=2, items=["politie-a", "politie-c"]))
    return template, bundle, base


def fresh_copy(template: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(template, dest)
    return dest


def test_kill_at_every_step_of_an_import(setup):
    template, bundle, base = setup
    # A full run counts the steps.
    folder = fresh_copy(template, base / "count")
    done = run("-m", "tests.helpers.crash_child", str(folder), str(bundle), "0")
    assert done.returncode == 0, done.stderr
    total = int(done.stdout.split()[0])
    assert total >= 20, f"only {total} kill points: the hooks are not wired"

    killed = 0
    for kill_at in range(1, total + 1):
        folder = fresh_copy(template, base / f"kill-{kill_at}")
        child = run("-m", "tests.helpers.crash_child", str(folder), str(bundle), str(kill_at))
        assert child.returncode == -signal.SIGKILL, (kill_at, child.returncode, child.stderr)
        killed += 1

        check = run("-m", "reader", "check", "--library", str(folder))
        assert check.returncode == 0, (kill_at, check.stdout, check.stderr)
        assert "library is consistent" in check.stdout

        with open_library(folder) as lib:
            # Either the new revision is there completely, or only the old one.
            editions = lib.editions(include_superseded=True)
            revisions = sorted(e.revision for e in editions)
            assert revisions in ([1], [1, 2]), (kill_at, revisions)
            current = lib.edition("dtn-test-2025-06")
            assert [c.chapter_id for c in lib.chapters(current.pk)] == ["niveau", "online"]
            [checklist] = lib.checklists(current.pk)
            assert checklist.items and all(i.note in ("", "blijft staan") for i in checklist.items)
            ticked = {i.item_id for i in checklist.items if i.ticked}
            assert ticked == {"politie-a"}, (kill_at, ticked)
            assert lib.search("radicaliseren"), kill_at
            # Importing again succeeds (or finds the bytes already present after recovery).
            again = lib.import_file(bundle)
            assert again.status in ("imported", "present"), (kill_at, again.reason)
            assert lib.edition("dtn-test-2025-06").revision == 2
            assert lib.check() == []
        shutil.rmtree(folder)
    assert killed == total
