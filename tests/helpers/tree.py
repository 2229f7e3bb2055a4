"""What a test run leaves behind in a git checkout: tracked files changed, files added.

The root conftest takes a snapshot when the session starts and compares it with one at the
end; a difference fails the run (tests write into temporary folders, never the checkout).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

# How long one git command may take, in seconds.
GIT_TIMEOUT_S = 60


def snapshot(root: Path) -> dict[str, str] | None:
    """``{path: status and content hash}`` of every modified, added, deleted or untracked
    (not ignored) file under ``root``; None when ``root`` is not a git checkout or git is missing."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        proc = subprocess.run(
            [git, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules"],
            cwd=root, capture_output=True, timeout=GIT_TIMEOUT_S, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None  # not a checkout (an sdist, a copied folder)
    state: dict[str, str] = {}
    entries = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
    i = 0
    while i < len(entries):
        entry = entries[i]
        i += 1
        if len(entry) < 4:
            continue
        status, path = entry[:2], entry[3:]
        if "R" in status or "C" in status:
            i += 1  # the next field is the rename's source
        file = root / path
        digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "-"
        state[path] = f"{status} {digest}"
    return state


def changes(before: dict[str, str], after: dict[str, str], ignore: tuple[str, ...] = ()) -> list[str]:
    """Lines naming what differs between two snapshots, ignoring paths under ``ignore``."""
    lines = []
    for path in sorted(set(before) | set(after)):
        if any(path == p or path.startswith(p.rstrip("/") + "/") for p in ignore):
            continue
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if old is None:
            what = "new untracked file" if new.startswith("??") else "changed"
        elif new is None:
            what = "restored to the committed version"
        else:
            what = "changed again"
        lines.append(f"{path}: {what}")
    return lines
