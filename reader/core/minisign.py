"""Keys and signatures, byte-compatible with the minisign tool.

Only the prehashed ``ED`` algorithm is produced and accepted: the signature
covers BLAKE2b-512 of the message, and a global signature covers the
signature plus the trusted comment, so the trusted comment is authenticated
too. The key id in a signature is only a hint for which key to try.

File layouts (as minisign writes them):

    public key:  "untrusted comment: ..." / base64("Ed" + keyid[8] + pk[32])
    secret key:  "untrusted comment: ..." / base64("Ed" + kdf[2] + "B2" + salt[32]
                 + opslimit[8] + memlimit[8] + enc(keyid[8] + sk[64] + chk[32]))
    signature:   "untrusted comment: ..." / base64("ED" + keyid[8] + sig[64])
                 "trusted comment: ..."   / base64(global_sig[64])
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

# cryptography is imported where a key is made or a signature made or checked: reading the trust
# store and parsing keys and signatures need none of it, and it costs a process about 7 MB
# (the GUI's window reads the library without ever verifying).
from reader.core.errors import (
    KeyFormatError,
    KeyPasswordError,
    SignatureAlgorithmError,
    SignatureFormatError,
    SignatureInvalidError,
)

SIGALG = b"Ed"
SIGALG_PREHASHED = b"ED"
KDFALG_SCRYPT = b"Sc"
KDFALG_NONE = b"\x00\x00"
CHKALG = b"B2"

# Caps (bytes). minisign itself allows 1024-byte untrusted and 8192-byte trusted comments.
MAX_SIGNATURE_FILE_BYTES = 16 * 1024
MAX_KEY_FILE_BYTES = 16 * 1024
MAX_TRUSTED_COMMENT_BYTES = 8192
MAX_UNTRUSTED_COMMENT_BYTES = 1024

# minisign's defaults for password-protected keys (libsodium's "sensitive" limits).
SCRYPT_OPSLIMIT = 33554432
SCRYPT_MEMLIMIT = 1073741824
# Refuse absurd KDF parameters in a key file (memory in bytes).
MAX_SCRYPT_MEMLIMIT = 2 * 1024 * 1024 * 1024

UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "


def format_key_id(key_id: bytes) -> str:
    """Key id as minisign prints it: the 8 bytes as a little-endian integer in upper-case hex."""
    return format(int.from_bytes(key_id, "little"), "X")


def parse_key_id(text: str) -> bytes:
    """Inverse of :func:`format_key_id`; accepts the hex with or without leading zeros."""
    try:
        value = int(text.strip(), 16)
        return value.to_bytes(8, "little")
    except (ValueError, OverflowError):
        raise KeyFormatError(f"'{text}' is not a key id (16 hexadecimal digits)", code="key-id-invalid", text=text) from None


def _b64decode(data: str, what: str, error: type[Exception]) -> bytes:
    try:
        return base64.b64decode(data.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise error(f"{what}: not valid base64") from None


def _lines(data: bytes, what: str, error: type[Exception]) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{what}: not UTF-8 text") from None
    # minisign strips trailing CR/LF from each line, so CRLF files work too.
    return [line.rstrip("\r") for line in text.split("\n")]


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes
    public_key: bytes  # 32 bytes
    comment: str = ""

    @property
    def key_id_hex(self) -> str:
        return format_key_id(self.key_id)

    def encode_line(self) -> str:
        return base64.b64encode(SIGALG + self.key_id + self.public_key).decode("ascii")

    def to_file(self) -> bytes:
        comment = self.comment or f"minisign public key {self.key_id_hex}"
        return f"{UNTRUSTED_PREFIX}{comment}\n{self.encode_line()}\n".encode()

    @property
    def fingerprint(self) -> str:
        """The base64 line minisign users compare: it holds key id and key."""
        return self.encode_line()

    @classmethod
    def from_line(cls, line: str, comment: str = "") -> PublicKey:
        raw = _b64decode(line, "public key", KeyFormatError)
        if len(raw) != 42:
            raise KeyFormatError(f"public key: {len(raw)} bytes where minisign keys have 42", code="key-public-length", size=len(raw))
        if raw[:2] != SIGALG:
            raise KeyFormatError("public key: not an Ed25519 minisign key", code="key-public-algorithm")
        return cls(raw[2:10], raw[10:42], comment)

    @classmethod
    def from_bytes(cls, data: bytes) -> PublicKey:
        if len(data) > MAX_KEY_FILE_BYTES:
            raise KeyFormatError(
                f"public key file is larger than {MAX_KEY_FILE_BYTES} bytes", code="key-public-file-too-large", limit=MAX_KEY_FILE_BYTES
            )
        lines = [line for line in _lines(data, "public key", KeyFormatError) if line.strip()]
        comment = ""
        if lines and lines[0].startswith(UNTRUSTED_PREFIX):
            comment = lines[0][len(UNTRUSTED_PREFIX):]
            lines = lines[1:]
        if len(lines) != 1:
            raise KeyFormatError("public key file must hold one comment line and one key line", code="key-public-lines")
        return cls.from_line(lines[0], comment)


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    secret_key: bytes  # 64 bytes: seed + public key, as libsodium stores it
    comment: str = ""

    @property
    def seed(self) -> bytes:
        return self.secret_key[:32]

    @property
    def public(self) -> PublicKey:
        return PublicKey(self.key_id, self.secret_key[32:])

    @property
    def key_id_hex(self) -> str:
        return format_key_id(self.key_id)

    def _checksum(self) -> bytes:
        return hashlib.blake2b(SIGALG + self.key_id + self.secret_key, digest_size=32).digest()

    def to_file(self, password: str | None = None) -> bytes:
        """Serialise as minisign does; unencrypted (like ``minisign -G -W``) without a password."""
        if password is None:
            # minisign -W leaves salt, limits and checksum zeroed; so do we.
            kdf, salt, ops, mem = KDFALG_NONE, bytes(32), 0, 0
            body = self.key_id + self.secret_key + bytes(32)
        else:
            plain = self.key_id + self.secret_key + self._checksum()
            kdf, salt, ops, mem = KDFALG_SCRYPT, os.urandom(32), SCRYPT_OPSLIMIT, SCRYPT_MEMLIMIT
            stream = _scrypt_stream(password, salt, ops, mem, len(plain))
            body = bytes(a ^ b for a, b in zip(plain, stream))
        raw = SIGALG + kdf + CHKALG + salt + ops.to_bytes(8, "little") + mem.to_bytes(8, "little") + body
        comment = self.comment or "minisign secret key"
        return f"{UNTRUSTED_PREFIX}{comment}\n{base64.b64encode(raw).decode('ascii')}\n".encode()

    @classmethod
    def generate(cls) -> SecretKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

        private = Ed25519PrivateKey.generate()
        seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return cls(os.urandom(8), seed + public)

    @classmethod
    def from_bytes(cls, data: bytes, password: str | None = None) -> SecretKey:
        if len(data) > MAX_KEY_FILE_BYTES:
            raise KeyFormatError(
                f"secret key file is larger than {MAX_KEY_FILE_BYTES} bytes", code="key-secret-file-too-large", limit=MAX_KEY_FILE_BYTES
            )
        lines = [line for line in _lines(data, "secret key", KeyFormatError) if line.strip()]
        comment = ""
        if lines and lines[0].startswith(UNTRUSTED_PREFIX):
            comment = lines[0][len(UNTRUSTED_PREFIX):]
            lines = lines[1:]
        if len(lines) != 1:
            raise KeyFormatError("secret key file must hold one comment line and one key line", code="key-secret-lines")
        raw = _b64decode(lines[0], "secret key", KeyFormatError)
        if len(raw) != 158:
            raise KeyFormatError(
                f"secret key: {len(raw)} bytes where minisign secret keys have 158", code="key-secret-length", size=len(raw)
            )
        if raw[:2] != SIGALG or raw[4:6] != CHKALG:
            raise KeyFormatError("secret key: not an Ed25519 minisign secret key", code="key-secret-algorithm")
        kdf, salt = raw[2:4], raw[6:38]
        ops = int.from_bytes(raw[38:46], "little")
        mem = int.from_bytes(raw[46:54], "little")
        body = raw[54:]
        if kdf == KDFALG_SCRYPT:
            if password is None:
                raise KeyPasswordError("this secret key is protected by a password; give the password", code="key-password-needed")
            if mem > MAX_SCRYPT_MEMLIMIT:
                raise KeyFormatError("secret key: key-derivation memory limit is unreasonably high", code="key-secret-kdf-limits")
            stream = _scrypt_stream(password, salt, ops, mem, len(body))
            body = bytes(a ^ b for a, b in zip(body, stream))
        elif kdf != KDFALG_NONE:
            raise KeyFormatError("secret key: unknown key-derivation algorithm", code="key-secret-kdf-unknown")
        key = cls(body[:8], body[8:72], comment)
        unchecked = kdf == KDFALG_NONE and body[72:104] == bytes(32)  # as minisign -W writes it
        if not unchecked and key._checksum() != body[72:104]:
            if kdf == KDFALG_SCRYPT:
                raise KeyPasswordError("wrong password for this secret key", code="key-password-wrong")
            raise KeyFormatError("secret key: checksum does not match (file damaged)", code="key-secret-checksum")
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        private = Ed25519PrivateKey.from_private_bytes(key.seed)
        if private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) != key.secret_key[32:]:
            raise KeyFormatError("secret key: public half does not match the secret half", code="key-secret-mismatch")
        return key

    def sign(self, message: bytes, trusted_comment: str, untrusted_comment: str = "signature from dtn secret key") -> bytes:
        """Sign ``message`` (prehashed ``ED``) and return the ``.minisig`` file's bytes."""
        if "\n" in trusted_comment or "\r" in trusted_comment:
            raise ValueError("trusted comment must be one line")
        if len(trusted_comment.encode()) > MAX_TRUSTED_COMMENT_BYTES - len(TRUSTED_PREFIX):
            raise ValueError("trusted comment too long")
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        private = Ed25519PrivateKey.from_private_bytes(self.seed)
        signature = private.sign(hashlib.blake2b(message, digest_size=64).digest())
        global_signature = private.sign(signature + trusted_comment.encode())
        sig_line = base64.b64encode(SIGALG_PREHASHED + self.key_id + signature).decode("ascii")
        return (
            f"{UNTRUSTED_PREFIX}{untrusted_comment}\n{sig_line}\n"
            f"{TRUSTED_PREFIX}{trusted_comment}\n{base64.b64encode(global_signature).decode('ascii')}\n"
        ).encode()


