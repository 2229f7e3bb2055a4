"""Keys and signatures in minisign's formats (reader.core.minisign)."""

from __future__ import annotations

import base64
import hashlib

import pytest

from reader.core.errors import (
    KeyFormatError,
    KeyPasswordError,
    SignatureAlgorithmError,
    SignatureFormatError,
    SignatureInvalidError,
)
from reader.core.minisign import (
    MAX_SIGNATURE_FILE_BYTES,
    PublicKey,
    SecretKey,
    Signature,
    format_key_id,
    parse_key_id,
)
from tests.helpers import bundles
from tests.helpers.bundles import edit_signature_lines, legacy_signature

MESSAGE = b"manifest bytes\n" * 10
COMMENT = "timestamp:1718092800\tfile:manifest.json\thashed"


@pytest.fixture(scope="module")
def key() -> SecretKey:
    return SecretKey.generate()


@pytest.fixture(scope="module")
def sig_file(key: SecretKey) -> bytes:
    return key.sign(MESSAGE, COMMENT)


# --- keys ---------------------------------------------------------------------------


def test_public_key_file_round_trip(key: SecretKey) -> None:
    data = key.public.to_file()
    assert data.startswith(b"untrusted comment: minisign public key " + key.key_id_hex.encode() + b"\n")
    loaded = PublicKey.from_bytes(data)
    assert (loaded.key_id, loaded.public_key) == (key.key_id, key.public.public_key)
    assert loaded.fingerprint == key.public.fingerprint
    assert base64.b64decode(loaded.fingerprint) == b"Ed" + key.key_id + key.public.public_key


def test_public_key_from_bare_line(key: SecretKey) -> None:
    assert PublicKey.from_line(key.public.encode_line()).public_key == key.public.public_key


def test_unencrypted_secret_key_round_trip(key: SecretKey) -> None:
    data = key.to_file()
    loaded = SecretKey.from_bytes(data)
    assert (loaded.key_id, loaded.secret_key) == (key.key_id, key.secret_key)
    # like `minisign -G -W`: no KDF, zeroed salt, limits and checksum
    raw = base64.b64decode(data.splitlines()[1])
    assert raw[:6] == b"Ed\x00\x00B2" and raw[6:54] == bytes(48) and raw[-32:] == bytes(32)


def test_signature_round_trip(key: SecretKey, sig_file: bytes) -> None:
    sig = Signature.from_bytes(sig_file)
    assert sig.algorithm == b"ED"
    assert sig.key_id == key.key_id
    assert sig.trusted_comment == COMMENT
    sig.verify(MESSAGE, key.public)


def test_signature_over_other_message_fails(key: SecretKey, sig_file: bytes) -> None:
    with pytest.raises(SignatureInvalidError, match="does not match the signed file"):
        Signature.from_bytes(sig_file).verify(MESSAGE + b"x", key.public)


def test_signature_with_another_key_fails(sig_file: bytes) -> None:
    with pytest.raises(SignatureInvalidError, match="does not match the signed file"):
        Signature.from_bytes(sig_file).verify(MESSAGE, SecretKey.generate().public)


def test_signatures_are_deterministic(key: SecretKey) -> None:
    assert key.sign(MESSAGE, COMMENT) == key.sign(MESSAGE, COMMENT)


def test_sign_refuses_multi_line_trusted_comment(key: SecretKey) -> None:
    with pytest.raises(ValueError):
        key.sign(MESSAGE, "one\ntwo")


# --- key id ---------------------------------------------------------------------------


def test_key_id_is_shown_like_minisign() -> None:
    # minisign prints the id as a little-endian integer in upper-case hex without zero padding.
    key_id = (0x07F9B4C19EB0495B).to_bytes(8, "little")
    assert format_key_id(key_id) == "7F9B4C19EB0495B"
    assert parse_key_id("7F9B4C19EB0495B") == key_id
    assert parse_key_id("07F9B4C19EB0495B") == key_id
    assert parse_key_id("7f9b4c19eb0495b") == key_id


def test_key_id_hex_of_keys_and_signatures(key: SecretKey, sig_file: bytes) -> None:
    expected = format(int.from_bytes(key.key_id, "little"), "X")
    assert key.key_id_hex == key.public.key_id_hex == Signature.from_bytes(sig_file).key_id_hex == expected
    assert expected == expected.upper() and not expected.startswith("0")


@pytest.mark.parametrize("text", ["XYZ", "", "1" * 17])
def test_bad_key_id_refused(text: str) -> None:
    with pytest.raises(KeyFormatError, match="is not a key id"):
        parse_key_id(text)


# --- CRLF ---------------------------------------------------------------------------------


