#!/usr/bin/env bash
# The benchmark's own tools: the peer route it compares against (pandoc from Debian for the
# decks and a DOCX, LibreOffice for the PDF). Not needed to build or test bulletin, so not in
# .ci/setup; LibreOffice is there already for the tests, pandoc is only here.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=(pandoc libreoffice-writer time)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The Typst anchor for `--only pdf` (bench/typst-anchor.mjs), kept out of the project's own
# dependencies: a 50 MB native compiler that nothing but the bench uses.
if [ ! -d "$(dirname "$0")/.tools/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
  echo "bench setup: installing the Typst compiler into bench/.tools"
  mkdir -p "$(dirname "$0")/.tools"
  [ -f "$(dirname "$0")/.tools/package.json" ] || echo '{ "private": true }' > "$(dirname "$0")/.tools/package.json"
  npm install --prefix "$(dirname "$0")/.tools" --no-audit --no-fund --silent \
    @myriaddreamin/typst-ts-node-compiler@0.7.0
fi
