"""Build hook: the wheel carries the repository's resources/ folder as reader/resources/.

The metadata is in pyproject.toml; this file only adds one step to ``build_py``: copy every
file under resources/ that reader.core.paths.shipped_resources() names (all of it except
reader.core.paths.RESOURCES_LEFT_OUT) into the built package, so a new resource folder
ships without an edit here. The compiled translations (.qm) are committed, so building
needs no Qt tools. An editable install reads resources/ in place (reader.core.paths).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _paths_module():
    # reader.core.paths by its file: the package itself is not importable while it is built.
    spec = importlib.util.spec_from_file_location("_dtn_paths", ROOT / "reader" / "core" / "paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        paths = _paths_module()
        source = ROOT / paths.RESOURCES_DIR
        files = paths.shipped_resources(source)
        if not any(f.startswith("trust/") for f in files) or not any(f.endswith(".qm") for f in files):
            raise SystemExit(f"setup.py: {source} lacks the trust keys or the compiled translations")
        target = Path(self.build_lib) / "reader" / paths.RESOURCES_DIR
        shutil.rmtree(target, ignore_errors=True)
        for rel in files:
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / rel, dest)
        self.announce(f"copied {len(files)} resource files into {target}", level=2)


setup(cmdclass={"build_py": BuildWithResources})
