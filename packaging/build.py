"""Build the desktop app: dist/dtn-reader/ with the dtn-reader window and the dtn command.

    python packaging/build.py            # checks translations, icons if missing, PyInstaller
    python packaging/build.py --smoke    # and then run packaging/smoke.py on the result
    python packaging/build.py --clean    # rebuild from scratch (PyInstaller's cache too)

Run it with the Python of the environment the app is installed in (``pip install -e
".[package]"``): PyInstaller freezes what that interpreter imports. Works on Linux, Windows
and macOS; see docs/packaging.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "dtn-reader.spec"
APP_NAME = "dtn-reader"


def log(message: str) -> None:
    print(f"build: {message}", flush=True)


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def check_translations() -> None:
    """Refuse to freeze outdated translations: the committed .qm files must be what the .ts
    files compile to (reader.ui.i18n.stale); the build never writes into the checkout."""
    sys.path.insert(0, str(ROOT))
    from reader.ui import i18n

    outdated = i18n.stale()
    if outdated:
        raise SystemExit(f"build: compiled translations out of date for {', '.join(outdated)}; "
                         f"run `{i18n.BUILD_COMMAND}` and commit resources/translations/*.qm")
    log("translations: the committed .qm files are current")


def ensure_icons() -> None:
    """Render the icons from their SVG if any output is missing (they are committed)."""
    check = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), "--check"],
                           capture_output=True, text=True)
    if check.returncode == 0:
        return
    log("icons missing; rendering them from resources/icons/dtn-reader.svg")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(PACKAGING / "make_icons.py")], check=True, env=env)


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> float:
    """Freeze with the spec; returns the seconds it took."""
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        cmd.append("--clean")
    cmd.append(str(SPEC))
    log("running " + " ".join(cmd[1:]))
    start = time.monotonic()
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.monotonic() - start


def folder_size(folder: Path) -> tuple[int, int, list[tuple[int, Path]]]:
    """(total bytes, file count, the ten largest files) of a folder; symlinks are not followed."""
    total, count, files = 0, 0, []
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath, name)
            size = path.lstat().st_size
            total += size
            count += 1
            files.append((size, path))
    files.sort(reverse=True)
    return total, count, files[:10]


def add_linux_desktop_file(app_dir: Path) -> None:
    """Linux: put the .desktop file next to the executables (docs/packaging.md installs it)."""
    if sys.platform.startswith("linux"):
        shutil.copy2(PACKAGING / f"{APP_NAME}.desktop", app_dir / f"{APP_NAME}.desktop")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/dtn-reader/ with PyInstaller.")
    parser.add_argument("--smoke", action="store_true", help="run packaging/smoke.py on the built folder")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache and the work folder first")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder (default: build/)")
    args = parser.parse_args(argv)

    version = project_version()
    log(f"DTN Reader {version}, Python {sys.version.split()[0]} on {sys.platform}")
    check_translations()
    ensure_icons()
    seconds = run_pyinstaller(args.dist.resolve(), args.work.resolve(), args.clean)
    app_dir = args.dist.resolve() / APP_NAME
    add_linux_desktop_file(app_dir)

    total, count, largest = folder_size(app_dir)
    log(f"PyInstaller took {seconds:.0f} s")
    log(f"{app_dir}: {total / 1e6:.1f} MB ({total / 2**20:.1f} MiB) in {count} files; largest:")
    for size, path in largest:
        log(f"  {size / 1e6:7.1f} MB  {path.relative_to(app_dir)}")

    if args.smoke:
        log("smoke test")
        result = subprocess.run([sys.executable, str(PACKAGING / "smoke.py"), str(app_dir)])
        if result.returncode != 0:
            log("smoke test FAILED")
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
