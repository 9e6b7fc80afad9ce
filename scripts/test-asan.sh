#!/usr/bin/env bash
# npm run test:asan: builds the addon with AddressSanitizer + UBSan (cmake-js, TG_SANITIZE=ON) into build-asan/
# and runs the vitest suite against it (TG_ADDON_PATH). Must end with zero sanitizer reports.
#   TG_ASAN_ALL=1      run the whole suite (default: the whole suite minus the long timing-only files, see below)
#   TG_ASAN_SKIP_BUILD=1  reuse an existing build-asan/
#   (UBSan instruments the addon and the default kernel set; the wide sets get ASan only, see CMakeLists.txt.)
#   TG_ASAN_KERNEL_SET=all|default|avx2|avx512  the kernel sets to instrument besides the default one (default: the
#                      one this CPU runs, as named by the normal build; Note [One kernel set] in native/cpu/dispatch.cc).
#                      Two sets instead of three; the third is the same source under other -m flags, and native/tests
#                      (below) runs the index, conv and pool kernels of the default and AVX-512 sets under ASan.
# Arguments go to vitest: `npm run test:asan -- test/ops/views.test.ts test/robustness` runs only those files.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=build-asan
KERNEL_SET="${TG_ASAN_KERNEL_SET:-$(node -p "require('./dist/index.js').backends.cpu.capability()" 2>/dev/null || echo all)}"
[ "$KERNEL_SET" = all ] && KERNEL_SET=""
if [ "${TG_ASAN_SKIP_BUILD:-0}" != 1 ]; then
  echo "test:asan: kernel set: ${KERNEL_SET:-all}"
  npx cmake-js build --out "$OUT" --CDTG_SANITIZE=ON --CDTG_KERNEL_SET="$KERNEL_SET" --parallel "${TG_JOBS:-2}"
fi
# Kernel tests on exact-size buffers under ASan + UBSan (native/tests), for the kernel sets the addon above has
# (default and this CPU's): the index kernels' fused checks, bad indices at every position class; the direct conv
# kernels and the max-pool backward scatter; layer_norm's forward and one-pass backward. Each is compiled with
# g++ on its own, so the three run side by side (a compile per set is most of their time).
export TG_NATIVE_TEST_ISAS="default${KERNEL_SET:+ $KERNEL_SET}"
[ -z "$KERNEL_SET" ] && unset TG_NATIVE_TEST_ISAS
NT_DIR="$(mktemp -d)"
native/tests/run_index_kernels_test.sh > "$NT_DIR/index.log" 2>&1 & p1=$!
native/tests/run_conv_pool_test.sh > "$NT_DIR/conv_pool.log" 2>&1 & p2=$!
native/tests/run_norm_test.sh > "$NT_DIR/norm.log" 2>&1 & p3=$!
nt_status=0
for p in $p1 $p2 $p3; do wait "$p" || nt_status=1; done
cat "$NT_DIR"/index.log "$NT_DIR"/conv_pool.log "$NT_DIR"/norm.log
rm -rf "$NT_DIR"
[ $nt_status -eq 0 ] || { echo "test:asan: a native kernel test failed" >&2; exit 1; }
ADDON="$PWD/$OUT/Release/tensorgrad.node"
[ -f "$ADDON" ] || { echo "test:asan: $ADDON was not built" >&2; exit 1; }
ASAN_LIB="$(g++ -print-file-name=libasan.so)"
[ -f "$ASAN_LIB" ] || { echo "test:asan: libasan.so not found (g++ -print-file-name=libasan.so)" >&2; exit 1; }
LOG_DIR="$(mktemp -d)"
# A Node addon needs the ASan runtime loaded first. Node itself leaks at exit (detect_leaks=0); huge allocations
# must fail as RangeError instead of aborting (allocator_may_return_null=1). Reports go to files we check.
export LD_PRELOAD="$ASAN_LIB"
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:abort_on_error=1:log_path=$LOG_DIR/asan"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$LOG_DIR/ubsan"
export TG_ADDON_PATH="$ADDON"
# The memory-plateau file measures RSS, which ASan's quarantine and shadow memory distort: it runs without ASan
# (so does the streaming load's peak-RSS case in safe_files.test.ts, which reads TG_ASAN). The install-step test
# loads the addon in a child whose environment is bare (no LD_PRELOAD), which an ASan-built addon cannot do; it
# runs in the normal suite. test/meta checks sources, typings, build files and a g++-built Vec test, none of which
# loads the addon's kernels: it runs in the normal suite only (it was 17 s of the suite, longer under ASan).
# The ports (test/ports: whole programs such as three epochs of word_language_model, each compared line by line
# with PyTorch's printed output) run in the normal suite only: they call no kernel that the op, nn and robustness
# tests do not call on edge sizes, and the -O1 build rounds long float32 trainings differently in the last
# printed digit, which is not what this run checks.
export TG_ASAN=1
ARGS=(--exclude test/robustness/memory.test.ts --exclude 'test/meta/**' --exclude 'test/ports/**')
[ "${TG_ASAN_ALL:-0}" = 1 ] && ARGS=()
status=0
CI= npx vitest run "${ARGS[@]}" "$@" || status=$?  # CI unset: keep the main run's test-results.json
# allocator_may_return_null=1 logs a WARNING for each refused huge allocation (the RangeError tests): not a report.
if compgen -G "$LOG_DIR/*" > /dev/null && grep -lE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: " "$LOG_DIR"/* > /dev/null; then
  echo "test:asan: sanitizer reports:" >&2
  grep -v "WARNING: AddressSanitizer failed to allocate" "$LOG_DIR"/* >&2
  status=1
else
  echo "test:asan: zero sanitizer reports"
fi
exit $status
