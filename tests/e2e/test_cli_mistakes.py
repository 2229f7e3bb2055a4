"""A user's mistake never ends in a traceback: one line on stderr, exit 2 for a usage error,
1 for a refused input or a machine that said no (full disk), and nothing half written."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader import cli
from reader.core.errors import KeyPasswordError
from reader.core.minisign import SecretKey
from tests.helpers import bundles

REPO_ROOT = Path(__file__).resolve().parents[2]
# How long one dtn command may take, in seconds.
COMMAND_TIMEOUT_S = 60


def dtn(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DTN_LIBRARY": str(cwd / "default-library")}
    env.pop("DTN_KEY_PASSWORD", None)
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT_S, check=False)


def assert_one_line(result, code: int, *words: str) -> str:
    """The run failed with ``code`` and said so in one ``dtn:`` line naming ``words``."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(lines) == 1 and lines[0].startswith("dtn: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """keys/plain.key (unencrypted), keys/locked.key (password "geheim", cheap scrypt limits),
    src/ (an example edition source)."""
    folder = tmp_path_factory.mktemp("mistakes")
    keys = folder / "keys"
    keys.mkdir()
    key = bundles.new_key()
    (keys / "plain.key").write_bytes(key.to_file())
    (keys / "locked.key").write_bytes(bundles.cheap_protected_key(key, "geheim"))
    (keys / "right.txt").write_text("geheim\n", encoding="utf-8")
    (keys / "wrong.txt").write_text("fout\n", encoding="utf-8")
    (keys / "garbage.key").write_text("not a key\n", encoding="utf-8")
    assert dtn("init", "src", cwd=folder).returncode == 0
    return folder


def test_build_into_a_missing_folder(work, tmp_path):
    result = dtn("build", str(work / "src"), "--key", str(work / "keys/plain.key"), "--out", "nowhere/e.dtnb", cwd=tmp_path)
    assert_one_line(result, 2, "nowhere", "does not exist")
    assert files_in(tmp_path) == []


def test_build_onto_a_folder(work, tmp_path):
    (tmp_path / "out").mkdir()
    result = dtn("build", str(work / "src"), "--key", str(work / "keys/plain.key"), "--out", "out", cwd=tmp_path)
    assert_one_line(result, 2, "is a folder")


@pytest.mark.parametrize(("key", "code", "words"), [
    ("keys/missing.key", 2, ("cannot read key", "missing.key")),
    ("keys", 2, ("cannot read key",)),  # a folder: unreadable as a key
    ("keys/garbage.key", 1, ("secret key",)),
])
def test_build_with_an_unreadable_key(work, tmp_path, key, code, words):
    result = dtn("build", str(work / "src"), "--key", str(work / key), "--out", "e.dtnb", cwd=tmp_path)
    assert_one_line(result, code, *words)
    assert files_in(tmp_path) == []


def test_build_with_a_wrong_password(work, tmp_path):
    result = dtn("build", str(work / "src"), "--key", str(work / "keys/locked.key"),
                 "--password-file", str(work / "keys/wrong.txt"), "--out", "e.dtnb", cwd=tmp_path)
    assert_one_line(result, 1, "wrong password")
    assert files_in(tmp_path) == []


