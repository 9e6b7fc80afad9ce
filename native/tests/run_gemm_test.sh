#!/usr/bin/env bash
# Builds native/tests/gemm_test.cc once per ISA (default / avx2 / avx512, each as the build compiles
# gemm_kernels.cc) with the system g++ into a temp dir, runs the correctness checks, then the benchmark.
# Usage: run_gemm_test.sh [--no-bench] [--bench-only] [isa ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
native="$(cd "$here/.." && pwd)"
out="$(mktemp -d /tmp/tg_gemm_test.XXXXXX)"
trap 'rm -rf "$out"' EXIT
CXX="${CXX:-g++}"
args=()
isas=()
for a in "$@"; do
  case "$a" in
    --*) args+=("$a") ;;
    *) isas+=("$a") ;;
  esac
done
if [ ${#isas[@]} -eq 0 ]; then
  case "$(uname -m)" in
    x86_64) isas=(default avx2 avx512) ;;
    aarch64 | arm64) isas=(neon) ;;
    *) isas=(default) ;;
  esac
fi

cpu_has() { grep -qw "$1" /proc/cpuinfo 2>/dev/null; }

common=(-std=c++17 -O3 -Wall -Wextra -I"$native" -pthread)
"$CXX" "${common[@]}" -c "$native/core/parallel.cc" -o "$out/parallel.o"
status=0
for isa in "${isas[@]}"; do
  case "$isa" in
    default) flags=(-DTG_CPU_DEFAULT=1) ;;
    avx2) flags=(-DTG_CPU_AVX2=1 -mavx2 -mfma -mf16c); need=(avx2 fma) ;;
    avx512) flags=(-DTG_CPU_AVX512=1 -mavx512f -mavx512dq -mavx512vl -mavx512bw -mavx2 -mfma -mf16c)
            need=(avx512f avx512dq avx512vl avx512bw) ;;
    neon) flags=(-DTG_CPU_NEON=1) ;;
    *) echo "unknown isa $isa" >&2; exit 2 ;;
  esac
  skip=0
  if [ "$isa" = avx2 ] || [ "$isa" = avx512 ]; then
    for f in "${need[@]}"; do cpu_has "$f" || skip=1; done
  fi
  if [ $skip = 1 ]; then echo "[cpu_$isa] skipped: CPU lacks the instruction set"; continue; fi
  ns="-DTG_CPU_NS=cpu_$isa"
  "$CXX" "${common[@]}" "$ns" "${flags[@]}" -c "$native/cpu/gemm_kernels.cc" -o "$out/gemm_$isa.o"
  "$CXX" "${common[@]}" "$ns" -c "$here/gemm_test.cc" -o "$out/test_$isa.o"
  "$CXX" -pthread "$out/test_$isa.o" "$out/gemm_$isa.o" "$out/parallel.o" -o "$out/gemm_test_$isa"
  "$out/gemm_test_$isa" "${args[@]+"${args[@]}"}" || status=1
done
if [ $status = 0 ]; then echo "gemm_test: all passed"; else echo "gemm_test: FAILURES"; fi
exit $status
