#!/usr/bin/env bash
# Builds native/tests/index_kernels_test.cc with native/cpu/index_kernels.cc once per ISA (default / avx512 as
# the build compiles it) under AddressSanitizer + UBSan with the system g++, and runs it: bad indices must be
# reported, never read or written through (Note [Fused index checks]), at both index widths.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"
out="$(mktemp -d /tmp/tg_index_test.XXXXXX)"
trap 'rm -rf "$out"' EXIT
CXX="${CXX:-g++}"
san=(-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
isas=(default)
grep -qw avx512bw /proc/cpuinfo 2>/dev/null && isas+=(avx512)
status=0
for isa in "${isas[@]}"; do
  case "$isa" in
    default) flags=(-DTG_CPU_DEFAULT=1) ;;
    avx512) flags=(-DTG_CPU_AVX512=1 -mavx512f -mavx512dq -mavx512vl -mavx512bw -mavx2 -mfma -mf16c) ;;
  esac
  "$CXX" -std=c++17 "${san[@]}" -I"$native" -pthread "-DTG_CPU_NS=cpu_$isa" "${flags[@]}" \
    "$native/cpu/index_kernels.cc" "$native/core/parallel.cc" "$here/index_kernels_test.cc" -o "$out/t_$isa"
  echo "[cpu_$isa]"
  ASAN_OPTIONS=detect_leaks=0 "$out/t_$isa" || status=1
done
exit $status
