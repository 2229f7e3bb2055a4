"""Every user-facing error type gets a translated headline in front of the exact core message."""

from __future__ import annotations

import inspect

from reader.core import errors
from reader.core.errors import DTNError, IntegrityError
from reader.ui.errors import error_headline, error_text, reason_text

ABSTRACT = {"DTNError", "BundleError"}


def test_every_error_type_has_a_headline(qapp):
    types = [name for name, obj in inspect.getmembers(errors, inspect.isclass) if issubclass(obj, DTNError)]
    missing = [name for name in types if name not in ABSTRACT and not error_headline(name)]
    assert missing == []


def test_error_text_keeps_the_exact_detail(qapp):
    text = error_text(IntegrityError("chapters/01.md was altered: its sha256 does not match the signed manifest"))
    assert text.startswith(error_headline("IntegrityError") + ": ")
    assert text.endswith("chapters/01.md was altered: its sha256 does not match the signed manifest")
    assert reason_text(None, "plain") == "plain"
    assert reason_text("RollbackError", "") == error_headline("RollbackError")
