"""Build the desktop app: dist/dtn-reader/ with the dtn-reader window and the dtn command.

    python packaging/build.py            # checks translations, icons if missing, PyInstaller
    python packaging/build.py --smoke    # and then run packaging/smoke.py on the result
    python packaging/build.py --clean    # rebuild from scratch (PyInstaller's cache too)
    python packaging/build.py --tarball  # and (Linux) dist/dtn-reader-VERSION-linux-ARCH.tar.gz

Run it with the Python of the environment the app is installed in (``pip install -e
".[package]"``): PyInstaller freezes what that interpreter imports. Works on Linux, Windows
and macOS; see docs/packaging.md.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "dtn-reader.spec"
APP_NAME = "dtn-reader"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES_PX = (16, 24, 32, 48, 64, 128, 256)
# The unpacked folder must stay below this, in MB (10**6 bytes); the build fails above it.
MAX_UNPACKED_MB = 160
# Host libraries the app never needs; finding one in the folder fails the build. (They
# come in through a Qt plugin that links the desktop's toolkit, e.g. the GTK 3 theme.)
UNWANTED_LIBRARIES = ("libgtk-*", "libgdk-*", "libgdk_pixbuf*", "libatk-*", "libatk-bridge*", "libcairo*",
                      "libpango*", "libepoxy*", "libwayland-cursor*", "libXcomposite*", "libXdamage*",
                      "libXinerama*", "libXrandr*", "libXcursor*", "libXi.so*", "libatspi*")


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


def check_folder(app_dir: Path, total: int) -> list[str]:
    """What is wrong with the built folder: over MAX_UNPACKED_MB, or holding an unwanted
    host library. Empty when it is fine."""
    problems = []
    if total > MAX_UNPACKED_MB * 1e6:
        problems.append(f"{app_dir.name} is {total / 1e6:.1f} MB unpacked, over the {MAX_UNPACKED_MB} MB limit")
    unwanted = sorted(p.relative_to(app_dir).as_posix() for p in app_dir.rglob("*")
                      if any(fnmatch.fnmatch(p.name, pattern) for pattern in UNWANTED_LIBRARIES))
    if unwanted:
        problems.append("host libraries the app does not need: " + ", ".join(unwanted))
    return problems


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # The same files give the same archive: no owner names, one time stamp.
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return info


def make_tarball(app_dir: Path, version: str) -> Path:
    """dist/dtn-reader-VERSION-linux-ARCH.tar.gz: the folder, its .desktop file and the icons
    in the freedesktop layout (share/icons/hicolor/...), under one top folder."""
    top = f"{APP_NAME}-{version}-linux-{platform.machine()}"
    target = app_dir.parent / f"{top}.tar.gz"
    partial = target.with_name(f".{target.name}.tmp")
    icons = {f"share/icons/hicolor/{n}x{n}/apps/{APP_NAME}.png": ICONS / f"{APP_NAME}-{n}.png" for n in ICON_SIZES_PX}
    icons[f"share/icons/hicolor/scalable/apps/{APP_NAME}.svg"] = ICONS / f"{APP_NAME}.svg"
    icons[f"share/applications/{APP_NAME}.desktop"] = PACKAGING / f"{APP_NAME}.desktop"
    with open(partial, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for path in sorted(app_dir.rglob("*")):
                tar.add(path, f"{top}/{path.relative_to(app_dir).as_posix()}", recursive=False, filter=_tar_filter)
            for name, source in sorted(icons.items()):
                tar.add(source, f"{top}/{name}", filter=_tar_filter)
    os.replace(partial, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/dtn-reader/ with PyInstaller.")
    parser.add_argument("--smoke", action="store_true", help="run packaging/smoke.py on the built folder")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache and the work folder first")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder (default: build/)")
    parser.add_argument("--tarball", action="store_true", help="Linux: also pack the folder, .desktop file and icons as a .tar.gz")
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
    problems = check_folder(app_dir, total)
    for problem in problems:
        log(f"FAILED: {problem}")
    if problems:
        return 1
    log(f"size: under the {MAX_UNPACKED_MB} MB limit; no unwanted host libraries")

    if args.smoke:
        log("smoke test")
        result = subprocess.run([sys.executable, str(PACKAGING / "smoke.py"), str(app_dir)])
        if result.returncode != 0:
            log("smoke test FAILED")
            return result.returncode
    if args.tarball:
        if not sys.platform.startswith("linux"):
            log("--tarball is for Linux; skipped here")
        else:
            tarball = make_tarball(app_dir, version)
            log(f"{tarball}: {tarball.stat().st_size / 1e6:.1f} MB ({tarball.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
