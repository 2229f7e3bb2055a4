"""Where things live: shipped resources (also when frozen) and the user's library folder.

The repository keeps the resources in its top-level ``resources/`` folder. Installed, they
are inside the package as ``reader/resources/`` (setup.py copies them there when it builds
a wheel); frozen by PyInstaller they are ``resources/`` under ``sys._MEIPASS``. Only
:func:`resource_root` knows which; everything else asks :func:`resource_path`.

Every file under ``resources/`` ships, new subfolders included, except what
:data:`RESOURCES_LEFT_OUT` names (setup.py and packaging/dtn-reader.spec both use it).
"""

from __future__ import annotations

import os
import sys
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path

# No reader.* imports here: setup.py loads this file on its own, before reader is importable.

LIBRARY_ENV = "DTN_LIBRARY"
APP_NAME = "DTNReader"
RESOURCES_DIR = "resources"
# Patterns (POSIX paths relative to resources/, fnmatch; a folder's pattern covers all in it)
# of what stays in the repository and is not installed or frozen, and why:
RESOURCES_LEFT_OUT: tuple[str, ...] = (
    "demo/editions",  # the demo's Markdown sources; the app loads the signed bundles built from them
    "demo/demo-secret.key",  # the demo signing key: shipped, anyone could sign "demo" bundles
    "translations/*.ts",  # translation sources; the compiled .qm files ship
    "*/__pycache__", "*.pyc", ".*", "*/.*",  # build and editor litter
)


class ResourcesMissingError(RuntimeError):
    """The installation has no resources folder: a broken install or build (a bug, not a user error)."""


def _left_out(relative: str) -> bool:
    parts = relative.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch(prefix, pattern) for prefix in prefixes for pattern in RESOURCES_LEFT_OUT)


def shipped_resources(root: Path) -> list[str]:
    """Every file under ``root`` (a resources folder) that an install carries, as sorted POSIX
    paths relative to ``root``."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(d for d in dirnames if not _left_out(rel_dir + d))
        found += [rel_dir + f for f in filenames if not _left_out(rel_dir + f)]
    return sorted(found)


@lru_cache(maxsize=1)
def resource_root() -> Path:
    """The resources folder of this installation.

    Frozen: ``sys._MEIPASS/resources``. Installed from a wheel: ``reader/resources`` inside the
    package, found with importlib.resources. From a checkout (editable install, or run in
    place): the repository's ``resources/``. Raises ResourcesMissingError if none exists.
    """
    base = getattr(sys, "_MEIPASS", None)
    if base:
        candidates = [Path(base) / RESOURCES_DIR]
    else:
        # The package's folder from its import spec, as importlib.resources.files("reader")
        # finds it for a package on disk; that module costs the window's first paint ~3 ms.
        from importlib.util import find_spec

        spec = find_spec("reader")
        folders = list(spec.submodule_search_locations or []) if spec is not None else []
        package = Path(folders[0]) if folders else None
        candidates = [package / RESOURCES_DIR] if package is not None else []
        if package is not None and (package.parent / "pyproject.toml").is_file():
            candidates.append(package.parent / RESOURCES_DIR)  # the checkout: reader/../resources
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise ResourcesMissingError(
        f"DTN Reader's resources are missing (looked in {', '.join(map(str, candidates))}); reinstall the app"
    )


def resource_path(*parts: str) -> Path:
    """A path inside the resources folder (see :func:`resource_root`)."""
    return resource_root().joinpath(*parts)


def default_library_dir() -> Path:
    """The library folder: ``$DTN_LIBRARY`` if set, else the platform's user data folder."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def builtin_trust_dir() -> Path:
    return resource_path("trust")