def _scrypt_stream(password: str, salt: bytes, opslimit: int, memlimit: int, length: int) -> bytes:
    """libsodium's crypto_pwhash_scryptsalsa208sha256 with minisign's parameter mapping."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    n_log2, r, p = _pick_scrypt_params(opslimit, memlimit)
    kdf = Scrypt(salt=salt, length=length, n=1 << n_log2, r=r, p=p)
    return kdf.derive(password.encode("utf-8"))


def _pick_scrypt_params(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    # Mirrors libsodium's pickparams() so our keys and minisign's agree.
    opslimit = max(opslimit, 32768)
    r = 8
    if opslimit < memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
    else:
        max_n = memlimit // (r * 128)
    n_log2 = 1
    while n_log2 < 63 and not (1 << n_log2) > max_n // 2:
        n_log2 += 1
    if not opslimit < memlimit // 32:
        max_rp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
        p = max(max_rp // r, 1)
    return n_log2, r, p


@dataclass(frozen=True)
class Signature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    @property
    def key_id_hex(self) -> str:
        return format_key_id(self.key_id)

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """Parse a ``.minisig`` file. Raises SignatureFormatError or SignatureAlgorithmError."""
        if len(data) > MAX_SIGNATURE_FILE_BYTES:
            raise SignatureFormatError(
                f"signature file is larger than {MAX_SIGNATURE_FILE_BYTES} bytes", code="signature-file-too-large", limit=MAX_SIGNATURE_FILE_BYTES
            )
        lines = _lines(data, "signature file", SignatureFormatError)
        while lines and lines[-1] == "":
            lines.pop()
        if len(lines) != 4:
            raise SignatureFormatError(
                f"signature file has {len(lines)} lines where 4 are expected", code="signature-line-count", lines=len(lines)
            )
        untrusted, sig_line, trusted, global_line = lines
        if not untrusted.startswith(UNTRUSTED_PREFIX):
            raise SignatureFormatError("signature file: first line is not an untrusted comment", code="signature-untrusted-comment")
        if len(untrusted.encode()) > MAX_UNTRUSTED_COMMENT_BYTES + len(UNTRUSTED_PREFIX):
            raise SignatureFormatError("signature file: untrusted comment too long", code="signature-untrusted-comment-long")
        raw = _b64decode(sig_line, "signature", SignatureFormatError)
        if len(raw) != 74:
            raise SignatureFormatError(f"signature is {len(raw)} bytes where 74 are expected", code="signature-length", size=len(raw))
        algorithm = raw[:2]
        if algorithm == SIGALG:
            raise SignatureAlgorithmError(
                "legacy non-prehashed signature (Ed); only prehashed ED signatures are accepted", code="signature-legacy"
            )
        if algorithm != SIGALG_PREHASHED:
            raise SignatureAlgorithmError(
                "unknown signature algorithm; only prehashed ED signatures are accepted", code="signature-algorithm-unknown"
            )
        if not trusted.startswith(TRUSTED_PREFIX):
            raise SignatureFormatError("signature file: third line is not a trusted comment", code="signature-trusted-comment")
        trusted_comment = trusted[len(TRUSTED_PREFIX):]
        if len(trusted_comment.encode()) > MAX_TRUSTED_COMMENT_BYTES:
            raise SignatureFormatError("signature file: trusted comment too long", code="signature-trusted-comment-long")
        global_signature = _b64decode(global_line, "global signature", SignatureFormatError)
        if len(global_signature) != 64:
            raise SignatureFormatError(
                f"global signature is {len(global_signature)} bytes where 64 are expected", code="signature-global-length", size=len(global_signature)
            )
        return cls(algorithm, raw[2:10], raw[10:74], trusted_comment, global_signature)

    def verify(self, message: bytes, key: PublicKey) -> None:
        """Check the signature over ``message`` and the global signature over the trusted comment.

        Raises SignatureInvalidError.
        """
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        public = Ed25519PublicKey.from_public_bytes(key.public_key)
        digest = hashlib.blake2b(message, digest_size=64).digest()
        try:
            public.verify(self.signature, digest)
        except InvalidSignature:
            raise SignatureInvalidError(
                f"signature by key {key.key_id_hex} does not match the signed file (altered or forged)", code="signature-mismatch", key_id=key.key_id_hex
            ) from None
        try:
            public.verify(self.global_signature, self.signature + self.trusted_comment.encode())
        except InvalidSignature:
            raise SignatureInvalidError(
                f"trusted comment signed by key {key.key_id_hex} was altered (global signature does not verify)", code="signature-comment-altered", key_id=key.key_id_hex
            ) from None
