#!/usr/bin/env bash
# Builds native/tests/conv_pool_test.cc with native/cpu/conv_kernels.cc (and the GEMM it falls back to) and
# pool_kernels.cc once per ISA the CPU has, under AddressSanitizer + UBSan with the system g++, and runs it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"
out="$(mktemp -d /tmp/tg_conv_pool_test.XXXXXX)"
trap 'rm -rf "$out"' EXIT
CXX="${CXX:-g++}"
san=(-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
isas=(default)
grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo && isas+=(avx2)
grep -qw avx512bw /proc/cpuinfo 2>/dev/null && isas+=(avx512)
# TG_NATIVE_TEST_ISAS="default avx512" limits the sets (scripts/test-asan.sh passes the sets its addon has).
[ -n "${TG_NATIVE_TEST_ISAS:-}" ] && read -r -a isas <<< "$TG_NATIVE_TEST_ISAS"
status=0
for isa in "${isas[@]}"; do
  case "$isa" in
    default) flags=(-DTG_CPU_DEFAULT=1) ;;
    avx2) flags=(-DTG_CPU_AVX2=1 -mavx2 -mfma -mf16c) ;;
    avx512) flags=(-DTG_CPU_AVX512=1 -mavx512f -mavx512dq -mavx512vl -mavx512bw -mavx2 -mfma -mf16c) ;;
  esac
  "$CXX" -std=c++17 "${san[@]}" -I"$native" -pthread "-DTG_CPU_NS=cpu_$isa" "${flags[@]}" \
    "$native/cpu/conv_kernels.cc" "$native/cpu/gemm_kernels.cc" "$native/cpu/pool_kernels.cc" "$native/core/parallel.cc" \
    "$here/conv_pool_test.cc" -o "$out/t_$isa"
  echo "[cpu_$isa]"
  ASAN_OPTIONS=detect_leaks=0 "$out/t_$isa" || status=1
done
exit $status
