# One process round of the quick matrix: native, Node and Chromium, each a fresh
# process, into DIR/rounds/<runtime>-<round>.json. Sourced by the ci/ scripts.
#   run_round DIR ROUND ROWS [extra JS runner args...]
# ROWS: "all" (the whole matrix), "count" (the whole matrix, natively with
# instruction counts too: callgrind, tollgate_native --instructions), or a file of
# row names, one a line, to time only those (tollgate gate --sample-rows).
# Injections (--inject NAME): the JS runners take all of them, the native runner
# the kernel_work_<percent> ones (the others are JS adapters').
run_round() {
  local dir=$1 round=$2 rows=$3
  shift 3
  local native_args=() js_args=() suite name arg previous=
  for suite in workloads/*/suite.json; do
    name=$(basename "$(dirname "$suite")")
    native_args+=("--suite=$suite")
    js_args+=(--suite "$name")
  done
  case "$rows" in
    all) ;;
    count) native_args+=(--instructions) ;;
    *)
      local filter
      filter=$(rows_filter "$rows")
      native_args+=("--filter=$filter")
      js_args+=(--filter "$filter")
      ;;
  esac
  for arg in "$@"; do
    [ "$previous" = --inject ] && [[ "$arg" == kernel_work_* ]] && native_args+=("--inject=$arg")
    previous=$arg
  done
  mkdir -p "$dir/rounds"
  # A timed round may name only rows of the JS runtimes: natively nothing matches,
  # which the native runner reports as an error; that round has no native file.
  if ! build/native/bin/tollgate_native "${native_args[@]}" --profile=quick --out="$dir/rounds/native-$round.json" \
    --benchmark_color=false >"$dir/rounds/native-$round.log" 2>&1; then
    case "$rows" in all | count) return 1 ;; esac
    grep -q 'no case matched' "$dir/rounds/native-$round.log" || return 1
  fi
  node runners/node/run-node.mjs "${js_args[@]}" --profile quick --out "$dir/rounds/node-$round.json" "$@" || return 1
  node runners/browser/run-browser.mjs "${js_args[@]}" --profile quick --out "$dir/rounds/chromium-$round.json" "$@" || return 1
}

# The rows named in FILE (one a line) as an anchored regular expression.
rows_filter() {
  sed -e 's/[][\.*^$+?(){}|]/\\&/g' "$1" | paste -sd'|' | sed -e 's/^/^(/' -e 's/$/)$/'
}

# Pools the rounds so far into DIR/<runtime>.json.
merge_rounds() {
  local dir=$1 runtime
  for runtime in native node chromium; do
    build/native/bin/tollgate merge --out "$dir/$runtime.json" "$dir/rounds/$runtime"-*.json >/dev/null
  done
}
