#!/usr/bin/env bash
# Checks the generated sample PDFs with poppler-utils and qpdf.
# Usage: tools/sample-gen/check.sh sample-dossiers/examplinib/documents
set -euo pipefail
dir=${1:?usage: check.sh DOCUMENTS_DIR}
enc_rel="m3/32-body-data/32s-drug-sub/substance-1-manufacturer-1/32s4-contr-drug-sub/32s44-batch-analys/batch-analysis-ds.pdf"
v13_rel="m4/42-stud-rep/423-tox/4233-genotox/42331-in-vitro/eps-19-0412-ames-test.pdf"
pw=examplar-ds-2024
fail=0; n=0
while IFS= read -r -d '' f; do
  n=$((n+1))
  rel=${f#"$dir"/}
  if [[ $rel == "$enc_rel" ]]; then
    pdfinfo -upw "$pw" "$f" >/dev/null || { echo "FAIL pdfinfo (password) $rel"; fail=1; }
    pdfinfo "$f" >/dev/null 2>&1 && { echo "FAIL opens without password: $rel"; fail=1; }
    qpdf --password="$pw" --check "$f" >/dev/null || { echo "FAIL qpdf --check $rel"; fail=1; }
    fonts=$(pdffonts -upw "$pw" "$f")
  else
    pdfinfo "$f" >/dev/null || { echo "FAIL pdfinfo $rel"; fail=1; }
    qpdf --check "$f" >/dev/null || { echo "FAIL qpdf --check $rel"; fail=1; }
    fonts=$(pdffonts "$f")
  fi
  if echo "$fonts" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }'; then :; else
    echo "FAIL font not embedded: $rel"; fail=1
  fi
  ver=$(head -c 8 "$f")
  if [[ $rel == "$v13_rel" ]]; then
    [[ $ver == "%PDF-1.3" ]] || { echo "FAIL expected PDF 1.3: $rel"; fail=1; }
  else
    [[ $ver == "%PDF-1.7" ]] || { echo "FAIL expected PDF 1.7: $rel ($ver)"; fail=1; }
  fi
done < <(find "$dir" -name '*.pdf' -print0 | sort -z)
echo "checked $n PDFs"
exit $fail
