#!/usr/bin/env bash
# Developer entry point on Debian 12 / Ubuntu: installs the packages Pacta needs
# when they are missing, configures and builds, then runs Pacta or its tests.
#
#   build-aux/dev.sh run [PACTA ARGS…]   build and start Pacta (arguments go to pacta)
#   build-aux/dev.sh test                build with warnings as errors and run every test
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PACTA_BUILD_DIR:-$top/build}

build_packages=(
  gcc libc6-dev pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsqlite3-dev libqrencode-dev
  desktop-file-utils appstream
  # symbolic icons are SVG; GTK needs the SVG pixbuf loader to draw them
  librsvg2-common adwaita-icon-theme shared-mime-info fonts-cantarell
)
# zbar-tools: the invoice PDF test reads the tax QR code back with zbarimg
test_packages=(xvfb xauth python3 zbar-tools)

say() { printf 'dev.sh: %s\n' "$*" >&2; }

ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0

  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { say "please install as root: ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  say "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q >/dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

configure_and_build() {
  if [[ ! -f $build/build.ninja ]]; then
    meson setup "$build" "$top" -Dwerror=true --buildtype=debugoptimized >/dev/null
  fi
  local log
  log=$(mktemp)
  if ! meson compile -C "$build" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}

# Running uninstalled: schemas and translations come from the build tree
uninstalled_env() {
  export GSETTINGS_SCHEMA_DIR=$build/data
  export PACTA_LOCALEDIR=$build/po
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift

case $cmd in
  run)
    ensure_packages "${build_packages[@]}"
    configure_and_build
    uninstalled_env
    exec "$build/src/pacta" "$@"
    ;;
  test)
    ensure_packages "${build_packages[@]}" "${test_packages[@]}"
    configure_and_build
    status=0
    # Every suite under one Xvfb: the ui suite needs it, the others ignore it
    xvfb-run -a -s '-screen 0 1280x800x24' \
      meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || status=$?
    python3 "$top/build-aux/count-tests.py" "$build/meson-logs/testlog.json" || status=1
    exit "$status"
    ;;
  *)
    echo "usage: $0 run [PACTA ARGS…] | test [MESON TEST ARGS…]" >&2
    exit 2
    ;;
esac
