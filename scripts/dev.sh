#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 PolicyVault contributors
#
# The project's commands. On a fresh Debian 12 / Ubuntu 24.04 machine:
#   scripts/dev.sh run     installs what is needed, builds, starts the app
#   scripts/dev.sh test    installs what is needed, builds, runs every test
# Sub-steps: deps | build | test-only | run-only | bench | translations
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${PV_BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${PV_BUILD_TYPE:-Release}"
JOBS="${PV_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Every Debian package the build, the tests and CI need. qt6-httpserver-dev's CMake package
# needs qt6-websockets-dev although the Debian package does not depend on it.
PACKAGES=(
    cmake ninja-build g++ pkg-config git
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev qt6-svg-dev libqt6svg6
    libqt6sql6-sqlite qtkeychain-qt6-dev libspdlog-dev libssl-dev openssl libgl-dev
    gnome-keyring libsecret-tools dbus dbus-x11 xvfb xauth fonts-dejavu-core sqlite3
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

cmd_deps() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    # Node.js + npm run the conformance suite (Microsoft's own Graph and MSAL clients).
    # A machine may already carry a newer Node with its own npm; keep it then.
    if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        log "all packages present"
    fi
    local conformance="$ROOT/tools/graphsim/conformance"
    if [ -f "$conformance/package-lock.json" ]; then
        if [ ! -d "$conformance/node_modules" ] || [ "$conformance/package-lock.json" -nt "$conformance/node_modules" ]; then
            log "npm ci (graphsim conformance suite)"
            (cd "$conformance" && npm ci --no-audit --no-fund --loglevel=error)
        fi
    fi
}

cmd_build() {
    log "configuring ($BUILD_TYPE) in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
        -DPV_WERROR="${PV_WERROR:-ON}" >/dev/null
    log "building with $JOBS jobs"
    cmake --build "$BUILD_DIR" -j "$JOBS"
}

# Runs ctest inside a private D-Bus session with an unlocked gnome-keyring, so the
# keychain tests talk to a real Secret Service; HOME and XDG_RUNTIME_DIR are private
# temporary folders so no test touches a real profile.
cmd_test_only() {
    local home runtime
    home="$(mktemp -d)"; runtime="$(mktemp -d)"; chmod 700 "$runtime"
    mkdir -p "$BUILD_DIR/test-artifacts"
    log "running tests (private HOME=$home)"
    local status=0
    HOME="$home" XDG_RUNTIME_DIR="$runtime" PV_REQUIRE_KEYCHAIN=1 \
    PV_REQUIRE_CONFORMANCE="${PV_REQUIRE_CONFORMANCE:-1}" QT_QPA_PLATFORM=offscreen \
    dbus-run-session -- bash -c '
        mkdir -p "$HOME/.local/share/keyrings"
        eval "$(echo -n ci | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
        export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
        keyring_pid="$(pgrep -n -f "gnome-keyring-daemon --daemonize" || true)"
        cd "$1" || exit 1
        status=0
        ctest --output-on-failure --timeout 600 -j "$2" ${PV_CTEST_ARGS:-} || status=$?
        if [ -n "$keyring_pid" ]; then kill "$keyring_pid" 2>/dev/null || true; fi
        exit $status
    ' bash "$BUILD_DIR" "$JOBS" || status=$?
    rm -rf "$home" "$runtime"
    return $status
}

cmd_run_only() {
    log "starting PolicyVault"
    exec "$BUILD_DIR/app/gui/policyvault" "$@"
}

cmd_bench() {
    "$BUILD_DIR/bench/gui_stall/bench_gui_stall"
    "$BUILD_DIR/bench/graphsim/bench_graphsim_throughput" --seconds 3
    "$BUILD_DIR/bench/redactor/bench_redactor"
    "$BUILD_DIR/bench/runs/bench_runs"
    "$BUILD_DIR/bench/graph/bench_graph_capture" --profile large --latency-ms 30
    "$BUILD_DIR/bench/capture/bench_capture" --profile large --latency-ms 30
    "$BUILD_DIR/bench/capture/bench_capture" --profile large --latency-ms 30 --gui
    "$BUILD_DIR/bench/normalize/bench_normalize"
}

# CI refreshes the .ts files (lupdate over every source) so that string extraction
# cannot break silently; on a developer machine `scripts/dev.sh translations` does it.
cmd_check_translations() {
    if [ -n "${CI:-}" ]; then
        log "refreshing translations (lupdate)"
        cmake --build "$BUILD_DIR" --target update_translations >/dev/null
    fi
}

cmd_translations() {
    cmake --build "$BUILD_DIR" --target update_translations
}

case "${1:-}" in
    deps) cmd_deps ;;
    build) cmd_build ;;
    test) cmd_deps; cmd_build; cmd_check_translations; cmd_test_only ;;
    test-only) cmd_test_only ;;
    run) shift; cmd_deps; cmd_build; cmd_run_only "$@" ;;
    run-only) shift; cmd_run_only "$@" ;;
    bench) cmd_bench ;;
    translations) cmd_translations ;;
    *)
        echo "usage: $0 {run|test|deps|build|test-only|run-only|bench|translations}" >&2
        exit 3 ;;
esac
