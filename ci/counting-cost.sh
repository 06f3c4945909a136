#!/usr/bin/env bash
# What counting costs, measured (ci/README.md, "What counting costs"), per workload:
#
#   natively  the workload's quick matrix run by tollgate_native with instruction
#             counts (Google Benchmark's timing, then callgrind in a child per row)
#             against without: wall time of the whole run;
#   in wasm   the workload's rows timed in Node on the counting build's code (the
#             same instrumented module with its counter exported under another
#             name, tollgate_wasm_count --counter-export, so that the timing pass
#             takes it) against the plain build: per-item time, row by row.
#
# TOLLGATE_COST_ROUNDS (default 3) process rounds, the two builds interleaved in
# each. Writes build/counting-cost/{table.md, rounds/}. Not part of CI: about
# ten minutes on the 2-core development VM once built.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$TOLLGATE_ROOT"

rounds=${TOLLGATE_COST_ROUNDS:-3}
out=build/counting-cost
[ -n "${TOLLGATE_SKIP_BUILD:-}" ] || bash scripts/build.sh
rm -rf "$out"
mkdir -p "$out/rounds" "$out/wasm/modules"

# A copy of the wasm build whose modules run the counting build's code: every
# entry linked but the modules, each module with a counting build replaced by it.
for entry in build/wasm/*; do
  [ "$(basename "$entry")" = modules ] || ln -s "$PWD/$entry" "$out/wasm/$(basename "$entry")"
done
workloads=()
for file in build/wasm/modules/*; do
  name=$(basename "$file")
  case "$name" in
    *.counting.wasm) continue ;;
    *.wasm)
      if [ -f "${file%.wasm}.counting.wasm" ] && [[ "$name" != *.profiling.wasm ]]; then
        build/native/bin/tollgate_wasm_count --counter-export tollgate_cost_probe "$file" "$out/wasm/modules/$name" >/dev/null
        continue
      fi
      ;;
  esac
  ln -s "$PWD/$file" "$out/wasm/modules/$name"
done
for suite in workloads/*/suite.json; do
  name=$(basename "$(dirname "$suite")")
  module=$(node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(s.module ?? "")' "$suite")
  [ -n "$module" ] && [ -f "build/wasm/modules/$module.counting.wasm" ] && workloads+=("$name")
done
log "counting cost: ${workloads[*]}, $rounds rounds"

for ((round = 1; round <= rounds; round++)); do
  for name in "${workloads[@]}"; do
    for counting in no yes; do
      args=(--suite="workloads/$name/suite.json" --profile=quick --benchmark_color=false)
      [ "$counting" = yes ] && args+=(--instructions)
      started=$(date +%s%N)
      build/native/bin/tollgate_native "${args[@]}" --out="$out/rounds/native-$name-$counting-$round.json" \
        >"$out/rounds/native-$name-$counting-$round.log" 2>&1
      echo "$name $counting $round $(( $(date +%s%N) - started ))" >>"$out/native-ns.txt"
    done
    node runners/node/run-node.mjs --suite "$name" --profile quick --out "$out/rounds/plain-$name-$round.json" >/dev/null
    node runners/node/run-node.mjs --suite "$name" --profile quick --build-dir "$out/wasm" \
      --out "$out/rounds/counted-$name-$round.json" >/dev/null
  done
  log "round $round of $rounds done"
done

node ci/counting-cost-table.mjs "$out" "$rounds" "${workloads[@]}" | tee "$out/table.md"
