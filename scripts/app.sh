#!/usr/bin/env bash
# Builds the UI and the desktop app, then opens it.
#   scripts/app.sh [PROJECT.dossier]
# With no argument the app opens the last project, or on a first start creates one from
# sample-dossiers/examplinib in the app data folder. Installs the Debian packages WebKit needs
# (through install-system-deps.sh) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh --app

# npm ci only when the lock file changed since the last install (it deletes node_modules).
if [[ ! ui/node_modules/.package-lock.json -nt ui/package-lock.json ]]; then
  (cd ui && npm ci --no-audit --no-fund)
fi
(cd ui && npm run build)

cargo build -p dossier-app
bin="${CARGO_TARGET_DIR:-$PWD/target}/debug/dossier-app"

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "Built $bin, but there is no DISPLAY to open it on."
  echo "Run it from a desktop session, or headless: xvfb-run -s '-screen 0 1280x800x24' $bin"
  exit 0
fi
# Without a GPU (no /dev/dri: VMs, Xvfb, remote desktops) WebKit's accelerated compositing runs
# on software GL at a few frames a second; painting without it is smooth.
[[ -e /dev/dri ]] || export WEBKIT_DISABLE_COMPOSITING_MODE=1
exec "$bin" "$@"