def test_crlf_signature_public_and_secret_key(key: SecretKey, sig_file: bytes) -> None:
    crlf = sig_file.replace(b"\n", b"\r\n")
    assert b"\r\n" in crlf
    sig = Signature.from_bytes(crlf)
    assert sig.trusted_comment == COMMENT  # no stray CR in the authenticated comment
    sig.verify(MESSAGE, PublicKey.from_bytes(key.public.to_file().replace(b"\n", b"\r\n")))
    assert SecretKey.from_bytes(key.to_file().replace(b"\n", b"\r\n")).secret_key == key.secret_key


# --- refused signatures -------------------------------------------------------------------------


def test_legacy_ed_signature_refused(key: SecretKey) -> None:
    with pytest.raises(SignatureAlgorithmError, match="legacy non-prehashed signature"):
        Signature.from_bytes(legacy_signature(key, MESSAGE))


def test_unknown_algorithm_refused(sig_file: bytes) -> None:
    def other_alg(lines: list[str]) -> list[str]:
        raw = base64.b64decode(lines[1])
        return [lines[0], base64.b64encode(b"EX" + raw[2:]).decode(), *lines[2:]]

    with pytest.raises(SignatureAlgorithmError, match="unknown signature algorithm"):
        Signature.from_bytes(edit_signature_lines(sig_file, other_alg))


def test_edited_trusted_comment_refused(key: SecretKey, sig_file: bytes) -> None:
    edited = edit_signature_lines(sig_file, lambda lines: [*lines[:2], lines[2].replace("1718092800", "1918092800"), lines[3]])
    sig = Signature.from_bytes(edited)
    with pytest.raises(SignatureInvalidError, match="trusted comment .* was altered"):
        sig.verify(MESSAGE, key.public)


def _b64_of(n: int) -> str:
    return base64.b64encode(b"\x01" * n).decode()


MALFORMED_SIGNATURES = {
    "bad base64 in signature line": (lambda l: [l[0], l[1][:-4] + "!!!!", l[2], l[3]], "signature: not valid base64"),
    "bad base64 in global signature": (lambda l: [l[0], l[1], l[2], "*" + l[3][1:]], "global signature: not valid base64"),
    "signature line too short": (lambda l: [l[0], _b64_of(73), l[2], l[3]], "signature is 73 bytes where 74"),
    "signature line too long": (lambda l: [l[0], _b64_of(75), l[2], l[3]], "signature is 75 bytes where 74"),
    "global signature too short": (lambda l: [l[0], l[1], l[2], _b64_of(63)], "global signature is 63 bytes where 64"),
    "global signature too long": (lambda l: [l[0], l[1], l[2], _b64_of(65)], "global signature is 65 bytes where 64"),
    "global signature line missing": (lambda l: l[:3], "3 lines where 4 are expected"),
    "trusted comment lines missing": (lambda l: l[:2], "2 lines where 4 are expected"),
    "extra line": (lambda l: [*l, "trailing"], "5 lines where 4 are expected"),
    "empty file": (lambda l: [], "0 lines where 4 are expected"),
    "no untrusted comment prefix": (lambda l: ["comment: x", *l[1:]], "first line is not an untrusted comment"),
    "no trusted comment prefix": (lambda l: [l[0], l[1], "comment: x", l[3]], "third line is not a trusted comment"),
    "untrusted comment too long": (lambda l: ["untrusted comment: " + "u" * 1025, *l[1:]], "untrusted comment too long"),
    "trusted comment too long": (lambda l: [l[0], l[1], "trusted comment: " + "t" * 8193, l[3]], "trusted comment too long"),
}


@pytest.mark.parametrize("case", MALFORMED_SIGNATURES, ids=list(MALFORMED_SIGNATURES))
def test_malformed_signature_refused(sig_file: bytes, case: str) -> None:
    edit, message = MALFORMED_SIGNATURES[case]
    with pytest.raises(SignatureFormatError, match=message):
        Signature.from_bytes(edit_signature_lines(sig_file, edit))


def test_oversized_signature_file_refused(sig_file: bytes) -> None:
    big = sig_file + b"\n" * (MAX_SIGNATURE_FILE_BYTES + 1 - len(sig_file))
    assert len(big) == MAX_SIGNATURE_FILE_BYTES + 1
    with pytest.raises(SignatureFormatError, match=f"larger than {MAX_SIGNATURE_FILE_BYTES} bytes"):
        Signature.from_bytes(big)
    # exactly at the cap is still read (trailing empty lines are allowed)
    assert Signature.from_bytes(big[:-1]).trusted_comment == COMMENT


def test_signature_not_utf8_refused(sig_file: bytes) -> None:
    with pytest.raises(SignatureFormatError, match="not UTF-8"):
        Signature.from_bytes(sig_file.replace(b"untrusted comment: ", b"untrusted comment: \xff"))


