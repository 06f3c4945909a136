#!/usr/bin/env bash
# Builds both targets from the same sources: native (g++) and wasm (Emscripten).
#   scripts/build.sh            both
#   scripts/build.sh native     one of them
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Workload folders from outside the tree (CMake reads the variable when configuring):
# made absolute here, where the caller's relative paths mean something.
if [ -n "${TOLLGATE_WORKLOAD_DIRS:-}" ]; then
  dirs=()
  IFS=: read -ra entries <<<"$TOLLGATE_WORKLOAD_DIRS"
  for entry in "${entries[@]}"; do [ -z "$entry" ] || dirs+=("$(realpath -m "$entry")"); done
  TOLLGATE_WORKLOAD_DIRS=$(IFS=:; echo "${dirs[*]}")
  export TOLLGATE_WORKLOAD_DIRS
fi
cd "$TOLLGATE_ROOT"

[ $# -gt 0 ] || set -- native wasm
jobs=$(nproc 2>/dev/null || echo 2)
for preset in "$@"; do
  case "$preset" in native|wasm) ;; *) die "unknown build '$preset' (native or wasm)";; esac
  log "building $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
done
