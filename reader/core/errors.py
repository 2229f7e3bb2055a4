"""One exception family for everything a user can run into.

Every error carries a message a person can act on. Bugs are not dressed up
as these errors: they stay ValueError, RuntimeError or assert.
"""

from __future__ import annotations

from typing import Any, ClassVar


class DTNError(Exception):
    """Base of all user-facing errors. ``str(err)`` is the (English) message.

    ``code`` names the problem for programs, translations and help pages
    (a stable kebab-case word; the class gives a default, a raise site may
    name a more precise one) and ``params`` holds the values the message
    was made from, so the window can say the same in the user's language.
    """

    code: ClassVar[str] = "error"

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code  # type: ignore[misc]  # an instance may refine its class's code
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # keep code and params across processes (the render worker pickles errors)
        return (_rebuild, (type(self), self.message, self.code, self.params), dict(self.__dict__))


def _rebuild(cls: type[DTNError], message: str, code: str, params: dict[str, Any]) -> DTNError:
    err = cls.__new__(cls)
    DTNError.__init__(err, message, code=code, **params)
    return err


BUG_ERROR_TYPE = "BugError"  # what an audit row or import result names for an unexpected exception


def bug_message(exc: BaseException) -> str:
    """The one line a user sees for an exception outside the family: a bug, not their input.

    Only the exception's type is named; its text may hold the hostile input that caused it,
    and the traceback goes to the log.
    """
    return f"unexpected internal error ({type(exc).__name__}); this is a bug in DTN Reader, details are in the log"


# --- keys and signatures ---------------------------------------------------


class KeyFormatError(DTNError):
    """A public or secret key file is not in minisign's format."""

    code = "key-format"


class KeyPasswordError(DTNError):
    """A password-protected secret key could not be decrypted."""

    code = "key-password"


class SignatureFormatError(DTNError):
    """A signature file is malformed (lines, base64, lengths, size)."""

    code = "signature-format"


class SignatureAlgorithmError(DTNError):
    """A signature uses an algorithm we do not accept (e.g. legacy ``Ed``)."""

    code = "signature-algorithm"


class UnknownKeyError(DTNError):
    """A signature names a key that is not in the trust store."""

    code = "unknown-key"


class RevokedKeyError(DTNError):
    """A signature was made by a key that has since been revoked."""

    code = "revoked-key"


class KeyRoleError(DTNError):
    """A key is trusted, but not for this kind of document."""

    code = "key-role"


class PublisherMismatchError(KeyRoleError):
    """A trusted publisher key signed a bundle that names another publisher than the key's."""

    code = "publisher-mismatch"


class SignatureInvalidError(DTNError):
    """A signature (or the global signature over the trusted comment) does not verify."""

    code = "signature-invalid"


# --- bundles ----------------------------------------------------------------


class BundleError(DTNError):
    """Base for everything wrong with a bundle file."""

    code = "bundle"


class ArchiveError(BundleError):
    """The file is not a well-formed zip archive as the format requires."""

    code = "archive"


class UnsafeArchiveError(BundleError):
    """The archive has a structure we refuse (unsafe names, links, encryption, ...)."""

    code = "unsafe-archive"


class LimitExceededError(BundleError):
    """A size, count or ratio cap was exceeded."""

    code = "limit-exceeded"


class ManifestError(BundleError):
    """manifest.json is missing, not JSON, or does not follow the format."""

    code = "manifest"


class IntegrityError(BundleError):
    """A member does not match the size or hash in the signed manifest, or files are unlisted/missing."""

    code = "integrity"


class UnsafeTextError(ManifestError):
    """A signed string is not clean text (lone surrogate, control or bidirectional character)."""

    code = "unsafe-text"


class InvalidDateError(ManifestError):
    """A signed date or time is not a real calendar value."""

    code = "invalid-date"


class UnsafeAssetError(BundleError):
    """An asset is not an allowed raster image of its declared type, or decodes too large."""

    code = "unsafe-asset"


class NotAFileError(BundleError):
    """The path to import or verify is not a regular file (a FIFO, device or socket)."""

    code = "not-a-file"


