#!/usr/bin/env bash
# Reproduces the README's figures for the main job and the tests, on this machine:
#   1. the main job (bash scripts/main.sh) from a warm checkout, 3 times: wall time
#      from the command to its last line, setup and build no-ops included;
#   2. a warm bash scripts/test.sh, with the time of each step;
#   3. the full profile (tollgate run --full) on the same build, and how the main
#      jobs' decided comparisons fare in it (tollgate summary --against).
#
#   bash scripts/measure-main-job.sh [--out DIR] [--skip-full] [--skip-tests]
#
# Writes DIR/figures.md (default build/figures) with the machine, its load average
# before and after each run, and every figure; the runs' results stay in DIR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TOLLGATE_ROOT"

out=build/figures full=1 tests=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift ;;
    --skip-full) full=0 ;;
    --skip-tests) tests=0 ;;
    *) die "unknown argument '$1' (--out DIR, --skip-full, --skip-tests)" ;;
  esac
  shift
done
mkdir -p "$out"
out=$(realpath "$out")
figures="$out/figures.md"
load() { cut -d' ' -f1 /proc/loadavg; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

bash scripts/setup.sh
bash scripts/build.sh  # warm: what follows finds everything installed and built
{
  echo "# Main job and test figures"
  echo
  echo "Commit $(git_commit), $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
       "$(nproc) CPUs; load average = the 1-minute figure before and after each run."
  echo
} >"$figures"

times=()
for i in 1 2 3; do
  log "main job, run $i of 3"
  before=$(load) start=$(now)
  # Each line stamped with the seconds since the start: when measuring began shows.
  TOLLGATE_RESULTS="$out/main-$i" bash scripts/main.sh 2>&1 |
    while IFS= read -r line; do printf '%s %s\n' "$(elapsed "$start" "$(now)")" "$line"; done >"$out/main-$i.log" || true
  end=$(now) after=$(load)
  seconds=$(elapsed "$start" "$end")
  times+=("$seconds")
  measuring=$(grep -m1 ' ==> round 1 ' "$out/main-$i.log" | cut -d' ' -f1)
  echo "- main job run $i: ${seconds} s, measuring from ${measuring} s (load $before -> $after);" \
       "$(grep -m1 ' Comparisons' "$out/main-$i.log" | cut -d' ' -f2- || echo 'no comparisons line')" >>"$figures"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
  printf "- main job wall time: median %.1f s, range %.1f-%.1f s over %d runs\n", t[int((NR + 1) / 2)], t[1], t[NR], NR }' >>"$figures"

if [ "$tests" = 1 ]; then
  log "warm scripts/test.sh"
  before=$(load) start=$(now)
  bash scripts/test.sh >"$out/test.log" 2>&1 || echo "- scripts/test.sh FAILED (see $out/test.log)" >>"$figures"
  end=$(now) after=$(load)
  {
    echo "- warm scripts/test.sh: $(elapsed "$start" "$end") s (load $before -> $after); its steps:"
    sed -n '/where the time went:/,$p' "$out/test.log" | tail -n +2 | sed 's/^/    /'
  } >>"$figures"
fi

if [ "$full" = 1 ]; then
  log "full profile (about half an hour)"
  before=$(load) start=$(now)
  build/native/bin/tollgate run --full --out "$out/full" >"$out/full.log" 2>&1 || true
  end=$(now) after=$(load)
  echo "- full profile: $(elapsed "$start" "$end") s (load $before -> $after)" >>"$figures"
  for i in 1 2 3; do
    line=$(build/native/bin/tollgate summary "$out/main-$i"/{native,node,chromium}.json \
      --against "$out/full/native.json" --against "$out/full/node.json" --against "$out/full/chromium.json" |
      grep -A 1000 '^Against' | tr '\n' ' ')
    echo "- main job run $i against the full profile: $line" >>"$figures"
  done
fi
log "figures in $figures"
cat "$figures"
