#!/usr/bin/env bash
# Every test: installs what is missing, builds both targets, then runs
#   the C++ suites natively and the same suites as wasm under Node (ctest),
#   the Parquet suites natively under ASan and UBSan (ctest --preset sanitize),
#   every fuzz target (libFuzzer, clang-14, ASan and UBSan): its corpus replayed,
#   then fuzzed for TOLLGATE_FUZZ_SECONDS (15) each (harness/fuzz/README.md),
#   the JS driver, runner and browser tests (node --test, real headless Chromium),
# and validates every results file the tests wrote against the schema.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TOLLGATE_ROOT"

# Where the time goes: each step's wall time, printed at the end.
timings=()
step() {
  local name=$1 started=$SECONDS
  shift
  "$@"
  timings+=("$(printf '%5d s  %s' $((SECONDS - started)) "$name")")
}
sanitize_build() {
  [ -f build/sanitize/CMakeCache.txt ] || cmake --preset sanitize >/dev/null
  cmake --build --preset sanitize -j "$(nproc 2>/dev/null || echo 2)"
}
fuzz_build() {
  [ -f build/fuzz/CMakeCache.txt ] || cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$(nproc 2>/dev/null || echo 2)"
}
js_tests() {
  export TOLLGATE_TEST_RESULTS="$TOLLGATE_ROOT/build/test-results"
  rm -rf "$TOLLGATE_TEST_RESULTS"
  mkdir -p "$TOLLGATE_TEST_RESULTS"
  node --test --test-concurrency=1 runners/ workloads/ ci/ reports/
}

step "setup" bash scripts/setup.sh
step "build native" bash scripts/build.sh native
step "build wasm" bash scripts/build.sh wasm

log "C++ tests, native"
step "C++ tests, native" ctest --preset native
log "C++ tests, wasm under Node"
step "C++ tests, wasm" ctest --preset wasm
# The Parquet reader takes hostile input: its tests again, natively under
# AddressSanitizer (container overflows included) and UndefinedBehaviorSanitizer.
# Only those targets are built (about 3 minutes cold on 2 cores, 40 s to run).
log "C++ Parquet tests, native with ASan and UBSan"
step "build sanitize" sanitize_build
step "C++ tests, sanitize" ctest --preset sanitize

# Every parser of untrusted bytes fuzzed: each target replays its committed corpus
# (every crash ever found is there) and fuzzes for a short fixed time; a finding
# fails the run and names the input.
# 15 s per target keeps the smoke near 5 minutes for 13 targets on 2 cores (each
# also replays, merges and times its corpus); campaigns run longer (tollgate fuzz --minutes).
fuzz_seconds="${TOLLGATE_FUZZ_SECONDS:-15}"
log "fuzz smoke: every target, ${fuzz_seconds} s each (libFuzzer, clang-14, ASan and UBSan)"
step "build fuzz" fuzz_build
step "fuzz smoke" build/native/bin/tollgate fuzz --seconds "$fuzz_seconds"

log "JS tests (driver, runners, headless Chromium)"
step "JS tests" js_tests

log "schema validation of every results file the tests wrote"
shopt -s nullglob
files=("$TOLLGATE_TEST_RESULTS"/*.json)
[ "${#files[@]}" -gt 0 ] || die "the tests wrote no results files to $TOLLGATE_TEST_RESULTS"
build/native/bin/tollgate validate "${files[@]}"
log "all tests passed; where the time went:"
printf '%s\n' "${timings[@]}" >&2
