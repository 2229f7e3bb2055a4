"""Fast checks of the desktop build's configuration (packaging/), without running PyInstaller.

The spec is executed with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT/BUNDLE that
record their arguments, so these tests need neither PyInstaller nor a build. The real build
and the frozen executables are exercised by packaging/build.py --smoke (in .ci/run).
"""

from __future__ import annotations

import ast
import shutil
import configparser
import struct
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGING = REPO_ROOT / "packaging"
SPEC = PACKAGING / "dtn-reader.spec"
RESOURCES = REPO_ROOT / "resources"

# What the app may import from PySide6; everything else must be excluded by the spec.
QT_USED = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport", "QtNetwork"}


class _Recorder:
    """Stands in for one PyInstaller build class; remembers every call."""

    def __init__(self, kind: str, calls: list) -> None:
        self.kind, self.calls = kind, calls

    def __call__(self, *args, **kwargs):
        result = SimpleNamespace(kind=self.kind, args=args, kwargs=kwargs, pure=[], scripts=[], binaries=[], datas=[])
        self.calls.append(result)
        return result


def run_spec(tmp_path: Path, platform: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None):
    """Execute the spec as PyInstaller would; returns (namespace, calls by kind)."""
    calls: list = []
    namespace = {name: _Recorder(name, calls) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE", "MERGE")}
    namespace.update(SPECPATH=str(PACKAGING), SPEC=str(SPEC), specnm="dtn-reader", workpath=str(tmp_path / "work"),
                     DISTPATH=str(tmp_path / "dist"), __file__=str(SPEC), __name__="__main__")
    if platform is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "platform", platform)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    by_kind: dict[str, list] = {}
    for call in calls:
        by_kind.setdefault(call.kind, []).append(call)
    return namespace, by_kind


@pytest.fixture
def spec(tmp_path: Path):
    return run_spec(tmp_path)


