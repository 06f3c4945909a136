#!/usr/bin/env bash
# The CI regression job: build, run the quick matrix in process rounds until every
# gate is decided (or a round limit or time cap is reached), and gate.
#
#   bash ci/regression.sh
#   TOLLGATE_INJECT=zero_copy_extra_copy bash ci/regression.sh    # prove a gate fails
#
# Writes build/regression/{gate-summary.md, gate-verdict.json} and the pooled
# results. Exit status: 0 the gates passed, 1 a gate failed, 2 the job itself failed.
# Settings: TOLLGATE_GATE_MAX_ROUNDS (default 8), TOLLGATE_GATE_TIME_CAP_S (600),
# TOLLGATE_GATE_OUT (build/regression).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$TOLLGATE_ROOT/ci/lib-rounds.sh"
export TOLLGATE_GIT_COMMIT="${TOLLGATE_GIT_COMMIT:-$(git_commit)}"
cd "$TOLLGATE_ROOT"

max_rounds=${TOLLGATE_GATE_MAX_ROUNDS:-8}
time_cap=${TOLLGATE_GATE_TIME_CAP_S:-600}
out=${TOLLGATE_GATE_OUT:-build/regression}
inject=()
[ -z "${TOLLGATE_INJECT:-}" ] || inject=(--inject "$TOLLGATE_INJECT")

bash scripts/setup.sh
bash scripts/build.sh
rm -rf "$out"
mkdir -p "$out"
started=$(date +%s)
stopped=max_rounds
for ((round = 1; round <= max_rounds; round++)); do
  log "regression round $round (at most $max_rounds, cap ${time_cap}s)"
  run_round "$out" "$round" "${inject[@]}" || die "round $round failed to run (see $out/rounds)"
  merge_rounds "$out"
  status=0
  build/native/bin/tollgate gate --config ci/gates.json --baselines ci/baselines --out-dir "$out" \
    "$out/native.json" "$out/node.json" "$out/chromium.json" >"$out/gate-round-$round.txt" || status=$?
  case $status in
    0 | 1) stopped=decided; break ;;
    3) ;;  # undecided: sample another round
    *) cat "$out/gate-round-$round.txt"; die "tollgate gate failed (status $status)" ;;
  esac
  if [ $(( $(date +%s) - started )) -ge "$time_cap" ]; then stopped=time_cap; break; fi
done

log "gates ($stopped)"
build/native/bin/tollgate gate --config ci/gates.json --baselines ci/baselines --out-dir "$out" --final \
  --stopped "$stopped" "$out/native.json" "$out/node.json" "$out/chromium.json"
