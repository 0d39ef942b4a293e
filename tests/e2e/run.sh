#!/usr/bin/env bash
# Runs the window's end-to-end tests: tauri-driver (with WebKitWebDriver)
# drives the real app binary, each test on its own throwaway database.
#
#   xvfb-run -a tests/e2e/run.sh [APP_BINARY]
#
# APP_BINARY defaults to target/debug/ai-oversight; the `oversight` CLI
# beside it (or $OVERSIGHT_CLI) gives the numbers the window must show.
# E2E_ONLY=PATTERN runs only the tests whose names match the pattern.
# E2E_PORT=N (4444) is where tauri-driver listens; it uses N+1 too.
# Nothing here touches the user's own data: HOME, the XDG folders and
# OVERSIGHT_DB all point into a temporary folder removed at exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="$(realpath "${1:-$root/target/debug/ai-oversight}")"
cli="${OVERSIGHT_CLI:-$(dirname "$app")/oversight}"
# tauri-driver listens on E2E_PORT (4444) and starts WebKitWebDriver on
# the next port, so two runs on one machine can use 4444 and 4454.
port="${E2E_PORT:-4444}"

for binary in "$app" "$cli"; do
  if [[ ! -x "$binary" ]]; then
    echo "run.sh: $binary is missing; build it first with 'cargo build'" >&2
    exit 1
  fi
done
if ! command -v tauri-driver >/dev/null; then
  echo "run.sh: tauri-driver is not on PATH ('cargo install tauri-driver --locked')" >&2
  exit 1
fi
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "run.sh: no display; run it as 'xvfb-run -a tests/e2e/run.sh'" >&2
  exit 1
fi

# Installed before HOME moves, so npm finds its usual cache.
if [[ ! -d "$here/node_modules" ]]; then
  (cd "$here" && npm ci --prefer-offline --no-audit --no-fund)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/oversight-e2e.XXXXXX")"
driver_pid=""
cleanup() {
  if [[ -n "$driver_pid" ]]; then
    kill "$driver_pid" 2>/dev/null || true
    wait "$driver_pid" 2>/dev/null || true
  fi
  if [[ -n "${KEEP_E2E_TMP:-}" ]]; then
    echo "run.sh: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"
# Each test passes its own --db; this one catches any window that does not.
export OVERSIGHT_DB="$tmp/default/oversight.sqlite3"
export OVERSIGHT_E2E_TMP="$tmp" OVERSIGHT_APP="$app" OVERSIGHT_CLI="$cli"
export OVERSIGHT_E2E_PORT="$port"
# Under Xvfb WebKit's DMA-BUF renderer draws a blank window.
export WEBKIT_DISABLE_DMABUF_RENDERER=1
export NO_AT_BRIDGE=1

tauri-driver --port "$port" --native-port "$((port + 1))" >"$tmp/tauri-driver.log" 2>&1 &
driver_pid=$!

ready=""
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    ready=yes
    break
  fi
  if ! kill -0 "$driver_pid" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
if [[ -z "$ready" ]]; then
  echo "run.sh: tauri-driver did not start on port $port:" >&2
  cat "$tmp/tauri-driver.log" >&2
  exit 1
fi

cd "$root"
status=0
node --test ${E2E_ONLY:+"--test-name-pattern=$E2E_ONLY"} tests/e2e/ || status=$?
if [[ $status -ne 0 ]]; then
  echo "run.sh: tauri-driver log:" >&2
  tail -n 40 "$tmp/tauri-driver.log" >&2 || true
fi
exit "$status"