def test_the_version_comes_from_pyproject(spec) -> None:
    namespace, _ = spec
    with open(REPO_ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    assert namespace["VERSION"] == version
    import reader

    assert reader.__version__ == version, "reader.__version__ (dtn --version) must match pyproject.toml"


def test_one_folder_with_the_window_and_the_command(spec) -> None:
    _, calls = spec
    exes = {c.kwargs["name"]: c for c in calls["EXE"]}
    assert set(exes) == {"dtn-reader", "dtn"}
    assert exes["dtn-reader"].kwargs["console"] is False
    assert exes["dtn"].kwargs["console"] is True
    assert all(e.kwargs["exclude_binaries"] for e in exes.values()), "one-folder build: binaries go to COLLECT"
    (collect,) = calls["COLLECT"]
    assert collect.kwargs["name"] == "dtn-reader"
    assert [a for a in collect.args if getattr(a, "kind", None) == "EXE"] == [exes["dtn-reader"], exes["dtn"]]
    scripts = [Path(c.args[0][0]) for c in calls["Analysis"]]
    assert scripts == [REPO_ROOT / "main.py", PACKAGING / "entry_dtn.py"]


def _body_without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        return body[1:]
    return body


def test_modules_imported_by_name_are_collected(spec) -> None:
    """Views are imported with importlib at run time; PyInstaller only sees them as hidden imports."""
    _, calls = spec
    gui, cli = calls["Analysis"]
    views = {f"reader.ui.views.{p.stem}" for p in (REPO_ROOT / "reader" / "ui" / "views").glob("*.py") if p.stem != "__init__"}
    assert views and views <= set(gui.kwargs["hiddenimports"])
    assert {"reader.ui.app", "reader.core.render", "reader.cli"} <= set(gui.kwargs["hiddenimports"])
    assert "reader.core.library" in cli.kwargs["hiddenimports"]
    assert not [m for m in cli.kwargs["hiddenimports"] if m.startswith("reader.ui")], "the CLI stays Qt-free"


@pytest.mark.parametrize("script", ["main.py", "packaging/entry_dtn.py"])
def test_entry_scripts_call_freeze_support_first(script: str) -> None:
    """The chapter renderer's spawn child re-runs the frozen executable; freeze_support diverts it.

    Accepted: the first statement of the ``if __name__ == "__main__"`` block calls it, or calls
    a function of the script whose first statement does.
    """
    tree = ast.parse((REPO_ROOT / script).read_text(encoding="utf-8"))
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    main_blocks = [n for n in tree.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
    assert main_blocks, f"{script} has no if __name__ == '__main__' block"
    first = main_blocks[0].body[0]
    candidates = [first] + [
        _body_without_docstring(functions[call.func.id].body)[0]
        for call in ast.walk(first)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in functions
    ]
    assert any("freeze_support()" in ast.unparse(stmt) for stmt in candidates), (
        f"{script}: multiprocessing.freeze_support() must run first"
    )


def test_unused_qt_modules_are_excluded(spec) -> None:
    namespace, calls = spec
    excludes = set(calls["Analysis"][0].kwargs["excludes"])
    for module in ("QtWebEngineCore", "QtWebEngineWidgets", "Qt3DCore", "QtMultimedia", "QtQuick", "QtQml",
                   "QtDesigner", "QtHelp", "QtOpenGL", "QtSql", "QtPdf", "QtCharts", "QtTest"):
        assert f"PySide6.{module}" in excludes
    assert not {f"PySide6.{m}" for m in QT_USED} & excludes
    assert set(namespace["QT_USED"]) == QT_USED


def test_the_app_imports_no_excluded_qt_module(spec) -> None:
    """A new import of an excluded module would work from a checkout and fail frozen."""
    namespace, _ = spec
    excluded = {m.split(".", 1)[1] for m in namespace["QT_EXCLUDED"]}
    sources = [REPO_ROOT / "main.py", *sorted((REPO_ROOT / "reader").rglob("*.py"))]
    offenders = []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                names = {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                names = {node.module.split(".")[1]}
            elif isinstance(node, ast.Import):
                names = {a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6.")}
            else:
                continue
            offenders += [f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {n}" for n in names & excluded]
    assert not offenders


def _shipped_files(spec) -> dict[str, str]:
    """resources-relative source path -> destination folder, of every data file the spec ships."""
    _, calls = spec
    shipped = {}
    for src, dest in calls["Analysis"][0].kwargs["datas"]:
        if not dest.startswith("resources"):
            continue  # package metadata (PySide6's, for dtn --version)
        path = Path(src)
        assert path.is_file(), f"{src}: the spec lists files, so PyInstaller copies exactly those"
        shipped[path.relative_to(RESOURCES).as_posix()] = dest
    return shipped


def test_the_resources_the_app_needs_are_listed(spec) -> None:
    shipped = _shipped_files(spec)
    assert shipped, "no resources shipped"
    assert all(dest == str(Path("resources", rel).parent.as_posix()) for rel, dest in shipped.items())
    assert {"trust/ED389D18E6FA8B6D.pub", "icons/dtn-reader.svg"} <= set(shipped)
    assert {f"icons/dtn-reader-{n}.png" for n in (16, 32, 48, 256)} <= set(shipped)
    assert [r for r in shipped if r.startswith("demo/bundles/") and r.endswith(".dtnb")]
    qm = {r for r in shipped if r.startswith("translations/")}
    assert qm == {p.relative_to(RESOURCES).as_posix() for p in (RESOURCES / "translations").glob("*.qm")}
    assert qm and all(r.endswith(".qm") for r in qm), "translations ship compiled, not as .ts"


def test_the_demo_secret_key_and_sources_are_left_out(spec) -> None:
    shipped = _shipped_files(spec)
    assert shipped
    assert not [r for r in shipped if r.endswith(".key") or r.startswith("demo/editions/")]


def test_every_resource_is_shipped_unless_left_out_on_purpose(spec) -> None:
    """A new file or folder under resources/ ships frozen without an edit to the spec; only
    reader.core.paths.RESOURCES_LEFT_OUT keeps something out (the wheel uses the same rule)."""
    from reader.core.paths import RESOURCES_LEFT_OUT, shipped_resources

    assert set(_shipped_files(spec)) == set(shipped_resources(RESOURCES))
    every = {p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    left_out = every - set(shipped_resources(RESOURCES))
    assert {r for r in left_out if not r.endswith(".ts")} == {
        r for r in every if r.startswith("demo/editions/") or r == "demo/demo-secret.key"
    }, RESOURCES_LEFT_OUT


def test_a_new_resource_folder_ships(tmp_path) -> None:
    from reader.core.paths import shipped_resources

    (tmp_path / "help" / "nl").mkdir(parents=True)
    (tmp_path / "help" / "nl" / "index.md").write_text("# Hulp\n", encoding="utf-8")
    (tmp_path / "messages").mkdir()
    (tmp_path / "messages" / "nl.json").write_text("{}", encoding="utf-8")
    (tmp_path / "demo" / "editions" / "x").mkdir(parents=True)
    (tmp_path / "demo" / "editions" / "x" / "edition.toml").write_text("", encoding="utf-8")
    (tmp_path / "demo" / "demo-secret.key").write_text("", encoding="utf-8")
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "dtn_nl.ts").write_text("", encoding="utf-8")
    (tmp_path / "translations" / "dtn_nl.qm").write_bytes(b"q")
    (tmp_path / "translations" / "__pycache__").mkdir()
    (tmp_path / "translations" / "__pycache__" / "x.pyc").write_bytes(b"")
    assert shipped_resources(tmp_path) == ["help/nl/index.md", "messages/nl.json", "translations/dtn_nl.qm"]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", True),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/translations/qtbase_nl.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_nl.qm", True),
        ("PySide6/Qt/translations/qt_help_nl.qm", False),
        ("PySide6/translations/qtbase_zh_CN.qm", False),
        ("resources/translations/dtn_nl.qm", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", True),
        ("PySide6/Qt/lib/libQt6Network.so.6", True),
        ("libQt6Quick.so.6", False),
        ("libQt6Core.so.6", True),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt6Network.dll", True),
        ("PySide6/Qt6Quick.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
        ("PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui", True),
        ("resources/trust/ED389D18E6FA8B6D.pub", True),
    ],
)
def test_collected_files_filter(spec, dest: str, kept: bool) -> None:
    namespace, _ = spec
    assert namespace["keep_entry"](dest) is kept


def test_symlinks_to_left_out_libraries_go_too(spec) -> None:
    namespace, _ = spec
    toc = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "/venv/PySide6/Qt/lib/libQt6Quick.so.6", "BINARY"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("libquick-alias.so", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
    ]
    assert [d for d, _, _ in namespace["_filtered"](toc)] == ["PySide6/Qt/lib/libQt6Gui.so.6", "libQt6Gui.so.6"]


def test_windows_build_gets_an_icon_and_a_version_resource(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    namespace, calls = run_spec(tmp_path, "win32", monkeypatch)
    for exe in calls["EXE"]:
        assert exe.kwargs["icon"].endswith("dtn-reader.ico")
        text = Path(exe.kwargs["version"]).read_text(encoding="utf-8")
        recorded: dict = {}

        def rec(name):
            return lambda *a, **k: recorded.setdefault(name, []).append((a, k)) or (name, a, k)

        env = {n: rec(n) for n in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
                                   "StringStruct", "VarFileInfo", "VarStruct")}
        eval(text, env)  # the format PyInstaller's load_version_info_from_text_file evaluates
        strings = dict(a for a, _ in recorded["StringStruct"])
        assert strings["ProductVersion"] == namespace["VERSION"]
        assert strings["OriginalFilename"] == exe.kwargs["name"] + ".exe"
        major, minor, patch = (int(x) for x in namespace["VERSION"].split(".")[:3])
        assert recorded["FixedFileInfo"][0][1]["filevers"] == (major, minor, patch, 0)
    assert "BUNDLE" not in calls


def test_macos_build_makes_an_app_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, calls = run_spec(tmp_path, "darwin", monkeypatch)
    (bundle,) = calls["BUNDLE"]
    assert bundle.kwargs["icon"].endswith("dtn-reader.icns")
    assert all(exe.kwargs["version"] is None for exe in calls["EXE"])


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_icons_exist_in_every_size() -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import make_icons
    finally:
        sys.path.remove(str(PACKAGING))
    for size in make_icons.PNG_SIZES:
        assert _png_size(RESOURCES / "icons" / f"dtn-reader-{size}.png") == (size, size)
    ico = (RESOURCES / "icons" / "dtn-reader.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    widths = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert widths == set(make_icons.ICO_SIZES)
    icns = (RESOURCES / "icons" / "dtn-reader.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_linux_desktop_file() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "dtn-reader.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "dtn-reader"
    assert entry["Icon"] == "dtn-reader"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: the pruning runs on Linux only")
def test_host_libraries_nothing_needs_are_dropped(spec, tmp_path) -> None:
    """A library left behind by a dropped plugin (nothing kept links it) goes; what a kept
    binary needs, directly or through another library, stays. Real ELF files of the Qt
    install; objdump (binutils) reads them."""
    import PySide6

    assert shutil.which("objdump"), "objdump is not installed: apt-get install binutils (packaging/setup-debian.sh --test does)"
    namespace, _ = spec
    qt_lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    core = qt_lib / "libQt6Core.so.6"
    icu = sorted(qt_lib.glob("libicu*.so.*"))
    assert core.is_file() and icu, "PySide6's Qt libraries are not where the wheel puts them"
    orphan = tmp_path / "libleftover.so.1"
    shutil.copy(icu[0], orphan)
    toc = [("PySide6/Qt/lib/libQt6Core.so.6", str(core), "BINARY"),
           *[(p.name, str(p), "BINARY") for p in icu],
           ("libleftover.so.1", str(orphan), "BINARY"),
           ("libleftover.so", "libleftover.so.1", "SYMLINK"),
           ("libpython3.so.1.0", str(orphan), "BINARY")]  # never dropped: the bootloader loads it
    kept = [dest for dest, _src, _kind in namespace["without_unneeded_libraries"](toc)]
    assert "libleftover.so.1" not in kept and "libleftover.so" not in kept
    assert {"PySide6/Qt/lib/libQt6Core.so.6", "libpython3.so.1.0", *(p.name for p in icu)} <= set(kept)
