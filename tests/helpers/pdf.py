"""Reading a PDF's text back, page by page, with poppler's ``pdftotext``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Long enough for a loaded CI machine, in seconds.
PDFTOTEXT_TIMEOUT_S = 60


def pdf_pages(path: Path) -> list[str]:
    """The text of every page of the PDF at ``path``.

    Without ``pdftotext`` the test is skipped on a developer's machine and fails in CI
    (environment variable CI set), where poppler-utils is installed.
    """
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing; .ci/run installs poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=PDFTOTEXT_TIMEOUT_S)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    pages = result.stdout.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last one too, with a form feed
    return pages


def squeeze(text: str) -> str:
    """Text with every run of white space made one space (lines wrap where the layout wants)."""
    return " ".join(text.split())
