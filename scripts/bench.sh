#!/usr/bin/env bash
# Whole-workflow benchmarks on a large synthetic project, printed side by side with the
# by-hand tools on the same files (docs/benchmarks.md explains the method).
#   scripts/bench.sh [DOCS] [SIZE]      defaults: 5000 documents, 2GiB
set -euo pipefail
cd "$(dirname "$0")/.."
docs="${1:-5000}"; size="${2:-2GiB}"
work="${BENCH_DIR:-target/bench}"
rm -rf "$work"; mkdir -p "$work"
command -v zip >/dev/null || { echo "install zip (scripts/install-system-deps.sh does)"; exit 2; }

cargo build -q --release -p dossier-cli
cargo build -q --release -p dossier-rules --example gap_bench
bin=target/release/dossier
t() { /usr/bin/time -f "%e s wall, %M KB peak RSS" "$@"; }

echo "== generate $docs documents, $size"
t "$bin" dev gen-project "$work/gen" --docs "$docs" --size "$size"
files=$(find "$work/gen/documents" -type f | wc -l)
bytes=$(du -sb "$work/gen/documents" | cut -f1)
echo "   $files files, $bytes bytes"
find "$work/gen/documents" -type f -exec cat {} + > /dev/null   # warm the page cache

echo "== by hand: sha256sum, then md5sum, over the same files"
t sh -c "find '$work/gen/documents' -type f -print0 | xargs -0 sha256sum > /dev/null"
t sh -c "find '$work/gen/documents' -type f -print0 | xargs -0 md5sum > /dev/null"

echo "== dossier import (init --from: documents + facts + applications)"
t "$bin" init "$work/p.dossier" --from "$work/gen" | head -1

echo "== gap analysis, 4 applications x 10,000 documents (pure, in memory)"
target/release/examples/gap_bench 10000

echo "== by hand: cp -r + md5sum + zip -0 -r over the same files"
t sh -c "cp -r '$work/gen/documents' '$work/byhand' && find '$work/byhand' -type f -print0 | xargs -0 md5sum > '$work/byhand.md5' && (cd '$work' && zip -0 -q -r byhand.zip byhand)"

echo "== dossier build --app app_eu --zip (folder + zip, validated)"
t "$bin" --project "$work/p.dossier" build --app app_eu --zip | grep -E '^(built|leaves)' 

echo "== incremental: one document changes, rebuild"
one=$(find "$work/gen/documents/m2" -type f | head -1)
printf '%%EOF\n' >> "$one"
t "$bin" --project "$work/p.dossier" import "$work/gen/documents" | head -1
t "$bin" --project "$work/p.dossier" build --app app_eu --zip | grep -E '^(built|leaves)' 

if "$bin" validate --help >/dev/null 2>&1; then
  echo "== validation of the built sequence"
  t "$bin" --project "$work/p.dossier" validate "$work/p.dossier/builds/app_eu/0000" --json > /dev/null || true
fi
