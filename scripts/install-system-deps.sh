#!/usr/bin/env bash
# Installs the Debian packages Dossier Bridge needs for tests and checks.
# Idempotent: packages already present are skipped, so cached CI runs pay nothing.
#   --app  also installs what building and running the desktop app needs.
set -euo pipefail

# libxml2-dev + libclang-dev: the `libxml` crate (DTD/XSD validation of built sequences) links
# libxml2 and generates its bindings with bindgen, which loads libclang at build time.
pkgs=(pkg-config poppler-utils qpdf libxml2-utils libxml2-dev libclang-dev fonts-noto-cjk zip)
if [[ "${1:-}" == "--app" ]]; then
  pkgs+=(build-essential libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
         libayatana-appindicator3-dev libxdo-dev xvfb xauth imagemagick webkit2gtk-driver)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
