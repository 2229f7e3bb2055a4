"""A hardened, read-only zip reader that never extracts to disk.

The whole structure is checked before any member content is read: every
entry must be a regular file with a safe, unique name, stored or deflated,
unencrypted, within the size and ratio caps, and the entries must tile the
file exactly (no bytes before, between or after them, no overlaps, local
headers that agree with the central directory).

Member content is then streamed in chunks; a deflated member is inflated
with its declared size as a hard cap, so a bomb cannot grow past it.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import struct
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from reader.core.errors import ArchiveError, DTNError, LimitExceededError, NotAFileError, UnsafeArchiveError


@dataclass(frozen=True)
class ArchiveLimits:
    """Caps for one archive. Sizes in bytes."""

    max_archive_bytes: int = 1024 * 1024 * 1024
    max_members: int = 4096
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024  # sum of uncompressed sizes
    max_compression_ratio: int = 200  # uncompressed / compressed, deflated members
    max_name_bytes: int = 255
    max_path_depth: int = 4
    read_chunk_bytes: int = 1024 * 1024
    # Stored members are hashed by this many threads (hashing and pread release the GIL) when
    # they hold at least parallel_hash_min_bytes between them; below that a thread costs more.
    hash_threads: int = 4
    parallel_hash_min_bytes: int = 8 * 1024 * 1024


METHOD_STORED = 0
METHOD_DEFLATED = 8

_EOCD_SIG = b"PK\x05\x06"
_CD_SIG = b"PK\x01\x02"
_LOCAL_SIG = b"PK\x03\x04"
_EOCD = struct.Struct("<4sHHHHIIH")  # 22 bytes
_CD = struct.Struct("<4sHHHHHHIIIHHHHHII")  # 46 bytes
_LOCAL = struct.Struct("<4sHHHHHIIIHH")  # 30 bytes
_MAX_EOCD_SEARCH = _EOCD.size + 0xFFFF

_FLAG_ENCRYPTED = 0x0001
_FLAG_DATA_DESCRIPTOR = 0x0008
_FLAG_STRONG_ENCRYPTION = 0x0040
_FLAG_UTF8 = 0x0800
_ZIP64_EXTRA_ID = 0x0001

# Extra fields: only these, each at most its size in bytes. Everything else is refused, above all
# the Info-ZIP Unicode Path (0x7075) and Unicode Comment (0x6375) fields: stock unzip shows their
# name or comment instead of the one the reader checked, so a person checking by hand would see
# another manifest than the one verified. See docs/bundle-format.md.
ALLOWED_EXTRA_FIELDS: dict[int, tuple[str, int]] = {
    0x5455: ("extended timestamp (UT)", 13),  # flags + up to three 4-byte times
    0x7875: ("Unix owner (ux)", 20),  # version, uid and gid sizes and values
    0x000A: ("NTFS times", 32),  # reserved + one 24-byte times attribute
}
_UNICODE_PATH_EXTRA_ID = 0x7075
_UNICODE_COMMENT_EXTRA_ID = 0x6375
MAX_EXTRA_BYTES = 64  # all extra fields of one header together
_FORBIDDEN_NAME_CHARS = set('\\:*?"<>|')
# Regular expressions test a name in one C call instead of a Python loop per character.
_FORBIDDEN_NAME_CHARS_RE = re.compile("[" + re.escape("".join(sorted(_FORBIDDEN_NAME_CHARS))) + "]")
_CONTROL_CHARS_RE = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Member:
    name: str
    method: int
    flags: int
    crc: int
    compressed_size: int
    size: int
    header_offset: int
    data_offset: int


def check_member_name(name: str, limits: ArchiveLimits) -> None:
    """Refuse names that could escape a folder or collide on some file system."""
    if not name:
        raise UnsafeArchiveError("archive has an entry with an empty name", code="entry-name-empty")
    if len(name.encode("utf-8")) > limits.max_name_bytes:
        raise UnsafeArchiveError(
            f"entry name longer than {limits.max_name_bytes} bytes: {name[:60]!r}...", code="entry-name-long", name=name[:60], limit=limits.max_name_bytes
        )
    if _CONTROL_CHARS_RE.search(name):
        raise UnsafeArchiveError(f"entry name {name!r} contains control characters", code="entry-name-control", name=name)
    if "\\" in name:
        raise UnsafeArchiveError(f"entry name {name!r} contains a backslash", code="entry-name-backslash", name=name)
    if name.startswith("/"):
        raise UnsafeArchiveError(f"entry name {name!r} is an absolute path", code="entry-name-absolute", name=name)
    if len(name) >= 2 and name[1] == ":":
        raise UnsafeArchiveError(f"entry name {name!r} starts with a drive letter", code="entry-name-drive", name=name)
    if name.endswith("/"):
        raise UnsafeArchiveError(f"entry {name!r} is a directory; bundles hold regular files only", code="entry-directory", name=name)
    parts = name.split("/")
    if "" in parts or "." in parts or ".." in parts:
        raise UnsafeArchiveError(
            f"entry name {name!r} has an empty, '.' or '..' path segment (path traversal)", code="entry-name-traversal", name=name
        )
    if len(parts) > limits.max_path_depth:
        raise UnsafeArchiveError(
            f"entry name {name!r} is nested deeper than {limits.max_path_depth} levels", code="entry-name-deep", name=name, limit=limits.max_path_depth
        )
    if _FORBIDDEN_NAME_CHARS_RE.search(name):
        raise UnsafeArchiveError(
            f"entry name {name!r} contains a character not allowed in file names", code="entry-name-character", name=name
        )
    if not unicodedata.is_normalized("NFC", name):
        raise UnsafeArchiveError(f"entry name {name!r} is not in Unicode NFC form", code="entry-name-nfc", name=name)


class Archive:
    """A verified-structure view of one zip file opened for reading.

    Use as a context manager; :meth:`open` runs the structural pre-flight.
    """

    def __init__(self, file: BinaryIO, size: int, members: dict[str, Member], limits: ArchiveLimits) -> None:
        self._file = file
        self.size = size
        self.members = members
        self.limits = limits
        self._buffer: memoryview | None = None  # read buffer of sha256(), made on first use

    @classmethod
    def open(cls, path: str, limits: ArchiveLimits = ArchiveLimits()) -> Archive:
        file = open_regular_file(path, ArchiveError)
        try:
            file.seek(0, 2)
            size = file.tell()
            members = _preflight(file, size, limits)
        except BaseException:
            file.close()
            raise
        return cls(file, size, members, limits)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def file_sha256(self) -> str:
        """The sha256 of the whole archive file, read from the file already open."""
        digest = hashlib.sha256()
        offset = 0
        while offset < self.size:
            data = _read_at(self._file, offset, min(self.limits.read_chunk_bytes, self.size - offset))
            if not data:
                raise ArchiveError("the archive file became shorter while it was read")
            digest.update(data)
            offset += len(data)
        return digest.hexdigest()

    def iter_chunks(self, name: str) -> Iterator[bytes]:
        """Yield the uncompressed content of ``name`` in chunks, never more than its declared size."""
        member = self.members[name]
        f = self._file
        f.seek(member.data_offset)
        remaining = member.compressed_size
        chunk = self.limits.read_chunk_bytes
        if member.method == METHOD_STORED:
            while remaining:
                data = f.read(min(chunk, remaining))
                if not data:
                    raise ArchiveError(f"{name}: archive ends inside this member (truncated)", code="archive-truncated-member", name=name)
                remaining -= len(data)
                yield data
            return
        inflater = zlib.decompressobj(-15)
        produced = 0
        try:
            while remaining and not inflater.eof:
                data = f.read(min(chunk, remaining))
                if not data:
                    raise ArchiveError(f"{name}: archive ends inside this member (truncated)", code="archive-truncated-member", name=name)
                remaining -= len(data)
                while data:
                    # Ask for at most one byte more than declared, so overflow is seen without inflating it.
                    out = inflater.decompress(data, member.size - produced + 1)
                    produced += len(out)
                    if produced > member.size:
                        raise LimitExceededError(
                            f"{name}: inflates to more than its declared size {member.size}", code="entry-inflates-over", name=name, size=member.size
                        )
                    if out:
                        yield out
                    data = inflater.unconsumed_tail
                    if inflater.eof:
                        break
            tail = inflater.flush()
        except zlib.error as exc:
            raise ArchiveError(f"{name}: compressed data is corrupt ({exc})", code="entry-corrupt", name=name, detail=str(exc)) from None
        produced += len(tail)
        if produced > member.size:
            raise LimitExceededError(
                f"{name}: inflates to more than its declared size {member.size}", code="entry-inflates-over", name=name, size=member.size
            )
        if tail:
            yield tail
        if not inflater.eof or remaining or inflater.unused_data:
            raise ArchiveError(
                f"{name}: compressed data does not end where the archive says it does", code="entry-compressed-end", name=name
            )
        if produced != member.size:
            raise ArchiveError(
                f"{name}: inflates to {produced} bytes, the archive says {member.size}", code="entry-inflated-size", name=name, produced=produced, size=member.size
            )

    def read(self, name: str) -> bytes:
        return b"".join(self.iter_chunks(name))

    def sha256(self, name: str) -> tuple[str, int]:
        """Hash ``name`` while streaming it; returns (hex digest, size).

        A stored member is read into one reusable buffer and hashed from there: no new
        bytes object per chunk, which is most of the cost besides hashing itself.
        """
        digest, size, _head = self.sha256_and_head(name, 0)
        return digest, size

    def sha256_and_head(self, name: str, head: int) -> tuple[str, int, bytes]:
        """Like :meth:`sha256`, and also the first ``head`` bytes of the content (all of it
        when it is shorter): enough to check a header without keeping the member."""
        digest = hashlib.sha256()
        member = self.members[name]
        kept = bytearray()
        if member.method != METHOD_STORED:
            size = 0
            for data in self.iter_chunks(name):
                digest.update(data)
                if len(kept) < head:
                    kept += data[: head - len(kept)]
                size += len(data)
            return digest.hexdigest(), size, bytes(kept)
        if self._buffer is None:
            self._buffer = memoryview(bytearray(self.limits.read_chunk_bytes))
        return self._hash_stored(name, head, self._buffer)

    def _hash_stored(self, name: str, head: int, buffer: memoryview) -> tuple[str, int, bytes]:
        """A stored member hashed through ``buffer``: with pread (no file position, so threads
        may share the file) where the platform has it."""
        member = self.members[name]
        digest = hashlib.sha256()
        kept = bytearray()
        f = self._file
        offset = member.data_offset
        remaining = member.compressed_size
        if _preadv is None:  # Windows, macOS
            f.seek(offset)
        else:
            fd = f.fileno()
        while remaining:
            want = buffer[:remaining] if remaining < len(buffer) else buffer
            n = f.readinto(want) if _preadv is None else _preadv(fd, [want], offset)
            if not n:
                raise ArchiveError(f"{name}: archive ends inside this member (truncated)", code="archive-truncated-member", name=name)
            digest.update(want if n == len(want) else buffer[:n])
            if len(kept) < head:
                kept += buffer[: min(n, head - len(kept))]
            remaining -= n
            offset += n
        return digest.hexdigest(), member.compressed_size, bytes(kept)

    def sha256_stored_many(self, names: list[str], head: int) -> dict[str, tuple[str, int, bytes] | Exception]:
        """:meth:`sha256_and_head` of many stored members at once: by up to
        ``limits.hash_threads`` threads when they hold ``limits.parallel_hash_min_bytes`` or
        more, each over a contiguous run with a buffer of its own. A member that cannot be
        read maps to its error, for the caller to raise where reading in order would have."""
        stored = [n for n in names if self.members[n].method == METHOD_STORED]
        total = sum(self.members[n].compressed_size for n in stored)
        threads = min(self.limits.hash_threads, len(stored))
        if _preadv is None or threads < 2 or total < self.limits.parallel_hash_min_bytes:
            threads = 1
        runs: list[list[str]] = [[] for _ in range(threads)]
        share, done, run = total / threads, 0, 0
        for name in stored:  # contiguous runs of about equal bytes: one forward pass each
            if done >= share * (run + 1) and run < threads - 1:
                run += 1
            runs[run].append(name)
            done += self.members[name].compressed_size

        def hash_run(run_names: list[str]) -> dict[str, tuple[str, int, bytes] | Exception]:
            buffer = memoryview(bytearray(self.limits.read_chunk_bytes))
            out: dict[str, tuple[str, int, bytes] | Exception] = {}
            for name in run_names:
                try:
                    out[name] = self._hash_stored(name, head, buffer)
                except (ArchiveError, OSError) as exc:
                    out[name] = exc
            return out

        if threads == 1:
            return hash_run(stored)
        from concurrent.futures import ThreadPoolExecutor

        results: dict[str, tuple[str, int, bytes] | Exception] = {}
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="dtn-hash") as pool:
            for part in pool.map(hash_run, runs):
                results.update(part)
        return results


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular_file(path: str | os.PathLike, error: type[DTNError] = ArchiveError, code: str = "archive-open") -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file (a symbolic link to one is fine).

    A FIFO, device or socket is refused from ``stat`` before anything opens it, so a pipe
    nobody writes to cannot hang the reader and ``/dev/zero`` cannot feed it; the file is
    opened non-blocking and checked again, so one swapped in between is refused too.
    Raises NotAFileError, or ``error`` (with ``code``) when the path cannot be read.
    """
    shown = os.fspath(path)
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            kind = _file_kind(before.st_mode)
            raise NotAFileError(
                f"{shown} is {kind}, not a bundle file; only regular files are read", code="not-a-file", path=shown, kind=kind
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise error(f"cannot open {shown}: {detail}", code=code, path=shown, detail=detail) from None
    after = os.fstat(fd)
    if not stat.S_ISREG(after.st_mode) or (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
        os.close(fd)
        raise NotAFileError(f"{shown} was replaced while it was opened; not read", code="not-a-file-replaced", path=shown)
    return os.fdopen(fd, "rb")


def _read_at(f: BinaryIO, offset: int, length: int) -> bytes:
    """Up to ``length`` bytes at ``offset`` (fewer only at the end of the file)."""
    if _pread is None:  # Windows
        f.seek(offset)
        return f.read(length)
    # One system call, without a seek and a full read-ahead buffer for a 30-byte header.
    data = _pread(f.fileno(), length, offset)
    while len(data) < length:
        more = _pread(f.fileno(), length - len(data), offset + len(data))
        if not more:
            break
        data += more
    return data


_pread = getattr(os, "pread", None)
_preadv = getattr(os, "preadv", None)


def _preflight(f: BinaryIO, size: int, limits: ArchiveLimits) -> dict[str, Member]:
    if size > limits.max_archive_bytes:
        raise LimitExceededError(
            f"file is {size} bytes; bundles may be at most {limits.max_archive_bytes} bytes", code="archive-too-large", size=size, limit=limits.max_archive_bytes
        )
    if size < _EOCD.size:
        raise ArchiveError("not a zip archive (file too small)", code="archive-too-small")
    head = _read_at(f, 0, 4)
    if head != _LOCAL_SIG:
        if head == _EOCD_SIG and size == _EOCD.size:
            raise ArchiveError("zip archive is empty", code="archive-empty")
        if b"PK" not in _read_at(f, 0, min(size, 65536)):
            raise ArchiveError("not a zip archive", code="archive-not-zip")
        raise UnsafeArchiveError("unexpected bytes before the zip archive (prepended data)", code="archive-prepended")

    # End of central directory: must end the file exactly (no comment, nothing appended).
    eocd_offset = size - _EOCD.size
    eocd = _EOCD.unpack(_read_at(f, eocd_offset, _EOCD.size))
    sig, disk, cd_disk, disk_entries, total_entries, cd_size, cd_offset, comment_len = eocd
    if sig != _EOCD_SIG:
        tail_start = max(0, size - _MAX_EOCD_SEARCH)
        tail = _read_at(f, tail_start, size - tail_start)
        if tail.rfind(_EOCD_SIG) >= 0:
            raise UnsafeArchiveError("unexpected bytes after the zip archive (appended data or archive comment)", code="archive-appended")
        raise ArchiveError("not a complete zip archive (end of central directory missing; truncated?)", code="archive-no-end")
    if comment_len:
        raise UnsafeArchiveError("zip archive comments are not allowed in bundles", code="archive-comment")
    if disk or cd_disk or disk_entries != total_entries:
        raise UnsafeArchiveError("multi-disk (split) zip archives are not supported", code="archive-multi-disk")
    if 0xFFFF in (disk_entries, total_entries) or 0xFFFFFFFF in (cd_size, cd_offset):
        raise UnsafeArchiveError("zip64 archives are not supported", code="archive-zip64")
    if total_entries == 0:
        raise ArchiveError("zip archive is empty", code="archive-empty")
    if total_entries > limits.max_members:
        raise LimitExceededError(
            f"archive has {total_entries} entries; at most {limits.max_members} are allowed", code="archive-too-many-entries", count=total_entries, limit=limits.max_members
        )
    if cd_offset + cd_size != eocd_offset:
        raise UnsafeArchiveError("central directory is not where the end record says (gap or overlap)", code="archive-directory-misplaced")

    cd = _read_at(f, cd_offset, cd_size)
    members: dict[str, tuple[str, int, int, int, int, int, int, bytes]] = {}  # name, method, flags, crc, sizes, offset, raw name
    folded: dict[str, str] = {}
    total = 0
    pos = 0
    for _ in range(total_entries):
        if pos + _CD.size > len(cd):
            raise ArchiveError("central directory is truncated", code="archive-directory-truncated")
        (
            sig, _made_by, _needed, flags, method, _time, _date, crc, csize, usize,
            name_len, extra_len, comment_len, disk_start, _int_attr, ext_attr, offset,
        ) = _CD.unpack_from(cd, pos)
        if sig != _CD_SIG:
            raise ArchiveError("central directory entry has a bad signature", code="archive-directory-signature")
        made_by_system = _made_by >> 8
        name_bytes = cd[pos + _CD.size : pos + _CD.size + name_len]
        extra = cd[pos + _CD.size + name_len : pos + _CD.size + name_len + extra_len]
        pos += _CD.size + name_len + extra_len + comment_len
        if pos > len(cd):
            raise ArchiveError("central directory is truncated", code="archive-directory-truncated")
        name = _decode_name(name_bytes, flags)
        check_member_name(name, limits)
        if flags & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION):
            raise UnsafeArchiveError(f"entry {name!r} is encrypted", code="entry-encrypted", name=name)
        if flags & _FLAG_DATA_DESCRIPTOR:
            raise UnsafeArchiveError(
                f"entry {name!r} uses a data descriptor (streamed zip); not supported", code="entry-data-descriptor", name=name
            )
        if method not in (METHOD_STORED, METHOD_DEFLATED):
            raise UnsafeArchiveError(
                f"entry {name!r} uses compression method {method}; only stored and deflate are allowed", code="entry-compression", name=name, method=method
            )
        if disk_start:
            raise UnsafeArchiveError("multi-disk (split) zip archives are not supported", code="archive-multi-disk")
        if comment_len:
            raise UnsafeArchiveError(f"entry {name!r} has a comment; bundles carry no entry comments", code="entry-comment", name=name)
        check_extra_fields(extra, name)
        if made_by_system == 3:  # Unix: the file type is in the high bits
            mode = ext_attr >> 16
            if stat.S_ISLNK(mode):
                raise UnsafeArchiveError(f"entry {name!r} is a symbolic link", code="entry-symlink", name=name)
            if mode and not stat.S_ISREG(mode) and stat.S_IFMT(mode):
                raise UnsafeArchiveError(f"entry {name!r} is not a regular file", code="entry-not-regular", name=name)
        if ext_attr & 0x10:  # MS-DOS directory attribute
            raise UnsafeArchiveError(f"entry {name!r} is a directory; bundles hold regular files only", code="entry-directory", name=name)
        if usize > limits.max_member_bytes:
            raise LimitExceededError(
                f"entry {name!r} is {usize} bytes; at most {limits.max_member_bytes} per file", code="entry-too-large", name=name, size=usize, limit=limits.max_member_bytes
            )
        total += usize
        if total > limits.max_total_bytes:
            raise LimitExceededError(
                f"archive unpacks to more than {limits.max_total_bytes} bytes", code="archive-unpacks-too-large", limit=limits.max_total_bytes
            )
        if method == METHOD_STORED and csize != usize:
            raise ArchiveError(
                f"stored entry {name!r} has different compressed and uncompressed sizes", code="entry-stored-sizes", name=name
            )
        if method == METHOD_DEFLATED and usize > limits.max_compression_ratio * max(csize, 1):
            raise LimitExceededError(
                f"entry {name!r} has a compression ratio over {limits.max_compression_ratio}:1 (zip bomb?)", code="entry-ratio", name=name, limit=limits.max_compression_ratio
            )
        key = name.casefold()
        if name in members:
            raise UnsafeArchiveError(f"entry name {name!r} appears twice", code="entry-name-twice", name=name)
        if key in folded:
            raise UnsafeArchiveError(
                f"entry names {folded[key]!r} and {name!r} differ only in case", code="entry-name-case", name=name, other=folded[key]
            )
        folded[key] = name
        members[name] = (name, method, flags, crc, csize, usize, offset, name_bytes)  # a Member once checked below
    if pos != len(cd):
        raise UnsafeArchiveError("central directory holds more than its entries (hidden data)", code="archive-directory-hidden")

    # Local headers: must agree with the central directory and tile the file exactly.
    checked: dict[str, Member] = {}
    expected_offset = 0
    for member in sorted(members.values(), key=lambda m: m[6]):
        m_name, m_method, m_flags, m_crc, m_csize, m_size, m_offset, m_name_bytes = member
        if m_offset != expected_offset:
            if m_offset < expected_offset:
                raise UnsafeArchiveError(f"entry {m_name!r} overlaps the entry before it", code="entry-overlap", name=m_name)
            raise UnsafeArchiveError(f"unexpected bytes before entry {m_name!r} (hidden data)", code="entry-hidden-before", name=m_name)
        # Header and name in one read when the name has the length the central directory gives.
        expected_name_len = len(m_name.encode("utf-8"))
        block = _read_at(f, m_offset, _LOCAL.size + expected_name_len)
        header = block[: _LOCAL.size]
        if len(header) != _LOCAL.size:
            raise ArchiveError(f"entry {m_name!r}: local header is truncated", code="entry-local-truncated", name=m_name)
        sig, _needed, flags, method, _time, _date, crc, csize, usize, name_len, extra_len = _LOCAL.unpack(header)
        if sig != _LOCAL_SIG:
            raise ArchiveError(f"entry {m_name!r}: local header has a bad signature", code="entry-local-signature", name=m_name)
        if name_len == expected_name_len:
            name_bytes = block[_LOCAL.size :]
        else:
            name_bytes = _read_at(f, m_offset + _LOCAL.size, name_len)
        if extra_len:
            if extra_len > MAX_EXTRA_BYTES:
                raise UnsafeArchiveError(
                    f"entry {m_name!r}: local header has {extra_len} bytes of extra fields; at most {MAX_EXTRA_BYTES} are allowed",
                    code="entry-extra-too-large", name=m_name, size=extra_len, limit=MAX_EXTRA_BYTES,
                )
            check_extra_fields(_read_at(f, m_offset + _LOCAL.size + name_len, extra_len), m_name, "local header")
        if (
            flags != m_flags
            or method != m_method
            or crc != m_crc
            or csize != m_csize
            or usize != m_size
            or (name_bytes != m_name_bytes and _decode_name(name_bytes, flags) != m_name)  # same bytes, same flags: same name
        ):
            raise UnsafeArchiveError(
                f"entry {m_name!r}: local header disagrees with the central directory", code="entry-local-disagrees", name=m_name
            )
        data_offset = m_offset + _LOCAL.size + name_len + extra_len
        expected_offset = data_offset + m_csize
        if expected_offset > cd_offset:
            raise UnsafeArchiveError(f"entry {m_name!r} runs into the central directory", code="entry-into-directory", name=m_name)
        checked[m_name] = Member(m_name, m_method, m_flags, m_crc, m_csize, m_size, m_offset, data_offset)
    if expected_offset != cd_offset:
        raise UnsafeArchiveError(
            "unexpected bytes between the last entry and the central directory (hidden data)", code="archive-hidden-before-directory"
        )
    return checked


def _decode_name(raw: bytes, flags: int) -> str:
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnsafeArchiveError("entry name is not valid UTF-8", code="entry-name-utf8") from None
    if not flags & _FLAG_UTF8 and not name.isascii():
        raise UnsafeArchiveError(f"entry name {name!r} is not ASCII and not marked as UTF-8", code="entry-name-not-ascii", name=name)
    return name


def check_extra_fields(extra: bytes, name: str, where: str = "central directory") -> None:
    """Refuse extra fields outside the allow-list, oversized or malformed ones. Raises UnsafeArchiveError."""
    if len(extra) > MAX_EXTRA_BYTES:
        raise UnsafeArchiveError(
            f"entry {name!r} has {len(extra)} bytes of extra fields in the {where}; at most {MAX_EXTRA_BYTES} are allowed",
            code="entry-extra-too-large", name=name, size=len(extra), limit=MAX_EXTRA_BYTES,
        )
    pos = 0
    while pos < len(extra):
        if pos + 4 > len(extra):
            raise UnsafeArchiveError(f"entry {name!r} has a malformed extra field in the {where}", code="entry-extra-malformed", name=name)
        header_id, length = struct.unpack_from("<HH", extra, pos)
        if header_id == _ZIP64_EXTRA_ID:
            raise UnsafeArchiveError(f"entry {name!r} uses zip64 fields; not supported", code="entry-zip64", name=name)
        if header_id == _UNICODE_PATH_EXTRA_ID:
            raise UnsafeArchiveError(
                f"entry {name!r} uses an Info-ZIP Unicode Path field (0x7075), which would show unzip another name",
                code="entry-extra-unicode-path", name=name,
            )
        if header_id == _UNICODE_COMMENT_EXTRA_ID:
            raise UnsafeArchiveError(
                f"entry {name!r} uses an Info-ZIP Unicode Comment field (0x6375), which would show unzip another comment",
                code="entry-extra-unicode-comment", name=name,
            )
        if header_id not in ALLOWED_EXTRA_FIELDS:
            allowed = ", ".join(f"0x{i:04x} ({what})" for i, (what, _) in ALLOWED_EXTRA_FIELDS.items())
            raise UnsafeArchiveError(
                f"entry {name!r} has an extra field of type 0x{header_id:04x} in the {where}; only {allowed} are allowed",
                code="entry-extra-unknown", name=name, field=f"0x{header_id:04x}", allowed=allowed,
            )
        what, max_size = ALLOWED_EXTRA_FIELDS[header_id]
        if length > max_size:
            raise UnsafeArchiveError(
                f"entry {name!r}: its {what} extra field is {length} bytes; at most {max_size} are allowed",
                code="entry-extra-too-large", name=name, size=length, limit=max_size,
            )
        pos += 4 + length
        if pos > len(extra):
            raise UnsafeArchiveError(f"entry {name!r} has a malformed extra field in the {where}", code="entry-extra-malformed", name=name)
