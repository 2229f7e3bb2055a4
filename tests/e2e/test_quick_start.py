"""The README's Quick start: two one-line commands, the second read by .ci/run from between
markers (so CI runs exactly what a new user types), and a setup script that installs every
X11 library Qt's xcb platform plugin links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "README.md"
SETUP = REPO_ROOT / "packaging" / "setup-debian.sh"
CI = REPO_ROOT / ".ci" / "run"


def _quick_start_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [block.strip() for block in blocks]


def test_two_one_line_commands_that_set_up_everything():
    commands = _quick_start_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands), commands
    app, tests = commands
    assert app.startswith("packaging/setup-debian.sh && ") and "dtn-reader" in app
    assert tests.startswith("packaging/setup-debian.sh --test && ") and "pytest" in tests
    assert SETUP.stat().st_mode & 0o111, "packaging/setup-debian.sh must be executable"
    assert subprocess.run(["bash", "-n", str(SETUP)], capture_output=True).returncode == 0


def test_ci_runs_exactly_the_readme_test_command():
    """.ci/run's own extraction, run here, yields the README's second command."""
    extraction = next(line for line in CI.read_text(encoding="utf-8").splitlines() if line.startswith("TEST_COMMAND="))
    proc = subprocess.run(["bash", "-c", f'{extraction}\nprintf "%s" "$TEST_COMMAND"'], cwd=REPO_ROOT,
                          capture_output=True, text=True, check=True)
    assert proc.stdout == _quick_start_commands()[1]
    assert 'bash -euo pipefail -c "$TEST_COMMAND"' in CI.read_text(encoding="utf-8")


def _package_for(soname: str) -> str:
    """Debian's package name for a library soname: libxcb-icccm.so.4 -> libxcb-icccm4,
    libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (a dash when the name ends in a digit),
    libX11.so.6 -> libx11-6 (lower case)."""
    name, version = re.fullmatch(r"(lib[\w.+-]+?)\.so\.(\d+).*", soname).groups()
    return (f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}").lower()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_the_setup_script_installs_every_x11_library_the_xcb_plugin_links():
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    assert plugin.is_file(), plugin
    assert shutil.which("ldd")
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    sonames = {line.split()[0] for line in out.splitlines() if line.strip().startswith(("libxcb", "libxkbcommon", "libX11"))}
    assert "libxcb-icccm.so.4" in sonames and "libxcb-cursor.so.0" in sonames, sonames
    listed = set(SETUP.read_text(encoding="utf-8").split())
    missing = sorted(_package_for(s) for s in sonames if _package_for(s) not in listed)
    assert not missing, f"packaging/setup-debian.sh does not install {missing}"


def test_package_names():
    assert _package_for("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert _package_for("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert _package_for("libX11-xcb.so.1") == "libx11-xcb1"
