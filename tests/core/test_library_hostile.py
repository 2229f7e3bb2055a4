"""Every hostile bundle of the bundle tests, imported into a real library, changes nothing but
one audit-log row: the database (as a dump) and the store are exactly as they were."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.trust import TrustStore
from tests.core.test_bundle_hostile import CASES, Case, Ctx
from tests.helpers import bundles


def dump(lib: Library) -> tuple[list[str], list[str], dict[str, str]]:
    """(database dump without the audit table, audit rows, store files with their hashes)."""
    lines, audit = [], []
    for line in lib.db.conn.iterdump():
        (audit if line.startswith('INSERT INTO "audit"') else lines).append(line)
    store = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(lib.store.folder.iterdir())}
    return lines, audit, store


@pytest.fixture(scope="module")
def hostile_ctx(tmp_path_factory) -> Ctx:
    key, other = bundles.new_key(), bundles.new_key()
    return Ctx(key, other, bundles.build(key))


def library_for(folder: Path, ctx: Ctx, kind: str) -> Library:
    trust = TrustStore(folder / "trust")
    # One valid edition already present, from another publisher key that stays trusted.
    existing = bundles.new_key()
    trust.add(existing.public.to_file(), name="Bestaande uitgever")
    trust.add(ctx.key.public.to_file(), name=bundles.PUBLISHER_NAME, role="feed" if kind == "feed" else "publisher")
    lib = Library.open(folder, trust=trust)
    manifest = bundles.sample_manifest()
    manifest["bundle_id"] = "dtn-bestaand"
    assert lib.import_file(bundles.write(folder.parent / "existing.dtnb", bundles.build(existing, manifest))).status == "imported"
    lib.set_item_state("dtn-bestaand", "politie", "politie-toezicht", ticked=True, note="al gedaan")
    if kind == "revoked":
        trust.revoke(ctx.key.key_id_hex, "sleutel uitgelekt")
    return lib


@pytest.mark.parametrize("hostile", CASES, ids=[c.id for c in CASES])
def test_hostile_import_changes_nothing_but_the_audit_log(hostile: Case, hostile_ctx: Ctx, tmp_path: Path) -> None:
    data = hostile.make(hostile_ctx)
    path = bundles.write(tmp_path / "usb" / "hostile.dtnb", data)
    with library_for(tmp_path / "lib", hostile_ctx, hostile.trust) as lib:
        before, audit_before, store_before = dump(lib)
        result = lib.import_file(path)
        assert result.status == "rejected"
        assert result.error_type == hostile.error.__name__, result.reason
        assert hostile.message in result.reason
        after, audit_after, store_after = dump(lib)
        assert after == before
        assert store_after == store_before
        assert audit_after[: len(audit_before)] == audit_before and len(audit_after) == len(audit_before) + 1
        [entry] = [a for a in lib.audit(1)]
        assert entry.result == "rejected" and entry.source == str(path) and hostile.message in entry.reason
        assert entry.sha256 == hashlib.sha256(data).hexdigest()
        assert lib.check() == []
    assert path.read_bytes() == data
