"""Walk a running DTN Reader over the AT-SPI bus and print what a screen reader would find, as JSON.

Run with the system Python that has python3-pyatspi (Debian), not the project's venv:

    /usr/bin/python3 tests/helpers/atspi_walk.py PID TIMEOUT_S

The environment must name the session bus and display the app runs on. The walker finds the
application by its process id, waits for the overview's level, then, with real key presses
(synthesised by the AT-SPI registry through XTest), moves down the navigation list one view at
a time, checks that the view is shown and that Tab takes the focus into it, and reports every
focusable, showing node with its role and name. The test that runs it makes the assertions.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi

# Keysyms (X11) for the keys the walk presses.
KEY_DOWN = 0xFF54
KEY_TAB = 0xFF09
KEY_HOME = 0xFF50
# How long to wait for the UI to answer a key press, in seconds, and how often to look.
STEP_TIMEOUT_S = 15.0
POLL_S = 0.1
# Nodes walked at most (a runaway tree fails instead of hanging).
MAX_NODES = 20_000


def find_app(pid: int, deadline: float):
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:  # noqa: BLE001 - an app that just went away
                continue
        time.sleep(POLL_S)
    return None


def walk(node, out: list, depth: int = 0) -> None:
    if node is None or len(out) >= MAX_NODES:
        return
    out.append((node, depth))
    try:
        count = node.childCount
    except Exception:  # noqa: BLE001 - a node that went away while walking
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:  # noqa: BLE001
            continue
        walk(child, out, depth + 1)


def describe(node) -> dict:
    states = node.getState()
    info = {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "visible": states.contains(pyatspi.STATE_VISIBLE),
        "selected": states.contains(pyatspi.STATE_SELECTED),
    }
    try:
        text = node.queryText()
        info["text"] = text.getText(0, min(text.characterCount, 500))
    except NotImplementedError:
        pass
    except Exception:  # noqa: BLE001 - a node without a text interface
        pass
    return info


def nodes_of(app) -> list:
    out: list = []
    walk(app, out)
    return [n for n, _d in out]


def find(app, predicate):
    for node in nodes_of(app):
        try:
            if predicate(node):
                return node
        except Exception:  # noqa: BLE001
            continue
    return None


def wait_for(app, predicate, timeout: float = STEP_TIMEOUT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        node = find(app, predicate)
        if node is not None:
            return node
        time.sleep(POLL_S)
    return None


def grab_focus(node) -> bool:
    """Ask the app to focus ``node`` (retried: the first calls can time out while the app is busy)."""
    for _attempt in range(5):
        try:
            return bool(node.queryComponent().grabFocus())
        except Exception:  # noqa: BLE001 - a D-Bus timeout
            time.sleep(1.0)
    return False


def press(keysym: int) -> None:
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def focused_in(node) -> set:
    """Keys of the showing nodes under ``node`` whose FOCUSED state is set."""
    keys = set()
    for n in nodes_of(node):
        try:
            states = n.getState()
            if states.contains(pyatspi.STATE_FOCUSED) and states.contains(pyatspi.STATE_SHOWING):
                keys.add(_key(n))
        except Exception:  # noqa: BLE001 - gone meanwhile
            continue
    return keys


def _key(node) -> tuple:
    parent = node.parent
    return (node.getRoleName(), node.name, node.getIndexInParent(), parent.name if parent is not None else "")


def selected_item(nav) -> str | None:
    for i in range(nav.childCount):
        child = nav.getChildAtIndex(i)
        if child.getState().contains(pyatspi.STATE_SELECTED):
            return child.name
    return None


def is_inside(node, ancestor) -> bool:
    while node is not None:
        if node == ancestor:
            return True
        node = node.parent
    return False


def chrome_nodes(node, skip: list) -> list:
    """The nodes under ``node`` outside the subtrees in ``skip`` (the window around the views)."""
    if node is None or any(node == s for s in skip):
        return []
    out = [node]
    try:
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # noqa: BLE001
        return out
    for child in children:
        out += chrome_nodes(child, skip)
    return out


def table_rows(node) -> int:
    try:
        return node.queryTable().nRows
    except Exception:  # noqa: BLE001
        return -1


def main(pid: int, timeout_s: float) -> dict:
    report: dict = {"found_app": False, "problems": [], "views": []}
    app = find_app(pid, time.monotonic() + timeout_s)
    if app is None:
        report["problems"].append(f"no application with pid {pid} on the AT-SPI bus")
        return report
    report["found_app"] = True
    report["app_name"] = app.name
    level = wait_for(app, lambda n: n.name.startswith("Threat level") and n.getState().contains(pyatspi.STATE_SHOWING), timeout_s)
    report["level"] = describe(level) if level is not None else None

    nav = wait_for(app, lambda n: n.name == "Navigation" and n.getRoleName() == "list")
    if nav is None:
        report["problems"].append("no navigation list")
        return report
    titles = [nav.getChildAtIndex(i).name for i in range(nav.childCount)]
    report["nav_items"] = titles
    window = nav
    while window.parent is not None and window.getRoleName() != "frame":
        window = window.parent
    # Xvfb has no window manager to give the window the keyboard: a click on the first entry
    # does, as a user's would (the X focus then follows the pointer, which stays there).
    first = nav.getChildAtIndex(0).queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(first.x + first.width // 2, first.y + first.height // 2, "b1c")
    grab_focus(nav)
    if wait_for(nav, lambda n: n == nav and n.getState().contains(pyatspi.STATE_FOCUSED)) is None:
        report["problems"].append("the navigation list cannot take the focus")
    press(KEY_HOME)
    # The views are the pages of the stack next to the navigation, named after their titles.
    stack = find(window, lambda n: n.getRoleName() == "layered pane")
    view_nodes = [stack.getChildAtIndex(i) for i in range(stack.childCount)] if stack else []
    report["stack_pages"] = [v.name for v in view_nodes]
    for index, title in enumerate(titles):
        if index:
            grab_focus(nav)
            deadline = time.monotonic() + STEP_TIMEOUT_S
            while time.monotonic() < deadline and not nav.getState().contains(pyatspi.STATE_FOCUSED):
                time.sleep(POLL_S)
            press(KEY_DOWN)
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while time.monotonic() < deadline and selected_item(nav) != title:
            time.sleep(POLL_S)
        entry = {"title": title, "selected": selected_item(nav) == title}
        # The view: the showing container named after it, inside the window, not in the navigation.
        view = wait_for(stack, lambda n: n.parent == stack and n.name == title and n.getState().contains(pyatspi.STATE_SHOWING)) if stack else None
        entry["view_found"] = view is not None
        # Tab from the navigation goes into the view: a control inside it takes the focus.
        # Tab from the navigation goes into the view: the list loses the focus and a control
        # in the view gains it. (A FOCUSED state can linger on nodes that lost the focus, so
        # only a node that was not focused before the key press counts.)
        before = focused_in(view) if view is not None else set()
        press(KEY_TAB)
        gained = set()
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while view is not None and time.monotonic() < deadline:
            gained = focused_in(view) - before
            nav_focused = nav.getState().contains(pyatspi.STATE_FOCUSED)
            if gained and not nav_focused:
                break
            time.sleep(POLL_S)
        entry["tab_focus"] = sorted(gained)[0][:2] if gained else None
        if title == "Level history" and view is not None:
            table = wait_for(view, lambda n: n.getRoleName() == "table" and n.name == "Level history table" and n.getState().contains(pyatspi.STATE_SHOWING))
            entry["chart_table"] = {"name": table.name, "rows": table_rows(table)} if table is not None else None
            chart = find(view, lambda n: n.name == "Threat level history chart" and n.getRoleName() != "label")
            entry["chart"] = describe(chart) if chart is not None else None
        # Every focusable node on screen now, in the view and in the window around the views.
        shown = []
        scope = nodes_of(view) if view is not None else []
        scope += chrome_nodes(window, view_nodes)
        for node in scope:
            try:
                info = describe(node)
            except Exception:  # noqa: BLE001
                continue
            if info["focusable"] and info["showing"]:
                shown.append(info)
        entry["focusable"] = shown
        report["views"].append(entry)
    report["node_count"] = len(nodes_of(app))
    return report


if __name__ == "__main__":
    result = main(int(sys.argv[1]), float(sys.argv[2]))
    json.dump(result, sys.stdout)
