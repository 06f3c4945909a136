#!/usr/bin/env bash
# The developer's profiling command: installs and builds what is missing, then
# `tollgate profile` (see its --help). For example:
#   bash scripts/profile.sh --suite vector --filter 'insert/.*/index:flat' --seconds 2
# writes profiles/<case>/<runtime>-<variant>/ (cpu.folded, phases.folded, trace.json,
# hotspots.json, memory.json) and profiles/<case>/report.html.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TOLLGATE_ROOT"

bash scripts/setup.sh
bash scripts/build.sh
exec build/native/bin/tollgate profile "$@"
