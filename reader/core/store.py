"""Content-addressed store of the original signed bundle bytes.

Every accepted bundle is kept as ``<folder>/<sha256>.dtnb``. Incoming bytes are
read exactly once into a temporary file in the same folder (hashed while
reading, so a USB stick cannot serve other bytes on a second read), verified
there, then fsynced and renamed into place, and the folder is fsynced.
Leftover temporary files from an interrupted import are swept at start.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reader.core.archive import open_regular_file
from reader.core.errors import LibraryError, LimitExceededError

log = logging.getLogger(__name__)

TMP_PREFIX = ".tmp-"
SUFFIX = ".dtnb"
COPY_CHUNK_BYTES = 1024 * 1024
_NAME_RE = re.compile(r"[0-9a-f]{64}\.dtnb")

# Called before each file-system step with a short name of the step; tests use
# it to interrupt an import at every point. Production code passes nothing.
StepHook = Callable[[str], None]


@dataclass(frozen=True)
class Staged:
    """Bytes read once into a temporary file of the store."""

    path: Path
    sha256: str
    size: int


class Store:
    def __init__(self, folder: Path, on_step: StepHook | None = None) -> None:
        self.folder = Path(folder)
        self._on_step = on_step or (lambda step: None)

    def ensure(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        return self.folder / f"{sha256}{SUFFIX}"

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def hashes(self) -> set[str]:
        if not self.folder.is_dir():
            return set()
        return {p.name[: -len(SUFFIX)] for p in self.folder.iterdir() if _NAME_RE.fullmatch(p.name)}

    def sweep(self) -> int:
        """Remove temporary files left by an interrupted import. Returns how many."""
        if not self.folder.is_dir():
            return 0
        count = 0
        for path in self.folder.glob(f"{TMP_PREFIX}*"):
            try:
                path.unlink()
                count += 1
            except OSError as exc:
                log.warning("cannot remove leftover %s: %s", path, exc)
        if count:
            log.info("swept %d leftover temporary file(s) from %s", count, self.folder)
        return count

    def new_tmp_path(self) -> Path:
        """A fresh name for a temporary file of the store (created by ``stage_*``)."""
        return self.folder / f"{TMP_PREFIX}{uuid.uuid4().hex}"

    def stage_file(self, source: Path, max_bytes: int, tmp: Path | None = None) -> Staged:
        """Copy ``source`` once into a temporary file (``tmp``, a ``new_tmp_path``, if given;
        a worker process stages under the name its caller chose, so the caller can remove
        it whatever happens to the worker), hashing as it goes.

        Raises LibraryError when ``source`` cannot be read; an OSError while writing the
        temporary file is the library's own (its disk is full, its folder read-only) and
        leaves as it is, for the library's boundary to name.
        """
        try:
            f = open_regular_file(source, LibraryError, "file-read")  # a FIFO or device is refused, never opened
        except OSError as exc:
            raise _unreadable(source, exc) from None
        with f:
            return self.stage_chunks(_read_chunks(f, source), max_bytes, tmp)

    def stage_stream(self, stream: BinaryIO, max_bytes: int) -> Staged:
        return self.stage_chunks(iter(lambda: stream.read(COPY_CHUNK_BYTES), b""), max_bytes)

    def stage_chunks(self, chunks: Iterable[bytes], max_bytes: int, tmp: Path | None = None) -> Staged:
        self.ensure()
        tmp = tmp or self.new_tmp_path()
        digest = hashlib.sha256()
        size = 0
        self._on_step("stage:open")
        try:
            with open(tmp, "xb") as out:
                for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise LimitExceededError(
                            f"file is larger than the maximum of {max_bytes} bytes", code="file-too-large", limit=max_bytes
                        )
                    digest.update(chunk)
                    out.write(chunk)
                self._on_step("stage:fsync")
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return Staged(tmp, digest.hexdigest(), size)

    def commit(self, staged: Staged) -> Path:
        """Move a verified staged file into place (atomic rename, folder fsynced)."""
        final = self.path_for(staged.sha256)
        if final.exists():
            self.discard(staged)
            return final
        self._on_step("commit:rename")
        os.replace(staged.path, final)
        self._on_step("commit:fsync-dir")
        fsync_dir(self.folder)
        return final

    def discard(self, staged: Staged) -> None:
        staged.path.unlink(missing_ok=True)

    def remove(self, sha256: str) -> None:
        self._on_step("remove:unlink")
        self.path_for(sha256).unlink(missing_ok=True)
        fsync_dir(self.folder)


def _unreadable(source: Path, exc: OSError) -> LibraryError:
    return LibraryError(
        f"cannot read {source}: {exc.strerror or exc}", code="file-read", path=str(source), detail=exc.strerror or str(exc)
    )


def _read_chunks(f: BinaryIO, source: Path) -> Iterator[bytes]:
    """The file's bytes in chunks; a read error names the source, not the library."""
    while True:
        try:
            chunk = f.read(COPY_CHUNK_BYTES)
        except OSError as exc:
            raise _unreadable(source, exc) from None
        if not chunk:
            return
        yield chunk


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
