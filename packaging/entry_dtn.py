"""Entry script of the frozen ``dtn`` executable (packaging/dtn-reader.spec).

The same command as ``python -m reader`` and the installed ``dtn`` (reader.cli:main),
plus ``freeze_support()`` first: chapter rendering runs in a ``spawn`` child process,
which in a frozen build re-runs this executable and must be diverted before the CLI
parses its arguments.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from reader.cli import main

    sys.exit(main())
