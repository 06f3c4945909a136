# The compression libraries' reference C sources, decoders only, compiled from
# the same files for both builds: zstd, zlib, lz4, brotli. scripts/setup.sh
# (through scripts/codec-sources.sh) unpacks them from Debian's source packages
# into build/third_party/src; nothing here downloads.
enable_language(C)
set(TOLLGATE_CODEC_SOURCES "${PROJECT_SOURCE_DIR}/build/third_party/src" CACHE PATH
    "Unpacked zstd, zlib, lz4, brotli (and snappy) sources: scripts/codec-sources.sh")
set(_src "${TOLLGATE_CODEC_SOURCES}")
foreach(_probe zstd/lib/zstd.h zlib/inflate.c lz4/lib/lz4.c brotli/c/dec/decode.c)
  if(NOT EXISTS "${_src}/${_probe}")
    message(FATAL_ERROR "codec sources missing (${_src}/${_probe}): run scripts/setup.sh, or scripts/codec-sources.sh")
  endif()
endforeach()

add_library(tollgate_codecs STATIC
  # zstd: decompression, no legacy formats, no assembly (the wasm build has none:
  # both builds run the same C)
  ${_src}/zstd/lib/common/entropy_common.c ${_src}/zstd/lib/common/error_private.c
  ${_src}/zstd/lib/common/fse_decompress.c ${_src}/zstd/lib/common/xxhash.c ${_src}/zstd/lib/common/zstd_common.c
  ${_src}/zstd/lib/decompress/huf_decompress.c ${_src}/zstd/lib/decompress/zstd_ddict.c
  ${_src}/zstd/lib/decompress/zstd_decompress.c ${_src}/zstd/lib/decompress/zstd_decompress_block.c
  # zlib: inflate
  ${_src}/zlib/adler32.c ${_src}/zlib/crc32.c ${_src}/zlib/inffast.c ${_src}/zlib/inflate.c
  ${_src}/zlib/inftrees.c ${_src}/zlib/zutil.c
  # lz4: the block format
  ${_src}/lz4/lib/lz4.c
  # brotli: the decoder and its built-in dictionary
  ${_src}/brotli/c/common/constants.c ${_src}/brotli/c/common/context.c ${_src}/brotli/c/common/dictionary.c
  ${_src}/brotli/c/common/platform.c ${_src}/brotli/c/common/transform.c ${_src}/brotli/c/dec/bit_reader.c
  ${_src}/brotli/c/dec/decode.c ${_src}/brotli/c/dec/huffman.c ${_src}/brotli/c/dec/state.c)
target_include_directories(tollgate_codecs SYSTEM PUBLIC
  ${_src}/zstd/lib ${_src}/zlib ${_src}/lz4/lib ${_src}/brotli/c/include)
# BROTLI_BUILD_PORTABLE: unaligned loads through memcpy, not casts (which
# UndefinedBehaviorSanitizer rightly reports); the compiler emits the same loads.
target_compile_definitions(tollgate_codecs PRIVATE
  ZSTD_DISABLE_ASM=1 ZSTD_LEGACY_SUPPORT=0 XXH_NAMESPACE=ZSTD_ DEBUGLEVEL=0 NDEBUG BROTLI_BUILD_PORTABLE)
set_target_properties(tollgate_codecs PROPERTIES C_STANDARD 99 POSITION_INDEPENDENT_CODE ON)
# Third-party code: its warnings are not ours to fix.
target_compile_options(tollgate_codecs PRIVATE -w)

# Google's snappy: the reader's SNAPPY decoder (see snappy.h). Its two
# generated headers are written here in place of its own CMake configuration.
set(_snappy_gen "${CMAKE_CURRENT_BINARY_DIR}/snappy_config")
file(MAKE_DIRECTORY "${_snappy_gen}")
file(READ "${_src}/snappy/snappy-stubs-public.h.in" _stubs)
string(REPLACE "\${HAVE_SYS_UIO_H_01}" "0" _stubs "${_stubs}")
string(REPLACE "\${PROJECT_VERSION_MAJOR}" "1" _stubs "${_stubs}")
string(REPLACE "\${PROJECT_VERSION_MINOR}" "1" _stubs "${_stubs}")
string(REPLACE "\${PROJECT_VERSION_PATCH}" "9" _stubs "${_stubs}")
file(WRITE "${_snappy_gen}/snappy-stubs-public.h" "${_stubs}")
# SSE2 and no more, as the rest of the native build (no SSSE3, no BMI2).
file(WRITE "${_snappy_gen}/config.h" "#define HAVE_BUILTIN_CTZ 1\n#define HAVE_BUILTIN_EXPECT 1\n#define HAVE_ATTRIBUTE_ALWAYS_INLINE 1\n#define SNAPPY_HAVE_SSSE3 0\n#define SNAPPY_HAVE_BMI2 0\n")
# One change to snappy.cc: its decompression loop moves every tag's bytes with
# std::memmove(dst, src, 64), which Clang inlines (four 16-byte loads, then four
# stores) but GCC 12 does not: a libc call per tag, a quarter of the native time
# of a page of doubles (DuckDB's file: one call per 4.5 output bytes). The same
# loads-then-stores, written out, are what Clang emits; the copy is exact either
# way (every byte loaded before one is stored). The patched copy is written into
# the build folder; the check below fails loudly if the source changes under it.
file(READ "${_src}/snappy/snappy.cc" _snappy_cc)
set(_memmove_old "void MemMove(char* dst, const void* src, size_t size) {\n  std::memmove(dst, src, size);\n}")
set(_memmove_new "void MemMove(char* dst, const void* src, size_t size) {\n  if (size == 64) {  // tollgate: loads then stores, inlined by GCC too (codecs.cmake)\n    uint64_t w[8];\n    for (int i = 0; i < 8; ++i) std::memcpy(&w[i], static_cast<const char*>(src) + 8 * i, 8);\n    for (int i = 0; i < 8; ++i) std::memcpy(dst + 8 * i, &w[i], 8);\n    return;\n  }\n  std::memmove(dst, src, size);\n}")
string(FIND "${_snappy_cc}" "${_memmove_old}" _memmove_at)
if(_memmove_at EQUAL -1)
  message(FATAL_ERROR "codecs.cmake: ${_src}/snappy/snappy.cc has no MemMove(char*, ...) as snappy 1.1.9 wrote it; update the patch")
