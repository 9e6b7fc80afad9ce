#!/usr/bin/env bash
# Builds native/tests/TEST.cc with the given native/ sources once per kernel set, under AddressSanitizer + UBSan
# with the system g++, and runs each build. The run_*_test.sh scripts beside it call this.
#   asan_kernel_test.sh TEST "SETS" SOURCE...
# SETS: the kernel sets the test covers (default avx2 avx512); a set runs when the CPU has it and, if
# TG_NATIVE_TEST_ISAS is set (scripts/test-asan.sh passes the sets its addon has), when that lists it too.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"
test="$1"
read -r -a sets <<< "$2"
shift 2
out="$(mktemp -d "/tmp/tg_${test}.XXXXXX")"
trap 'rm -rf "$out"' EXIT
CXX="${CXX:-g++}"
san=(-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
cpu_has() {
  case "$1" in
    default) true ;;
    avx2) grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo ;;
    avx512) grep -qw avx512bw /proc/cpuinfo 2>/dev/null ;;
    *) false ;;
  esac
}
read -r -a allowed <<< "${TG_NATIVE_TEST_ISAS:-default avx2 avx512}"
sources=()
for s in "$@"; do sources+=("$native/$s"); done
status=0
for isa in "${sets[@]}"; do
  cpu_has "$isa" || continue
  [[ " ${allowed[*]} " == *" $isa "* ]] || continue
  case "$isa" in
    default) flags=(-DTG_CPU_DEFAULT=1) ;;
    avx2) flags=(-DTG_CPU_AVX2=1 -mavx2 -mfma -mf16c) ;;
    avx512) flags=(-DTG_CPU_AVX512=1 -mavx512f -mavx512dq -mavx512vl -mavx512bw -mavx2 -mfma -mf16c) ;;
  esac
  "$CXX" -std=c++17 "${san[@]}" -I"$native" -pthread "-DTG_CPU_NS=cpu_$isa" "${flags[@]}" \
    "${sources[@]}" "$here/$test.cc" -o "$out/t_$isa"
  echo "[cpu_$isa]"
  ASAN_OPTIONS=detect_leaks=0 "$out/t_$isa" || status=1
done
exit $status
