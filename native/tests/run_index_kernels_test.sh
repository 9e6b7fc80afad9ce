#!/usr/bin/env bash
# native/tests/index_kernels_test.cc with native/cpu/index_kernels.cc, per kernel set (default / avx2 / avx512 as the build
# compiles them), under ASan + UBSan: bad indices must be reported, never read or written through (Note [Fused index
# checks]), at both index widths.
exec "$(dirname "${BASH_SOURCE[0]}")/asan_kernel_test.sh" index_kernels_test "default avx2 avx512" cpu/index_kernels.cc core/parallel.cc
