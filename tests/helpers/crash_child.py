"""Child process for the crash-safety test: imports one bundle and kills itself at step N.

Usage: python -m tests.helpers.crash_child LIBRARY BUNDLE KILL_AT

Every SQL statement (sqlite3 trace callback) and every file-system step of the
store (its step hook) counts as one step. At step KILL_AT the process sends
itself SIGKILL, as a power cut or a crash would stop it. With KILL_AT = 0 it
runs to the end and prints the number of steps it went through.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from reader.core.library import Library
from reader.core.trust import TrustStore


def main() -> int:
    library_dir, bundle, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    steps = 0

    def step(_what: str) -> None:
        nonlocal steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    lib = Library.open(library_dir, trust=TrustStore(library_dir / "trust"), on_step=step)
    lib.db.conn.set_trace_callback(step)
    result = lib.import_file(bundle)
    lib.db.conn.set_trace_callback(None)
    print(f"{steps} {result.status}")
    return 0 if result.status == "imported" else 1


if __name__ == "__main__":
    sys.exit(main())
