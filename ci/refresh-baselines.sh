#!/usr/bin/env bash
# Refreshes the baseline for this kind of machine: the quick matrix in several
# process rounds, pooled, stored under ci/baselines/<machine kind>/ with a
# description of the machine. Commit the result.
#   bash ci/refresh-baselines.sh            (TOLLGATE_BASELINE_ROUNDS, default 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
source "$TOLLGATE_ROOT/ci/lib-rounds.sh"
export TOLLGATE_GIT_COMMIT="${TOLLGATE_GIT_COMMIT:-$(git_commit)}"
cd "$TOLLGATE_ROOT"

rounds=${TOLLGATE_BASELINE_ROUNDS:-5}
bash scripts/setup.sh
bash scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((round = 1; round <= rounds; round++)); do
  log "baseline round $round/$rounds"
  run_round "$work" "$round" || die "round $round failed to run"
done
merge_rounds "$work"
kind=$(build/native/bin/tollgate machine "$work/native.json")
dest="ci/baselines/$kind"
rm -rf "$dest"
mkdir -p "$dest"
cp "$work/native.json" "$work/node.json" "$work/chromium.json" "$dest/"
node -e '
  const fs = require("fs");
  const contexts = ["native", "node", "chromium"].map((r) => JSON.parse(fs.readFileSync(`${process.argv[1]}/${r}.json`)).context);
  const machine = {
    kind: process.argv[2], cpu_model: contexts[0].cpu_model, num_cpus: contexts[0].num_cpus, os: contexts[0].os,
    runtimes: Object.fromEntries(contexts.map((c) => [c.runtime, c.runtime_version])),
    taken: contexts[0].date, git_commit: contexts[0].git_commit ?? null, rounds: contexts[0].rounds,
  };
  fs.writeFileSync(`${process.argv[1]}/machine.json`, JSON.stringify(machine, null, 2) + "\n");
' "$dest" "$kind"
log "baseline written to $dest"
