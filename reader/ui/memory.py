"""What the GUI process lets go of: the module sources PySide6 reads on every import."""

from __future__ import annotations

import linecache


def forget_module_sources() -> None:
    """Drop the source lines of the modules imported so far from ``linecache``.

    PySide6 replaces ``__import__`` and reads the source of every module imported after it
    (``inspect.getsource``, to see whether the module uses ``__feature__``; PYSIDE-2029), and
    ``linecache`` keeps every line: about 10 MB of strings by the end of the self-test. Nothing
    needs them kept; a traceback reads its lines again. Call it after a batch of imports (a view
    built, the library opened); the sooner, the more of that memory the next imports reuse.
    """
    linecache.clearcache()
