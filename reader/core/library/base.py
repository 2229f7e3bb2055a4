"""What every room of the library works on: its folder, its database connection, its
store, its trust store and its limits. The façade (facade.py) is this plus the rooms' calls."""

from __future__ import annotations

import threading
from pathlib import Path

import sqlite_utils

from reader.core.bundle import BundleLimits
from reader.core.library.limits import LibraryLimits
from reader.core.store import Store
from reader.core.trust import TrustStore


class LibraryBase:
    """The state of one open library. One per thread: each has its own connection."""

    def __init__(
        self,
        folder: Path,
        db: sqlite_utils.Database,
        store: Store,
        trust: TrustStore,
        limits: LibraryLimits = LibraryLimits(),
        bundle_limits: BundleLimits = BundleLimits(),
    ) -> None:
        self.folder = folder
        self.db = db
        self.store = store
        self.trust = trust
        self.limits = limits
        self.bundle_limits = bundle_limits
        self._render_lock = threading.Lock()
