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
