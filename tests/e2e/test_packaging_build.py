"""packaging/build.py's own checks and the Linux tarball, on a stand-in folder (the real
PyInstaller build runs in .ci/run)."""

from __future__ import annotations

import importlib.util
import tarfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("dtn_packaging_build", REPO_ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def app_dir(tmp_path) -> Path:
    folder = tmp_path / "dist" / "dtn-reader"
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "dtn-reader").write_bytes(b"\x7fELF gui")
    (folder / "dtn").write_bytes(b"\x7fELF cli")
    (folder / "_internal" / "libQt6Core.so.6").write_bytes(b"qt")
    return folder


def test_a_lean_folder_passes(build, app_dir):
    assert build.check_folder(app_dir, 150 * 10**6) == []


def test_too_big_or_a_gtk_library_fails(build, app_dir):
    (app_dir / "_internal" / "libgtk-3.so.0").write_bytes(b"gtk")
    (app_dir / "_internal" / "libcairo.so.2").write_bytes(b"cairo")
    problems = build.check_folder(app_dir, int(build.MAX_UNPACKED_MB * 1e6) + 1)
    assert len(problems) == 2
    assert "over the 160 MB limit" in problems[0]
    assert "_internal/libcairo.so.2" in problems[1] and "_internal/libgtk-3.so.0" in problems[1]


def test_the_tarball_holds_the_folder_the_desktop_file_and_the_icons(build, app_dir):
    first = build.make_tarball(app_dir, "9.9.9")
    data = first.read_bytes()
    again = build.make_tarball(app_dir, "9.9.9")
    assert again == first and again.read_bytes() == data, "the same folder gives the same archive"
    with tarfile.open(first) as tar:
        names = set(tar.getnames())
        top = first.name.removesuffix(".tar.gz")
        assert top.startswith("dtn-reader-9.9.9-linux-")
        assert {f"{top}/dtn-reader", f"{top}/dtn", f"{top}/_internal/libQt6Core.so.6",
                f"{top}/share/applications/dtn-reader.desktop",
                f"{top}/share/icons/hicolor/48x48/apps/dtn-reader.png",
                f"{top}/share/icons/hicolor/scalable/apps/dtn-reader.svg"} <= names
        assert all(n == top or n.startswith(f"{top}/") for n in names)
        assert tar.extractfile(f"{top}/share/applications/dtn-reader.desktop").read() == (
            REPO_ROOT / "packaging" / "dtn-reader.desktop").read_bytes()
        assert {m.uid for m in tar.getmembers()} == {0}
    assert not list(first.parent.glob(".*.tmp"))