endif()
string(REPLACE "${_memmove_old}" "${_memmove_new}" _snappy_cc "${_snappy_cc}")
file(WRITE "${_snappy_gen}/snappy.cc" "${_snappy_cc}")
add_library(tollgate_google_snappy STATIC
  ${_snappy_gen}/snappy.cc ${_src}/snappy/snappy-sinksource.cc ${_src}/snappy/snappy-stubs-internal.cc)
target_include_directories(tollgate_google_snappy SYSTEM PUBLIC "${_snappy_gen}" "${_src}")
target_include_directories(tollgate_google_snappy SYSTEM PRIVATE "${_src}/snappy")
target_compile_definitions(tollgate_google_snappy PRIVATE HAVE_CONFIG_H=1)
target_compile_options(tollgate_google_snappy PRIVATE -w)
# snappy 1.1.9 (Debian 12's) extends a copy's pattern with dst[i - offset], where
# i - offset wraps as a size_t: a pointer overflow UBSan reports, never an access
# outside the buffer (the sum lands before dst, inside the output). Fixed upstream
# in google/snappy#148 (1.1.10). That one check is off for this library alone;
# AddressSanitizer still watches every access it makes (the fuzz preset found it:
# fuzz/corpus/parquet_reader/regress-snappy-pointer-overflow).
if(NOT EMSCRIPTEN)
  target_compile_options(tollgate_google_snappy PRIVATE -fno-sanitize=pointer-overflow)
endif()

# The compressors, for the tests only (they write pages in every codec), from
# the same libraries.
if(TOLLGATE_BUILD_TESTS)
  file(GLOB _brotli_enc "${_src}/brotli/c/enc/*.c")
  add_library(tollgate_codec_compressors STATIC
    ${_src}/zstd/lib/common/debug.c ${_src}/zstd/lib/compress/fse_compress.c ${_src}/zstd/lib/compress/hist.c
    ${_src}/zstd/lib/compress/huf_compress.c ${_src}/zstd/lib/compress/zstd_compress.c
    ${_src}/zstd/lib/compress/zstd_compress_literals.c ${_src}/zstd/lib/compress/zstd_compress_sequences.c
    ${_src}/zstd/lib/compress/zstd_compress_superblock.c ${_src}/zstd/lib/compress/zstd_double_fast.c
    ${_src}/zstd/lib/compress/zstd_fast.c ${_src}/zstd/lib/compress/zstd_lazy.c ${_src}/zstd/lib/compress/zstd_ldm.c
    ${_src}/zstd/lib/compress/zstd_opt.c
    ${_src}/zlib/deflate.c ${_src}/zlib/trees.c
    ${_brotli_enc})
  target_link_libraries(tollgate_codec_compressors PUBLIC tollgate_codecs)
  target_compile_definitions(tollgate_codec_compressors PRIVATE
    ZSTD_DISABLE_ASM=1 ZSTD_LEGACY_SUPPORT=0 XXH_NAMESPACE=ZSTD_ DEBUGLEVEL=0 NDEBUG BROTLI_BUILD_PORTABLE)
  set_target_properties(tollgate_codec_compressors PROPERTIES C_STANDARD 99)
  target_compile_options(tollgate_codec_compressors PRIVATE -w)
endif()

# The snappy decoder we wrote first against Google's, on the same pages: the
# measurement behind the choice in snappy.h (natively and under Node).
if(TOLLGATE_BUILD_TESTS)
  add_executable(parquet_snappy_compare tools/snappy_compare.cc)
  target_link_libraries(parquet_snappy_compare PRIVATE tollgate_parquet tollgate_google_snappy)
  tollgate_link_core(parquet_snappy_compare)
  set_target_properties(parquet_snappy_compare PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
  if(EMSCRIPTEN)
    target_link_options(parquet_snappy_compare PRIVATE -sENVIRONMENT=node -sEXIT_RUNTIME=1 -sWASM_ASYNC_COMPILATION=0)
  endif()
endif()
