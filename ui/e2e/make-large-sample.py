#!/usr/bin/env python3
"""Makes a folder of N small, distinct PDFs from the sample's, for measuring the app on a large
project (import dedups identical bytes, so each copy gets a unique trailing comment, which PDF
readers ignore). Usage: make-large-sample.py SAMPLE_DOCUMENTS OUT [N]"""
import os
import sys

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
pdfs = []
for root, _, files in os.walk(src):
    for f in sorted(files):
        if f.lower().endswith(".pdf"):
            pdfs.append(os.path.join(root, f))
pdfs.sort()
for i in range(n):
    p = pdfs[i % len(pdfs)]
    rel = os.path.relpath(p, src)
    stem, ext = os.path.splitext(rel)
    dest = os.path.join(out, f"batch-{i // len(pdfs):03d}", f"{stem}-{i:05d}{ext}")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(p, "rb") as r, open(dest, "wb") as w:
        w.write(r.read())
        w.write(f"\n%dossier-bridge large-sample copy {i}\n".encode())
print(f"{n} PDFs from {len(pdfs)} originals in {out}")
