"""The library lock file: every open library holds a shared lock on ``library.lock``
for as long as it is open; startup recovery takes it exclusively, and only then
touches temporary files, which another live process (or thread) may be writing.

POSIX uses ``fcntl.flock`` (one lock per open file, so two Library objects in one
process count as two users). Windows uses ``msvcrt.locking`` on the first byte, which
is exclusive only: there, a library that is open elsewhere looks "not alone" and
recovery leaves temporary files alone, which is the safe side.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

LOCK_NAME = "library.lock"

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_exclusive(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _share(fd: int) -> None:
        # No shared locks: release the exclusive one, so others can open the library.
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _try_shared(fd: int) -> bool:
        return True

else:
    import fcntl

    def _try_exclusive(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _share(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_SH)

    def _try_shared(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


class LibraryLock:
    """This Library object's hold on ``library.lock``. Raises OSError (the boundary types it)."""

    def __init__(self, folder: Path) -> None:
        self._fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        self.exclusive = False

    def try_exclusive(self) -> bool:
        """Take the lock alone, without waiting: True when no other Library has this library open."""
        self.exclusive = _try_exclusive(self._fd)
        return self.exclusive

    def share(self, wait_ms: int, on_wait: Callable[[], None], pause_ms: int) -> bool:
        """Hold the lock shared (after recovery, or next to others); waits at most ``wait_ms`` for a
        recovery running elsewhere, calling ``on_wait`` once when it has to. False when it gave up."""
        if self.exclusive:
            _share(self._fd)
            self.exclusive = False
            return True
        deadline = time.monotonic() + wait_ms / 1000
        told = False
        while not _try_shared(self._fd):
            if time.monotonic() > deadline:
                return False
            if not told:
                on_wait()
                told = True
            time.sleep(pause_ms / 1000)
        return True

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # releases the lock
            self._fd = -1
