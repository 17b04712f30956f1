#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Developer entry point on Debian 12 / Ubuntu: installs the packages Pacta needs
# when they are missing, configures and builds, then runs Pacta or its tests.
#
#   build-aux/dev.sh run [PACTA ARGS…]   build and start Pacta (arguments go to pacta)
#   build-aux/dev.sh test                build with warnings as errors and run every test,
#                                        then the suites that read dates again at hard dates
#                                        and in far time zones (faketime), then each fuzz
#                                        target briefly (build-fuzz/, clang)
#   build-aux/dev.sh test --sanitize     every test built with ASan and UBSan (build-sanitize/)
#
# PACTA_FUZZ_SECONDS: how long each fuzz target runs (default 30; 0 skips them).
# PACTA_HARD_DATES=0 skips the runs at hard dates.
# Arguments after test go to meson test; the hard dates and the fuzz run are then left out.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PACTA_BUILD_DIR:-$top/build}
fuzz_build=$top/build-fuzz
sanitize_build=$top/build-sanitize

build_packages=(
  gcc libc6-dev pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsqlite3-dev libqrencode-dev libxml2-dev libsoup-3.0-dev glib-networking libsecret-1-dev
  # the mailbox: GMime reads and builds messages, libcurl speaks IMAP and SMTP
  libgmime-3.0-dev libcurl4-gnutls-dev
  desktop-file-utils appstream
  # symbolic icons are SVG; GTK needs the SVG pixbuf loader to draw them
  librsvg2-common adwaita-icon-theme shared-mime-info fonts-cantarell
)
# zbar-tools: the invoice PDF test reads the tax QR code back with zbarimg;
# faketime: the suites run again with the machine's clock moved (hard_dates);
# openssl: the mock tax agency's certificates, made when its test starts;
# poppler-utils: the invoice PDF tests read its text back with pdftotext;
# libxml2-utils: xmllint checks the exported records against the schemas;
# python3-pyatspi, at-spi2-core, dbus: the a11y test reads the windows over
# AT-SPI, as a screen reader does, on buses of its own (tests/a11y-session.sh);
# gnome-keyring: the certificate tests keep passwords in a keyring of their
# own, on a private session bus (tests/keyring-session.sh);
# dovecot-imapd, python3-aiosmtpd: the mail tests' own IMAP and SMTP servers on
# 127.0.0.1, with private configuration (tests/pacta-mail-servers.c); no
# system service is used or changed
test_packages=(xvfb xauth python3 zbar-tools faketime tzdata openssl poppler-utils libxml2-utils python3-pyatspi at-spi2-core dbus gnome-keyring dovecot-imapd python3-aiosmtpd)
# libFuzzer comes with clang; its runtime package is versioned (libclang-rt-14-dev)
fuzz_packages=(clang)
fuzz_targets=(import csv billing-import catalog numbering mail)

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

