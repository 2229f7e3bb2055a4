"""Foreign errors, wrapped once: a ``sqlite3.Error`` or ``OSError`` that reaches the
library's boundary becomes a typed library error that names the real cause.

The boundary is the façade (facade.py wraps every call with ``boundary``) and the few
places that must clean up first (the store's staging, an import's transaction).
"""

from __future__ import annotations

import errno
import functools
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reader.core.errors import (
    DTNError,
    LibraryBusyError,
    LibraryDamagedError,
    LibraryDiskFullError,
    LibraryReadOnlyError,
    LibraryStorageError,
)

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def free_bytes(folder: Path) -> int | None:
    """Free space on the disk that holds ``folder`` (None when it cannot be told)."""
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def folder_read_only(folder: Path) -> bool:
    """Whether ``folder`` (or, if it does not exist yet, the nearest existing parent) cannot be written."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            try:
                if os.statvfs(candidate).f_flag & os.ST_RDONLY:
                    return True
            except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
                pass
            return not os.access(candidate, os.W_OK)
    return False


def _human(size: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


def disk_full(folder: Path) -> LibraryDiskFullError:
    free = free_bytes(folder)
    shown = f"{_human(free)} free" if free is not None else "free space unknown"
    return LibraryDiskFullError(
        f"the disk that holds the library in {folder} is full ({shown}); make room there and try again."
        " Nothing was changed",
        folder=str(folder), free_bytes=free,
    )


def read_only(folder: Path) -> LibraryReadOnlyError:
    return LibraryReadOnlyError(
        f"the library folder {folder} is read-only; choose a library folder you can write to"
        " (or make this one writable) and try again. Nothing was changed",
        folder=str(folder),
    )


def busy(folder: Path, waited_ms: int) -> LibraryBusyError:
    return LibraryBusyError(
        f"the library in {folder} is locked by another program (another DTN Reader window or a 'dtn' command)"
        f" and stayed locked for {waited_ms / 1000:g} s; wait until it has finished and try again. Nothing was changed",
        folder=str(folder), waited_ms=waited_ms,
    )


def damaged(folder: Path, detail: str) -> LibraryDamagedError:
    path = folder / "library.db"
    return LibraryDamagedError(
        f"the library database {path} is damaged ({detail}); run 'dtn rebuild'. If that fails too, move"
        f" {path.name} out of the folder: the next start rebuilds it from the stored bundles"
        " (ticks, notes and bookmarks are then lost)",
        path=str(path), detail=detail,
    )


def is_busy(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
        not name and isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
    )


def translate(exc: BaseException, folder: Path, *, waited_ms: int = 0) -> LibraryStorageError:
    """The typed library error for a foreign ``exc`` raised while working on the library in ``folder``."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc)
        if name == "SQLITE_FULL" or "disk is full" in text:
            return disk_full(folder)
        if is_busy(exc):
            return busy(folder, waited_ms)
        if name.startswith("SQLITE_READONLY") or "readonly" in text or name in ("SQLITE_CANTOPEN", "SQLITE_PERM"):
            if folder_read_only(folder) or name.startswith("SQLITE_READONLY"):
                return read_only(folder)
        if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text or "not a database" in text:
            return damaged(folder, text)
        if name.startswith("SQLITE_IOERR") or name == "SQLITE_CANTOPEN":
            if folder_read_only(folder):
                return read_only(folder)
            free = free_bytes(folder)
            if free is not None and free < MIN_FREE_BYTES:
                return disk_full(folder)
        return LibraryStorageError(
            f"the library database in {folder} could not be read or written: {text}", folder=str(folder), detail=text
        )
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return disk_full(folder)
        if exc.errno in _READ_ONLY_ERRNOS or (exc.errno is None and folder_read_only(folder)):
            return read_only(folder)
        where = f" ({exc.filename})" if exc.filename else ""
        return LibraryStorageError(
            f"cannot read or write the library in {folder}{where}: {exc.strerror or exc}",
            folder=str(folder), detail=exc.strerror or str(exc),
        )
    raise TypeError(f"not a foreign error: {exc!r}")


# An I/O error with less than this much free space left is taken for a full disk (SQLite
# reports some short writes as SQLITE_IOERR rather than SQLITE_FULL).
MIN_FREE_BYTES = 1 << 20


def boundary(fn: F) -> F:
    """Wrap a library call: foreign errors leave it as typed library errors, once."""

    @functools.wraps(fn)
    def call(lib: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(lib, *args, **kwargs)
        except DTNError:
            raise
        except (sqlite3.Error, OSError) as exc:
            log.debug("library call %s failed", fn.__name__, exc_info=True)
            raise translate(exc, lib.folder, waited_ms=lib.limits.busy_timeout_ms) from exc
    return call  # type: ignore[return-value]
