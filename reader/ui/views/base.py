"""What the views share: the :class:`View` base class (and, from rows.py, the set-up of
hand-painted rows, still importable from here).

A :class:`View` holds the plumbing every view of the main window needs once: the
``loaded`` signal, reloading when the library changes (at once when visible, on the next
show when hidden), and tasks whose results are dropped when they are outdated or the view
is gone. :class:`RowDelegate` (rows.py) is the base of the item delegates that paint a row
by hand; it loads with the first view that uses it, not with the overview, which shows the
current level first (the style and delegate types cost PySide6 about 30 enums).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QWidget

from reader.core.library.changes import Changes

if TYPE_CHECKING:
    # The library module loads on the worker threads, so the window shows before it does.
    from reader.core.library import Library
    from reader.ui.context import AppContext
    from reader.ui.tasks import Task, TaskHandle
    from reader.ui.views.rows import SMALL_FONT_FACTOR, Row, RowDelegate, WrapDelegate  # noqa: F401

log = logging.getLogger(__name__)

# What rows.py defines, loaded when first asked for.
_ROWS = ("SMALL_FONT_FACTOR", "Row", "RowDelegate", "WrapDelegate")


def __getattr__(name: str) -> Any:
    if name in _ROWS:
        from reader.ui.views import rows

        return getattr(rows, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    """``base`` made ``factor`` times as large (relative, never an absolute size), bold or not."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    font.setBold(bold)
    return font


class View(QWidget):
    """The base of every view in the main window.

    A view implements ``title()`` and ``reload()``; ``reload()`` starts loading the view's
    data with :meth:`run_task` and emits ``loaded`` once it is shown. The window calls
    ``activate()`` each time it shows the view. From its first activation on, a view
    reloads at once when the library changes while it is visible; while hidden it is only
    marked stale, and reloads when it is shown again. Before its first activation a view
    does not load on its own: the window holds that activation back until the library is
    open.

    Signals:
        loaded: the view's data is shown (after activate() or a library change).
    """

    loaded = Signal()

    #: Reload on every activate(); False for a view that keeps what it shows until it is
    #: stale (it then starts stale, so its first activate() loads).
    reload_on_activate = True
    #: Reload on a library change even while hidden, for a view that must be current
    #: before it is shown again.
    reload_when_hidden = False
    #: The areas of the library the view shows: a change that touched none of them leaves
    #: the view as it is (also when the view made the change itself).
    depends_on: Changes = Changes.everything()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._activated = False
        self._stale = not self.reload_on_activate
        self._generations: dict[str, int] = {}
        self.ignored_results = 0  # outdated task results that arrived and were dropped
        ctx.library_changed.connect(self._on_library_changed)

    # --- the view contract ---------------------------------------------------------------

    def title(self) -> str:
        """The view's name in the navigation, translated."""
        raise NotImplementedError

    def activate(self) -> None:
        """Called each time the view is shown: (re)load its data."""
        self._activated = True
        if self._stale or self.reload_on_activate:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Start loading the view's data through :meth:`run_task`."""
        raise NotImplementedError

    # --- library changes -----------------------------------------------------------------

    def _on_library_changed(self, changes: Changes) -> None:
        if not changes.concerns(self.depends_on):
            return
        self.on_change(changes)
        if self._activated and (self.isVisible() or self.reload_when_hidden):
            self.reload()
        else:
            self._stale = True

    def on_change(self, changes: Changes) -> None:
        """A change this view depends on, before it reloads (or is marked stale): drop caches."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale and self._activated:
            self.activate()

    # --- tasks ---------------------------------------------------------------------------

    def outdate(self, channel: str) -> int:
        """Drop the results of the tasks on ``channel`` that are still running; the new generation."""
        self._generations[channel] = self._generations.get(channel, 0) + 1
        return self._generations[channel]

    def run_task(
        self,
        fn: Callable[[Library, TaskHandle], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        *,
        write: bool = False,
        channel: str | None = None,
    ) -> Task:
        """Run ``fn(library, handle)`` as a task; its callbacks arrive only while this view exists.

        Args:
            fn, on_success, on_failure, on_progress, write: as for ``TaskRunner.submit``.
            channel: a kind of request ("list", "search"). A task on a channel outdates
                every earlier one on it: their success or failure, should it still arrive,
                is dropped (counted in ``ignored_results``). None: every result counts
                (writes, one-off actions).
        """
        generation = self.outdate(channel) if channel is not None else 0

        def current() -> bool:
            if channel is None or self._generations[channel] == generation:
                return True
            self.ignored_results += 1
            log.debug("%s dropped an outdated %s result", type(self).__name__, channel)
            return False

        def succeeded(result: Any) -> None:
            if current():
                on_success(result)

        def failed(exc: BaseException) -> None:
            if current():
                on_failure(exc)

        return self.ctx.tasks.submit(
            fn,
            succeeded if on_success is not None else None,
            failed if on_failure is not None else None,
            on_progress,
            write=write,
            context=self,
        )
