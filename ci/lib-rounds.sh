# One process round of the quick matrix: native, Node and Chromium, each a fresh
# process, into DIR/rounds/<runtime>-<round>.json. Sourced by the ci/ scripts.
#   run_round DIR ROUND [extra JS runner args...]
run_round() {
  local dir=$1 round=$2
  shift 2
  # No --suite: every registered workload (the build's manifest).
  mkdir -p "$dir/rounds"
  build/native/bin/tollgate_native --profile=quick --out="$dir/rounds/native-$round.json" \
    --benchmark_color=false >"$dir/rounds/native-$round.log" 2>&1 || return 1
  node runners/node/run-node.mjs --profile quick --out "$dir/rounds/node-$round.json" "$@" || return 1
  node runners/browser/run-browser.mjs --profile quick --out "$dir/rounds/chromium-$round.json" "$@" || return 1
}

# Pools the rounds so far into DIR/<runtime>.json.
merge_rounds() {
  local dir=$1 runtime
  for runtime in native node chromium; do
    build/native/bin/tollgate merge --out "$dir/$runtime.json" "$dir/rounds/$runtime"-*.json >/dev/null
  done
}
