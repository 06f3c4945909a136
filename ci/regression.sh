#!/usr/bin/env bash
# The CI regression job: build, run the quick matrix once with instruction counts
# (callgrind natively, the modules' counting builds in Node and Chromium), then
# time only the rows of undecided relative gates in more process rounds until
# they are decided (or a round limit or time cap is reached), and gate.
#
#   bash ci/regression.sh
#   TOLLGATE_INJECT=kernel_work_2 bash ci/regression.sh           # prove the count gates fail
#   TOLLGATE_INJECT=zero_copy_extra_copy bash ci/regression.sh    # prove the exact gates fail
#
# Why this shape: count gates (instructions per item, +1%) and exact gates need
# one run, have no noise, and do not depend on the machine; they see any change
# in the C++ a kernel or adapter executes. Time is needed only for what counts
# cannot see (the JS side, crossings, memory bandwidth): the in-run relative
# gates, which compare variants measured in the same rounds.
#
# Writes build/regression/{gate-summary.md, gate-verdict.json} and the pooled
# results. Exit status: 0 the gates passed, 1 a gate failed, 2 the job itself failed.
# Settings: TOLLGATE_GATE_MAX_ROUNDS (default 8), TOLLGATE_GATE_TIME_CAP_S (600),
# TOLLGATE_GATE_OUT (build/regression), TOLLGATE_GATE_BASELINES (ci/baselines),
# TOLLGATE_SKIP_BUILD=1 (already built: ci/prove-counts.sh), TOLLGATE_GATE_KEEP_SAMPLING=1
# (go on timing undecided relative gates after a gate failed, as the proof does to
# tell what the timing gates would have decided on their own).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$TOLLGATE_ROOT/ci/lib-rounds.sh"
export TOLLGATE_GIT_COMMIT="${TOLLGATE_GIT_COMMIT:-$(git_commit)}"
cd "$TOLLGATE_ROOT"

max_rounds=${TOLLGATE_GATE_MAX_ROUNDS:-8}
baselines=${TOLLGATE_GATE_BASELINES:-ci/baselines}
time_cap=${TOLLGATE_GATE_TIME_CAP_S:-600}
out=${TOLLGATE_GATE_OUT:-build/regression}
inject=()
if [ -n "${TOLLGATE_INJECT:-}" ]; then
  IFS=, read -ra names <<<"$TOLLGATE_INJECT"
  for name in "${names[@]}"; do inject+=(--inject "$name"); done
fi

if [ -z "${TOLLGATE_SKIP_BUILD:-}" ]; then
  bash scripts/setup.sh
  bash scripts/build.sh
fi
rm -rf "$out"
mkdir -p "$out"
started=$(date +%s)
stopped=max_rounds
rows=count  # the first round counts; later ones time what is still undecided
for ((round = 1; round <= max_rounds; round++)); do
  log "regression round $round (at most $max_rounds, cap ${time_cap}s): $([ "$rows" = count ] && echo "every row, counted" || echo "$(wc -l <"$rows") row(s) timed")"
  run_round "$out" "$round" "$rows" "${inject[@]}" || die "round $round failed to run (see $out/rounds)"
  merge_rounds "$out"
  status=0
  build/native/bin/tollgate gate --config ci/gates.json --baselines "$baselines" --out-dir "$out" \
    --sample-rows "$out/sample-rows.txt" "$out/native.json" "$out/node.json" "$out/chromium.json" \
    >"$out/gate-round-$round.txt" || status=$?
  case $status in
    0) stopped=decided; break ;;
    1) stopped=failed; [ -n "${TOLLGATE_GATE_KEEP_SAMPLING:-}" ] || break ;;  # more rounds cannot undo a failed count or exact gate
    3) ;;
    *) cat "$out/gate-round-$round.txt"; die "tollgate gate failed (status $status)" ;;
  esac
  if [ ! -s "$out/sample-rows.txt" ]; then stopped=timed; break; fi  # no relative gate waits for time
  cp "$out/sample-rows.txt" "$out/rows-round-$((round + 1)).txt"
  rows="$out/rows-round-$((round + 1)).txt"
  if [ $(( $(date +%s) - started )) -ge "$time_cap" ]; then stopped=time_cap; break; fi
done

log "gates ($stopped, $(( $(date +%s) - started ))s of sampling)"
build/native/bin/tollgate gate --config ci/gates.json --baselines "$baselines" --out-dir "$out" --final \
  --stopped "$stopped" "$out/native.json" "$out/node.json" "$out/chromium.json"
