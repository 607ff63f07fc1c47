#!/usr/bin/env bash
# Whole-workflow benchmarks on a large synthetic project, printed side by side with the
# by-hand tools on the same files (docs/benchmarks.md explains the method).
#   scripts/bench.sh [DOCS] [SIZE] [RUNS]      defaults: 5000 documents, 2GiB, 5 runs
# Every workflow runs RUNS times; each line prints min / median / max wall time and the largest
# peak RSS. BENCH_DIR (default target/bench) holds the generated files; it needs about 4x SIZE
# of free disk.
set -euo pipefail
cd "$(dirname "$0")/.."
docs="${1:-5000}"; size="${2:-2GiB}"; runs="${3:-5}"
work="${BENCH_DIR:-target/bench}"
rm -rf "$work"; mkdir -p "$work"
command -v zip >/dev/null || { echo "install zip (scripts/install-system-deps.sh does)"; exit 2; }

cargo build -q --release -p dossier-cli
cargo build -q --release -p dossier-rules --example gap_bench
bin=target/release/dossier
times="$work/times"

# measure NAME SETUP COMMAND: runs SETUP (untimed) then COMMAND (timed) $runs times.
measure() {
  local name="$1" setup="$2" cmd="$3"
  : > "$times"
  for _ in $(seq "$runs"); do
    sh -c "$setup" > /dev/null 2>&1
    /usr/bin/time -a -o "$times" -f "%e %M" sh -c "$cmd" > /dev/null 2>&1 || { echo "   $name: FAILED: $cmd"; return 1; }
  done
  sort -n "$times" | awk -v name="$name" '
    { t[NR] = $1; if ($2 > rss) rss = $2 }
    END {
      med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "   %-58s min %7.2f s  median %7.2f s  max %7.2f s  peak RSS %4d MB  (%d runs)\n", name, t[1], med, t[NR], rss / 1024, NR
    }'
}

echo "== generate $docs documents, $size"
/usr/bin/time -f "   %e s wall, %M KB peak RSS" "$bin" dev gen-project "$work/gen" --docs "$docs" --size "$size"
files=$(find "$work/gen/documents" -type f | wc -l)
bytes=$(du -sb "$work/gen/documents" | cut -f1)
echo "   $files files, $bytes bytes"
find "$work/gen/documents" -type f -exec cat {} + > /dev/null   # warm the page cache
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== import: both hashes, PDF facts, classification, rows (dossier init --from)"
measure "by hand: sha256sum then md5sum" "true" \
  "find '$work/gen/documents' -type f -print0 | xargs -0 sha256sum > /dev/null && find '$work/gen/documents' -type f -print0 | xargs -0 md5sum > /dev/null"
measure "dossier init --from (import)" "rm -rf '$work/i.dossier'" "'$bin' init '$work/i.dossier' --from '$work/gen'"
measure "dossier import again (nothing changed)" "true" "'$bin' --project '$work/i.dossier' import '$work/gen/documents'"

echo "== gap analysis, 4 applications x 10,000 documents (pure, in memory)"
target/release/examples/gap_bench 10000

echo "== build: EU sequence 0000, folder + zip, validated by the writer"
measure "by hand: cp -r + md5sum + zip -0 -r" "rm -rf '$work/byhand' '$work/byhand.zip'" \
  "cp -r '$work/gen/documents' '$work/byhand' && find '$work/byhand' -type f -print0 | xargs -0 md5sum > '$work/byhand.md5' && cd '$work' && zip -0 -q -r byhand.zip byhand"
rm -rf "$work/byhand" "$work/byhand.zip"
# Each run builds 0000 on a fresh copy of the store (the blobs are shared through a link), so no
# run finds the sequence already built.
measure "dossier build --app app_eu --zip" \
  "rm -rf '$work/b.dossier' && mkdir '$work/b.dossier' && cp '$work/i.dossier'/project.sqlite* '$work/b.dossier/' && ln -s \"\$(realpath '$work/i.dossier/blobs')\" '$work/b.dossier/blobs'" \
  "'$bin' --project '$work/b.dossier' build --app app_eu --zip"
rm -rf "$work/b.dossier"

echo "== incremental: one document changes, then the next sequence"
one=$(find "$work/gen/documents/m2" -type f -print -quit)
"$bin" --project "$work/i.dossier" build --app app_eu --out "$work/inc" > /dev/null
measure "dossier import + build --zip of 0001 (1 replace)" \
  "printf '%%%%EOF %s\n' \$(date +%s%N) >> '$one'" \
  "'$bin' --project '$work/i.dossier' import '$work/gen/documents' && '$bin' --project '$work/i.dossier' build --app app_eu --zip --out '$work/inc'"

echo "== validation of the built sequence 0000 (every rule of the EU catalogue)"
measure "dossier validate" "true" "'$bin' validate '$work/inc/app_eu/0000' --json > /dev/null; test \$? -le 1"
du -sb "$work/inc/app_eu/0000" | awk '{ printf "   (%s bytes in the sequence)\n", $1 }'

echo "== cumulative view after 0000 and the incremental sequences (what the regulator holds)"
leaves=$("$bin" --project "$work/i.dossier" sequences --app app_eu --cumulative --json | grep -o '"section"' | wc -l)
measure "dossier sequences --cumulative --json ($leaves current leaves)" "true" \
  "'$bin' --project '$work/i.dossier' sequences --app app_eu --cumulative --json > /dev/null"
