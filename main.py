"""DTN Reader: ``python main.py [--library DIR] [--lang nl|en] [--no-demo] [--self-test]``."""

import time

STARTED = time.perf_counter()  # the self-test's clock, where the OS cannot tell the process start

import sys  # noqa: E402


def main() -> int:
    if getattr(sys, "frozen", False):
        # The chapter renderer's worker process re-runs a PyInstaller build; this diverts it.
        # Only frozen builds need it, and importing multiprocessing costs start-up time.
        import multiprocessing

        multiprocessing.freeze_support()
    from reader.ui.app import run

    return run(sys.argv[1:], STARTED)


if __name__ == "__main__":
    sys.exit(main())
