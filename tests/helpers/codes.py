"""The error codes the reader package can raise, found by reading its source.

Shared by the message-table and help-page tests: a code is either declared on an error
class (``code = "..."``) or given at a raise site (``SomeError(..., code="...")``); a
raise-site code is explained by its own help page or else by its class's.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import NamedTuple

from reader.core import errors
from reader.core.errors import DTNError

PACKAGE = Path(__file__).resolve().parents[2] / "reader"


class RaisedCode(NamedTuple):
    where: str  # path:line of the first place that gives it
    error_class: type[DTNError] | None  # the class it is given to, where the call names one


def _error_class(func: ast.expr) -> type[DTNError] | None:
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    cls = getattr(errors, name, None) if name else None
    return cls if isinstance(cls, type) and issubclass(cls, DTNError) else None


def raised_codes() -> dict[str, RaisedCode]:
    """Every code="..." given to a call in the reader package, with where and to which class."""
    found: dict[str, RaisedCode] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                        where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                        cls = _error_class(node.func)
                        old = found.get(kw.value.value)
                        if old is None or (old.error_class is None and cls is not None):
                            found[kw.value.value] = RaisedCode(old.where if old else where, cls)
    return found


def class_codes() -> dict[str, str]:
    """code -> class name, for every error class that declares its own code."""
    return {
        cls.__dict__["code"]: name
        for name, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, DTNError) and "code" in cls.__dict__
    }
