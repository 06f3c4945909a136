#!/usr/bin/env bash
# Refreshes the baseline for this kind of machine (`tollgate baseline`): the quick
# matrix in several process rounds, pooled, stored under ci/baselines/<machine kind>/
# with a description of the machine. Commit the result.
#   bash ci/refresh-baselines.sh            (TOLLGATE_BASELINE_ROUNDS, default 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$TOLLGATE_ROOT"
export TOLLGATE_GIT_COMMIT="${TOLLGATE_GIT_COMMIT:-$(git_commit)}"

bash scripts/setup.sh
bash scripts/build.sh
exec build/native/bin/tollgate baseline --rounds "${TOLLGATE_BASELINE_ROUNDS:-5}"
