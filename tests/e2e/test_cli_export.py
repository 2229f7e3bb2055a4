"""``dtn export``: an edition or a chapter as a PDF from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli_bundle import REPO_ROOT, dtn
from tests.helpers.pdf import pdf_pages, squeeze


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library with the demo editions and one real (non-demo) edition built and signed here."""
    folder = tmp_path_factory.mktemp("export")
    for args in (("keygen", "pub", "--out", "keys", "--no-password"), ("init", "src")):
        assert dtn(*args, cwd=folder).returncode == 0
    toml = folder / "src" / "edition.toml"
    assert "demo = true" in toml.read_text(encoding="utf-8")
    toml.write_text(toml.read_text(encoding="utf-8").replace("demo = true", "demo = false"), encoding="utf-8")
    for args in (("build", "src", "--key", "keys/pub.key", "--out", "edition.dtnb"),
                 ("demo", "load", "--library", "lib"),
                 ("trust", "add", "keys/pub.pub", "--name", "Redactie", "--publisher", "Voorbeeldredactie", "--library", "lib"),
                 ("import", "edition.dtnb", "--library", "lib")):
        result = dtn(*args, cwd=folder)
        assert result.returncode == 0, (args, result.stderr)
    return folder


def _real_edition(folder: Path) -> dict:
    result = dtn("list", "--json", "--library", "lib", cwd=folder)
    return next(e for e in json.loads(result.stdout) if not e["demo"])


def test_export_a_demo_chapter(library: Path) -> None:
    result = dtn("export", "dtn-2019-06", "--chapter", "detentie", "--pdf", "detentie.pdf", "--library", "lib", cwd=library)
    assert result.returncode == 0, result.stderr
    assert "wrote detentie.pdf: chapter detentie of dtn-2019-06@1" in result.stdout
    pages = pdf_pages(library / "detentie.pdf")
    first = squeeze(pages[0])
    assert "page 1 of" in first and "DTN juni 2019" in first
    assert all("DEMO" in page for page in pages)


def test_export_a_real_edition_in_dutch_has_no_demo_marking(library: Path) -> None:
    edition = _real_edition(library)
    result = dtn("export", edition["bundle_id"], "--pdf", "editie.pdf", "--language", "nl", "--library", "lib", cwd=library)
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(library / "editie.pdf")
    assert len(pages) >= 3
    assert edition["title"] in squeeze(pages[0]) and edition["signer_key_id"] in squeeze(pages[0])
    assert "Inhoud" in pages[1]
    assert f"pagina 1 van {len(pages)}" in squeeze(pages[0])
    assert not any("DEMO" in page for page in pages)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("dtn-2019-06", "--chapter", "nope", "--pdf", "x.pdf"), 1,
         "dtn: no chapter 'nope' in dtn-2019-06@1; its chapters are: dreigingsniveau, jihadisme"),
        (("dtn-1999-01", "--pdf", "x.pdf"), 1, "dtn: no edition 'dtn-1999-01' in the library"),
        (("dtn-2019-06", "--pdf", "missing/x.pdf"), 1, "cannot write missing/x.pdf: No such file or directory; choose another folder"),
        (("dtn-2019-06", "--pdf", "x.txt"), 2, "the file name must end in .pdf"),
    ],
)
def test_export_mistakes_are_one_line_and_write_nothing(library: Path, args, code, message) -> None:
    before = sorted(p.name for p in library.iterdir())
    result = dtn("export", *args, "--library", "lib", cwd=library)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in library.iterdir()) == before


def test_other_commands_do_not_load_qt(library: Path) -> None:
    code = ("import sys; from reader import cli; cli.main(['list', '--library', 'lib']); "
            "print('QT-LOADED' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT')")
    result = subprocess.run([sys.executable, "-c", code], cwd=library, capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("NO-QT")
