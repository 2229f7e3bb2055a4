"""The manifest depth check gives the same answer as a scan byte by byte, on any bytes."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.bundle import _json_depth_ok

# Cap on one adversarial input, generous for a slow CI machine (a quadratic scan takes minutes).
ADVERSARIAL_SECONDS = 2.0


def reference_depth_ok(data: bytes, max_depth: int) -> bool:
    depth = 0
    in_string = False
    escape = False
    for byte in data:
        if in_string:
            if escape:
                escape = False
            elif byte == 0x5C:
                escape = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > max_depth:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


JSONISH = st.lists(st.sampled_from([b'"', b"\\", b"[", b"]", b"{", b"}", b"a", b"\n", b" ", b"\xc3\xab", b":"]), max_size=80).map(b"".join)


@settings(max_examples=5000, suppress_health_check=list(HealthCheck), deadline=None)
@given(JSONISH, st.integers(0, 8))
def test_same_as_byte_scan(data: bytes, max_depth: int) -> None:
    assert _json_depth_ok(data, max_depth) == reference_depth_ok(data, max_depth)


def test_linear_on_unterminated_escaped_strings() -> None:
    for data in (b'"' + b'\\"' * 500_000, b'"\\' * 500_000, b"[" * 1_000_000, b'["' * 400_000):
        start = time.perf_counter()
        fast = _json_depth_ok(data, 12)
        assert time.perf_counter() - start < ADVERSARIAL_SECONDS
        assert fast == reference_depth_ok(data, 12)
