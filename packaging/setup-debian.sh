#!/usr/bin/env bash
# Set up DTN Reader on Debian or Ubuntu: the system packages it needs, then .venv/ with the
# app installed in it (editable). Run it from the checkout, as root or as a user with sudo:
#
#   packaging/setup-debian.sh          # the app: Python, Qt's runtime libraries (xcb), fonts
#   packaging/setup-debian.sh --test   # and everything the tests use (minisign, nginx, Xvfb, ...)
#
# It is what the README's Quick start runs; .ci/run runs the README's test command, so a
# package missing here fails CI. Safe to run again: apt-get and pip skip what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

TEST=0
case "${1:-}" in
  --test) TEST=1 ;;
  "") ;;
  *) echo "usage: packaging/setup-debian.sh [--test]" >&2; exit 2 ;;
esac

# Python 3.11+ with venv (Debian splits venv off).
PYTHON_PACKAGES="python3 python3-venv"
# What Qt's xcb platform plugin and QtGui/QtWidgets link (ldd on PySide6's libqxcb.so and
# libQt6Gui/Widgets), plus a font: without one every text is invisible.
QT_PACKAGES="libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libx11-6 libx11-xcb1
  libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0
  libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0
  libxcb-xinerama0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 fonts-dejavu-core"
# The tests: minisign (interop), ripgrep (benchmark baseline), nginx (a real web server for
# sync), poppler-utils (PDF output), Xvfb + xauth + x11-utils (the app on a real X server),
# at-spi2-core + dbus + python3-pyatspi (the screen-reader test), git (the clean-tree check),
# binutils (objdump: the desktop build's library pruning).
TEST_PACKAGES="minisign ripgrep nginx poppler-utils xvfb xauth x11-utils at-spi2-core dbus python3-pyatspi git binutils"

PACKAGES="$PYTHON_PACKAGES $QT_PACKAGES"
[ "$TEST" -eq 1 ] && PACKAGES="$PACKAGES $TEST_PACKAGES"

if command -v apt-get >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null; then
    SUDO="sudo"
  else
    echo "setup: run this as root or install sudo; it installs system packages with apt-get" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "setup: installing system packages (apt-get)"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086  # word splitting of the lists is intended
  $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
else
  echo "setup: no apt-get here; install these yourself (Debian names): $PACKAGES" >&2
fi

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: DTN Reader needs Python 3.11 or newer; python3 is $(python3 -V 2>&1)" >&2
  exit 1
fi

EXTRAS=""
[ "$TEST" -eq 1 ] && EXTRAS="[test]"
[ -x .venv/bin/python ] || python3 -m venv .venv
echo "setup: installing DTN Reader into .venv (pip install -e \".$EXTRAS\")"
.venv/bin/python -m pip install -q -e ".$EXTRAS"
echo "setup: done; the app is .venv/bin/dtn-reader, the command .venv/bin/dtn"
