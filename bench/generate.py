"""The synthetic library, built with the project's own bundle code and cached under bench/work/.

Everything is derived from fixed seeds, so the same parameters give the same
bytes: N signed editions (about 20 chapters, 6 checklists and a few images
each), one big bundle of mostly stored images, and the chapters written out
as Markdown files for the ripgrep baseline.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import shutil
import struct
import zlib
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bench.config import BenchConfig
from bench.corpus import CHECKLIST_ACTIONS, PARTNERS, TITLE_TOPICS, TextGenerator
from reader.core.bundle import CHECKLIST_TYPE, build_bundle, canonical_json
from reader.core.minisign import SecretKey
from reader.core.trust import TrustStore
from reader.core.vocabulary import THEMES

log = logging.getLogger(__name__)

# Bump when the generated content changes, so stale caches are not reused.
GENERATOR_VERSION = 5
SEED = 20_260_601
KEY_SEED_LABEL = b"dtn-reader bench publisher key"
KEY_NAME = "Bench-uitgever (synthetisch)"
FIRST_EDITION = date(2005, 1, 3)
EDITION_INTERVAL_DAYS = 7
FIVE_LEVEL_SCALE_FROM = date(2016, 7, 1)
CHECKLIST_ITEMS = 8
IMAGES_PER_EDITION = 3
IMAGE_SIDE_PX = 48
BIG_BUNDLE_ID = "bench-big"
BIG_MEMBER_BYTES = (40 * 1024, 160 * 1024)  # size range of one image in the big bundle
BIG_BUNDLE_CHAPTERS = 5
DONE_FILE = "done.json"


def bench_key() -> SecretKey:
    """The bench publisher's key, derived from a fixed seed (never a real key)."""
    seed = hashlib.sha256(KEY_SEED_LABEL).digest()
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = hashlib.sha256(KEY_SEED_LABEL + b" id").digest()[:8]
    return SecretKey(key_id, seed + public, "dtn bench key")


def trust_bench_key(trust: TrustStore) -> None:
    """Add the bench key to a library's trust store (once)."""
    key = bench_key()
    if trust.get(key.key_id_hex) is None:
        trust.add(key.public.to_file(), name=KEY_NAME)


@dataclass(frozen=True)
class Corpus:
    """Where the generated inputs live."""

    root: Path
    editions: int
    big_bundle_bytes: int

    @property
    def bundles(self) -> Path:
        return self.root / "bundles"

    @property
    def big_bundle(self) -> Path:
        return self.root / "big" / f"{BIG_BUNDLE_ID}.dtnb"

    @property
    def markdown(self) -> Path:
        return self.root / "markdown"

    @property
    def chapters_file(self) -> Path:
        """JSON lines (title, text) of every chapter, for the FTS5 floor."""
        return self.root / "chapters.jsonl"

    def bundle_paths(self) -> list[Path]:
        return sorted(self.bundles.glob("*.dtnb"))

    def text_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.markdown.rglob("*.md"))


def corpus_for(config: BenchConfig) -> Corpus:
    tag = f"v{GENERATOR_VERSION}-n{config.editions}-big{config.big_bundle_bytes // (1024 * 1024)}m"
    return Corpus(config.work_dir / tag, config.editions, config.big_bundle_bytes)


def ensure_corpus(config: BenchConfig, say=print) -> Corpus:
    """Generate the inputs unless a complete copy with the same parameters is cached."""
    corpus = corpus_for(config)
    done = corpus.root / DONE_FILE
    expected = {"editions": config.editions, "big_bundle_bytes": config.big_bundle_bytes, "version": GENERATOR_VERSION}
    if done.is_file() and json.loads(done.read_text()) == expected:
        return corpus
    if corpus.root.exists():
        shutil.rmtree(corpus.root)
    for sub in (corpus.bundles, corpus.big_bundle.parent, corpus.markdown):
        sub.mkdir(parents=True)
    key = bench_key()
    say(f"generating {config.editions} editions into {corpus.root} ...")
    with open(corpus.chapters_file, "w", encoding="utf-8") as floor:
        for index in range(config.editions):
            manifest, members = edition(index)
            (corpus.bundles / f"{manifest['bundle_id']}.dtnb").write_bytes(build_bundle(manifest, members, key))
            folder = corpus.markdown / f"{manifest['edition']['date']}-{manifest['bundle_id']}"
            folder.mkdir()
            for ch in manifest["chapters"]:
                text = members[ch["file"]]
                (folder / ch["file"].split("/", 1)[1]).write_bytes(text)
                floor.write(json.dumps({"title": ch["title"], "text": text.decode("utf-8")}, ensure_ascii=False) + "\n")
    say(f"generating the big bundle ({config.big_bundle_bytes // (1024 * 1024)} MB) ...")
    manifest, members = big_edition(config.big_bundle_bytes)
    corpus.big_bundle.write_bytes(build_bundle(manifest, members, key))
    done.write_text(json.dumps(expected))
    return corpus


def png(rng: random.Random, side: int) -> bytes:
    """A small valid RGB PNG of random colour blocks."""
    colours = [bytes(rng.randrange(256) for _ in range(3)) for _ in range(4)]
    half = side // 2
    rows = b"".join(
        b"\x00" + b"".join(colours[(x >= half) + 2 * (y >= half)] for x in range(side)) for y in range(side)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


_PNG_HEADER = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)


