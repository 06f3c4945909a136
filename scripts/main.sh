#!/usr/bin/env bash
# The main job: install what is missing, build both targets, run every workload in
# every runtime (native, Node, headless Chromium), write results/, print the
# summary, and write results/report.html (with the gates' verdict).
#   scripts/main.sh                  full profile, 3 process rounds per runtime
#   scripts/main.sh --quick          quick profile, 1 round
#   scripts/main.sh --rounds 5       more rounds
#   TOLLGATE_RESULTS=dir scripts/main.sh
#
# Rounds: each runtime runs in several fresh processes, alternating native, Node,
# Chromium, and their samples are pooled (tollgate merge). A process on a shared
# machine can sit in a slow or fast mode for its whole life; one process per
# runtime would compare those modes instead of the runtimes.
#
# Exit status: 0 when every case ran and every runtime computed the same results.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TOLLGATE_ROOT"

profile=full
rounds=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) profile=quick ;;
    --full) profile=full ;;
    --rounds) shift; rounds="${1:-}" ;;
    *) die "unknown argument '$1' (--quick, --full, --rounds N)" ;;
  esac
  shift
done
[ -n "$rounds" ] || { [ "$profile" = full ] && rounds=3 || rounds=1; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds takes a positive number"
out="${TOLLGATE_RESULTS:-results}"
export TOLLGATE_GIT_COMMIT="${TOLLGATE_GIT_COMMIT:-$(git_commit)}"

bash scripts/setup.sh
bash scripts/build.sh

# Every registered workload (the build's manifest: workloads/*, and folders from
# TOLLGATE_WORKLOAD_DIRS); the runners take them all when given no --suite.
mapfile -t suites < <(node runners/node/workloads.mjs list)

rm -rf "$out/rounds" "$out/gates"
mkdir -p "$out/rounds" "$out/gates"
status=0
for ((r = 1; r <= rounds; r++)); do
  log "round $r/$rounds: native ($profile: ${suites[*]})"
  build/native/bin/tollgate_native --profile="$profile" --out="$out/rounds/native-$r.json" \
    --benchmark_color=false || status=1
  log "round $r/$rounds: node"
  node runners/node/run-node.mjs --profile "$profile" --out "$out/rounds/node-$r.json" || status=1
  log "round $r/$rounds: chromium"
  node runners/browser/run-browser.mjs --profile "$profile" --out "$out/rounds/chromium-$r.json" || status=1
done

for runtime in native node chromium; do
  build/native/bin/tollgate merge --out "$out/$runtime.json" "$out/rounds/$runtime"-*.json || status=1
done

log "summary"
build/native/bin/tollgate summary "$out/native.json" "$out/node.json" "$out/chromium.json" || status=1

# The gates, for information: CI gates the quick profile with ci/regression.sh.
log "gates (informational)"
build/native/bin/tollgate gate --config ci/gates.json --baselines ci/baselines --out-dir "$out/gates" --final \
  "$out/native.json" "$out/node.json" "$out/chromium.json" >"$out/gates/gate-table.txt" 2>&1 || true
tail -n 1 "$out/gates/gate-table.txt"
log "report"
build/native/bin/tollgate report --out "$out/report.html" --gates "$out/gates/gate-verdict.json" --baselines ci/baselines \
  "$out/native.json" "$out/node.json" "$out/chromium.json" || status=1
exit "$status"
