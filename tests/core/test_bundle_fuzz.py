"""Property tests: whatever the bytes, verify_bundle ends quickly with a result or a DTNError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.bundle import MANIFEST_NAME, verify_bundle
from reader.core.errors import DTNError
from reader.core.minisign import SecretKey
from reader.core.trust import TrustStore
from tests.helpers import bundles

FUZZ_SETTINGS = settings(max_examples=200, deadline=2000, database=None)

# One edit of the file: positions are reduced modulo the current length when applied.
flip = st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(1, 255))
cut = st.tuples(st.just("cut"), st.integers(0, 1 << 20), st.integers(1, 64))
splice = st.tuples(st.just("splice"), st.integers(0, 1 << 20), st.binary(min_size=1, max_size=64))
copy = st.tuples(st.just("copy"), st.integers(0, 1 << 20), st.integers(0, 1 << 20), st.integers(1, 200))
edits = st.lists(st.one_of(flip, cut, splice, copy), min_size=1, max_size=4)


def apply(data: bytes, ops: list[tuple]) -> bytes:
    out = bytearray(data)
    for op in ops:
        n = max(len(out), 1)
        if op[0] == "flip" and out:
            out[op[1] % n] ^= op[2]
        elif op[0] == "cut":
            start = op[1] % n
            del out[start : start + op[2]]
        elif op[0] == "splice":
            pos = op[1] % (len(out) + 1)
            out[pos:pos] = op[2]
        elif op[0] == "copy" and out:
            src, dst = op[1] % n, op[2] % (len(out) + 1)
            out[dst:dst] = out[src : src + op[3]]
    return bytes(out)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory, publisher_key: SecretKey) -> tuple[Path, TrustStore]:
    folder = tmp_path_factory.mktemp("fuzz")
    return folder / "fuzzed.dtnb", bundles.make_trust_store(folder / "trust", publisher_key)


def _check(path: Path, trust: TrustStore, data: bytes) -> None:
    path.write_bytes(data)
    try:
        verify_bundle(path, trust)
    except DTNError:
        pass  # refused with a user-facing error: fine. Anything else propagates and fails.


def test_mutations_change_the_file(bundle_bytes: bytes) -> None:
    assert apply(bundle_bytes, [("flip", 10, 1)]) != bundle_bytes
    assert len(apply(bundle_bytes, [("cut", 0, 5)])) == len(bundle_bytes) - 5
    assert apply(bundle_bytes, [("splice", 3, b"xyz")])[3:6] == b"xyz"


@FUZZ_SETTINGS
@given(ops=edits)
def test_flipped_cut_and_spliced_bytes_give_only_dtn_errors(work, bundle_bytes: bytes, ops: list[tuple]) -> None:
    path, trust = work
    _check(path, trust, apply(bundle_bytes, ops))


# A signed manifest from a trusted key can still be malformed: its parser must not crash either.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def _paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(obj, dict):
        for key, value in obj.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += _paths(value, prefix + (i,))
    return found


def _replace(obj: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    obj[path[0]] = _replace(obj[path[0]], path[1:], value)
    return obj


@FUZZ_SETTINGS
@given(data=st.data())
def test_resigned_malformed_manifests_give_only_dtn_errors(work, publisher_key: SecretKey, bundle_bytes: bytes, data) -> None:
    path, trust = work
    manifest = bundles.manifest_of(bundle_bytes)
    where = data.draw(st.sampled_from(_paths(manifest)), label="where")
    if data.draw(st.booleans(), label="structured"):
        changed: Any = _replace(manifest, where, data.draw(json_values, label="value"))
        raw = json.dumps(changed, ensure_ascii=False, indent=2).encode()
    else:
        raw = apply(bundles.members_of(bundle_bytes)[MANIFEST_NAME], data.draw(edits, label="edits"))
    _check(path, trust, bundles.resign(bundle_bytes, publisher_key, raw))
