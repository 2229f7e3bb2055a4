"""What an install carries: setup.py's build step puts resources/ into the package, and the
package found there (not the checkout) gives the same app: trust keys, demo library, the
compiled translations.

The full round trip (a wheel from ``pip wheel``, a fresh venv, the commands run from a
folder outside the checkout) needs the package index, so it is a step of .ci/run; this test
runs the same build step offline into a temporary folder and imports the result from there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reader
from reader.core.paths import RESOURCES_DIR, shipped_resources

REPO_ROOT = Path(__file__).resolve().parents[2]
# How long one build or command may take, in seconds.
STEP_TIMEOUT_S = 120


def _source_files() -> list[str]:
    """The files an sdist or a clone of the checkout has: tracked and new, not ignored ones."""
    if shutil.which("git") and (REPO_ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO_ROOT,
                                capture_output=True, check=True).stdout.decode().split("\0")
        return [f for f in listed if f and (REPO_ROOT / f).is_file()]
    skip = {".venv", ".git", "build", "dist", "__pycache__"}
    return [p.relative_to(REPO_ROOT).as_posix() for p in REPO_ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(REPO_ROOT).parts) and not p.name.endswith(".egg-info")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """``setup.py build_py`` of a copy of the checkout; returns its output folder (the wheel's root)."""
    top = tmp_path_factory.mktemp("install")
    src, lib = top / "src", top / "lib"
    for rel in _source_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / rel, src / rel)
    proc = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)], cwd=src,
                          capture_output=True, text=True, timeout=STEP_TIMEOUT_S, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return lib


def _run(lib: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(lib), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DTN_LIBRARY", None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=STEP_TIMEOUT_S, check=False)


def test_the_package_carries_every_shipped_resource(built) -> None:
    carried = built / "reader" / RESOURCES_DIR
    found = sorted(p.relative_to(carried).as_posix() for p in carried.rglob("*") if p.is_file())
    assert found == shipped_resources(REPO_ROOT / RESOURCES_DIR)
    assert any(f.startswith("trust/") and f.endswith(".pub") for f in found)
    assert any(f.startswith("demo/bundles/") for f in found)
    assert {"translations/dtn_nl.qm", "translations/dtn_en.qm"} <= set(found)
    assert not [f for f in found if f.endswith((".ts", ".key")) or f.startswith("demo/editions/")]
    for rel in found:
        assert (carried / rel).read_bytes() == (REPO_ROOT / RESOURCES_DIR / rel).read_bytes(), rel


def test_the_installed_package_reads_its_own_resources(built, tmp_path) -> None:
    """From a folder outside the checkout, the built package finds its resources inside itself
    (importlib.resources), loads the demo library and lists the built-in key."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = _run(built, elsewhere, "-c", "import json, reader, reader.core.paths as p; "
                "print(json.dumps([reader.__file__, str(p.resource_root())]))")
    assert proc.returncode == 0, proc.stderr
    module, root = json.loads(proc.stdout)
    assert Path(module).is_relative_to(built) and Path(root) == built / "reader" / RESOURCES_DIR

    library = tmp_path / "library"
    loaded = _run(built, elsewhere, "-m", "reader", "demo", "load", "--library", str(library))
    assert loaded.returncode == 0, loaded.stderr
    imported = [line for line in loaded.stdout.splitlines() if line.startswith("imported:")]
    assert len(imported) == len(list((REPO_ROOT / RESOURCES_DIR / "demo" / "bundles").glob("*.dtnb"))) > 0
    keys = _run(built, elsewhere, "-m", "reader", "trust", "list", "--library", str(library))
    assert keys.returncode == 0, keys.stderr
    assert "ED389D18E6FA8B6D" in keys.stdout and "built-in" in keys.stdout


def test_a_missing_resources_folder_is_named(built, tmp_path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(built, broken)
    shutil.rmtree(broken / "reader" / RESOURCES_DIR)
    proc = _run(broken, tmp_path, "-c", "import reader.core.paths as p; p.resource_root()")
    assert proc.returncode != 0
    assert "DTN Reader's resources are missing" in proc.stderr


def test_the_frozen_app_reads_resources_from_meipass(monkeypatch, tmp_path) -> None:
    from reader.core import paths

    (tmp_path / RESOURCES_DIR / "trust").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    paths.resource_root.cache_clear()
    try:
        assert paths.builtin_trust_dir() == tmp_path / RESOURCES_DIR / "trust"
    finally:
        monkeypatch.undo()
        paths.resource_root.cache_clear()
    assert paths.resource_root() == REPO_ROOT / RESOURCES_DIR