def _level(day: date, rng: random.Random) -> dict:
    if day >= FIVE_LEVEL_SCALE_FROM:
        value = rng.choice((3, 3, 4, 4, 4, 2))
        labels = ("Minimaal", "Beperkt", "Aanzienlijk", "Substantieel", "Kritiek")
        return {"value": value, "label": labels[value - 1], "scale": "dtn-5"}
    value = rng.choice((2, 3, 3, 3))
    labels = ("Minimaal", "Beperkt", "Substantieel", "Kritiek")
    return {"value": value, "label": labels[value - 1], "scale": "dtn-4"}


def edition(index: int, chapters: int | None = None) -> tuple[dict, dict[str, bytes]]:
    """Manifest (without files) and members of synthetic edition ``index``."""
    rng = random.Random(SEED * 7919 + index)
    text = TextGenerator(rng)
    day = FIRST_EDITION + timedelta(days=EDITION_INTERVAL_DAYS * index)
    bundle_id = f"bench-{index + 1:05d}"
    count = chapters if chapters is not None else rng.randint(18, 22)
    theme_ids = list(THEMES)
    files = [f"chapters/{i + 1:02d}-{theme_ids[i % len(theme_ids)]}.md" for i in range(count)]
    images = [f"assets/figuur-{i + 1}.png" for i in range(IMAGES_PER_EDITION)]
    members: dict[str, bytes] = {name: png(rng, IMAGE_SIDE_PX) for name in images}
    chapter_entries = []
    for i, file in enumerate(files):
        primary = theme_ids[i % len(theme_ids)]
        themes = [primary] + rng.sample([t for t in theme_ids if t != primary], rng.randint(0, 2))
        links = [f.split("/", 1)[1] for f in files if f != file]
        body = text.chapter(rng.randint(3 * 1024, 8 * 1024), links, images)
        members[file] = body.encode("utf-8")
        chapter_entries.append({"id": f"{i + 1:02d}-{primary}", "title": text.title(), "themes": themes, "file": file})
    checklist_entries = []
    for partner_id, partner in PARTNERS:
        items = [
            {"id": f"{partner_id}-actie-{n + 1}", "text": rng.choice(CHECKLIST_ACTIONS), "priority": rng.choice(("hoog", "middel", "laag"))}
            for n in range(CHECKLIST_ITEMS)
        ]
        checklist = {"type": CHECKLIST_TYPE, "id": partner_id, "partner": partner, "title": f"Handelingsperspectief {partner.lower()}", "items": items}
        file = f"checklists/{partner_id}.json"
        members[file] = canonical_json(checklist)
        checklist_entries.append({"id": partner_id, "partner": partner, "title": checklist["title"], "file": file})
    level = _level(day, rng)
    manifest = {
        "bundle_id": bundle_id,
        "revision": 1,
        "edition": {"date": day.isoformat(), "number": index + 1, "name": f"Synthetische editie {index + 1} ({day.isoformat()})"},
        "publisher": KEY_NAME,
        "created": f"{day.isoformat()}T09:00:00Z",
        "language": "nl",
        "title": f"Dreigingsbeeld (synthetisch) {day.isoformat()}: {rng.choice(TITLE_TOPICS).lower()}",
        "summary": " ".join(text.sentence() for _ in range(4)),
        "demo": False,
        "level": {**level, "since": day.isoformat()[:7]},
        "chapters": chapter_entries,
        "checklists": checklist_entries,
    }
    if rng.random() < 0.05:
        event = {**_level(day, rng), "start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat(), "region": "Regio Noord", "note": "Tijdelijk verhoogd."}
        manifest["level_events"] = [event]
    return manifest, members


def big_edition(total_bytes: int) -> tuple[dict, dict[str, bytes]]:
    """An edition of ``total_bytes`` or a little more: a few chapters and many stored images.

    The images are a PNG header (signature and IHDR: what the verifier's asset check reads)
    followed by random bytes: the verifier hashes members, it never decodes them.
    """
    manifest, members = edition(0, chapters=BIG_BUNDLE_CHAPTERS)
    manifest["bundle_id"] = BIG_BUNDLE_ID
    manifest["edition"] = {**manifest["edition"], "name": "Synthetische editie met veel figuren"}
    rng = random.Random(SEED + 1)
    size = sum(len(v) for v in members.values())
    n = 0
    while size < total_bytes:
        data = rng.randbytes(rng.randint(*BIG_MEMBER_BYTES))
        data = _PNG_HEADER + data[len(_PNG_HEADER):]
        members[f"assets/groot-{n:05d}.png"] = data
        size += len(data)
        n += 1
    return manifest, members


def describe(corpus: Corpus) -> dict:
    paths = corpus.bundle_paths()
    return {
        **{k: str(v) if isinstance(v, Path) else v for k, v in asdict(corpus).items()},
        "bundle_files": len(paths),
        "bundle_bytes": sum(p.stat().st_size for p in paths),
        "chapter_text_bytes": corpus.text_bytes(),
        "big_bundle_file_bytes": corpus.big_bundle.stat().st_size,
    }
