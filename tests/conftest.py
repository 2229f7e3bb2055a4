import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from reader.core.minisign import SecretKey  # noqa: E402
from reader.core.trust import TrustStore  # noqa: E402
from tests.helpers import bundles  # noqa: E402


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
