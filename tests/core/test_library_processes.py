"""Two processes on one library (the window and the CLI): every change has one owner.

Real child processes (tests/helpers/import_child.py) import into one library folder; one
of them pauses at each step of its import while the other runs. Revision 3 is current
every time, nobody prints a traceback, and the library passes its own check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.trust import TrustStore
from tests.core.test_library import edition_bytes
from tests.helpers import bundles as bf

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_ID = "dtn-test-2025-06"
# Every step an import goes through, in order: the store's file steps and the library's
# own. test_the_step_list_is_complete fails when an import gains a step this list lacks.
IMPORT_STEPS = (
    "stage:open",
    "stage:fsync",
    "import:verified",
    "import:begin",
    "commit:rename",
    "commit:fsync-dir",
    "import:indexed",
)
CHILD_LIMIT_S = 60  # no child may take longer than this


@pytest.fixture(scope="module")
def key():
    return bf.new_key()


@pytest.fixture(scope="module")
def revisions(tmp_path_factory, key) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("usb")
    return {rev: bf.write(folder / f"rev{rev}.dtnb", edition_bytes(key, revision=rev, summary=f"Revisie {rev}.")) for rev in (1, 2, 3)}


@pytest.fixture
def library(tmp_path, key) -> Path:
    folder = tmp_path / "lib"
    with Library.open(folder, trust=TrustStore(folder / "trust")) as lib:
        lib.trust.add(key.public.to_file(), name="Testredactie")
    return folder


class Child:
    def __init__(self, library: Path, signals: Path, *args: str) -> None:
        signals.mkdir(parents=True, exist_ok=True)
        self.signals = signals
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.import_child", str(library), str(signals), *args],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def wait_for(self, *names: str) -> str:
        """Wait until one of the signal files exists (its name) or the child has ended ("ended")."""
        deadline = time.monotonic() + CHILD_LIMIT_S
        while time.monotonic() < deadline:
            for name in names:
                if (self.signals / name).exists():
                    return name
            if self.proc.poll() is not None:
                return "ended"
            time.sleep(0.01)
        raise AssertionError(f"child did not reach {names} in {CHILD_LIMIT_S} s")

    def go_on(self) -> None:
        (self.signals / "go").touch()

    def result(self) -> dict:
        out, err = self.proc.communicate(timeout=CHILD_LIMIT_S)
        assert "Traceback" not in err, err
        assert self.proc.returncode == 0, err
        return json.loads(out.strip().splitlines()[-1])


def final_state(library: Path) -> tuple[list[int], list[str], int]:
    with Library.open(library, trust=TrustStore(library / "trust"), recover=False) as lib:
        revisions = [e.revision for e in lib.editions()]
        bundles = lib.db.execute("SELECT count(*) FROM bundles").fetchone()[0]
        return revisions, lib.check(), bundles


def test_the_step_list_is_complete(library, revisions, tmp_path):
    child = Child(library, tmp_path / "signals", "import", str(revisions[3]))
    assert tuple(child.result()["steps"]) == IMPORT_STEPS


@pytest.mark.parametrize("step", IMPORT_STEPS)
@pytest.mark.parametrize("first, second", [(3, 2), (2, 3)], ids=["3-then-2", "2-then-3"])
def test_two_processes_import_revisions_3_and_2_revision_3_wins(library, revisions, tmp_path, first, second, step):
    a = Child(library, tmp_path / "a", "import", str(revisions[first]), step)
    assert a.wait_for("paused") == "paused"
    b = Child(library, tmp_path / "b", "import", str(revisions[second]))
    # B runs to its end, or says it waits for A's change (never fails for it).
    reached = b.wait_for("waiting")
    a.go_on()
    ra, rb = a.result(), b.result()
    results = {first: ra, second: rb}
    assert results[3]["status"] == "imported"
    assert results[2]["status"] in ("imported", "rejected")
    if results[2]["status"] == "rejected":
        assert results[2]["error_type"] == "RollbackError"
    if reached == "waiting":
        # B waited for A's open change: A was inside its transaction.
        assert IMPORT_STEPS.index(step) >= IMPORT_STEPS.index("import:begin")
    revisions_now, problems, count = final_state(library)
    assert revisions_now == [3]
    assert problems == []
    assert count == (2 if results[2]["status"] == "imported" else 1)


@pytest.mark.parametrize("step", IMPORT_STEPS)
def test_recovery_in_a_second_process_leaves_a_running_import_alone(library, revisions, tmp_path, step):
    a = Child(library, tmp_path / "a", "import", str(revisions[1]), step)
    assert a.wait_for("paused") == "paused"
    # While A is paused (between store commit and index among others), B opens the
    # library and runs startup recovery: it neither sweeps A's temporary file nor
    # indexes A's just-committed store file, and it does not wait for A.
    b = Child(library, tmp_path / "b", "open")
    assert b.wait_for("never") == "ended"
    assert b.result()["recovery"] == []
    a.go_on()
    assert a.result()["status"] == "imported"
    revisions_now, problems, count = final_state(library)
    assert (revisions_now, problems, count) == ([1], [], 1)
    with Library.open(library, trust=TrustStore(library / "trust"), recover=False) as lib:
        [source] = [r[0] for r in lib.db.execute("SELECT source FROM bundles")]
        assert source == str(revisions[1])  # indexed by its importer, not by recovery


def test_recovery_alone_finishes_what_a_dead_process_left(library, revisions, tmp_path):
    # Killed between the store commit and the index: the next process alone finishes it.
    a = Child(library, tmp_path / "a", "import", str(revisions[1]), "commit:fsync-dir")
    assert a.wait_for("paused") == "paused"
    a.proc.kill()
    a.proc.communicate(timeout=CHILD_LIMIT_S)
    b = Child(library, tmp_path / "b", "open")
    assert b.result()["recovery"] == [f"finished an interrupted import of {BUNDLE_ID}"]
    assert final_state(library) == ([1], [], 1)
