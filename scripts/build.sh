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
  # Configured once, and again only when the outside workload folders change (CMake
  # reads them when configuring); otherwise the build re-runs CMake itself when a
  # CMakeLists changes, and an up-to-date build is a quick no-op.
  stamp="build/$preset/.tollgate-workload-dirs"
  if [ ! -f "build/$preset/CMakeCache.txt" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${TOLLGATE_WORKLOAD_DIRS:-}" ]; then
    cmake --preset "$preset" >/dev/null
    printf '%s' "${TOLLGATE_WORKLOAD_DIRS:-}" >"$stamp"
  fi
  cmake --build --preset "$preset" -j "$jobs"
done
