"""Child process for the two-process tests: imports one bundle (or only opens the library,
which runs startup recovery), pausing at a named step until told to go on.

Usage: python -m tests.helpers.import_child LIBRARY SIGNALS (import BUNDLE | open) [PAUSE_AT]

At the step PAUSE_AT (a name of the library's or the store's step hook) it creates
SIGNALS/paused and waits until SIGNALS/go exists. When a change of it has to wait for
another process it creates SIGNALS/waiting. It prints one JSON line: the steps it went
through and the import result (or what recovery did).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from reader.core.library import Library
from reader.core.trust import TrustStore

# How long a paused child waits for the test to let it go on, in seconds.
PAUSE_LIMIT_S = 60


def main() -> int:
    library_dir, signals, action = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    bundle = Path(sys.argv[4]) if action == "import" else None
    pause_at = sys.argv[-1] if len(sys.argv) > (5 if action == "import" else 4) else ""
    steps: list[str] = []

    def step(name: str) -> None:
        steps.append(name)
        if name == pause_at:
            (signals / "paused").touch()
            deadline = time.monotonic() + PAUSE_LIMIT_S
            while not (signals / "go").exists():
                if time.monotonic() > deadline:
                    raise SystemExit(f"never told to go on after {name}")
                time.sleep(0.01)

    def waiting(message: str) -> None:
        print(f"waiting: {message}", file=sys.stderr, flush=True)
        (signals / "waiting").touch()

    lib = Library.open(library_dir, trust=TrustStore(library_dir / "trust"), on_step=step, on_wait=waiting, recover=False)
    with lib:
        if bundle is None:
            out = {"steps": steps, "recovery": lib.recover()}
        else:
            result = lib.import_file(bundle)
            out = {"steps": steps, "status": result.status, "revision": result.revision, "error_type": result.error_type}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
