"""The Qt binding must not lose references when signals are emitted.

PySide6 6.12.0 returned a borrowed ``True`` from ``Signal.emit()``: every emit
took one reference away from ``True`` until the interpreter aborted
("bool_dealloc") after a long session. pyproject.toml excludes that release;
this test fails on any binding with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

EMITS = 2000


class _Emitter(QObject):
    plain = Signal()
    value = Signal(object)


def test_signal_emit_keeps_reference_counts(qapp):
    emitter = _Emitter()
    received: list[object] = []
    emitter.plain.connect(lambda: received.append(1))
    emitter.value.connect(received.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(EMITS):
        emitter.plain.emit()
        emitter.value.emit(None)
    assert len(received) == 2 * EMITS
    received.clear()
    # A few references may come and go elsewhere; a leak per emit would be thousands.
    assert abs(sys.getrefcount(True) - true_before) < 100
    assert abs(sys.getrefcount(None) - none_before) < 100
