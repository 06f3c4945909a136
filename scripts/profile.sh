#!/usr/bin/env bash
# The developer's profiling command: why is the wasm build slower or heavier than
# native, and where exactly? Profiles apart from any timing run.
#
#   bash scripts/profile.sh [--suite vector] [--filter REGEX] [--variants single,zero_copy]
#                           (--suite: a workload's name, or its folder)
#                           [--runtime all|native|node|chromium] [--seconds 2]
#                           [--out profiles] [--against OLD_PROFILES_DIR]
#
# For every matching case, under <out>/<case>/ (one folder per case, all variants):
#   <runtime>-<variant>/cpu.folded       sampled CPU profile, folded, frames tagged by layer
#                      /cpu.cpuprofile   the V8 profile (Node, Chromium); perf.data natively
#                      /phases.folded    the instrumented flamegraph from the phase probes
#                      /trace.json       the probes as Chrome trace events (Perfetto)
#                      /hotspots.json    allocation sites (tollgate-hotspots/1)
#                      /memory.json      memory figures (tollgate-memory/1)
#   report.html        every runtime and variant side by side: flamegraphs (zoom, search,
#                      differential views of each optimized variant against the naive
#                      one (suite.json "naive"), and against --against), memory and hotspot tables
# Natively the CPU profile needs perf (linux-perf); without it, or where the kernel
# refuses it, cpu-unavailable.txt says why and the rest is still written.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TOLLGATE_ROOT"

suite=vector filter= variants= runtime=all seconds=2 out=profiles against=
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) suite=$2; shift ;;
    --filter) filter=$2; shift ;;
    --variants) variants=$2; shift ;;
    --runtime) runtime=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --out) out=$2; shift ;;
    --against) against=$2; shift ;;
    *) die "unknown argument '$1' (see the comment at the top of scripts/profile.sh)" ;;
  esac
  shift
done
case "$runtime" in all|native|node|chromium) ;; *) die "--runtime takes all, native, node or chromium" ;; esac

bash scripts/setup.sh
bash scripts/build.sh
# The suite by name (or folder); its naive variant is the base of the differential views.
naive=$(node runners/node/workloads.mjs get "$suite" naive) || die "no workload '$suite'"
tollgate=build/native/bin/tollgate
mkdir -p "$out"
wants() { [ "$runtime" = all ] || [ "$runtime" = "$1" ]; }
js_args=(--suite "$suite" --seconds "$seconds" --out-dir "$out")
[ -z "$filter" ] || js_args+=(--filter "$filter")
[ -z "$variants" ] || js_args+=(--variants "$variants")

perf_problem() {  # empty when perf can sample here
  command -v perf >/dev/null 2>&1 || { echo "perf is not installed (Debian: linux-perf)"; return; }
  local why
  why=$(perf record -e cpu-clock -o /dev/null -q -- true 2>&1) || echo "perf cannot sample here: ${why//$'\n'/ }"
}

if wants native; then
  problem=$(perf_problem)
  native_filter=${filter:-.}
  mapfile -t cases < <(build/native/bin/tollgate_native "--suite=$suite" "--filter=$native_filter" --list)
  for name in "${cases[@]}"; do
    exact="^$(printf '%s' "$name" | sed 's/[][\.*^$()+?{}|]/\\&/g')\$"
    cmd=(build/native/bin/tollgate_native "--suite=$suite" "--filter=$exact" "--profile-dir=$out" "--profile-seconds=$seconds")
    log "native: $name"
    # Two processes: perf samples only the plain loop, never the instrumentation.
    dir=$("${cmd[@]}" --profile-part=instrumented | sed -n 's/.* -> //p')
    if [ -z "$problem" ]; then
      data=$(mktemp)
      perf record -e cpu-clock -F 999 --call-graph dwarf -q -o "$data" -- "${cmd[@]}" --profile-part=cpu >/dev/null
      perf script -i "$data" 2>/dev/null | "$tollgate" fold --perf-script - --out "$dir/cpu.folded"
      mv "$data" "$dir/perf.data"
    else
      echo "$problem" >"$dir/cpu-unavailable.txt"
      log "native CPU profile unavailable: $problem"
    fi
  done
fi
if wants node; then
  log "node"
  node runners/node/profile-node.mjs "${js_args[@]}"
fi
if wants chromium; then
  log "chromium"
  node runners/browser/profile-browser.mjs "${js_args[@]}"
fi

# Fold what the runtimes wrote, then one report per case.
for dir in "$out"/*/*/; do
  dir=${dir%/}
  [ -f "$dir/trace.json" ] || continue
  "$tollgate" fold --trace "$dir/trace.json" --out "$dir/phases.folded"
  if [ -f "$dir/cpu.cpuprofile" ]; then
    variant=${dir##*/}; variant=${variant#*-}
    "$tollgate" fold --cpuprofile "$dir/cpu.cpuprofile" --out "$dir/cpu.folded"
    # The variant's own frame renamed, so that variants line up in a differential view.
    "$tollgate" fold --cpuprofile "$dir/cpu.cpuprofile" --alias "$variant=(variant)" --out "$dir/cpu.aligned.folded"
  elif [ -f "$dir/cpu.folded" ]; then
    cp "$dir/cpu.folded" "$dir/cpu.aligned.folded"
  fi
done

for case_dir in "$out"/*/; do
  case_dir=${case_dir%/}
  args=()
  for dir in "$case_dir"/*/; do
    dir=${dir%/}
    [ -f "$dir/hotspots.json" ] || continue
    label=${dir##*/}
    [ -f "$dir/cpu.folded" ] && args+=(--flame "$label, CPU=$dir/cpu.folded")
    args+=(--flame "$label, boundary phases=$dir/phases.folded" --hotspots "$dir/hotspots.json" --memory "$dir/memory.json")
    runtime_of=${label%%-*}
    base="$case_dir/$runtime_of-$naive"
    if [ "$dir" != "$base" ] && [ -f "$dir/cpu.aligned.folded" ] && [ -f "$base/cpu.aligned.folded" ]; then
      args+=(--flame-diff "$label against $naive, CPU=$dir/cpu.aligned.folded,$base/cpu.aligned.folded")
    fi
    if [ -n "$against" ] && [ -f "$dir/cpu.aligned.folded" ]; then
      old="$against/${case_dir##*/}/$label/cpu.aligned.folded"
      [ -f "$old" ] && args+=(--flame-diff "$label, this build against $against=$dir/cpu.aligned.folded,$old")
    fi
  done
  [ ${#args[@]} -gt 0 ] || continue
  "$tollgate" report --title "Profile: ${case_dir##*/}" --out "$case_dir/report.html" "${args[@]}"
done
log "profiles in $out/ (open <case>/report.html)"
