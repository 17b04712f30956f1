#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# a11y-session.sh: runs a test under a private session bus and accessibility
# (AT-SPI) bus of its own, so that it reads its windows as a screen reader
# does, apart from any desktop session and from other tests.
#   a11y-session.sh TEST [ARGS…]
set -eu

if [ -z "${PACTA_A11Y_SESSION:-}" ]; then
  PACTA_A11Y_SESSION=1 exec dbus-run-session -- "$0" "$@"
fi

launcher=
for candidate in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher \
                 /usr/lib/at-spi-bus-launcher; do
  if [ -x "$candidate" ]; then launcher=$candidate; break; fi
done
if [ -z "$launcher" ]; then
  echo "a11y-session.sh: at-spi-bus-launcher not found (Debian: at-spi2-core)" >&2
  exit 1
fi

# Without a display: the launcher would otherwise publish its bus on the X
# server's root window, which the other tests share. The address is handed
# to GTK and to the reader through AT_SPI_BUS_ADDRESS instead. The bus's
# socket goes in a folder of this run's own (by default it is one path for
# all of a user's runs). Its output goes nowhere, so that nothing it leaves
# keeps the test's output open.
runtime_dir=$(mktemp -d)
env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$runtime_dir" \
  "$launcher" --launch-immediately </dev/null >/dev/null 2>&1 &
launcher_pid=$!
cleanup() {
  kill "$launcher_pid" 2>/dev/null || true
  rm -rf "$runtime_dir"
}

has_owner() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.a11y.Bus 2>/dev/null | grep -q true
}

# Asked only once the launcher owns its name: asking earlier would start
# another one through D-Bus activation, with the display
tries=0
until has_owner; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ]; then
    echo "a11y-session.sh: the accessibility bus did not start" >&2
    cleanup
    exit 1
  fi
  sleep 0.05
done
AT_SPI_BUS_ADDRESS=$(dbus-send --session --print-reply=literal --dest=org.a11y.Bus /org/a11y/bus \
                       org.a11y.Bus.GetAddress | tr -d ' ')
export AT_SPI_BUS_ADDRESS

status=0
"$@" || status=$?
cleanup
exit "$status"
