#!/usr/bin/env bash
# What the count gates catch, measured (ci/README.md, "What the count gates catch").
#
#   1. A/A: TOLLGATE_PROOF_AA counting rounds (default 10) of the quick matrix on an
#      unchanged build. Every row's counts must be identical run to run, and every
#      run gated against the first must pass its count gates.
#   2. Injections: for each level of TOLLGATE_PROOF_LEVELS (default "2 5 25"), the
#      regression job with TOLLGATE_INJECT=kernel_work_<level> against baselines made
#      here on this machine: the first A/A round's counts, and a timing baseline of
#      TOLLGATE_PROOF_BASELINE_ROUNDS rounds (default 5), so that the timing gates
#      get their best chance (same machine, same day). The count gates and the timing
#      gates decide over the same runs.
#
# Writes build/prove-counts/{table.md, aa/, level-<n>/}. Exit status 0 when the A/A
# holds and every level's count gates fail exactly on the rows the injection
# touches; 1 otherwise. Takes about an hour on the 2-core development VM.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$TOLLGATE_ROOT/ci/lib-rounds.sh"
cd "$TOLLGATE_ROOT"
export TOLLGATE_GIT_COMMIT="${TOLLGATE_GIT_COMMIT:-$(git_commit)}"

aa_runs=${TOLLGATE_PROOF_AA:-10}
levels=${TOLLGATE_PROOF_LEVELS:-"2 5 25"}
baseline_rounds=${TOLLGATE_PROOF_BASELINE_ROUNDS:-5}
out=build/prove-counts
bash scripts/setup.sh
bash scripts/build.sh
rm -rf "$out"
mkdir -p "$out/aa" "$out/baselines"

log "A/A: $aa_runs counting rounds of an unchanged build"
for ((run = 1; run <= aa_runs; run++)); do
  started=$(date +%s)
  run_round "$out/aa" "$run" count || die "A/A round $run failed to run (see $out/aa/rounds)"
  echo "$run $(( $(date +%s) - started ))" >>"$out/aa/seconds.txt"
  if [ "$run" = 1 ]; then
    for runtime in native node chromium; do
      toolchain=$(build/native/bin/tollgate toolchain "$out/aa/rounds/$runtime-1.json")
      mkdir -p "$out/baselines/counts/$toolchain"
      cp "$out/aa/rounds/$runtime-1.json" "$out/baselines/counts/$toolchain/$runtime.json"
    done
  fi
  build/native/bin/tollgate gate --config ci/gates.json --baselines "$out/baselines" --out-dir "$out/aa/gates-$run" \
    --final "$out/aa/rounds/native-$run.json" "$out/aa/rounds/node-$run.json" "$out/aa/rounds/chromium-$run.json" \
    >"$out/aa/gates-$run.txt" || true
done

log "a timing baseline on this machine: $baseline_rounds rounds"
kind_dir="$out/timing-baseline"
for ((round = 1; round <= baseline_rounds; round++)); do
  run_round "$kind_dir" "$round" all || die "baseline round $round failed to run"
done
merge_rounds "$kind_dir"
kind=$(build/native/bin/tollgate machine "$kind_dir/native.json")
mkdir -p "$out/baselines/$kind"
cp "$kind_dir/native.json" "$kind_dir/node.json" "$kind_dir/chromium.json" "$out/baselines/$kind/"

for level in $levels; do
  log "injection kernel_work_$level: the regression job"
  started=$(date +%s)
  TOLLGATE_INJECT="kernel_work_$level" TOLLGATE_GATE_OUT="$out/level-$level" TOLLGATE_GATE_BASELINES="$out/baselines" \
    TOLLGATE_SKIP_BUILD=1 TOLLGATE_GATE_KEEP_SAMPLING=1 bash ci/regression.sh >"$out/level-$level.log" 2>&1 || true
  echo "$level $(( $(date +%s) - started ))" >>"$out/level-seconds.txt"
done

node ci/proof-table.mjs "$out" $levels | tee "$out/table.md"
