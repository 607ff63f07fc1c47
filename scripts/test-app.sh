#!/usr/bin/env bash
# The desktop app's tests: UI unit tests (Vitest) and type check, the mock-runtime smoke test,
# and end-to-end tests of the real app (Xvfb + tauri-driver + WebKitWebDriver) that save a
# screenshot of every screen into target/screenshots/.
# Network is used only here to install (npm ci, cargo install); the tests themselves are offline.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target="${CARGO_TARGET_DIR:-$root/target}"

bash scripts/install-system-deps.sh --app

echo "== UI: install, type check, unit tests, build"
if [[ ! ui/node_modules/.package-lock.json -nt ui/package-lock.json ]]; then
  (cd ui && npm ci --no-audit --no-fund)
fi
(cd ui && npm run check && npm test && npm run build)

echo "== app: unit tests and the mock-runtime smoke test"
# This also builds target/debug/dossier-app, the binary the end-to-end tests drive: with the
# integration tests' features (Tauri's mock runtime compiled in, unused by the real app), so
# the Tauri stack is compiled once rather than once more by a plain `cargo build`.
cargo test -p dossier-app --locked

echo "== app: end-to-end in the real webview"
# tauri-driver bridges WebDriver to WebKitWebDriver; cached outside target/ so `cargo clean`
# does not cost another install.
tools="${DOSSIER_TOOLS_DIR:-$HOME/.cache/dossier-bridge/tools}"
if [[ ! -x "$tools/bin/tauri-driver" ]]; then
  cargo install tauri-driver --version '^2' --locked --root "$tools"
fi
shots="$target/screenshots"
rm -rf "$shots"
APP_BIN="$target/debug/dossier-app" \
TAURI_DRIVER="$tools/bin/tauri-driver" \
SAMPLE="$root/sample-dossiers/examplinib" \
SCREENSHOTS="$shots" \
  node ui/e2e/run.mjs