# compile DIR [TARGET…]: quiet unless it fails
compile() {
  local dir=$1 log
  shift
  log=$(mktemp)
  if ! meson compile -C "$dir" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# configure_and_build [MESON SETUP OPTION…]: configures $build once, then builds it
configure_and_build() {
  if [[ ! -f $build/build.ninja ]]; then
    meson setup "$build" "$top" -Dwerror=true --buildtype=debugoptimized "$@" >/dev/null
  fi
  compile "$build" || exit 1
}

# Running uninstalled: schemas and translations come from the build tree
uninstalled_env() {
  export GSETTINGS_SCHEMA_DIR=$build/data
  export PACTA_LOCALEDIR=$build/po
}

# Every suite under one Xvfb: the ui suite needs it, the others ignore it
run_tests() {
  xvfb-run -a -s '-screen 0 1280x800x24' \
    meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
}

# keep_log FILE [LABEL]: copies a meson test log away at once, since someone
# else's meson test in the same build tree would overwrite it, and queues it
# for counting; with a LABEL the whole log counts as one case of that name
logs=()
copies=()
keep_log() {
  local copy prefix=${2:+$2=}
  copy=$(mktemp --suffix=.json)
  copies+=("$copy")
  if cp "$1" "$copy" 2>/dev/null; then
    logs+=("$prefix$copy")
  else
    logs+=("$prefix$1")   # missing: counts as a failure
  fi
}

# The one line 'N passed, N failed' over every log kept
count_tests() {
  local result=0
  python3 "$top/build-aux/count-tests.py" "${logs[@]}" || result=1
  rm -f -- "${copies[@]}"
  return "$result"
}

# The moments the suites that read dates (core, ui, crash) run at again, as
# ZONE|LOCAL TIME, with the machine's clock moved there by libfaketime (it
# starts there and runs on): the year's end with a yearly numbering reset
# during a run, just after it, a leap day, the starts and ends of summer
# time in Madrid while a run is under way, and the two zones a day apart
# from UTC around the new year.
hard_dates=(
  'Europe/Madrid|2026-12-31 23:59:50'
  'Europe/Madrid|2027-01-01 00:00:05'
  'Europe/Madrid|2028-02-29 12:00:00'
  'Europe/Madrid|2027-03-28 01:59:50'
  'Europe/Madrid|2027-10-31 02:59:50'
  'Pacific/Kiritimati|2027-01-01 08:00:00'
  'Pacific/Pago_Pago|2026-12-31 18:00:00'
)

# Each moment is one test case of the closing count: it passes when every
# test of the three suites passes there (count-tests.py LABEL=LOG). The
# 'layout' tests (widths, screen-reader names) read no dates and are left out
run_hard_dates() {
  local entry zone when label base result=0
  for entry in "${hard_dates[@]}"; do
    zone=${entry%%|*}
    when=${entry#*|}
    label="hard-date: $zone $when"
    base="hard-date-$(printf '%s' "$zone-$when" | tr -c 'A-Za-z0-9' '-')"
    rm -f "$build/meson-logs/$base"*
    say "running the core, ui and crash suites at $when in $zone"
    run_tests --no-rebuild --suite core --suite ui --suite crash --no-suite layout --logbase "$base" \
      --wrapper "env TZ=$zone PACTA_TEST_FAKETIME=${when/ /T} faketime -f '@$when'" >/dev/null || result=1
    # meson names a log run under a wrapper after it: BASE-env.json
    keep_log "$build/meson-logs/$base-env.json" "$label"
  done
  return "$result"
}

libfuzzer_works() {
  printf 'int LLVMFuzzerTestOneInput (const unsigned char *d, unsigned long n) { return 0; }\n' |
    clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1
}

# Builds the fuzz targets with clang in build-fuzz/ and runs each for
# PACTA_FUZZ_SECONDS as one TAP case of the suite 'fuzz' (tests/fuzz/run-fuzz.py)
run_fuzz() {
  ensure_packages "${fuzz_packages[@]}"
  libfuzzer_works || ensure_packages "libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"

  if [[ ! -f $fuzz_build/build.ninja ]]; then
    # werror off: clang warns about things gcc accepts; build/ is the -Werror gate
    CC=clang meson setup "$fuzz_build" "$top" --buildtype=debugoptimized -Dwerror=false \
      -Dfuzzing=true -Dui_tests=false -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  compile "$fuzz_build" "${fuzz_targets[@]/#/tests/fuzz/fuzz-}" || return 1

  say "fuzzing ${fuzz_targets[*]}, ${PACTA_FUZZ_SECONDS}s each"
  local result=0
  meson test -C "$fuzz_build" --no-rebuild --suite fuzz --print-errorlogs || result=$?
  # Runs, speed and coverage of each target (the TAP comments of run-fuzz.py)
  python3 -c 'import json, sys
for entry in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    for line in (entry.get("stdout") or "").splitlines():
        if line.startswith("# "):
            print("fuzz:", line[2:])' "$fuzz_build/meson-logs/testlog.json" >&2 || true
  return "$result"
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
    sanitize=0
    meson_args=()
    for arg in "$@"; do
      if [[ $arg == --sanitize ]]; then sanitize=1; else meson_args+=("$arg"); fi
    done
    ensure_packages "${build_packages[@]}" "${test_packages[@]}"
    status=0

    if ((sanitize)); then
      build=$sanitize_build
      configure_and_build -Db_sanitize=address,undefined -Db_lundef=false
      export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
      # Leaks that are not Pacta's. GLib keeps the old strings on purpose when
      # g_test_init (G_TEST_OPTION_ISOLATE_DIRS) resets the user directories for
      # each test case; fontconfig keeps its pattern caches until exit (invoice PDFs).
      printf '%s\n' 'leak:g_set_user_dirs' 'leak:libfontconfig.so' >"$build/lsan.supp"
      export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$build/lsan.supp}
      asan=detect_stack_use_after_return=1:detect_leaks=1
      if ((${#meson_args[@]})); then
        ASAN_OPTIONS=${ASAN_OPTIONS:-$asan:fast_unwind_on_malloc=0} run_tests -t 3 "${meson_args[@]}" || status=$?
        keep_log "$build/meson-logs/testlog.json"
      else
        # Every suite but ui (core, crash, data) with slow unwinding: GLib has no
        # frame pointers, and the g_set_user_dirs suppression needs the whole stack
        ASAN_OPTIONS=${ASAN_OPTIONS:-$asan:fast_unwind_on_malloc=0} \
          run_tests -t 3 --no-suite ui --logbase sanitize || status=$?
        keep_log "$build/meson-logs/sanitize.json"
        # The ui suite needs only the fontconfig suppression, which the first
        # frame shows: fast unwinding keeps it at the speed of the normal run
        ASAN_OPTIONS=${ASAN_OPTIONS:-$asan} run_tests -t 3 --suite ui --logbase sanitize-ui || status=$?
        keep_log "$build/meson-logs/sanitize-ui.json"
      fi
      count_tests || status=1
      exit "$status"
    fi

    configure_and_build
    run_tests "${meson_args[@]}" || status=$?
    keep_log "$build/meson-logs/testlog.json"

    if ((${#meson_args[@]})); then
      say "no hard dates: meson test arguments were given"
    elif [[ ${PACTA_HARD_DATES:-1} == 0 ]]; then
      say "no hard dates: PACTA_HARD_DATES=0"
    else
      run_hard_dates || status=1
    fi

    export PACTA_FUZZ_SECONDS=${PACTA_FUZZ_SECONDS:-30}
    if ((${#meson_args[@]})); then
      say "no fuzzing: meson test arguments were given"
    elif [[ $PACTA_FUZZ_SECONDS == 0 ]]; then
      say "no fuzzing: PACTA_FUZZ_SECONDS=0"
    else
      # If the targets do not build, the missing log counts as one failure
      rm -f "$fuzz_build/meson-logs/testlog.json"
      run_fuzz || status=1
      keep_log "$fuzz_build/meson-logs/testlog.json"
    fi

    count_tests || status=1
    exit "$status"
    ;;
  *)
    echo "usage: $0 run [PACTA ARGS…] | test [--sanitize] [MESON TEST ARGS…]" >&2
    exit 2
    ;;
esac
