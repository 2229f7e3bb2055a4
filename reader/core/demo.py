"""The built-in demo library: edition sources in resources/demo/editions, signed with the
demo key into resources/demo/bundles, loaded through the normal verified import.

Rebuild the shipped bundles after editing a source:  python -m reader.core.demo
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from reader.core.errors import DTNError
from reader.core.minisign import SecretKey
from reader.core.paths import resource_path
from reader.core.source import build_source

log = logging.getLogger(__name__)

DEMO_SOURCE = "demo library (built-in)"
SETTING_NO_DEMO = "no_demo"


def demo_sources_dir() -> Path:
    return resource_path("demo", "editions")


def demo_bundles_dir() -> Path:
    return resource_path("demo", "bundles")


def demo_key() -> SecretKey:
    return SecretKey.from_bytes(resource_path("demo", "demo-secret.key").read_bytes())


def build_demo_bundles(sources: Path, out: Path, key: SecretKey) -> list[Path]:
    """Build every edition source under ``sources`` into ``out/<bundle_id>.dtnb``. Raises SourceError."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for folder in sorted(p for p in sources.iterdir() if (p / "edition.toml").is_file()):
        data, source = build_source(folder, key)
        if source.warnings:
            raise DTNError(
                f"{folder.name}: " + "; ".join(source.warnings), code="demo-source-invalid", folder=folder.name, warnings="; ".join(source.warnings)
            )
        path = out / f"{source.manifest['bundle_id']}.dtnb"
        path.write_bytes(data)
        written.append(path)
    return written


def demo_bundle_paths() -> list[Path]:
    folder = demo_bundles_dir()
    return sorted(folder.glob("*.dtnb")) if folder.is_dir() else []


def load_demo(library, progress=None, cancel=None) -> list:
    """Import the shipped demo bundles through the normal verified import (audited as such)."""
    results = []
    paths = demo_bundle_paths()
    for done, path in enumerate(paths):
        if cancel is not None and cancel.is_set():
            break
        results.append(library.import_file(path, f"{DEMO_SOURCE}: {path.name}"))
        if progress:
            progress(done + 1, len(paths))
    loaded = sum(1 for r in results if r.status == "imported")
    library.audit_event("demo library", "loaded", f"{loaded} demo bundle(s) loaded by the user, {len(results) - loaded} not")
    return results


def main() -> int:
    written = build_demo_bundles(demo_sources_dir(), demo_bundles_dir(), demo_key())
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
