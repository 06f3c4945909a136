#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks, and nothing it already has:
# Debian's Emscripten, Chromium, Google Benchmark, GoogleTest, nlohmann/json, wabt, clang (libFuzzer),
# the pinned npm packages, and the Parquet codecs' sources from Debian's source packages.
# Nothing downloads a browser or a toolchain of its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
# linux-perf and binutils (addr2line): native CPU profiles and named allocation sites;
# valgrind: native instruction counts (callgrind) and its client-request headers.
# clang-14 and libclang-rt-14-dev (libFuzzer, the sanitizers' runtimes): the fuzz preset.
for pkg in cmake g++ make emscripten chromium libbenchmark-dev googletest nlohmann-json3-dev wabt linux-perf binutils \
           valgrind clang-14 libclang-rt-14-dev; do
  installed "$pkg" || missing+=("$pkg")
done
# Node and npm may come from elsewhere than Debian (Debian 12's nodejs is 18).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "Debian packages present"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node 20 or newer needed, found $(node --version)"

cd "$TOLLGATE_ROOT"
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
else
  log "npm packages present"
fi

# The Parquet codecs' reference sources (zstd, zlib, lz4, brotli, snappy), once.
bash scripts/codec-sources.sh
