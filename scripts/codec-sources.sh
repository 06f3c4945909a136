#!/usr/bin/env bash
# The compression codecs' reference C/C++ sources, from Debian's source
# packages: zstd, zlib (GZIP), lz4 (LZ4_RAW), brotli, and Google's snappy (to
# measure ours against). CMake compiles the same sources natively and with
# Emscripten (Emscripten's own ports would download), so nothing downloads at
# build time: this script fetches them once, verified by apt against Debian's
# signed indexes, into build/third_party/ inside the checkout, and does nothing
# when they are there. It leaves the system's apt configuration alone (its own
# source list and package lists, under build/third_party/debsrc/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dest="$TOLLGATE_ROOT/build/third_party"
# Pinned: the versions Debian 12 ships (brotli's security update is not on the
# archive's source mirror, so its base version).
packages=(libzstd=1.5.4+dfsg2-5 zlib=1:1.2.13.dfsg-1 lz4=1.9.4-1 brotli=1.0.9-2 snappy=1.1.9-3)
# Where each unpacks (build/third_party/src/<name>), in the same order.
names=(zstd zlib lz4 brotli snappy)
# Our changes to them (patch_sources below); a new one re-unpacks.
patches=(zstd-prefetch-address-on-integers brotli-tree-group-null-test-first)
stamp="$dest/src/.unpacked-$(printf '%s\n' "${packages[@]}" "${patches[@]}" | cksum | cut -d' ' -f1)"
if [ -f "$stamp" ]; then
  log "codec sources present (build/third_party/src)"
  exit 0
fi

log "fetching codec sources from Debian: ${packages[*]}"
work="$dest/debsrc"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
apt_opts=(-o Dir::Etc::sourcelist="$work/debsrc.sources" -o Dir::Etc::sourceparts=/nonexistent
          -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" -o APT::Sandbox::User=root)
system_sources=/etc/apt/sources.list.d/debian.sources
if [ -f "$system_sources" ]; then
  sed 's/^Types: deb$/Types: deb-src/' "$system_sources" >"$work/debsrc.sources"
else
  # An older layout: one-line entries in sources.list.
  sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$work/debsrc.sources"
fi
grep -q 'deb-src' "$work/debsrc.sources" || die "no Debian source entries could be derived from the apt configuration"
apt-get "${apt_opts[@]}" -qq update || die "apt-get update of the source indexes failed"
(cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only "${packages[@]}") ||
  die "apt-get source failed for ${packages[*]}"

rm -rf "$dest/src"
mkdir -p "$dest/src"
for i in "${!packages[@]}"; do
  package="${packages[$i]%%=*}"
  shopt -s nullglob
  tarballs=("$work/${package}"_*.orig.tar.*)
  shopt -u nullglob
  tarball=""
  for t in "${tarballs[@]}"; do case "$t" in *.asc) ;; *) tarball="$t";; esac; done
  [ -n "$tarball" ] || die "no source tarball for $package in $work"
  mkdir -p "$dest/src/${names[$i]}"
  tar -xf "$tarball" -C "$dest/src/${names[$i]}" --strip-components=1
done
rm -rf "$work/lists" "$work/cache"  # the indexes (26 MB) were needed only to fetch

# Our changes to Debian's sources: one line each, replaced where it must be, or
# the script stops by name (a new version moved it: review the patch).
replace_line() {
  local file="$dest/src/$1" before=$2 after=$3 text
  grep -qF "$before" "$file" || die "the line to patch is not where $file had it: review the patch in scripts/codec-sources.sh"
  text=$(cat "$file")
  printf '%s\n' "${text/"$before"/"$after"}" >"$file"  # quoted: both taken literally
  grep -qF "$after" "$file" || die "patching $file failed"
}
patch_sources() {
  # zstd 1.5.4 forms a prefetch address (ZSTD_prefetchMatch) by pointer
  # arithmetic that leaves every object, from a null base, when a corrupt
  # sequence's offset reaches before the window: undefined behaviour, which
  # clang's UBSan stops the fuzz targets on (found by the parquet_codecs
  # campaign; facebook/zstd#3506, fixed after 1.5.4). The address is only
  # prefetched, never read: compute it on integers.
  replace_line zstd/lib/decompress/zstd_decompress_block.c \
    'const BYTE* const match = matchBase + prefetchPos - sequence.offset;' \
    'const BYTE* const match = (const BYTE*)((size_t)matchBase + prefetchPos - sequence.offset);'
  # brotli 1.0.9 points a Huffman tree group's codes past its allocation before
  # testing it: when the budget refuses that allocation, a null pointer plus an
  # offset (UBSan; found by the parquet_reader campaign). brotli 1.1.0 tests
  # first, as here; the decoder then reports the allocation failure.
  replace_line brotli/c/dec/state.c \
    'group->codes = (HuffmanCode*)(&p[ntrees]);' \
    'group->codes = p ? (HuffmanCode*)(&p[ntrees]) : NULL;'
}
patch_sources
touch "$stamp"
log "codec sources unpacked into build/third_party/src: ${names[*]}"
