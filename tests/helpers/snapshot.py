"""What a library holds, byte for byte, for "nothing changed but the audit log" assertions."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def library_state(folder: Path) -> dict[str, object]:
    """Every index and state row (not the audit log), every store and quarantine file's hash,
    and every trust file's bytes."""
    conn = sqlite3.connect(f"file:{folder / 'library.db'}?mode=ro", uri=True)
    try:
        rows = [line for line in conn.iterdump() if not line.startswith('INSERT INTO "audit"')]
    finally:
        conn.close()

    def files(sub: str) -> dict[str, str]:
        base = folder / sub
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(base.glob("*"))} if base.is_dir() else {}

    return {"db": rows, "store": files("store"), "quarantine": files("quarantine"), "trust": files("trust")}


def audit_rows(folder: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{folder / 'library.db'}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT source, result, reason, signer, bundle_id, revision, error_type FROM audit ORDER BY id").fetchall()
    finally:
        conn.close()
