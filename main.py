"""DTN Reader: ``python main.py [--library DIR] [--lang nl|en] [--no-demo] [--self-test]``."""

import time

STARTED = time.perf_counter()  # the self-test's clock, where the OS cannot tell the process start

import multiprocessing  # noqa: E402
import sys  # noqa: E402


def main() -> int:
    # The renderer may use a worker process; a PyInstaller build needs this first.
    multiprocessing.freeze_support()
    from reader.ui.app import run

    return run(sys.argv[1:], STARTED)


if __name__ == "__main__":
    sys.exit(main())
