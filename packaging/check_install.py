"""Check an installed DTN Reader from outside the checkout: the commands of a fresh venv.

    python3 packaging/check_install.py VENV     # VENV: a venv the wheel was installed into

From an empty temporary folder (never the checkout) and with a temporary library it runs
``dtn demo load``, ``dtn trust list`` and ``dtn-reader --self-test`` (offscreen) and checks
that they show the demo library, the built-in key and a translated window; and that the
package they ran is the installed one, not the source tree. Exits 1 naming the first
thing that is wrong. Standard library only (run it with any Python 3.11+).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILTIN_KEY = "ED389D18E6FA8B6D"
# How long one command may take, in seconds (the self-test has its own 60 s deadline).
COMMAND_TIMEOUT_S = 180


def fail(message: str, output: str = "") -> None:
    print(f"check_install: FAILED: {message}", file=sys.stderr)
    if output:
        print(output[-3000:], file=sys.stderr)
    raise SystemExit(1)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python3 packaging/check_install.py VENV", file=sys.stderr)
        return 2
    venv = Path(argv[0]).resolve()
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    with tempfile.TemporaryDirectory(prefix="dtn-install-check-") as tmp:
        outside, library = Path(tmp) / "elsewhere", Path(tmp) / "library"
        outside.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DTN_LIBRARY", "VIRTUAL_ENV")}
        env.update(DTN_LIBRARY=str(library), QT_QPA_PLATFORM="offscreen")

        def run(*args: str) -> subprocess.CompletedProcess:
            proc = subprocess.run([str(bindir / args[0]), *args[1:]], cwd=outside, env=env, capture_output=True,
                                  text=True, stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT_S, check=False)
            print(f"check_install: $ {' '.join(args)}  (exit {proc.returncode})")
            if proc.returncode != 0:
                fail(f"{' '.join(args)} exited {proc.returncode}", proc.stdout + proc.stderr)
            return proc

        where = run("python", "-c", "import reader, reader.core.paths as p; print(reader.__file__); print(p.resource_root())")
        module, resources = (Path(line) for line in where.stdout.split())
        if ROOT in module.parents or not module.is_relative_to(venv):
            fail(f"the package ran from {module}, not from the venv {venv}")
        if not resources.is_relative_to(venv):
            fail(f"the resources came from {resources}, not from the installed package")

        bundles = sorted((ROOT / "resources" / "demo" / "bundles").glob("*.dtnb"))
        loaded = run("dtn", "demo", "load")
        imported = [line for line in loaded.stdout.splitlines() if line.startswith("imported:") and "[DEMO]" in line]
        if not bundles or len(imported) != len(bundles):
            fail(f"dtn demo load imported {len(imported)} demo editions, expected {len(bundles)}", loaded.stdout)
        listed = run("dtn", "list")
        if listed.stdout.count("DEMO") < len(bundles):
            fail("dtn list does not show the demo library", listed.stdout)

        keys = run("dtn", "trust", "list")
        if BUILTIN_KEY not in keys.stdout or "built-in" not in keys.stdout:
            fail(f"dtn trust list does not show the built-in key {BUILTIN_KEY}", keys.stdout)

        test = run("dtn-reader", "--self-test", "--library", str(library))
        lines = [line for line in test.stdout.splitlines() if line.startswith("{")]
        result = json.loads(lines[-1]) if lines else {}
        if not result.get("ok") or result.get("translations_loaded", 0) < 1 or result.get("language") != "nl":
            fail("the self-test did not pass with the Dutch translation loaded", test.stdout + test.stderr)
        print(f"check_install: ok: {len(imported)} demo editions, built-in key {BUILTIN_KEY}, "
              f"self-test in {result.get('views', {}).get('search', '?')} ms on {result.get('platform')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
