"""Smoke test of a frozen build: python packaging/smoke.py [dist/dtn-reader]

Runs the frozen executables, never the Python sources, on temporary folders only:
  1. the folder holds what it must (trust keys, demo bundles, icons, compiled translations)
     and nothing it must not (the demo secret key, the demo sources, excluded Qt modules);
     on Linux every Qt library a collected binary links is in the folder;
  2. ``dtn --version`` prints the version from pyproject.toml (and Python's and Qt's);
  3. ``dtn verify`` accepts a shipped demo bundle (exit 0, OK) and rejects two tampered
     copies (a flipped byte inside a chapter's data; bytes appended after the archive) with
     exit 1 and REJECTED;
  4. ``dtn-reader --self-test --library TMP`` offscreen exits 0 and prints JSON with ok
     true (it loads the demo library on first run), and ``dtn list`` then sees that library.

Exit status 0 when every check passed; each check prints one line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
# Seconds each run may take; the first start of the window also loads the demo library.
CLI_TIMEOUT_S = 60
GUI_TIMEOUT_S = 180
# Files whose presence means an excluded Qt module slipped in (name fragments, any platform).
FORBIDDEN_FRAGMENTS = ("QtQml", "Qt6Qml", "QtQuick", "Qt6Quick", "WebEngine",
                       "Qt3D", "Qt63D", "QtMultimedia", "Qt6Multimedia", "QtSql", "Qt6Sql", "QtPdf", "Qt6Pdf",
                       "QtDesigner", "Qt6Designer", "QtCharts", "Qt6Charts", "QtHelp", "Qt6Help")


class Smoke:
    def __init__(self, app_dir: Path) -> None:
        self.app_dir = app_dir
        self.failures: list[str] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="dtn-smoke-"))
        # Nothing may touch the user's real library, whatever the executables do with --library.
        self.env = {**os.environ, "DTN_LIBRARY": str(self.tmp / "default-library"), "QT_QPA_PLATFORM": "offscreen"}

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"{'ok  ' if ok else 'FAIL'}  {what}" + (f"\n      {detail}" if detail and not ok else ""), flush=True)
        if not ok:
            self.failures.append(what)
        return ok

    def exe(self, name: str) -> Path:
        return self.app_dir / f"{name}{EXE_SUFFIX}"

    def run(self, name: str, *args: str, timeout: float = CLI_TIMEOUT_S) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.exe(name)), *args], env=self.env, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout, cwd=self.tmp)

    # --- 1. layout ---------------------------------------------------------------------------

    def resources(self) -> Path:
        found = sorted(self.app_dir.rglob("resources/demo/bundles"))
        if not found:
            raise SystemExit(f"smoke: no resources/demo/bundles under {self.app_dir}; is it a DTN Reader build?")
        return found[0].parents[1]

    def check_layout(self) -> None:
        for name in ("dtn-reader", "dtn"):
            self.check(self.exe(name).is_file(), f"executable {self.exe(name).name} present")
        res = self.resources()
        self.check(any(res.glob("trust/*.pub")), "built-in trust keys shipped (resources/trust/*.pub)")
        bundles = sorted(res.glob("demo/bundles/*.dtnb"))
        self.check(len(bundles) > 0, f"demo bundles shipped ({len(bundles)})")
        self.check(any(res.glob("icons/dtn-reader-*.png")), "icons shipped")
        expected_qm = sorted(p.with_suffix(".qm").name for p in (ROOT / "resources" / "translations").glob("*.ts"))
        shipped_qm = sorted(p.name for p in res.glob("translations/*.qm"))
        self.check(bool(expected_qm) and set(expected_qm) <= set(shipped_qm),
                   f"compiled translations shipped ({', '.join(shipped_qm) or 'none'})",
                   f"expected {', '.join(expected_qm) or 'at least one .ts in resources/translations'}")
        leaked = [p for p in self.app_dir.rglob("*") if p.name == "demo-secret.key" or p.name.endswith(".key")]
        self.check(not leaked, "no secret key in the folder", ", ".join(map(str, leaked)))
        self.check(not (res / "demo" / "editions").exists(), "demo sources left out")
        forbidden = sorted({str(p.relative_to(self.app_dir)) for p in self.app_dir.rglob("*")
                            if any(f in p.name for f in FORBIDDEN_FRAGMENTS)})
        self.check(not forbidden, "no excluded Qt module in the folder", ", ".join(forbidden[:10]))
        if sys.platform.startswith("linux") and shutil.which("ldd"):
            self.check_linux_qt_links()

    def check_linux_qt_links(self) -> None:
        """Every libQt6* a collected ELF file links must resolve inside the folder."""
        unresolved = set()
        for path in self.app_dir.rglob("*.so*"):
            if not path.is_file():
                continue
            out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
            for line in out.splitlines():
                lib = line.strip().split(" ", 1)[0]
                if lib.startswith("libQt6") and "not found" in line:
                    unresolved.add(f"{path.name} -> {lib}")
        self.check(not unresolved, "every Qt library the binaries link is in the folder", "; ".join(sorted(unresolved)))

    # --- 2. version --------------------------------------------------------------------------

    def check_version(self) -> None:
        with open(ROOT / "pyproject.toml", "rb") as f:
            version = tomllib.load(f)["project"]["version"]
        result = self.run("dtn", "--version")
        self.check(result.returncode == 0 and result.stdout.startswith(f"DTN Reader {version} (Python "),
                   f"dtn --version is {version} (pyproject.toml)", repr(result.stdout + result.stderr))

    # --- 3. verify ---------------------------------------------------------------------------

    def check_verify(self) -> None:
        bundle = sorted(self.resources().glob("demo/bundles/*.dtnb"))[-1]
        library = str(self.tmp / "verify-library")
        good = self.run("dtn", "verify", "--library", library, str(bundle))
        self.check(good.returncode == 0 and good.stdout.rstrip().endswith("OK"),
                   f"dtn verify {bundle.name}: exit {good.returncode}, OK", good.stdout + good.stderr)
        print(_indent(good.stdout))

        flipped = self.tmp / f"flipped-{bundle.name}"
        flipped.write_bytes(flip_chapter_byte(bundle.read_bytes()))
        appended = self.tmp / f"appended-{bundle.name}"
        appended.write_bytes(bundle.read_bytes() + b"\x00tampered")
        for copy, how in ((flipped, "a byte flipped in a chapter"), (appended, "bytes appended")):
            bad = self.run("dtn", "verify", "--library", library, str(copy))
            self.check(bad.returncode == 1 and "REJECTED" in bad.stdout,
                       f"dtn verify rejects {how}: exit {bad.returncode}, REJECTED", bad.stdout + bad.stderr)
            print(_indent(bad.stdout))

    # --- 4. the window -----------------------------------------------------------------------

    def check_self_test(self) -> None:
        library = self.tmp / "gui-library"
        try:
            result = self.run("dtn-reader", "--self-test", "--library", str(library), timeout=GUI_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.check(False, f"dtn-reader --self-test finished within {GUI_TIMEOUT_S} s")
            return
        report = _last_json_line(result.stdout)
        print(_indent(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "(no output)"))
        ok = result.returncode == 0 and isinstance(report, dict) and report.get("ok") is True
        self.check(ok, f"dtn-reader --self-test offscreen: exit {result.returncode}, JSON ok "
                       f"{report.get('ok') if isinstance(report, dict) else None}",
                   (result.stdout + result.stderr)[-3000:])
        if ok:
            listed = self.run("dtn", "list", "--json", "--library", str(library))
            editions = json.loads(listed.stdout) if listed.returncode == 0 else []
            self.check(len(editions) > 0, f"dtn list sees the demo library the window loaded ({len(editions)} editions)",
                       listed.stdout + listed.stderr)

    def run_all(self, gui: bool = True) -> int:
        try:
            self.check_layout()
            self.check_version()
            self.check_verify()
            if gui:
                self.check_self_test()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if self.failures:
            print(f"smoke: {len(self.failures)} check(s) FAILED: {'; '.join(self.failures)}")
            return 1
        print("smoke: all checks passed")
        return 0


def flip_chapter_byte(data: bytes) -> bytes:
    """The archive with one byte inverted in the middle of the first chapter's stored data."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = next(i for i in archive.infolist() if i.filename.startswith("chapters/") and i.compress_size > 0)
    header = info.header_offset
    name_len = int.from_bytes(data[header + 26:header + 28], "little")
    extra_len = int.from_bytes(data[header + 28:header + 30], "little")
    at = header + 30 + name_len + extra_len + info.compress_size // 2
    out = bytearray(data)
    out[at] ^= 0xFF
    return bytes(out)


def _last_json_line(text: str):
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def _indent(text: str) -> str:
    return "\n".join("      | " + line for line in text.rstrip().splitlines())


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Smoke-test a frozen DTN Reader folder.")
    parser.add_argument("app_dir", nargs="?", type=Path, default=ROOT / "dist" / "dtn-reader")
    parser.add_argument("--no-gui", action="store_true", help="skip the window's --self-test")
    args = parser.parse_args(argv)
    if not args.app_dir.is_dir():
        print(f"smoke: {args.app_dir} is not a folder; build it with python packaging/build.py", file=sys.stderr)
        return 2
    return Smoke(args.app_dir.resolve()).run_all(gui=not args.no_gui)


if __name__ == "__main__":
    sys.exit(main())
