#!/usr/bin/env bash
# The whole test suite: what `.ci/run` runs on a clean checkout.
#   1. Debian packages the tests need (idempotent; nothing to do on a prepared machine);
#   2. every library and CLI test, with the sample dossier end to end;
#   3. the built-in templates checked as data;
#   4. the desktop app: UI unit tests, the mock-runtime smoke test and end-to-end tests of the
#      real app under Xvfb (scripts/test-app.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh --app

echo "== libraries and CLI"
cargo test --workspace --exclude dossier-app --locked

echo "== templates"
# The binary the CLI tests just built (a `cargo run` resolves features anew and may build again).
"${CARGO_TARGET_DIR:-target}/debug/dossier" templates

echo "== desktop app"
bash scripts/test-app.sh
