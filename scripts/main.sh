#!/usr/bin/env bash
# The main job: install what is missing, build both targets (quick no-ops when up to
# date), then `tollgate run`: every workload in native, Node and headless Chromium
# in process rounds until its comparisons are decided, the summary, results/ and
# results/report.html. Arguments go to `tollgate run` (see its --help):
#   scripts/main.sh                  adaptive rounds, a few minutes
#   scripts/main.sh --full           the full profile (larger cases), 3 rounds, about 30 minutes
#   scripts/main.sh --quick          one round of the quick profile
#   TOLLGATE_RESULTS=dir scripts/main.sh
# Exit status: 0 when every case ran and every runtime computed the same results.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TOLLGATE_ROOT"

bash scripts/setup.sh
bash scripts/build.sh
out=()
[ -z "${TOLLGATE_RESULTS:-}" ] || out=(--out "$TOLLGATE_RESULTS")
exec build/native/bin/tollgate run "${out[@]}" "$@"
