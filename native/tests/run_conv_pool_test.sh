#!/usr/bin/env bash
# native/tests/conv_pool_test.cc with native/cpu/conv_kernels.cc (and the GEMM it falls back to) and pool_kernels.cc,
# per kernel set the CPU has, under ASan + UBSan: the direct conv kernels and the max-pool backward scatter on
# exact-size buffers.
exec "$(dirname "${BASH_SOURCE[0]}")/asan_kernel_test.sh" conv_pool_test "default avx2 avx512" \
  cpu/conv_kernels.cc cpu/gemm_kernels.cc cpu/pool_kernels.cc core/parallel.cc
