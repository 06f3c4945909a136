#!/usr/bin/env bash
# Refreshes the baselines. Commit the result.
#   - `tollgate baseline`: for this kind of machine, the quick matrix in several
#     process rounds, pooled, stored under ci/baselines/<machine kind>/ with a
#     description of the machine; and the instruction counts (they depend on the
#     toolchain, not on the machine) under ci/baselines/counts/<toolchain>/<runtime>.json
#     (`tollgate toolchain FILE` names the folder);
#   - with --counts, the count baselines only: one counting round of the quick matrix.
#   bash ci/refresh-baselines.sh            both (TOLLGATE_BASELINE_ROUNDS, default 5)
#   bash ci/refresh-baselines.sh --counts   the count baselines only (one round)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$TOLLGATE_ROOT/ci/lib-rounds.sh"
cd "$TOLLGATE_ROOT"
export TOLLGATE_GIT_COMMIT="${TOLLGATE_GIT_COMMIT:-$(git_commit)}"

counts_only=false
case "${1:-}" in
  --counts) counts_only=true ;;
  "") ;;
  *) die "unknown argument '$1' (--counts)" ;;
esac
bash scripts/setup.sh
bash scripts/build.sh
if ! $counts_only; then
  exec build/native/bin/tollgate baseline --rounds "${TOLLGATE_BASELINE_ROUNDS:-5}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log "count baselines: one counting round"
run_round "$work" 1 count || die "the counting round failed to run (see $work/rounds)"
for runtime in native node chromium; do
  counted="$work/rounds/$runtime-1.json"
  toolchain=$(build/native/bin/tollgate toolchain "$counted") || die "$counted counted no instructions"
  mkdir -p "ci/baselines/counts/$toolchain"
  cp "$counted" "ci/baselines/counts/$toolchain/$runtime.json"
  log "count baseline written to ci/baselines/counts/$toolchain/$runtime.json"
done