# --- refused keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"untrusted comment: x\n!!!notbase64\n", "public key: not valid base64"),
        (b"untrusted comment: x\n" + base64.b64encode(b"Ed" + bytes(39)) + b"\n", "41 bytes where minisign keys have 42"),
        (b"untrusted comment: x\n" + base64.b64encode(b"ED" + bytes(40)) + b"\n", "not an Ed25519 minisign key"),
        (b"untrusted comment: x\n", "one comment line and one key line"),
        (b"untrusted comment: x\nAAAA\nAAAA\n", "one comment line and one key line"),
        (b"x" * (16 * 1024 + 1), "larger than 16384 bytes"),
    ],
    ids=["bad base64", "wrong length", "wrong algorithm", "key line missing", "two key lines", "oversized"],
)
def test_malformed_public_key_refused(data: bytes, message: str) -> None:
    with pytest.raises(KeyFormatError, match=message):
        PublicKey.from_bytes(data)


def _secret_raw(key: SecretKey) -> bytearray:
    return bytearray(base64.b64decode(key.to_file().splitlines()[1]))


def _secret_file(raw: bytes) -> bytes:
    return b"untrusted comment: test\n" + base64.b64encode(bytes(raw)) + b"\n"


def test_secret_key_with_checksum_is_checked(key: SecretKey) -> None:
    raw = _secret_raw(key)
    checksum = hashlib.blake2b(b"Ed" + key.key_id + key.secret_key, digest_size=32).digest()
    raw[-32:] = checksum
    assert SecretKey.from_bytes(_secret_file(raw)).secret_key == key.secret_key
    raw[-1] ^= 1
    with pytest.raises(KeyFormatError, match="checksum does not match"):
        SecretKey.from_bytes(_secret_file(raw))


def test_secret_key_with_mismatched_halves_refused(key: SecretKey) -> None:
    raw = _secret_raw(key)
    raw[54 + 8 + 40] ^= 1  # a byte of the public half
    with pytest.raises(KeyFormatError, match="public half does not match"):
        SecretKey.from_bytes(_secret_file(raw))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw[:-1], "157 bytes where minisign secret keys have 158"),
        (lambda raw: b"ED" + raw[2:], "not an Ed25519 minisign secret key"),
        (lambda raw: raw[:2] + b"Xx" + raw[4:], "unknown key-derivation algorithm"),
    ],
    ids=["wrong length", "wrong algorithm", "unknown kdf"],
)
def test_malformed_secret_key_refused(key: SecretKey, change, message: str) -> None:
    with pytest.raises(KeyFormatError, match=message):
        SecretKey.from_bytes(_secret_file(change(bytes(_secret_raw(key)))))


# --- password-protected secret keys -----------------------------------------------------------------


def _cheap_protected_key(key: SecretKey, password: str) -> bytes:
    return bundles.cheap_protected_key(key, password)


def test_protected_key_with_small_limits_loads(key: SecretKey) -> None:
    assert SecretKey.from_bytes(_cheap_protected_key(key, "geheim"), "geheim").secret_key == key.secret_key


def test_protected_key_wrong_password_refused(key: SecretKey) -> None:
    with pytest.raises(KeyPasswordError, match="wrong password"):
        SecretKey.from_bytes(_cheap_protected_key(key, "geheim"), "fout")


def test_protected_key_without_password_refused(key: SecretKey) -> None:
    with pytest.raises(KeyPasswordError, match="protected by a password"):
        SecretKey.from_bytes(_cheap_protected_key(key, "geheim"))


def test_protected_key_with_absurd_memory_limit_refused(key: SecretKey) -> None:
    raw = bytearray(base64.b64decode(_cheap_protected_key(key, "geheim").splitlines()[1]))
    raw[46:54] = (1 << 40).to_bytes(8, "little")
    with pytest.raises(KeyFormatError, match="memory limit is unreasonably high"):
        SecretKey.from_bytes(_secret_file(raw), "geheim")


def test_password_protected_round_trip_at_minisign_limits(key: SecretKey) -> None:
    # scrypt at minisign's limits costs seconds and 1 GiB: this is the one full round trip.
    data = key.to_file("correct horse")
    raw = base64.b64decode(data.splitlines()[1])
    assert raw[2:4] == b"Sc"
    assert int.from_bytes(raw[38:46], "little") == 33554432
    assert int.from_bytes(raw[46:54], "little") == 1073741824
    assert key.secret_key not in raw
    loaded = SecretKey.from_bytes(data, "correct horse")
    assert (loaded.key_id, loaded.secret_key) == (key.key_id, key.secret_key)
