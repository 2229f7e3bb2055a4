"""One exception family for everything a user can run into.

Every error carries a message a person can act on. Bugs are not dressed up
as these errors: they stay ValueError, RuntimeError or assert.
"""

from __future__ import annotations


class DTNError(Exception):
    """Base of all user-facing errors. ``str(err)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- keys and signatures ---------------------------------------------------


class KeyFormatError(DTNError):
    """A public or secret key file is not in minisign's format."""


class KeyPasswordError(DTNError):
    """A password-protected secret key could not be decrypted."""


class SignatureFormatError(DTNError):
    """A signature file is malformed (lines, base64, lengths, size)."""


class SignatureAlgorithmError(DTNError):
    """A signature uses an algorithm we do not accept (e.g. legacy ``Ed``)."""


class UnknownKeyError(DTNError):
    """A signature names a key that is not in the trust store."""


class RevokedKeyError(DTNError):
    """A signature was made by a key that has since been revoked."""


class KeyRoleError(DTNError):
    """A key is trusted, but not for this kind of document."""


class SignatureInvalidError(DTNError):
    """A signature (or the global signature over the trusted comment) does not verify."""


# --- bundles ----------------------------------------------------------------


class BundleError(DTNError):
    """Base for everything wrong with a bundle file."""


class ArchiveError(BundleError):
    """The file is not a well-formed zip archive as the format requires."""


class UnsafeArchiveError(BundleError):
    """The archive has a structure we refuse (unsafe names, links, encryption, ...)."""


class LimitExceededError(BundleError):
    """A size, count or ratio cap was exceeded."""


class ManifestError(BundleError):
    """manifest.json is missing, not JSON, or does not follow the format."""


class IntegrityError(BundleError):
    """A member does not match the size or hash in the signed manifest, or files are unlisted/missing."""


# --- building from source ------------------------------------------------------


class SourceError(DTNError):
    """An edition source folder has a problem; the message names file and line."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


# --- trust store -----------------------------------------------------------------


class TrustStoreError(DTNError):
    """The trust store could not be read or changed."""


# --- library -----------------------------------------------------------------------


class LibraryError(DTNError):
    """The local library could not complete an operation."""


class RollbackError(LibraryError):
    """A bundle is older than (or conflicts with) what the library already holds."""


class NotFoundError(LibraryError):
    """An edition, chapter or item asked for does not exist."""


class CancelledError(DTNError):
    """The user cancelled a long operation."""


# --- rendering ---------------------------------------------------------------------


class RenderError(DTNError):
    """Markdown could not be rendered within its limits."""


# --- sync -----------------------------------------------------------------------------


class FeedError(DTNError):
    """A feed is malformed, expired, rolled back or otherwise refused."""


class DownloadError(DTNError):
    """A transfer failed, was too large or too slow, or was redirected elsewhere."""


# --- export ---------------------------------------------------------------------------


class ExportError(DTNError):
    """A file the user asked for (an image, a PDF) could not be written."""