def test_build_with_the_right_password_file(work, tmp_path):
    result = dtn("build", str(work / "src"), "--key", str(work / "keys/locked.key"),
                 "--password-file", str(work / "keys/right.txt"), "--out", "e.dtnb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert files_in(tmp_path) == ["e.dtnb"]


def test_an_encrypted_key_without_a_terminal_asks_for_a_password_file(work, tmp_path):
    result = dtn("build", str(work / "src"), "--key", str(work / "keys/locked.key"), "--out", "e.dtnb", cwd=tmp_path)
    assert_one_line(result, 2, "no terminal", "--password-file")


@pytest.mark.parametrize(("content", "words"), [(b"", ("is empty",)), (b"\xff\xfe\n", ("not UTF-8",)),
                                                (b"x" * 5000, ("larger than",))])
def test_a_bad_password_file(work, tmp_path, content, words):
    (tmp_path / "pw").write_bytes(content)
    result = dtn("keygen", "k", "--out", "keys", "--password-file", str(tmp_path / "pw"), cwd=tmp_path)
    assert_one_line(result, 2, *words)
    assert files_in(tmp_path) == ["pw"]


def test_keygen_without_a_terminal_writes_nothing(tmp_path):
    result = dtn("keygen", "k", "--out", "keys", cwd=tmp_path)
    assert_one_line(result, 2, "--password-file")
    assert files_in(tmp_path) == []


def test_keygen_encrypts_by_default(tmp_path):
    """With a password (from a file here) the secret key is minisign's scrypt-encrypted form."""
    (tmp_path / "pw").write_text("correct horse\n", encoding="utf-8")
    result = dtn("keygen", "k", "--out", "keys", "--password-file", "pw", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "encrypted with your password" in result.stdout
    data = (tmp_path / "keys/k.key").read_bytes()
    import base64

    assert base64.b64decode(data.splitlines()[1])[2:4] == b"Sc"  # minisign's KDF id for scrypt
    with pytest.raises(KeyPasswordError):
        SecretKey.from_bytes(data)


def test_keygen_asks_twice_and_refuses_a_mismatch(monkeypatch, tmp_path, capsys):
    answers = iter(["een", "twee"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.delenv("DTN_KEY_PASSWORD", raising=False)
    assert cli.main(["keygen", "k", "--out", str(tmp_path / "keys")]) == 2
    assert "the two passwords differ" in capsys.readouterr().err
    assert files_in(tmp_path) == []


def test_keygen_asks_and_refuses_an_empty_password(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "")
    monkeypatch.delenv("DTN_KEY_PASSWORD", raising=False)
    assert cli.main(["keygen", "k", "--out", str(tmp_path / "keys")]) == 2
    assert "--no-password" in capsys.readouterr().err
    assert files_in(tmp_path) == []


def test_a_full_disk_while_building(work, tmp_path, monkeypatch, capsys):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cli.os, "fsync", full)
    out = tmp_path / "e.dtnb"
    code = cli.main(["build", str(work / "src"), "--key", str(work / "keys/plain.key"), "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [f"dtn: cannot write {out}: No space left on device"]
    assert files_in(tmp_path) == []  # neither the bundle nor its temporary file


def test_a_full_disk_while_generating_a_key(tmp_path, monkeypatch, capsys):
    real_open = open

    def full_on_pub(path, *args, **kwargs):
        if str(path).endswith(".pub"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_on_pub)
    code = cli.main(["keygen", "k", "--out", str(tmp_path / "keys"), "--no-password"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [f"dtn: {tmp_path / 'keys' / 'k.pub'}: No space left on device"]
    assert files_in(tmp_path) == []  # never half a key pair


def _tmpfs(size_kb: int, folder: Path, *command: str) -> subprocess.CompletedProcess | None:
    """Run ``command`` with a real, full tmpfs on ``folder`` (in a private mount namespace, so
    no root is needed and nothing outside sees it); None where the system allows none."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        return None
    # Mount, fill it up to the last byte, then run the command on the full disk.
    script = (f'mount -t tmpfs -o size={size_kb}k dtn-full "$1" && '
              '{ dd if=/dev/zero of="$1/filler" bs=1k 2>/dev/null || true; } && shift && exec "$@"')
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run([unshare, "-rm", "sh", "-c", script, "sh", str(folder), *command], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT_S, check=False)


def test_a_really_full_disk(work, tmp_path):
    """The same on a real, tiny file system: the bundle does not fit."""
    disk = tmp_path / "disk"
    disk.mkdir()
    result = _tmpfs(64, disk, sys.executable, "-m", "reader", "build", str(work / "src"),
                    "--key", str(work / "keys/plain.key"), "--out", str(disk / "e.dtnb"))
    if result is None:
        pytest.skip("this system allows no private tmpfs (unshare -rm); test_a_full_disk_while_building covers it")
    assert_one_line(result, 1, "No space left on device")


def test_version_names_the_app_python_and_qt(tmp_path):
    import platform

    result = dtn("--version", cwd=tmp_path)
    assert result.returncode == 0
    line = result.stdout.strip()
    assert line.startswith(f"DTN Reader {__version__} (Python {platform.python_version()}, Qt 6.")


@pytest.mark.parametrize("args", [("build",), ("frobnicate",), ("verify",), ("keygen", "k", "--out", "x", "--no-password", "--password-file", "f")])
def test_usage_errors_are_one_line(tmp_path, args):
    assert_one_line(dtn(*args, cwd=tmp_path), 2)
