"""Where things live: shipped resources (also when frozen) and the user's library folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

LIBRARY_ENV = "DTN_LIBRARY"
APP_NAME = "DTNReader"


def resource_path(*parts: str) -> Path:
    """A path inside ``resources/``; works from a checkout and inside a PyInstaller build."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parents[2]
    return root.joinpath("resources", *parts)


def default_library_dir() -> Path:
    """The library folder: ``$DTN_LIBRARY`` if set, else the platform's user data folder."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def builtin_trust_dir() -> Path:
    return resource_path("trust")


