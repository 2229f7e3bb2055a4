"""Feed format: signing, the type boundary with bundle manifests, hostile fields, reproducible output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.bundle import MANIFEST_NAME, SIGNATURE_NAME, canonical_json, parse_manifest
from reader.core.errors import FeedError, KeyRoleError, ManifestError, SignatureInvalidError, UnknownKeyError
from reader.core.feed import FEED_NAME, FEED_SIGNATURE_NAME, MAX_FEED_ENTRIES, parse_feed, verify_feed, write_feed
from reader.core.trust import TrustStore
from tests.helpers import bundles, feeds


@pytest.fixture(scope="module")
def feed_key():
    return bundles.new_key()


@pytest.fixture
def trust(tmp_path: Path, publisher_key, feed_key) -> TrustStore:
    store = bundles.make_trust_store(tmp_path / "trust", publisher_key)
    store.add(feed_key.public.to_file(), name="Testfeed", role="feed")
    return store


@pytest.fixture
def folder(tmp_path: Path, publisher_key) -> Path:
    folder = tmp_path / "site"
    bundles.write(folder / "2024/dtn-2024-06.dtnb", feeds.edition(publisher_key))
    bundles.write(folder / "dtn-2024-12.dtnb", feeds.edition(publisher_key, "dtn-2024-12", date="2024-12-10"))
    return folder


def test_write_feed_lists_every_bundle_and_verifies(folder: Path, feed_key, trust: TrustStore) -> None:
    feed = write_feed(folder, feed_key, expires_days=7, now=feeds.NOW)
    assert feed.version == 1
    assert [e.path for e in feed.entries] == ["2024/dtn-2024-06.dtnb", "dtn-2024-12.dtnb"]
    assert feed.created == "2026-12-01T08:00:00Z" and feed.expires == "2026-12-08T08:00:00Z"
    vf = verify_feed((folder / FEED_NAME).read_bytes(), (folder / FEED_SIGNATURE_NAME).read_bytes(), trust)
    entry = vf.feed.entries[1]
    assert (entry.bundle_id, entry.revision, entry.edition, entry.publisher) == ("dtn-2024-12", 1, "2024-12-10", bundles.PUBLISHER_NAME)
    assert entry.size == (folder / entry.path).stat().st_size


def test_version_goes_up_and_output_is_reproducible(folder: Path, tmp_path: Path, feed_key, monkeypatch) -> None:
    write_feed(folder, feed_key, now=feeds.NOW)
    second = write_feed(folder, feed_key, now=feeds.NOW)
    assert second.version == 2
    data, sig = (folder / FEED_NAME).read_bytes(), (folder / FEED_SIGNATURE_NAME).read_bytes()
    # The same folder, previous feed and time give the same bytes (SOURCE_DATE_EPOCH as the time).
    copy = tmp_path / "copy"
    for path in folder.rglob("*.dtnb"):
        bundles.write(copy / path.relative_to(folder), path.read_bytes())
    write_feed(copy, feed_key, now=feeds.NOW)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(feeds.NOW.timestamp())))
    write_feed(copy, feed_key)
    assert (copy / FEED_NAME).read_bytes() == data and (copy / FEED_SIGNATURE_NAME).read_bytes() == sig


def test_feed_key_must_have_the_feed_role(folder: Path, publisher_key, trust: TrustStore) -> None:
    write_feed(folder, publisher_key, now=feeds.NOW)
    with pytest.raises(KeyRoleError, match="trusted for publisher signatures, not for feed"):
        verify_feed((folder / FEED_NAME).read_bytes(), (folder / FEED_SIGNATURE_NAME).read_bytes(), trust)


def test_unknown_key_and_altered_feed_are_refused(folder: Path, feed_key, other_key, trust: TrustStore) -> None:
    write_feed(folder, feed_key, now=feeds.NOW)
    data, sig = (folder / FEED_NAME).read_bytes(), (folder / FEED_SIGNATURE_NAME).read_bytes()
    with pytest.raises(SignatureInvalidError):
        verify_feed(data.replace(b'"version": 1', b'"version": 9'), sig, trust)
    write_feed(folder, other_key, now=feeds.NOW)
    with pytest.raises(UnknownKeyError):
        verify_feed((folder / FEED_NAME).read_bytes(), (folder / FEED_SIGNATURE_NAME).read_bytes(), trust)


def test_a_signed_manifest_is_never_a_feed_and_a_feed_never_a_manifest(bundle_bytes: bytes, folder: Path, feed_key, trust) -> None:
    members = bundles.members_of(bundle_bytes)
    with pytest.raises(KeyRoleError):  # the publisher key is no feed key ...
        verify_feed(members[MANIFEST_NAME], members[SIGNATURE_NAME], trust)
    manifest = json.loads(members[MANIFEST_NAME])
    with pytest.raises(FeedError, match="not a feed"):  # ... and the document is no feed either
        parse_feed(manifest)
    feed = write_feed(folder, feed_key, now=feeds.NOW)
    doc = json.loads((folder / FEED_NAME).read_bytes())
    assert feed.version == doc["version"]
    with pytest.raises(ManifestError):  # refused as a manifest (unknown fields, wrong type)
        parse_manifest(doc)


def _doc(**changes) -> dict:
    entry = {"bundle_id": "dtn-2024-06", "publisher": "Redactie", "edition": "2024-06-11", "revision": 1,
             "path": "dtn-2024-06.dtnb", "sha256": "a" * 64, "size": 10}
    entry.update(changes.pop("entry", {}))
    doc = {"type": "dtn-feed", "format": 1, "version": 3, "created": "2026-12-01T08:00:00Z",
           "expires": "2026-12-31T08:00:00Z", "bundles": [entry]}
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "dtn-bundle-manifest"}, "not a feed"),
        ({"format": 2}, "format 2 is not supported"),
        ({"version": 0}, "feed.version must be a whole number"),
        ({"version": True}, "feed.version must be a whole number"),
        ({"version": 2**60}, "feed.version must be a whole number"),
        ({"expires": "2026-11-01T08:00:00Z"}, "not after feed.created"),
        ({"created": "2026-02-30T08:00:00Z"}, "not a real date"),
        ({"extra": 1}, "unknown field"),
        ({"entry": {"path": "../etc/passwd.dtnb"}}, "not a safe relative bundle path"),
        ({"entry": {"path": "/abs.dtnb"}}, "not a safe relative bundle path"),
        ({"entry": {"path": "a\\b.dtnb"}}, "not a safe relative bundle path"),
        ({"entry": {"path": "a/b/c/d/e.dtnb"}}, "not a safe relative bundle path"),
        ({"entry": {"path": "notes.txt"}}, "not a safe relative bundle path"),
        ({"entry": {"publisher": "Red\x1b[31mactie"}}, "control characters"),
        ({"entry": {"publisher": "Re\u202edactie"}}, "control characters"),
        ({"entry": {"publisher": "\ud800"}}, "not valid Unicode"),
        ({"entry": {"publisher": "Cafe\u0301"}}, "not normalised"),
        ({"entry": {"sha256": "A" * 64}}, "64 lowercase hex"),
        ({"entry": {"size": -1}}, "size must be a whole number"),
        ({"entry": {"bundle_id": "Dtn 2024"}}, "not a valid bundle id"),
        ({"entry": {"edition": "juni"}}, "must be a date"),
        ({"bundles": {}}, "must be a list"),
    ],
)
def test_hostile_feed_fields_are_refused_by_name(changes: dict, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_feed(_doc(**changes))


def test_duplicates_and_too_many_entries_are_refused() -> None:
    doc = _doc()
    doc["bundles"].append(dict(doc["bundles"][0], path="DTN-2024-06.dtnb"))
    with pytest.raises(FeedError, match="lists DTN-2024-06.dtnb twice"):
        parse_feed(doc)
    doc["bundles"][1]["path"] = "other.dtnb"
    with pytest.raises(FeedError, match="revision 1 twice"):
        parse_feed(doc)
    doc["bundles"] = [dict(doc["bundles"][0], path=f"b{i}.dtnb", revision=i + 1) for i in range(MAX_FEED_ENTRIES + 1)]
    with pytest.raises(FeedError, match=f"more than {MAX_FEED_ENTRIES}"):
        parse_feed(doc)


def test_feed_over_its_cap_is_refused_before_parsing(trust) -> None:
    with pytest.raises(FeedError, match="larger than"):
        verify_feed(b" " * (1024 * 1024 + 1), b"", trust)


def test_an_unreadable_previous_feed_stops_the_writer(folder: Path, feed_key) -> None:
    (folder / FEED_NAME).write_bytes(canonical_json({"type": "other"}))
    with pytest.raises(FeedError, match="move it away"):
        write_feed(folder, feed_key, now=feeds.NOW)


def test_the_stock_minisign_tool_verifies_a_feed(folder: Path, feed_key, tmp_path: Path) -> None:
    import shutil
    import subprocess

    minisign = shutil.which("minisign")
    if minisign is None:
        pytest.fail("the minisign tool is not installed; install Debian's package: apt-get install minisign")
    write_feed(folder, feed_key, now=feeds.NOW)
    pub = bundles.write(tmp_path / "feed.pub", feed_key.public.to_file())
    ok = subprocess.run([minisign, "-V", "-p", str(pub), "-m", str(folder / FEED_NAME)], capture_output=True, text=True, timeout=30)
    assert ok.returncode == 0, ok.stderr
    assert "Trusted comment: timestamp:1796112000\tfile:feed.json\thashed\tfeed-version:1" in ok.stdout
    (folder / FEED_NAME).write_bytes((folder / FEED_NAME).read_bytes().replace(b'"version": 1', b'"version": 2'))
    bad = subprocess.run([minisign, "-V", "-p", str(pub), "-m", str(folder / FEED_NAME)], capture_output=True, text=True, timeout=30)
    assert bad.returncode != 0
