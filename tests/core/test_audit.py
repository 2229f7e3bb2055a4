"""The audit log: rejected rows name what the manifest claims, filters by result and period, CSV export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.library.importing import AUDIT_CSV_COLUMNS
from reader.core.trust import TrustStore
from tests.helpers import bundles as bf


@pytest.fixture
def lib(tmp_path: Path):
    folder = tmp_path / "lib"
    with Library.open(folder, trust=TrustStore(folder / "trust")) as lib:
        yield lib


def test_a_rejection_for_an_unknown_key_names_bundle_and_key(lib: Library, tmp_path: Path) -> None:
    stranger = bf.new_key()
    result = lib.import_file(bf.write(tmp_path / "x.dtnb", bf.edition_of(stranger, bundle_id="dtn-2030-01", revision=3)))
    assert result.error_type == "UnknownKeyError"
    [row] = lib.audit(1)
    assert (row.result, row.bundle_id, row.revision, row.signer) == (
        "rejected", "dtn-2030-01", 3, f"unknown key ({stranger.key_id_hex})"
    )


def test_a_rejection_that_cannot_be_read_stays_unnamed(lib: Library, tmp_path: Path) -> None:
    lib.import_file(bf.write(tmp_path / "junk.dtnb", b"PK\x05\x06" + b"\0" * 18))
    [row] = lib.audit(1)
    assert row.result == "rejected" and (row.bundle_id, row.revision, row.signer) == (None, None, None)


def test_filters_by_result_and_period(lib: Library, tmp_path: Path) -> None:
    key = bf.new_key()
    lib.trust.add(key.public.to_file(), name="Redactie", publisher=bf.PUBLISHER_NAME)
    lib.import_file(bf.write(tmp_path / "a.dtnb", bf.edition_of(key, bundle_id="dtn-a")))
    lib.import_file(bf.write(tmp_path / "b.dtnb", bf.edition_of(bf.new_key(), bundle_id="dtn-b")))
    lib.db.execute("UPDATE audit SET time = '2020-05-01T10:00:00Z' WHERE bundle_id = 'dtn-b'")
    assert [r.result for r in lib.audit()] == ["rejected", "imported", "key added"]
    assert [r.bundle_id for r in lib.audit(results=["rejected"])] == ["dtn-b"]
    assert [r.result for r in lib.audit(results=["imported", "key added"])] == ["imported", "key added"]
    assert [r.bundle_id for r in lib.audit(since="2020-05-01", until="2020-05-02")] == ["dtn-b"]
    assert [r.result for r in lib.audit(since="2021-01-01")] == ["imported", "key added"]
    assert lib.audit(results=["imported"], until="2020-12-31") == []


def test_csv_export_holds_every_column_and_defuses_formulas(lib: Library) -> None:
    lib.audit_event("store", "quarantined", '=HYPERLINK("http://x","klik")', bundle_id="+dtn", sha256="a" * 64)
    text = Library.audit_csv(lib.audit())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(AUDIT_CSV_COLUMNS)
    row = dict(zip(rows[0], rows[1]))
    assert row["reason"] == '\'=HYPERLINK("http://x","klik")' and row["bundle_id"] == "'+dtn"
    assert (row["result"], row["source"], row["sha256"], row["revision"]) == ("quarantined", "store", "a" * 64, "")
    assert text.endswith("\r\n") and len(rows) == 2
