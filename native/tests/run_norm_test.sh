#!/usr/bin/env bash
# native/tests/norm_test.cc with native/cpu/norm_kernels.cc, per kernel set the CPU has, under ASan + UBSan:
# layer_norm's forward and one-pass backward (row blocks, a broadcast grad row) on exact-size buffers.
exec "$(dirname "${BASH_SOURCE[0]}")/asan_kernel_test.sh" norm_test "default avx2 avx512" cpu/norm_kernels.cc core/parallel.cc
