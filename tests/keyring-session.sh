#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# keyring-session.sh: runs a test under a private session bus with a Secret
# Service of its own (Debian's gnome-keyring, its login keyring unlocked),
# in a home of its own, so that the passwords a test keeps never reach the
# user's keyring and every run starts with an empty one.
#   keyring-session.sh TEST [ARGS…]
set -eu

if [ -z "${PACTA_KEYRING_SESSION:-}" ]; then
  home=$(mktemp -d)
  mkdir -m 700 "$home/runtime"
  status=0
  # Everything the keyring daemon reads and writes is in $home
  env PACTA_KEYRING_SESSION="$home" HOME="$home" XDG_DATA_HOME="$home/data" \
    XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" \
    dbus-run-session -- "$0" "$@" || status=$?
  rm -rf "$home"
  exit "$status"
fi

daemon=$(command -v gnome-keyring-daemon || true)
if [ -z "$daemon" ]; then
  echo "keyring-session.sh: gnome-keyring-daemon not found (Debian: gnome-keyring)" >&2
  exit 1
fi

# The login keyring is made with this password and left unlocked, so that
# nothing prompts; only the secrets component: no SSH or GPG agent
printf 'pacta-test' | "$daemon" --foreground --unlock --components=secrets \
  >/dev/null 2>&1 &
daemon_pid=$!
cleanup() {
  kill "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
}

has_owner() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true
}

# Asked only once the daemon owns its name: asking the service itself
# earlier would start another one through D-Bus activation
tries=0
until has_owner; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ] || ! kill -0 "$daemon_pid" 2>/dev/null; then
    echo "keyring-session.sh: the keyring daemon did not start" >&2
    cleanup
    exit 1
  fi
  sleep 0.05
done

status=0
"$@" || status=$?
cleanup
exit "$status"
