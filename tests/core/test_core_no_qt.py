"""reader.core never imports Qt: every core module is imported in a fresh interpreter and checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, json, pkgutil, sys
import reader.core
for extra in sys.argv[1:]:
    importlib.import_module(extra)
names = []
for info in pkgutil.walk_packages(reader.core.__path__, "reader.core."):
    importlib.import_module(info.name)
    names.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": names, "qt": qt}))
"""


def _import_all(*extra: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *extra], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_core_modules_do_not_load_qt() -> None:
    report = _import_all()
    expected = {p.stem for p in (REPO_ROOT / "reader/core").glob("*.py") if p.stem != "__init__"}
    assert {name.rsplit(".", 1)[1] for name in report["imported"]} >= expected
    assert {"reader.core.bundle", "reader.core.minisign", "reader.core.trust"} <= set(report["imported"])
    assert report["qt"] == [], f"reader.core loaded Qt modules: {report['qt']}"


def test_the_check_sees_qt_when_it_is_loaded() -> None:
    # The same probe reports PySide6 once something imports it, so the test above can fail.
    report = _import_all("PySide6.QtCore")
    assert "PySide6.QtCore" in report["qt"]
    assert any(name.startswith("shiboken6") for name in report["qt"])