class DemoKeyError(BundleError):
    """The demo key signed something other than a shipped demo bundle, or the demo library is off."""

    code = "demo-key"


# --- building from source ------------------------------------------------------


class SourceError(DTNError):
    """An edition source folder has a problem; the message names file and line."""

    code = "source"

    def __init__(self, path: str, problem: str, line: int | None = None, *, code: str | None = None, **params: Any) -> None:
        where = f"{path}:{line}" if line else path
        # ``where`` (file and line) leads every translated message; ``problem`` is the English detail.
        super().__init__(f"{where}: {problem}", code=code, **{"path": path, "line": line, "problem": problem, "where": where, **params})
        self.path = path
        self.line = line
        self.problem = problem


# --- trust store -----------------------------------------------------------------


class TrustStoreError(DTNError):
    """The trust store could not be read or changed."""

    code = "trust-store"


# --- library -----------------------------------------------------------------------


class LibraryError(DTNError):
    """The local library could not complete an operation."""

    code = "library"


class WorkerStoppedError(LibraryError):
    """The worker process preparing a bundle for an import or rebuild ended before it
    answered (killed, out of memory); nothing of that bundle was kept."""

    code = "prepare-worker-stopped"


class RollbackError(LibraryError):
    """A bundle is older than (or conflicts with) what the library already holds."""

    code = "rollback"


class BundleOwnerError(RollbackError):
    """A bundle id already belongs to another publisher; no other publisher's key may supersede it."""

    code = "bundle-owner"


class NotFoundError(LibraryError):
    """An edition, chapter or item asked for does not exist."""

    code = "not-found"


class BookmarksFileError(LibraryError):
    """A bookmarks file to import is unreadable, too large or not in the format."""

    code = "bookmarks-file"


class LibraryStorageError(LibraryError):
    """The library's disk, folder or database failed (not the bundle): the operation stopped
    and the library is as it was."""

    code = "library-storage"


class LibraryDiskFullError(LibraryStorageError):
    """The disk that holds the library is full; nothing was changed."""

    code = "library-disk-full"


class LibraryReadOnlyError(LibraryStorageError):
    """The library folder (or its database) cannot be written."""

    code = "library-read-only"


class LibraryBusyError(LibraryStorageError):
    """Another program kept the library database locked for longer than we wait."""

    code = "library-busy"


class LibraryDamagedError(LibraryStorageError):
    """The library database file is damaged; it can be rebuilt from the stored bundles."""

    code = "library-damaged"


class CancelledError(DTNError):
    """The user cancelled a long operation."""

    code = "cancelled"


# --- rendering ---------------------------------------------------------------------


class RenderError(DTNError):
    """Markdown could not be rendered within its limits."""

    code = "render"


# --- sync -----------------------------------------------------------------------------


class FeedError(DTNError):
    """A feed is malformed, expired, rolled back or otherwise refused."""

    code = "feed"


class DownloadError(DTNError):
    """A transfer failed, was too large or too slow, or was redirected elsewhere."""

    code = "download"


class FeedRollbackError(FeedError):
    """A feed is older than one already accepted, or the same version with other bytes."""

    code = "feed-rollback"


class FeedExpiredError(FeedError):
    """A feed is past its expiry (freeze): nothing new is taken, what is stored stays readable."""

    code = "feed-expired"


class FeedMismatchError(FeedError):
    """A download or its manifest disagrees with the feed entry that listed it."""

    code = "feed-mismatch"


class SyncBusyError(FeedError):
    """Another sync of the same library is running."""

    code = "sync-busy"


class OfflineError(DownloadError):
    """The reader is set to Offline, so it opens no connection."""

    code = "offline"


class DownloadTooLargeError(DownloadError):
    """A response is larger than its cap (or than the size the feed declared)."""

    code = "download-too-large"


class SlowDownloadError(DownloadError):
    """A transfer fell below the minimum rate or ran past the total deadline."""

    code = "download-slow"


class RedirectRefusedError(DownloadError):
    """A server redirected to another host or scheme, or too often."""

    code = "download-redirect"


# --- export ---------------------------------------------------------------------------


class ExportError(DTNError):
    """A file the user asked for (an image, a PDF) could not be written."""

    code = "export"
