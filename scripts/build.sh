#!/usr/bin/env bash
# Builds both targets from the same sources: native (g++) and wasm (Emscripten).
#   scripts/build.sh            both
#   scripts/build.sh native     one of them
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TOLLGATE_ROOT"

[ $# -gt 0 ] || set -- native wasm
jobs=$(nproc 2>/dev/null || echo 2)
for preset in "$@"; do
  case "$preset" in native|wasm) ;; *) die "unknown build '$preset' (native or wasm)";; esac
  log "building $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
done
