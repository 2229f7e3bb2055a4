import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from reader.core.minisign import SecretKey  # noqa: E402
from reader.core.trust import TrustStore  # noqa: E402
from tests.helpers import bundles, tree  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = "docs/screenshots"
_TREE = pytest.StashKey[dict | None]()


def pytest_addoption(parser) -> None:
    parser.addoption("--update-screenshots", action="store_true",
                     help=f"write the view screenshots into {SCREENSHOTS}/ (else a temporary folder)")


def pytest_sessionstart(session) -> None:
    session.config.stash[_TREE] = tree.snapshot(REPO_ROOT)


def pytest_sessionfinish(session, exitstatus) -> None:
    """Fail the run if it left the checkout other than it found it (git status)."""
    before = session.config.stash.get(_TREE, None)
    if before is None:
        return  # not a git checkout: nothing to compare
    after = tree.snapshot(REPO_ROOT) or {}
    ignore = (SCREENSHOTS,) if session.config.getoption("update_screenshots") else ()
    left = tree.changes(before, after, ignore)
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "the tests left the checkout changed (they must write to temporary folders):\n  " + "\n  ".join(left)
        if reporter is not None:
            reporter.write_line(message, red=True, bold=True)
        else:
            print(message)
        if session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED



@pytest.fixture(autouse=True)
def user_settings_file(tmp_path_factory, monkeypatch) -> Path:
    """Per-person settings (QSettings) in a temporary INI file, never the user's own; the
    first-run guide counts as seen, so only the tests about it meet it."""
    path = tmp_path_factory.mktemp("settings") / "settings.ini"
    path.write_text("[help]\nfirst_run_shown=true\n", encoding="utf-8")
    monkeypatch.setenv("DTN_SETTINGS_FILE", str(path))
    return path


@pytest.fixture(autouse=True)
def own_settings_file(tmp_path_factory, monkeypatch) -> Path:
    """Every test keeps the person's settings (QSettings) in a file of its own, never the
    user's real configuration; subprocesses inherit it through the environment."""
    path = tmp_path_factory.mktemp("settings") / "dtn-reader.ini"
    monkeypatch.setenv("DTN_SETTINGS", str(path))
    return path


@pytest.fixture(scope="session")
def publisher_key() -> SecretKey:
    """The key the trusted publisher signs with."""
    return bundles.new_key()


@pytest.fixture(scope="session")
def other_key() -> SecretKey:
    """A key nobody trusts."""
    return bundles.new_key()


@pytest.fixture
def trust_store(tmp_path: Path, publisher_key: SecretKey) -> TrustStore:
    """A trust store in a temporary folder that trusts ``publisher_key`` as a publisher."""
    return bundles.make_trust_store(tmp_path / "trust", publisher_key)


@pytest.fixture
def revoked_trust_store(tmp_path: Path, publisher_key: SecretKey) -> TrustStore:
    """The same key, listed but revoked."""
    return bundles.make_trust_store(tmp_path / "trust-revoked", publisher_key, revoked=True)


@pytest.fixture
def feed_trust_store(tmp_path: Path, publisher_key: SecretKey) -> TrustStore:
    """The same key, trusted only for feed signatures."""
    return bundles.make_trust_store(tmp_path / "trust-feed", publisher_key, role="feed")


@pytest.fixture(scope="session")
def bundle_bytes(publisher_key: SecretKey) -> bytes:
    """A valid bundle of the sample edition signed by ``publisher_key``."""
    return bundles.build(publisher_key)


@pytest.fixture
def bundle_path(tmp_path: Path, bundle_bytes: bytes) -> Path:
    return bundles.write(tmp_path / "edition.dtnb", bundle_bytes)
