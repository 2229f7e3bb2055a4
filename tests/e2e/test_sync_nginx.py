"""End to end against a real nginx (Debian's package), started by the test on a free 127.0.0.1
port with its own config and prefix folder, serving a feed folder with ETag, Range and gzip on
as a real site would. ``dtn fetch`` on one side, ``dtn import`` of the folder on the other.

In CI (``CI=true``) a missing nginx fails the test instead of skipping it: .ci/run installs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.feed import write_feed
from reader.core.library import Library
from reader.core.transport import Clock, HttpSource, HttpxFetcher, SyncLimits
from reader.core.trust import TrustStore
from tests.helpers import bundles, feeds
from tests.helpers import nginx as nginx_server

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def nginx(tmp_path: Path):
    if nginx_server.binary() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed; .ci/run must install Debian's nginx package")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    (tmp_path / "site").mkdir()
    with nginx_server.serve(tmp_path / "site", tmp_path / "nginx") as site:
        yield site


def dtn(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("DTN_LIBRARY", None)
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


def _library(folder: Path, publisher, feed_key) -> Path:
    trust = TrustStore(folder / "trust")
    trust.add(publisher.public.to_file(), name=bundles.PUBLISHER_NAME, role="publisher")
    trust.add(feed_key.public.to_file(), name="Testfeed", role="feed")
    return folder


def test_fetch_on_one_side_import_on_the_other(nginx, tmp_path: Path) -> None:
    publisher, feed_key = bundles.new_key(), bundles.new_key()
    keyfile = bundles.write(tmp_path / "feed.key", feed_key.to_file())
    bundles.write(nginx.root / "2024/juni.dtnb", feeds.edition(publisher, "dtn-2024-06", date="2024-06-11", level=3))
    bundles.write(nginx.root / "2024/december.dtnb", feeds.edition(publisher, "dtn-2024-12", date="2024-12-10", level=4))
    published = dtn("feed", str(nginx.root), "--key", str(keyfile), "--expires-days", "30", cwd=tmp_path)
    assert published.returncode == 0, published.stderr
    assert "version 1, 2 bundle(s)" in published.stdout

    connected = _library(tmp_path / "connected", publisher, feed_key)
    fetched = dtn("fetch", nginx.url, "--to", str(tmp_path / "stick"), "--library", str(connected), cwd=tmp_path)
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    assert "fetched: dtn-2024-06 revision 1" in fetched.stdout and "2 bundle(s) verified, 0 refused" in fetched.stdout
    assert sorted(p.relative_to(tmp_path / "stick").as_posix() for p in (tmp_path / "stick").rglob("*") if p.is_file()) == [
        "2024/december.dtnb", "2024/juni.dtnb", "feed.json", "feed.json.minisig"]
    # nginx has gzip on; the reader asks for plain bodies and gets them.
    assert all('"identity"' in line for line in nginx.log()), nginx.log()

    air_gapped = _library(tmp_path / "air-gapped", publisher, feed_key)
    imported = dtn("import", str(tmp_path / "stick"), "--library", str(air_gapped), cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "imported: dtn-2024-12 revision 1" in imported.stdout
    assert "NEW NATIONAL THREAT LEVEL: 4 Substantieel (was none)" in imported.stdout
    with Library.open(air_gapped) as lib:
        assert [e.bundle_id for e in lib.editions()] == ["dtn-2024-12", "dtn-2024-06"]

    # A stick whose feed was rolled back is refused on the air-gapped side (exit 1, nothing changes).
    write_feed(nginx.root, feed_key)  # version 2 on the server
    assert dtn("sync", nginx.url, "--library", str(air_gapped), cwd=tmp_path).returncode == 0
    again = dtn("import", str(tmp_path / "stick"), "--library", str(air_gapped), cwd=tmp_path)
    assert again.returncode == 1 and "older than version 2 accepted before" in again.stderr


def test_unchanged_feed_costs_one_conditional_request_and_range_resumes(nginx, tmp_path: Path) -> None:
    publisher, feed_key = bundles.new_key(), bundles.new_key()
    big = feeds.edition(publisher, "dtn-2025-06", date="2025-06-10", pad=500_000)
    bundles.write(nginx.root / "groot.dtnb", big)
    write_feed(nginx.root, feed_key)
    lib_dir = _library(tmp_path / "lib", publisher, feed_key)
    first = dtn("sync", nginx.url, "--library", str(lib_dir), cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    before = len(nginx.log())
    second = dtn("sync", nginx.url, "--library", str(lib_dir), cwd=tmp_path)
    assert second.returncode == 0 and "(feed unchanged)" in second.stdout
    requests = nginx.log()[before:]
    assert len(requests) == 1 and requests[0].startswith("GET /feed.json 304 0 ") and '"-"' not in requests[0].split('" "')[1], requests

    # Range against nginx: half a bundle in the partial file, the rest asked for and appended.
    with Library.open(lib_dir) as lib:
        from reader.core.feed import FEED_NAME, FEED_SIGNATURE_NAME, verify_feed

        vf = verify_feed((nginx.root / FEED_NAME).read_bytes(), (nginx.root / FEED_SIGNATURE_NAME).read_bytes(), lib.trust)
    [entry] = vf.feed.entries
    partial = tmp_path / "partial"
    partial.write_bytes(big[: len(big) // 3])
    source = HttpSource([nginx.url], HttpxFetcher(SyncLimits()))
    try:
        source.read_bundle(entry, partial, Clock(SyncLimits()), lambda n: None)
    finally:
        source.close()
    assert partial.read_bytes() == big
    last = nginx.log()[-1]
    method, uri, status, body, _sent, rng = last.split(" ")[:6]
    assert (method, uri, status, int(body), rng) == ("GET", "/groot.dtnb", "206", len(big) - len(big) // 3, f'"bytes={len(big) // 3}-"'), last


def test_the_sync_benchmark_measures_every_figure(nginx, tmp_path: Path) -> None:
    """bench/sync.py on a tiny input: every figure is there and is a number (never how fast)."""
    out = tmp_path / "results-sync.json"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    run = subprocess.run([sys.executable, "-m", "bench.sync", "--entries", "4", "--big-mb", "2", "--runs", "1", "--out", str(out)],
                         cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    import json

    results = json.loads(out.read_text())
    assert results["unchanged"]["requests"] == 1 and results["unchanged"]["body_bytes"] == 0
    assert results["one_new"]["imported"] == 1 and results["one_new"]["wire_bytes"] > results["one_new"]["bundle_bytes"]
    big = results["big_download"]
    assert big["reader_mb_s"] > 0 and big["peak_rss_mb"] >= big["idle_rss_mb"] > 0
    assert "| unchanged feed: requests |" in run.stdout
